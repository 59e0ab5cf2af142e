"""Start the window: check for a display, open the store, show the main window."""

from __future__ import annotations

import os
import sqlite3
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from argline.model.collector import paused_cycle_collector

if TYPE_CHECKING:
    from argline.gui.main_window import MainWindow

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
    window = show_window(target)
    if window is None:  # another Argline has it, and the user declined to look read-only
        return 0
    from PySide6.QtWidgets import QApplication

    try:
        return QApplication.instance().exec()
    finally:
        if window.store is not None:
            window.store.close()


def show_window(target: str | None) -> MainWindow | None:
    """Start Qt, open the file and show the main window on it; None if the user declined.

    Python's cycle collector is held off until the window has been drawn: start-up makes
    some 85,000 objects that live as long as the program (modules, classes, the views),
    and the collector walked them over and over as they came, ~0.1 s of start-up here.
    It runs again, and collects what start-up left, once the first paint is done and
    the store has brought in SQLAlchemy (``gui.starting``).
    """
    held = ExitStack()  # the pause ends when the window has finished opening, or fails to
    held.enter_context(paused_cycle_collector())
    window = None
    try:
        window = _show_window(target)
    finally:
        if window is None:
            held.close()
        else:
            from argline.gui.starting import AfterFirstPaint

            AfterFirstPaint(window, collector=held)
    return window


def _show_window(target: str | None) -> MainWindow | None:
    """Show the window as ``show_window`` says; the first start fills the user's file with
    the seed corpus. A file Argline can open as it is, is drawn without SQLAlchemy."""
    from argline.store import StoreError

    first_start = False
    if not target:
        from argline.io.user_files import default_database

        target = str(default_database())
        first_start = not Path(target).exists()
    from PySide6.QtWidgets import QApplication

    from argline.gui.main_window import MainWindow
    from argline.gui.opening import open_for_window
    from argline.gui.plain import show_message
    from argline.gui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Argline")
    app.setOrganizationName("Argline")
    app.setDesktopFileName("argline")
    apply_theme(app)
    try:
        store = open_for_window(None, target)
    except (StoreError, OSError) as error:
        what = "database" if target is not None and "://" in str(target) else "file"
        show_message(None, f"Argline cannot open this {what}", str(error))
        raise StoreError(str(error)) from None
    if store is None:
        return None
    if first_start:
        from argline.io.seed import load_seed

        load_seed(store)
    try:
        window = MainWindow(store, starting=True)
    except sqlite3.DatabaseError as error:  # damage the quick check on opening did not see
        store.close()
        message = f"{store.name} cannot be read ({error}); it was left untouched"
        show_message(None, "Argline cannot open this file", message)
        raise StoreError(message) from None
    window.show()
    return window
