"""Start the window: check for a display, open the store, show the main window."""

from __future__ import annotations

import os
import sys

from argline.io.user_files import open_user_database
from argline.store import Store, StoreError

NO_DISPLAY_STATUS = 1


def has_display() -> bool:
    """Tell whether Qt can show a window here (a display server, or a chosen Qt platform)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run_window(target: str | None) -> int:
    """Show the main window on ``target`` (or the user's file) until it closes."""
    if not has_display():
        print(
            "argline: no display to open a window on (DISPLAY is not set); "
            "the headless commands work: argline --help",
            file=sys.stderr,
        )
        return NO_DISPLAY_STATUS
    from PySide6.QtWidgets import QApplication, QMessageBox

    from argline.gui.main_window import MainWindow
    from argline.gui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Argline")
    app.setOrganizationName("Argline")
    app.setDesktopFileName("argline")
    apply_theme(app)
    try:
        store = Store.open(target) if target else open_user_database()
    except StoreError as error:
        QMessageBox.critical(None, "Argline cannot open this file", str(error))
        raise
    window = MainWindow(store)
    window.show()
    try:
        return app.exec()
    finally:
        if window.store is not None:
            window.store.close()
