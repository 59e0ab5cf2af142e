"""Live refresh: what other clients of the same PostgreSQL database have committed.

Each store on PostgreSQL announces its commits (``store.postgres``); a ``ChangeFeed``
listens on its own connection and hands them over as ``StoreChange`` values when
asked (``poll``), so a window can re-query just what changed. When the connection
is lost, the feed says so (``state``), reconnects at the next poll it can, and then
asks for a full reload, since notices sent meanwhile are gone.

A SQLite store has nobody to hear from: its feed is ``local`` and never reports.

``poll`` waits on the network (a heartbeat, a reconnect), so a window runs it on a
thread of its own (``gui.live_refresh``) and only reads ``state`` on Qt's: a heartbeat
left unanswered past ``ANSWER_S`` makes the state ``lost`` at once, whatever the
network stack still waits for, so that the window says so within a few seconds.
"""

from __future__ import annotations

import enum
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from argline.store.database import Store
from argline.store.engine import connection_settings, is_postgresql
from argline.store.postgres import CHANNEL

# A quiet connection is checked this often, so that a dead one is noticed ...
HEARTBEAT_S = 2.0
# ... and counts as lost when the check is not answered within this.
ANSWER_S = 3.0
# After a failed reconnect, the next try waits this long.
RECONNECT_INTERVAL_S = 2.0


class FeedState(enum.StrEnum):
    LIVE = "live"  # listening: other clients' changes arrive
    LOST = "lost"  # the connection broke; reconnecting; a full reload follows
    LOCAL = "local"  # a SQLite file: no other client to hear from
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class StoreChange:
    """What another client committed: kinds of item, and the ids of them where known.

    Kinds are those of ``ops.changes.Changes`` (events, eras, assessments, claims,
    relations, links) and ``store`` (the store's title). A kind without ids changed
    as a whole (an import, say): reload all of it. ``full_reload`` asks for everything.
    """

    kinds: frozenset[str]
    ids: Mapping[str, frozenset[str]] = field(default_factory=dict)
    origin: str = ""
    full_reload: bool = False

    def ids_of(self, kind: str) -> frozenset[str] | None:
        """Return the changed ids of ``kind``; None when all of that kind must be reloaded."""
        if self.full_reload or (kind in self.kinds and kind not in self.ids):
            return None
        return self.ids.get(kind, frozenset())

    @classmethod
    def everything(cls) -> StoreChange:
        return cls(frozenset(), full_reload=True)

    @classmethod
    def from_payload(cls, payload: str) -> StoreChange:
        try:
            data = json.loads(payload)
            return cls(
                kinds=frozenset(data["kinds"]),
                ids={kind: frozenset(keys) for kind, keys in data.get("ids", {}).items()},
                origin=str(data.get("origin", "")),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            # A notice this Argline cannot read (a newer one's?): reload rather than miss it.
            return cls.everything()


class ChangeFeed:
    """Changes committed by other clients of ``store``, reported by ``poll``."""

    def __init__(self, store: Store, *, include_own: bool = False) -> None:
        self._store = store
        self._include_own = include_own
        self._connection: Any = None
        self._last_heard = 0.0
        self._asked_at: float | None = None  # when the heartbeat in flight was sent
        self._next_try = 0.0
        self._state = FeedState.LOCAL
        if is_postgresql(store.engine.url):
            self._state = FeedState.LOST
            self._connect()

    @property
    def state(self) -> FeedState:
        """Whether the feed hears other clients; ``lost`` too while a heartbeat has gone
        unanswered for ``ANSWER_S`` (read from any thread)."""
        asked = self._asked_at
        unanswered = asked is not None and time.monotonic() - asked > ANSWER_S
        return FeedState.LOST if self._state is FeedState.LIVE and unanswered else self._state

    @property
    def live(self) -> bool:
        return self.state is FeedState.LIVE

    def fileno(self) -> int | None:
        """The socket that turns readable when a notice arrives (None when not live)."""
        return self._connection.fileno() if self._state is FeedState.LIVE else None

    def poll(self, timeout: float = 0.0) -> list[StoreChange]:
        """Return the changes heard, waiting up to ``timeout`` seconds for the first.

        After a lost connection comes back, the list holds one full-reload change.
        """
        if self._state in (FeedState.LOCAL, FeedState.CLOSED):
            return []
        if self._state is FeedState.LOST:
            if time.monotonic() < self._next_try or not self._connect():
                return []
            return [StoreChange.everything()]
        import psycopg

        try:
            if time.monotonic() - self._last_heard > HEARTBEAT_S:
                self._asked_at = time.monotonic()
                self._connection.execute("SELECT 1")
                self._last_heard = time.monotonic()
                self._asked_at = None
            notices = list(self._connection.notifies(timeout=timeout, stop_after=1))
            if notices:  # and whatever else has arrived, without waiting
                notices += self._connection.notifies(timeout=0)
                self._last_heard = time.monotonic()
        except psycopg.Error:
            self._lose()
            return [StoreChange.everything()] if self._connect() else []
        changes = [StoreChange.from_payload(notice.payload) for notice in notices]
        if not self._include_own:
            changes = [c for c in changes if c.origin != self._store.origin]
        return changes

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection = None
        self._state = FeedState.CLOSED

    def __enter__(self) -> ChangeFeed:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _connect(self) -> bool:
        import psycopg

        engine = self._store.engine
        args, params = engine.dialect.create_connect_args(engine.url)
        params.update(connection_settings(engine.url))
        try:
            connection = psycopg.connect(*args, **params, autocommit=True)
            connection.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            self._next_try = time.monotonic() + RECONNECT_INTERVAL_S
            return False
        self._connection = connection
        self._last_heard = time.monotonic()
        self._state = FeedState.LIVE
        return True

    def _lose(self) -> None:
        try:
            self._connection.close()
        finally:
            self._connection = None
            self._asked_at = None
            self._state = FeedState.LOST
            self._next_try = 0.0
