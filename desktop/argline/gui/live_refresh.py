"""Other analysts' commits on a shared server, heard every 250 ms and shown in the status bar.

A SQLite file has no other clients: there the feed stays quiet and the label hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from argline.store import Store
    from argline.store.notify import ChangeFeed

POLL_MS = 250
EVERY_KIND = frozenset({"events", "eras", "assessments", "claims", "relations", "links"})


class LiveRefresh(QObject):
    """Polls a store's change feed and says which kinds of item other clients changed."""

    changed = Signal(object)  # frozenset of kinds: "events", "claims", …

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.feed: ChangeFeed | None = None
        self.label = QLabel()
        self.label.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def listen(self, store: Store) -> None:
        """Hear the commits other clients make to ``store`` from now on."""
        self.close()
        if not store.on_server:  # a file has no other clients
            self.feed = None
            self.label.hide()
            return
        from argline.store.notify import ChangeFeed  # SQLAlchemy, as the server's store has

        self.feed = ChangeFeed(store)
        self.label.show()
        self._show_state()
        self.timer.start()

    def poll(self) -> None:
        """Emit what other clients committed since the last look."""
        if self.feed is None:
            return
        changes = self.feed.poll(0)
        self._show_state()
        if not changes:
            return
        if any(c.full_reload for c in changes):
            self.changed.emit(EVERY_KIND)
        else:
            self.changed.emit(frozenset().union(*(c.kinds for c in changes)))

    def close(self) -> None:
        self.timer.stop()
        if self.feed is not None:
            self.feed.close()

    def _show_state(self) -> None:
        live = self.feed is not None and self.feed.live
        self.label.setText("● Live" if live else "○ Connection lost: reconnecting")
        self.label.setToolTip(
            "Changes by other analysts show here within a second"
            if live
            else "Changes by others will show once the server answers again"
        )
