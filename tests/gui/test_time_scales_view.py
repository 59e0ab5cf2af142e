"""The timeline on each scale, as a user meets it: the first view, switching, dates, zoom."""

from __future__ import annotations

import pytest

from argline.gui.timeline.view import TimelineView
from argline.layout.time_warp import ScaleKind
from argline.model.dates import HistoricalDate
from argline.model.entities import Event
from argline.ops.event_edits import AddEvent
from argline.ops.running import run
from argline.store import Store

SUMMIT = "helsinki-summit-2018"
TREATY = "alaska-treaty"


def _shown(qtbot, store: Store, width: int, height: int) -> TimelineView:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    view.load(store)
    return view


def _labelled(view: TimelineView) -> int:
    titles = view.content.titles
    return sum(placed.label == titles[placed.event] for placed in view._layout().events)


def test_the_first_view_labels_more_of_the_seed_than_the_linear_scale(
    qtbot, seeded_store: Store
) -> None:
    view = _shown(qtbot, seeded_store, 1000, 420)
    chosen, labelled = view.time_scale, _labelled(view)
    view.set_time_scale(ScaleKind.LINEAR)
    assert chosen is not ScaleKind.LINEAR
    assert labelled > _labelled(view)


def test_a_wide_window_keeps_the_chronological_scale_when_it_labels_everything(
    qtbot, store: Store
) -> None:
    for n, year in enumerate((1990, 2000, 2010)):
        run(store, AddEvent(Event(f"e{n}", f"Event {n}", HistoricalDate(year))))
    view = _shown(qtbot, store, 1400, 600)
    assert view.time_scale is ScaleKind.LINEAR
    assert _labelled(view) == 3


@pytest.mark.parametrize("kind", list(ScaleKind))
def test_every_scale_keeps_the_selection_and_names_the_date_under_the_pointer(
    qtbot, seeded_store: Store, kind: ScaleKind
) -> None:
    view = _shown(qtbot, seeded_store, 1400, 600)
    view.select_events([SUMMIT])
    view.set_time_scale(kind)
    assert view.selected_events() == [SUMMIT]
    placed = view._layout().placed(view.content.position(SUMMIT))
    assert placed is not None, "the selected event is drawn on every scale"
    pointed = view.date_at(placed.x)
    assert pointed.axis_start() <= HistoricalDate(2018, 7, 16, precision=6).axis_start() + 1
    assert pointed.year == 2018
    start, end = view.visible_range()  # in days, whatever the scale
    assert start < HistoricalDate(1807).axis_start()
    assert end > pointed.axis_start()
    assert (view._layout().caption == "") == (kind is ScaleKind.LINEAR)


def test_the_collapsed_scale_breaks_the_empty_century(qtbot, seeded_store: Store) -> None:
    view = _shown(qtbot, seeded_store, 1600, 700)
    view.set_time_scale(ScaleKind.COLLAPSED)
    frame = view._layout()
    assert "1868–1974" in [placed.label for placed in frame.breaks]
    # No event is drawn inside a break.
    for placed in frame.events:
        for gap in frame.breaks:
            assert not gap.left < placed.x < gap.right


def test_zooming_out_stops_at_everything_in_view(qtbot, seeded_store: Store) -> None:
    view = _shown(qtbot, seeded_store, 1400, 600)
    fitted = view.visible_range()
    for _ in range(30):
        view.zoom_out()
    assert view.visible_range() == pytest.approx(fitted)


def test_a_logarithmic_scale_counts_from_the_selected_event(qtbot, seeded_store: Store) -> None:
    view = _shown(qtbot, seeded_store, 1400, 600)
    view.select_events([TREATY])
    view.set_time_scale(ScaleKind.LOG)
    labels = [tick.label for tick in view._layout().ticks.minor if tick.label]
    assert "30 March 1867" in labels
    assert any(label.endswith("after") for label in labels)


def test_the_view_menu_switches_the_scale_and_shows_the_one_on(
    qtbot, seeded_store: Store, tmp_path
) -> None:
    from PySide6.QtCore import QSettings

    from argline.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(seeded_store, settings=settings)
    qtbot.addWidget(window)
    window.show()
    choices = window.scale_menu.choices
    assert choices[window.timeline.time_scale].isChecked()
    choices[ScaleKind.SEQUENTIAL].trigger()
    assert window.timeline.time_scale is ScaleKind.SEQUENTIAL
    window.timeline.set_time_scale(ScaleKind.COLLAPSED)
    assert choices[ScaleKind.COLLAPSED].isChecked()
    assert not choices[ScaleKind.SEQUENTIAL].isChecked()
    window.store = None  # the fixture closes the store


def test_a_view_loaded_before_it_is_laid_out_chooses_again_at_its_width(
    qtbot, seeded_store: Store
) -> None:
    # A window loads its store before it shows and lays out its docks.
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(120, 420)
    view.load(seeded_store)
    view.resize(1000, 420)
    view.show()
    qtbot.waitExposed(view)
    chosen, labelled = view.time_scale, _labelled(view)
    assert chosen is not ScaleKind.LINEAR
    fresh = _shown(qtbot, seeded_store, 1000, 420)
    assert (fresh.time_scale, _labelled(fresh)) == (chosen, labelled)


def test_once_the_user_zooms_a_resize_keeps_the_scale_and_the_range(
    qtbot, seeded_store: Store
) -> None:
    view = _shown(qtbot, seeded_store, 1000, 420)
    view.set_time_scale(ScaleKind.LINEAR)
    view.zoom_in()
    shown = view.visible_range()
    view.resize(1400, 420)
    assert view.time_scale is ScaleKind.LINEAR
    assert view.visible_range() == pytest.approx(shown)


@pytest.mark.parametrize("width", [1024, 1200, 1600])
def test_no_era_label_or_axis_label_runs_into_a_break(
    qtbot, seeded_store: Store, width: int
) -> None:
    view = _shown(qtbot, seeded_store, width, 600)
    view.set_time_scale(ScaleKind.COLLAPSED)
    frame = view._layout()
    breaks = [(gap.left, gap.right) for gap in frame.breaks]
    named = [(gap.label_x, gap.label_x + gap.label_width) for gap in frame.breaks if gap.label]
    measure = view._fonts.label_metrics.horizontalAdvance
    for era in frame.eras:
        if era.label:
            end = era.label_x + measure(era.label)
            assert era.left <= era.label_x
            assert end <= era.right
            for left, right in breaks:
                assert not (era.label_x < right and left < end), (era.era.title, left, right)
    labelled = [t for t in (*frame.ticks.major, *frame.ticks.minor) if t.label]
    for tick in labelled:
        for left, right in named:
            assert not (tick.label_x < right and left < tick.label_x + tick.label_width), tick.label
    assert any(era.label for era in frame.eras)
