"""A database driver's own cursor, for the plain reads (argline.ops.plain_reads).

Nothing here imports SQLAlchemy: the first window reads through sqlite3's cursor
(argline.store.first_look) before it is loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Cursor(Protocol):
    """What the plain reads need of a DB-API cursor (sqlite3's, psycopg's)."""

    def execute(self, operation: str, /) -> Any: ...

    def fetchall(self) -> list[Any]: ...


@contextmanager
def session_cursor(session: Session) -> Iterator[Cursor]:
    """Yield the driver's cursor of ``session``'s connection, inside its transaction."""
    cursor = session.connection().connection.cursor()
    try:
        yield cursor
    finally:
        cursor.close()
