"""Light or dark, following the system: Qt's colour-scheme hint, or ARGLINE_THEME to choose.

Fusion draws the same on every platform and takes a whole palette, so both schemes
read well everywhere; the views take their text and background colours from it.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEME_VARIABLE = "ARGLINE_THEME"  # "light" or "dark"; anything else follows the system


def wants_dark() -> bool:
    """Tell whether the dark palette is wanted: by ARGLINE_THEME, else by the system."""
    chosen = os.environ.get(THEME_VARIABLE, "").lower()
    if chosen in ("light", "dark"):
        return chosen == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication) -> None:
    """Set Fusion with the light or dark palette, and follow the system when it changes."""
    app.setStyle("Fusion")
    _set_palette(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: _set_palette(app))


def _set_palette(app: QApplication) -> None:
    app.setPalette(dark_palette() if wants_dark() else app.style().standardPalette())


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
