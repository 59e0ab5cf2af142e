"""A Qt application for headless work (image export): offscreen where there is no display."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication

from argline.gui.launch import has_display


def ensure_application() -> QApplication:
    """Return the running QApplication, creating an offscreen one when no display exists."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QApplication(["argline"])
