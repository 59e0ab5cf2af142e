"""Start the window: check for a display, open the store, show the main window."""

from __future__ import annotations

import gc
import importlib
import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argline.gui.main_window import MainWindow

NO_DISPLAY_STATUS = 1
FIRST_PAINT_WAIT_MS = 1000
THREAD_POLL_MS = 10


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
        if window.opened is not None:
            window.opened.close()


def show_window(target: str | None) -> MainWindow | None:
    """Start Qt, open the file and show the main window on it; None if the user declined.

    Python's cycle collector is held off until the window has been drawn: start-up makes
    some 85,000 objects that live as long as the program (modules, classes, the views),
    and the collector walked them over and over as they came, ~0.1 s of start-up here.
    It runs again, and collects what start-up left, once the first paint is done; a
    window drawn from a first look opens its store proper then too.
    """
    collecting = gc.isenabled()
    gc.disable()
    window = None
    try:
        window = _show_window(target)
    finally:
        if window is None:
            if collecting:
                gc.enable()
        else:
            _after_first_paint(window, collecting=collecting)
    return window


def _after_first_paint(window: MainWindow, *, collecting: bool) -> None:
    """Once ``window`` has been painted (or after a second), open its store proper and turn
    the cycle collector back on if it was.

    A window drawn from a first look imports SQLAlchemy first, on a thread of its own, so
    that it answers the user meanwhile (Python hands the interpreter to the window's
    thread whenever it has an event to handle); the store itself opens on this thread.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, go_on)  # when this paint is done
            return False

    def go_on() -> None:
        if done:
            return
        done.append(True)
        if window.glance is not None:
            loader = threading.Thread(target=_import_the_store, name="store imports", daemon=True)
            loader.start()
            _when_finished(loader, finish)
        else:
            finish()

    def finish() -> None:
        try:
            window.finish_opening()
        finally:
            if collecting:
                gc.enable()

    done: list[bool] = []
    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, go_on)  # a window never painted, say


def _import_the_store() -> None:
    importlib.import_module("argline.store.database")


def _when_finished(thread: threading.Thread, then: Callable[[], None]) -> None:
    """Call ``then`` on Qt's thread once ``thread`` has ended, looking every few ms."""
    from PySide6.QtCore import QTimer

    if thread.is_alive():
        QTimer.singleShot(THREAD_POLL_MS, lambda: _when_finished(thread, then))
    else:
        then()


def _show_window(target: str | None) -> MainWindow | None:
    """Show the window as ``show_window`` says, importing the core before Qt.

    Once PySide6 is loaded it inspects the source of every module imported after it,
    which costs 0.1–0.3 s here: so the core modules the first window needs come first,
    and the user's own file and a first start's seed corpus are looked up before Qt too.
    A file Argline can open as it is, is drawn from a first look through sqlite3, and
    the store proper (SQLAlchemy, 0.4 s of imports) opens once the window is drawn.
    """
    from argline.store import StoreError

    importlib.import_module("argline.gui.core_modules")  # before Qt, on purpose
    first_start = False
    if not target:
        from argline.io.user_files import default_database

        target = str(default_database())
        first_start = not Path(target).exists()
    from argline.gui.opening import glance_for_window

    glance = None if first_start else glance_for_window(target)
    if glance is None:
        importlib.import_module("argline.store.database")  # SQLAlchemy, before Qt too
    if first_start:
        from argline.io.seed import load_seed
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
    if glance is not None:
        try:
            window = MainWindow(glance)
        except sqlite3.Error:  # the first look failed part-way: the ordinary way says why
            glance.look.close()
            glance.lock.release()
        else:
            window.show()
            return window
    try:
        opened = open_for_window(None, target)
    except (StoreError, OSError) as error:
        show_message(None, "Argline cannot open this file", str(error))
        raise StoreError(str(error)) from None
    if opened is None:
        return None
    if first_start:
        load_seed(opened.store)
    window = MainWindow(opened)
    window.show()
    return window
