"""The first window fits a laptop's screen, gives the timeline and the map most of the
width, and keeps every view in its place while the user selects.

Qt's offscreen platform takes its screens from a file (``configfile=``), once a process:
so each screen size runs the tests marked below in a child pytest on a screen of that
size, where ``ARGLINE_FIT_SCREEN`` names it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from argline.gui.main_window import MainWindow
from argline.gui.window_layout import SIDE_COLUMN
from argline.store import Store

SCREEN = os.environ.get("ARGLINE_FIT_SCREEN")  # "1366x768" in a child, else None
VIEWS_SHARE = 0.6  # of the screen's width, the least the timeline and the map get
SUMMIT = "helsinki-summit-2018"
CONTENTION = "ch-main"

on_a_sized_screen = pytest.mark.skipif(
    SCREEN is None, reason="run by test_the_window_fits_the_screen on a screen of a size"
)


@pytest.mark.slow
@pytest.mark.parametrize("size", ["1366x768", "1600x1000"])
def test_the_window_fits_the_screen(size: str, tmp_path: Path) -> None:
    width, height = (int(n) for n in size.split("x"))
    screen = {"name": size, "x": 0, "y": 0, "width": width, "height": height}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    child = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__),
            *("-k", "on_the_screen", f"--basetemp={tmp_path / 'child'}"),
        ],
        check=False,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
            "ARGLINE_FIT_SCREEN": size,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == 0, child.stdout[-3000:] + child.stderr[-2000:]
    assert " passed" in child.stdout
    assert " skipped" not in child.stdout


@pytest.fixture
def window(qtbot, seeded_store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(seeded_store, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    least = SIDE_COLUMN[1]
    qtbot.waitUntil(lambda: shown.browser_dock.width() >= least)  # the first layout is done
    yield shown
    shown.store = None  # the fixture closes the store


def _on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def _places(window: MainWindow) -> dict[str, QRect]:
    """Where each part of the window is on the screen."""
    parts: dict[str, QWidget] = {
        "timeline": window.timeline,
        "map": window.map,
        "reader": window.reader,
        "assessments": window.browser_dock,
        "outline": window.browser.tree,
        "inspector": window.inspector_dock,
        "status bar": window.statusBar(),
        "menu bar": window.menuBar(),
    }
    return {name: _on_screen(widget) for name, widget in parts.items()}


@on_a_sized_screen
def test_on_the_screen_every_part_of_the_window_is_seen(window: MainWindow) -> None:
    screen = QApplication.primaryScreen()
    assert f"{screen.size().width()}x{screen.size().height()}" == SCREEN
    available = screen.availableGeometry()
    assert available.contains(window.frameGeometry())
    for name, place in _places(window).items():
        assert available.contains(place), f"{name} at {place} is off {available}"


@on_a_sized_screen
def test_on_the_screen_the_timeline_and_the_map_take_most_of_the_width(
    window: MainWindow,
) -> None:
    wide = QApplication.primaryScreen().size().width()
    places = _places(window)
    assert places["timeline"].width() >= VIEWS_SHARE * wide
    views = places["map"].united(places["reader"])
    assert views.width() >= VIEWS_SHARE * wide
    assert places["map"].width() > places["reader"].width()


@on_a_sized_screen
def test_on_the_screen_nothing_moves_while_the_user_selects(qtbot, window: MainWindow) -> None:
    before = _places(window)
    window.timeline.selectionChanged.emit([SUMMIT])  # the inspector fills with an event
    assert window.inspector.kind == "event"
    window.map.claimsSelected.emit([CONTENTION])  # a claim, the longer page
    assert window.inspector.kind == "claim"
    window.browser.claimsSelected.emit([CONTENTION])
    window.timeline.selectionChanged.emit([SUMMIT])  # the outline says what rests on it
    window.say("A passing message " * 12)
    QApplication.processEvents()
    moved = {
        name: (before[name], now) for name, now in _places(window).items() if now != before[name]
    }
    assert not moved


@on_a_sized_screen
def test_on_the_screen_a_size_kept_from_a_larger_screen_is_not_restored(
    qtbot, window: MainWindow, seeded_store: Store
) -> None:
    available = QApplication.primaryScreen().availableGeometry()
    window.showNormal()
    window.setGeometry(QRect(40, 30, available.width() + 200, available.height() + 150))
    window.close()  # what a larger screen left in the settings
    again = MainWindow(seeded_store, settings=window.settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: available.contains(again.frameGeometry()))  # maximised at last
    assert again.timeline.width() >= VIEWS_SHARE * available.width()
    again.store = None
