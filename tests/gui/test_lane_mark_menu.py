"""A right-click on a lane's name changes its mark: one undoable edit, drawn at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QFontMetricsF, QImage

from argline.gui.main_window import MainWindow
from argline.gui.timeline.view import TimelineView
from argline.model.lanes import LaneMark
from argline.store import Store

ELECTIONS = LaneMark("square", "#E69F00")


@pytest.fixture
def window(qtbot, seeded_store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(seeded_store, settings=settings)
    qtbot.addWidget(shown)
    shown.resize(1400, 900)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.store = None  # the fixture closes the store


def _name_of(timeline: TimelineView, lane: str) -> QPoint:
    (box,) = [box for box in timeline._layout().lanes if box.name == lane]
    return QPoint(30, round(box.top + 2))


def _drawn(view: TimelineView) -> QImage:
    return view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_a_lanes_mark_is_changed_from_its_name_and_undone(window: MainWindow, qtbot) -> None:
    timeline = window.timeline
    assert timeline.lane_mark("Elections") == ELECTIONS
    menu = window.creating.timeline_menu(_name_of(timeline, "Elections"))
    (item,) = [a for a in menu.actions() if a.text() == "Lane Mark…"]
    assert item.isEnabled()
    # Among the events, below the lane's name, the menu offers no lane mark.
    events_row = _name_of(timeline, "Elections") + QPoint(0, 30)
    assert "Lane Mark…" not in [
        a.text() for a in window.creating.timeline_menu(events_row).actions()
    ]
    before = _drawn(timeline)
    dialog = window.creating.lane_mark("Elections")
    dialog.symbol.setCurrentIndex(dialog.symbol.findData("star"))
    dialog.colour.setCurrentIndex(dialog.colour.findData("#009E73"))
    dialog.accept()
    chosen = LaneMark("star", "#009E73")
    assert timeline.lane_mark("Elections") == chosen
    assert window.history.stack.undoText() == "Lane mark"
    after = _drawn(timeline)
    assert after != before
    # The glyph beside the lane's name, in the new colour.
    (box,) = [box for box in timeline._layout().lanes if box.name == "Elections"]
    ascent = QFontMetricsF(timeline._fonts.small).ascent()
    glyph = QPoint(8, round(box.top + 2 + ascent / 2))
    assert after.pixelColor(glyph).name().upper() == "#009E73"
    window.undo()
    assert timeline.lane_mark("Elections") == ELECTIONS
    assert _unlike(_drawn(timeline), before) == 0


def _unlike(one: QImage, other: QImage) -> int:
    """Return how many pixels differ by more than 2/255 in a channel: a view's first frame
    of a stretch is drawn straight, later ones from tiles, which may differ by that much
    where the edges of shapes are smoothed."""
    assert one.size() == other.size()
    unlike = 0
    for y in range(one.height()):
        for x in range(one.width()):
            a, b = one.pixelColor(x, y), other.pixelColor(x, y)
            unlike += (
                max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))
                > 2
            )
    return unlike
