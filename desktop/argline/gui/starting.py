"""What follows the first window's first paint: SQLAlchemy, the backup, the change feed.

The window is drawn from its store's plain reads through sqlite3 alone. Once it has
been painted, a thread imports SQLAlchemy and makes the store's engine (some 0.4 s),
so that the first edit does not wait for them, while the window answers the user
(Python hands the interpreter to Qt's thread whenever it has an event to handle).
The thread's end reaches Qt's thread as a queued signal: the window then takes its
backup and listens for other clients (``MainWindow.finish_opening``), and the cycle
collector, held off while start-up made its long-lived objects, runs again.
"""

from __future__ import annotations

import threading
from contextlib import ExitStack
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot

if TYPE_CHECKING:
    from argline.gui.main_window import MainWindow
    from argline.store import Store

FIRST_PAINT_WAIT_MS = 1000  # a window never painted (minimised, say) goes on after this


class AfterFirstPaint(QObject):
    """Watches ``window`` for its first paint, then finishes opening its store."""

    _loaded = Signal()  # emitted from the loading thread

    def __init__(self, window: MainWindow, *, collector: ExitStack) -> None:
        """``collector`` holds the cycle collector's pause, ended once opening is done."""
        super().__init__(window)
        self._window = window
        self._collector = collector
        self._started = False
        self._loaded.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        window.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self._go_on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._go_on)  # once this paint is done
        return False

    def _go_on(self) -> None:
        if self._started:
            return
        self._started = True
        store = self._window.store
        if store is None or store.sessions_ready:
            self._finish()
            return
        threading.Thread(
            target=self._load, args=(store,), name="store imports", daemon=True
        ).start()

    def _load(self, store: Store) -> None:
        try:
            store.bring_in_sessions()
        finally:
            self._loaded.emit()

    @Slot()
    def _finish(self) -> None:
        try:
            self._window.finish_opening()
        finally:
            self._collector.close()
