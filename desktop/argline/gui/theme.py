"""Light or dark: View ▸ Theme chooses System, Light or Dark, kept in the settings.

Fusion draws the same on every platform and takes a whole palette, so both schemes
read well everywhere; the views take their text and background colours from it, and
hear of a new palette at once. System follows Qt's colour-scheme hint, live.
ARGLINE_THEME=light or dark chooses for one run (screenshots, scripts), over the setting.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

THEME_VARIABLE = "ARGLINE_THEME"  # "light" or "dark" for this run; anything else: the setting
THEME_SETTING = "view/theme"
THEMES = {"system": "&System", "light": "&Light", "dark": "&Dark"}
_SHOWN = "argline-theme"  # the application's property naming the theme it shows


def chosen_theme(settings: QSettings) -> str:
    """Return the theme to start with: ARGLINE_THEME's, else the setting's, else "system"."""
    asked = os.environ.get(THEME_VARIABLE, "").lower()
    if asked in ("light", "dark"):
        return asked
    kept = str(settings.value(THEME_SETTING, "system")).lower()
    return kept if kept in THEMES else "system"


def apply_theme(app: QApplication, settings: QSettings | None = None) -> None:
    """Set Fusion with the theme the settings keep, and follow the system's changes."""
    app.setStyle("Fusion")
    if app.property(_SHOWN) is None:  # once an application: the system's changes, heard
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _set_palette(app))
    show_theme(app, chosen_theme(settings or QSettings()))


def choose_theme(app: QApplication, settings: QSettings, theme: str) -> None:
    """Show ``theme`` now and keep it in the settings for the next start."""
    settings.setValue(THEME_SETTING, theme)
    settings.sync()
    show_theme(app, theme)


def show_theme(app: QApplication, theme: str) -> None:
    """Show "system", "light" or "dark" at once; the views repaint in its colours."""
    app.setProperty(_SHOWN, theme)
    _set_palette(app)


def shown_theme(app: QApplication) -> str:
    """Return the theme the application shows ("system" before any was set)."""
    shown = app.property(_SHOWN)
    return shown if isinstance(shown, str) else "system"


def _set_palette(app: QApplication) -> None:
    theme = shown_theme(app)
    dark = theme == "dark" or (
        theme == "system" and QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    )
    app.setPalette(dark_palette() if dark else app.style().standardPalette())


class ThemeMenu(QMenu):
    """View ▸ Theme: one checked choice among System, Light and Dark."""

    def __init__(self, parent: QWidget, settings: QSettings) -> None:
        super().__init__("&Theme", parent)
        self.settings = settings
        group = QActionGroup(self)
        self.choices: dict[str, QAction] = {}
        app = QApplication.instance()
        shown = shown_theme(app) if isinstance(app, QApplication) else "system"
        for theme, text in THEMES.items():
            choice = QAction(text, self, checkable=True)
            choice.setChecked(theme == shown)
            choice.triggered.connect(lambda _checked=False, theme=theme: self._choose(theme))
            group.addAction(choice)
            self.addAction(choice)
            self.choices[theme] = choice

    def _choose(self, theme: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            choose_theme(app, self.settings, theme)


def dark_palette() -> QPalette:
    """Return a dark palette with enough contrast for text, links and selections."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#23262b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1b1d21",
        QPalette.ColorRole.AlternateBase: "#262a30",
        QPalette.ColorRole.ToolTipBase: "#2d3138",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.PlaceholderText: "#8a8f98",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#2d3138",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Link: "#6cb6ff",
        QPalette.ColorRole.Highlight: "#3d6fb6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Light: "#3a3f47",
        QPalette.ColorRole.Midlight: "#32363d",
        QPalette.ColorRole.Mid: "#4a505a",
        QPalette.ColorRole.Dark: "#15171a",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(disabled, role, QColor("#7b808a"))
    return palette
