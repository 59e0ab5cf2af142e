"""View ▸ Theme: System, Light or Dark, shown at once and kept for the next start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QMenu

from argline.gui.main_window import MainWindow
from argline.gui.theme import THEME_VARIABLE, apply_theme, shown_theme
from argline.store import Store


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    """The application, its palette and theme put back after the test."""
    monkeypatch.delenv(THEME_VARIABLE, raising=False)
    running = QApplication.instance()
    assert isinstance(running, QApplication)
    palette, theme = running.palette(), running.property("argline-theme")
    yield running
    running.setProperty("argline-theme", theme)
    running.setPalette(palette)


@pytest.fixture
def window(qtbot, seeded_store: Store, settings: QSettings, app) -> Iterator[MainWindow]:
    apply_theme(app, settings)
    shown = MainWindow(seeded_store, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.store = None  # the fixture closes the store


def _theme_menu(window: MainWindow) -> QMenu:
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    return next(a.menu() for a in view.actions() if a.text() == "&Theme")


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 60


def test_view_theme_offers_system_light_and_dark(window: MainWindow) -> None:
    menu = _theme_menu(window)
    assert [a.text() for a in menu.actions()] == ["&System", "&Light", "&Dark"]
    assert [a.isChecked() for a in menu.actions()] == [True, False, False]


def test_choosing_dark_repaints_the_window_at_once_and_is_kept(
    qtbot, window: MainWindow, settings: QSettings, app: QApplication
) -> None:
    dark = next(a for a in _theme_menu(window).actions() if a.text() == "&Dark")
    dark.trigger()
    assert _is_dark(app.palette())
    qtbot.waitUntil(lambda: _is_dark(window.map.palette()))  # the views hear of it
    assert _is_dark(window.timeline.palette())
    assert _is_dark(window.inspector.palette())
    assert dark.isChecked()
    assert QSettings(settings.fileName(), QSettings.Format.IniFormat).value("view/theme") == "dark"


def test_the_theme_kept_is_shown_at_the_next_start(
    qtbot, seeded_store: Store, settings: QSettings, app: QApplication
) -> None:
    settings.setValue("view/theme", "dark")
    apply_theme(app, settings)  # what starting Argline does
    assert _is_dark(app.palette())
    again = MainWindow(seeded_store, settings=settings)
    qtbot.addWidget(again)
    checked = [a.text() for a in _theme_menu(again).actions() if a.isChecked()]
    assert checked == ["&Dark"]
    again.store = None


def test_choosing_light_then_system_follows_the_system(
    window: MainWindow, settings: QSettings, app: QApplication
) -> None:
    light, system = (
        next(a for a in _theme_menu(window).actions() if a.text() == text)
        for text in ("&Light", "&System")
    )
    light.trigger()
    assert not _is_dark(app.palette())
    system.trigger()
    assert shown_theme(app) == "system"
    asked_dark = app.styleHints().colorScheme().name == "Dark"
    assert _is_dark(app.palette()) == asked_dark
    assert settings.value("view/theme") == "system"


def test_the_environment_chooses_for_one_run(
    monkeypatch: pytest.MonkeyPatch, settings: QSettings, app: QApplication
) -> None:
    settings.setValue("view/theme", "light")
    monkeypatch.setenv(THEME_VARIABLE, "dark")
    apply_theme(app, settings)
    assert _is_dark(app.palette())
    assert settings.value("view/theme") == "light"  # the setting is left as it was
