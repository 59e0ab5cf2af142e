"""The timeline view: zoom, pan, select, tooltips, drops and the marks it draws."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication

from argline.gui.timeline.event_paint import PaintState
from argline.gui.timeline.paint import paint_frame
from argline.gui.timeline.tooltips import describe_event, literal
from argline.gui.timeline.view import CLAIM_MIME, TimelineView
from argline.layout.time_warp import ScaleKind
from argline.store import Store

SUMMIT = "helsinki-summit-2018"
TREATY = "alaska-treaty"
CAATSA = "caatsa-2017"


@pytest.fixture
def view(qtbot, seeded_store: Store) -> TimelineView:
    shown = TimelineView()
    qtbot.addWidget(shown)
    shown.resize(1400, 600)
    shown.show()
    qtbot.waitExposed(shown)
    shown.load(seeded_store)
    return shown


def _point_of(view: TimelineView, key: str) -> QPoint:
    position = view.content.position(key)
    placed = view._layout().placed(position)
    assert placed is not None, f"{key} is not drawn"
    return QPoint(round(placed.x), round(placed.y))


def _wheel(view: TimelineView, x: float, notches: float) -> None:
    point = QPointF(x, view.height() / 2)
    event = QWheelEvent(
        point,
        view.mapToGlobal(point),
        QPoint(),
        QPoint(0, round(120 * notches)),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


def test_zooming_in_changes_the_tick_unit(view: TimelineView) -> None:
    coarse = view.tick_unit()
    units = [coarse]
    for _ in range(60):
        _wheel(view, 1300, 1)
        units.append(view.tick_unit())
    assert coarse in {"decade", "5 years", "10 years", "20 years"}
    assert units[-1] in {"day", "hour", "3 hours", "6 hours", "12 hours"}
    assert len(set(units)) >= 5
    view.fit_all()
    assert view.tick_unit() == coarse


def test_the_lanes_are_indexed_for_zooming_while_the_window_is_idle(
    qtbot, view: TimelineView
) -> None:
    # Opening leaves each lane's tiers (what a zoom into part of it needs) to idle time.
    index = view._frames.index
    qtbot.waitUntil(lambda: not view._indexing.isActive())
    assert not index.index_next_lane(), "a lane was left without its tiers"


def test_zooming_keeps_the_date_under_the_pointer(view: TimelineView) -> None:
    start, end = view.visible_range()
    under = start + (end - start) * 1000 / view.width()
    _wheel(view, 1000, 3)
    start, end = view.visible_range()
    assert start + (end - start) * 1000 / view.width() == pytest.approx(under, abs=1.0)


def test_dragging_and_arrow_keys_pan_the_visible_range(qtbot, view: TimelineView) -> None:
    start, end = view.visible_range()
    press = QPointF(700, 10)
    for kind, point, buttons in (
        (QMouseEvent.Type.MouseButtonPress, press, Qt.MouseButton.LeftButton),
        (QMouseEvent.Type.MouseMove, QPointF(800, 10), Qt.MouseButton.LeftButton),
        (QMouseEvent.Type.MouseButtonRelease, QPointF(800, 10), Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(
            kind,
            point,
            view.mapToGlobal(point),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(view, event)
    moved_start, moved_end = view.visible_range()
    days_per_pixel = (end - start) / view.width()
    assert moved_start == pytest.approx(start - 100 * days_per_pixel)
    assert moved_end - moved_start == pytest.approx(end - start)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.visible_range()[0] > moved_start


def test_keys_zoom_and_fit(qtbot, view: TimelineView) -> None:
    span = lambda: view.visible_range()[1] - view.visible_range()[0]  # noqa: E731
    whole = span()
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.NoModifier)
    assert span() < whole
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert span() == pytest.approx(whole)
    view.select_events([SUMMIT])
    qtbot.keyClick(view, Qt.Key.Key_F)
    assert span() < 10
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert span() == pytest.approx(whole)


def test_clicking_an_event_selects_and_emits_it(qtbot, view: TimelineView) -> None:
    view.fit_selection()  # nothing selected: the whole corpus
    summit = _point_of(view, SUMMIT)
    with qtbot.waitSignal(view.selectionChanged) as emitted:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=summit)
    assert emitted.args == [[SUMMIT]]
    assert view.selected_events() == [SUMMIT]
    caatsa = _point_of(view, CAATSA)
    with qtbot.waitSignal(view.selectionChanged) as emitted:
        qtbot.mouseClick(
            view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, pos=caatsa
        )
    assert emitted.args == [[SUMMIT, CAATSA]]
    with qtbot.waitSignal(view.editRequested) as edit:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=_point_of(view, TREATY))
    assert edit.args == [TREATY]


def test_selecting_from_the_window_emits_nothing_and_reveal_shows_the_event(
    qtbot, view: TimelineView
) -> None:
    with qtbot.assertNotEmitted(view.selectionChanged):
        view.select_events([TREATY, "no-such-event"])
        view.highlight_events([SUMMIT])
        view.mark_assessment("expert-insights-2018-07-13")
    assert view.selected_events() == [TREATY]
    view.fit_selection()
    summit = view.content.position(SUMMIT)
    assert not view.visible_range()[0] <= view.content.starts[summit] <= view.visible_range()[1]
    view.reveal([SUMMIT])
    start, end = view.visible_range()
    assert start <= view.content.starts[summit] < view.content.ends[summit] <= end
    assert view.event_at(_point_of(view, SUMMIT)) == SUMMIT


def _drawn(view: TimelineView) -> list[tuple[str, object, float, float]]:
    """Return what a paint of the view's frame draws, as the painter records it."""
    record: list = []
    image = QImage(view.width(), view.height(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    state = PaintState(
        selected=frozenset(view._selected_positions()),
        highlighted=frozenset(view._highlighted_positions()),
        record=record,
    )
    paint_frame(painter, view._layout(), view.content, view._colours, view._fonts, state=state)
    painter.end()
    return record


@pytest.mark.parametrize("light", ["highlight", "select"])
def test_a_lit_event_is_drawn_even_where_its_lane_is_crowded(
    qtbot, view: TimelineView, light: str
) -> None:
    # As tall as the window gives the timeline: at the whole corpus the Summits lane has
    # no room for the summit among July 2018's other events.
    view.resize(1200, 450)
    view.set_time_scale(ScaleKind.LINEAR)  # fitted: the summit among the crowd of 2018
    summit = view.content.position(SUMMIT)
    assert view._layout().placed(summit) is None, "the summit is hidden before it is lit"
    assert ("event", summit) not in {entry[:2] for entry in _drawn(view)}
    if light == "highlight":
        view.highlight_events([SUMMIT])
    else:
        view.select_events([SUMMIT])
    placed = view._layout().placed(summit)
    assert placed is not None
    assert placed.label == view.content.titles[summit]
    assert ("event", summit) in {entry[:2] for entry in _drawn(view)}
    assert view.event_at(QPoint(round(placed.x), round(placed.y))) == SUMMIT
    view.highlight_events([])
    view.select_events([])
    assert view._layout().placed(summit) is None


def test_a_disputed_event_draws_its_source_mark(view: TimelineView) -> None:
    frame = view._layout()
    treaty = frame.placed(view.content.position(TREATY))
    assert treaty is not None
    (ghost,) = treaty.sources
    assert ghost.mark.source == "Expert Insights"
    image = view.grab().toImage()
    background = view.palette().base().color()
    dark = _inked(image, round(ghost.x), round(treaty.y), background)
    between = _inked(image, round((ghost.x + treaty.x) / 2), round(treaty.y), background)
    assert dark >= 4, "the ghost diamond is outlined"
    assert between >= 1, "a dashed line joins it to the accepted date"
    record: list = []
    painted = QImage(view.width(), view.height(), QImage.Format.Format_ARGB32)
    painter = QPainter(painted)
    paint_frame(
        painter, frame, view.content, view._colours, view._fonts, state=PaintState(record=record)
    )
    painter.end()
    assert ("source", view.content.position(TREATY), ghost.x, treaty.y) in record
    tip = describe_event(view.content, view.content.position(TREATY))
    assert "1859 according to Expert Insights" in tip


def test_the_publications_lane_keeps_its_name_when_none_is_in_view(view: TimelineView) -> None:
    _wheel(view, 60, 12)  # the early nineteenth century: no assessment published there
    frame = view._layout()
    assert not frame.publications
    image = view.grab().toImage()
    background = view.palette().base().color()
    top = round(frame.publications_top + frame.metrics.lane_header / 2)
    inked = sum(_inked(image, x, top, background, reach=0) for x in range(16, 140))
    assert inked >= 20, "the lane's name is written"


def _inked(image: QImage, x: int, y: int, background: QColor, reach: int = 5) -> int:
    """Count pixels near (x, y) far darker or lighter than the background."""
    count = 0
    for dx in range(-reach, reach + 1):
        for dy in range(-2, 3):
            colour = image.pixelColor(x + dx, y + dy)
            if abs(colour.lightness() - background.lightness()) > 90:
                count += 1
    return count


def test_dropping_a_claim_on_an_event_emits_claim_dropped(qtbot, view: TimelineView) -> None:
    summit = QPointF(_point_of(view, SUMMIT))
    mime = QMimeData()
    mime.setData(CLAIM_MIME, b"claim-7")
    action = Qt.DropAction.LinkAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(summit.toPoint(), action, mime, buttons, modifiers)
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(summit.toPoint(), action, mime, buttons, modifiers)
    QApplication.sendEvent(view, move)
    assert move.isAccepted()
    assert view._drop_target == view.content.position(SUMMIT)
    with qtbot.waitSignal(view.claimDropped) as dropped:
        QApplication.sendEvent(view, QDropEvent(summit, action, mime, buttons, modifiers))
    assert dropped.args == ["claim-7", SUMMIT]
    assert view._drop_target is None
    nowhere = QDragMoveEvent(QPoint(700, 5), action, mime, buttons, modifiers)
    QApplication.sendEvent(view, nowhere)
    assert not nowhere.isAccepted()


def test_other_drags_are_refused(view: TimelineView) -> None:
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, enter)
    assert not enter.isAccepted()


def test_tooltips_show_titles_from_files_literally() -> None:
    shown = literal("<b>Treaty</b> & co\nline two")
    assert "&lt;b&gt;Treaty&lt;/b&gt; &amp; co" in shown
    assert "<b>" not in shown


def test_an_empty_store_opens_on_a_plain_century(qtbot, store: Store) -> None:
    empty = TimelineView()
    qtbot.addWidget(empty)
    empty.resize(800, 400)
    empty.load(store)
    assert empty.tick_unit()
    assert empty.event_at(QPoint(400, 200)) is None
    empty.grab()


def _differing(one: QImage, other: QImage) -> float:
    """Return the share of pixels whose colours differ by more than a faint tint."""
    assert one.size() == other.size()
    step, differing, counted = 4, 0, 0
    for y in range(0, one.height(), step):
        for x in range(0, one.width(), step):
            a, b = QColor(one.pixel(x, y)), QColor(other.pixel(x, y))
            counted += 1
            differing += (
                max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))
                > 48
            )
    return differing / counted


def test_panning_draws_what_a_frame_drawn_afresh_draws(view: TimelineView) -> None:
    view.select_events([SUMMIT])
    view.reveal([SUMMIT])
    for _ in range(6):
        view.zoom_in()
    # A tile drawn alone on either side of those drawn together, then a stretch packed anew.
    for pixels in (0, 100, -200, -300, 11):
        view._pan(pixels)
        view._hovered = view.content.position(CAATSA)
        layered = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        afresh = QImage(layered.size(), QImage.Format.Format_RGB32)
        painter = QPainter(afresh)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        state = PaintState(selected=frozenset(view._selected_positions()), hovered=view._hovered)
        paint_frame(painter, view._layout(), view.content, view._colours, view._fonts, state=state)
        painter.end()
        assert _differing(layered, afresh) < 0.0005
