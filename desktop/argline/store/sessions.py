"""SQLAlchemy's side of a store: its engine, migrations, and the sessions edits run in.

``argline.store.database.Store`` imports this module the first time it writes, migrates
or runs an ORM query, not before: SQLAlchemy's imports take some 0.4 s, and a window
reads what it shows through the database driver alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from argline.store.cursor import Cursor, session_cursor
from argline.store.disk_full import disk_full, is_disk_full
from argline.store.engine import (
    create_read_only_engine,
    create_store_engine,
    database_url,
    describe_url,
    is_postgresql,
    sqlite_path,
)
from argline.store.errors import StoreError
from argline.store.failures import database_failure
from argline.store.migrations import ARGLINE_TABLES, prepare_schema
from argline.store.postgres import install_change_publisher, may_write


class Sessions:
    """An engine and its sessions; on PostgreSQL each commit is announced to other clients."""

    def __init__(self, engine: Engine, origin: str) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        if is_postgresql(engine.url):
            install_change_publisher(engine, self._sessions, origin)

    @classmethod
    def connect(cls, target: str | Path, origin: str, *, read_only: bool = False) -> Sessions:
        """Make the engine for a URL or file path; raise StoreError for one that names no
        database Argline can reach."""
        url = database_url(target)
        try:
            engine = (
                create_read_only_engine(url, lasting=True)
                if read_only
                else create_store_engine(url)
            )
        except (ArgumentError, NoSuchModuleError) as error:
            raise StoreError(f"cannot open {describe_url(url)}: {error}") from None
        return cls(engine, origin)

    @property
    def on_server(self) -> bool:
        return is_postgresql(self.engine.url)

    @property
    def name(self) -> str:
        return describe_url(self.engine.url)

    def prepare(self) -> None:
        """Create, upgrade or refuse the database's schema; close the engine on a failure."""
        try:
            prepare_schema(self.engine)
        except DBAPIError as error:
            self.engine.dispose()
            if is_disk_full(error, sqlite_path(self.engine.url)):
                raise disk_full(f"cannot open {self.name}", "it was left as it was") from None
            raise StoreError(f"cannot open {self.name}: {error.orig}") from None
        except BaseException:
            self.engine.dispose()
            raise

    def may_write(self) -> bool:
        """Whether this role may change Argline's tables (a server database)."""
        with self.engine.connect() as connection:
            return may_write(connection, sorted(ARGLINE_TABLES))

    @contextmanager
    def transaction(self, refusal: str) -> Iterator[Session]:
        """Yield a session committed on exit; a write refused to this user raises StoreError
        saying ``refusal`` (what the store is: "NAME is open read-only here")."""
        try:
            with self._sessions.begin() as session:
                yield session
        except DBAPIError as error:
            if _is_refused_write(error):
                raise StoreError(f"{refusal}: nothing was changed") from None
            self._refuse(error, "nothing was changed")
            raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except Exception as error:  # the ORM's, and the driver's of the plain reads it runs
            self._refuse(error, "it could not be read")
            raise

    @contextmanager
    def plain_reading(self) -> Iterator[Cursor]:
        """Yield the driver's cursor of a session's connection (a server, an in-memory file)."""
        try:
            with self._sessions() as session, session_cursor(session) as cursor:
                yield cursor
        except Exception as error:  # the driver's own errors, not wrapped by SQLAlchemy
            self._refuse(error, "it could not be read")
            raise

    def _refuse(self, error: Exception, outcome: str) -> None:
        """Raise the one-line StoreError of a failure a user can meet (no SQL, no parameters,
        no traceback); return for anything else, which the caller raises as it is."""
        failure = database_failure(error, f"the database {self.name}", outcome)
        if failure is not None:
            raise failure from None

    def close(self) -> None:
        self.engine.dispose()


def _is_refused_write(error: DBAPIError) -> bool:
    """Tell a write refused for lack of permission from other database errors."""
    text = str(error.orig).lower()
    return "readonly database" in text or "permission denied" in text
