"""Other analysts' commits on a shared server, heard on a thread and shown in the status bar.

The change feed waits on the network (a heartbeat, a reconnect after a drop), so it
runs on a thread of its own; Qt's thread only takes what the thread heard, every
250 ms, and reads the feed's state for the label, which turns to "lost" within a few
seconds of a silent drop (``store.notify.ANSWER_S``) while the window answers on.
A SQLite file has no other clients: there the feed stays quiet and the label hidden.
"""

from __future__ import annotations

import queue
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from argline.store import Store
    from argline.store.notify import ChangeFeed, StoreChange

POLL_MS = 250
# The feed's thread waits this long for a notice before looking again (and stopping).
LISTEN_S = 0.25
EVERY_KIND = frozenset({"events", "eras", "assessments", "claims", "relations", "links"})


class LiveRefresh(QObject):
    """Hears a store's change feed on a thread and says which kinds of item other clients
    changed, and whether the server is heard."""

    changed = Signal(object)  # frozenset of kinds: "events", "claims", …
    connection = Signal(bool)  # whether other clients' changes are heard, when that changes

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.feed: ChangeFeed | None = None
        self.label = QLabel()
        self.label.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self._heard: queue.SimpleQueue[list[StoreChange]] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None
        self._was_live = True

    def listen(self, store: Store) -> None:
        """Hear the commits other clients make to ``store`` from now on."""
        self.close()
        if not store.on_server:  # a file has no other clients
            self.feed = None
            self.label.hide()
            return
        from argline.store.notify import ChangeFeed  # SQLAlchemy, as the server's store has

        self.feed = ChangeFeed(store)
        self._was_live = True  # a new store's window starts editing
        self._heard = queue.SimpleQueue()
        self._stop = threading.Event()
        self._listener = threading.Thread(
            target=_listen,
            args=(self.feed, self._heard, self._stop),
            name="change feed",
            daemon=True,  # a heartbeat stuck on a dead network must not hold up quitting
        )
        self._listener.start()
        self.label.show()
        self._show_state()
        self.timer.start()

    def poll(self) -> None:
        """Emit what other clients committed since the last look."""
        if self.feed is None:
            return
        changes: list[StoreChange] = []
        while not self._heard.empty():
            changes += self._heard.get()
        self._show_state()
        if not changes:
            return
        if any(c.full_reload for c in changes):
            self.changed.emit(EVERY_KIND)
        else:
            self.changed.emit(frozenset().union(*(c.kinds for c in changes)))

    def close(self) -> None:
        """Stop listening; the feed's thread closes its connection as it ends."""
        self.timer.stop()
        self._stop.set()
        if self._listener is not None:
            self._listener.join(timeout=2 * LISTEN_S)
            self._listener = None

    def _show_state(self) -> None:
        live = self.feed is not None and self.feed.live
        self.label.setText("● Live" if live else "○ Connection lost: reconnecting")
        self.label.setToolTip(
            "Changes by other analysts show here within a second"
            if live
            else "Changes by others will show once the server answers again"
        )
        if live != self._was_live:
            self._was_live = live
            self.connection.emit(live)


def _listen(
    feed: ChangeFeed, heard: queue.SimpleQueue[list[StoreChange]], stop: threading.Event
) -> None:
    """Hand what the feed hears to Qt's thread until asked to stop; then close the feed."""
    try:
        while not stop.is_set():
            if not feed.live and stop.wait(LISTEN_S):  # between tries to reconnect
                break
            changes = feed.poll(LISTEN_S)
            if changes:
                heard.put(changes)
    finally:
        feed.close()
