"""A database driver's own cursor, for the plain reads (argline.ops.plain_reads).

Nothing here imports SQLAlchemy: a store on a file reads through sqlite3's cursors
(``FileCursors``) from the moment it opens, SQLAlchemy or not.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from argline.store.access import read_only_uri

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

BUSY_TIMEOUT_S = 5.0  # as long as the store's own writes wait for a lock


class Cursor(Protocol):
    """What the plain reads need of a DB-API cursor (sqlite3's, psycopg's)."""

    def execute(self, operation: str, /) -> Any: ...

    def fetchall(self) -> Sequence[Any]: ...

    def fetchmany(self, size: int, /) -> Sequence[Any]: ...


@contextmanager
def session_cursor(session: Session) -> Iterator[Cursor]:
    """Yield the driver's cursor of ``session``'s connection, inside its transaction."""
    cursor = session.connection().connection.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


class FileCursors:
    """sqlite3 connections to one file that only read, lent one at a time to any thread.

    Each lent cursor reads in one transaction, so all it reads is one state of the file.
    A connection comes back to the idle list when its read ends: the views read on Qt's
    thread, exports on a worker, and a connection is never in two reads at once.
    """

    def __init__(self, path: Path, *, read_only: bool) -> None:
        self._path = path
        self._read_only = read_only
        self._idle: list[sqlite3.Connection] = []
        self._all: list[sqlite3.Connection] = []
        self._guard = threading.Lock()

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Cursor]:
        """Yield a cursor in a read transaction of its own, rolled back when done."""
        connection = self._borrow()
        cursor = connection.cursor()
        try:
            cursor.execute("BEGIN")
            yield cursor
        finally:
            cursor.execute("ROLLBACK")
            cursor.close()
            with self._guard:
                self._idle.append(connection)

    def close(self) -> None:
        with self._guard:
            for connection in self._all:
                connection.close()
            self._all.clear()
            self._idle.clear()

    def _borrow(self) -> sqlite3.Connection:
        with self._guard:
            if self._idle:
                return self._idle.pop()
        # A read-only view opens the file as such: not even its -wal is checkpointed.
        address = read_only_uri(self._path, lasting=True) if self._read_only else str(self._path)
        connection = sqlite3.connect(
            address, uri=self._read_only, timeout=BUSY_TIMEOUT_S, check_same_thread=False
        )
        connection.execute("PRAGMA query_only = ON")  # these connections only ever read
        with self._guard:
            self._all.append(connection)
        return connection
