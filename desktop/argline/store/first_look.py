"""A first look at an Argline file through Python's own sqlite3, before SQLAlchemy is imported.

Importing SQLAlchemy takes some 0.4 s here, most of what start-up waits for. The first
window's reads are plain SQL (argline.ops.plain_reads), so the window is drawn from this
read-only connection, and the store proper is opened once it shows. Only a file Argline
can open as it is qualifies: an SQLite file at this Argline's schema. Anything else (a
server URL, a new file, one to upgrade, a damaged one) takes the ordinary way in, with
its own checks and messages; so does any error met on the way here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from argline.store.errors import StoreError
from argline.store.inspection import SQLITE_HEADER
from argline.store.revision import SCHEMA_HEAD


class FirstLook:
    """A read-only view of an Argline file that needs nothing but sqlite3."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.name = path.name
        self._connection = connection

    @classmethod
    def take(cls, target: str) -> FirstLook | None:
        """Open ``target`` for a first look, or return None when it must go the ordinary way."""
        if "://" in target:
            return None
        path = Path(target).expanduser().absolute()
        try:
            with path.open("rb") as file:
                if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                    return None
            connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        except (OSError, sqlite3.Error):
            return None
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.Error:
            revision = []
        if revision != [(SCHEMA_HEAD,)]:
            connection.close()
            return None
        return cls(path, connection)

    @contextmanager
    def plain_reading(self) -> Iterator[sqlite3.Cursor]:
        """Yield a cursor whose reads all see one state of the file (one read transaction)."""
        cursor = self._connection.cursor()
        try:
            cursor.execute("BEGIN")
            yield cursor
        finally:
            cursor.execute("ROLLBACK")
            cursor.close()

    def transaction(self) -> None:
        """Refuse to write: the store proper is still opening."""
        raise StoreError(f"{self.name} is still opening: nothing was changed")

    def close(self) -> None:
        self._connection.close()
