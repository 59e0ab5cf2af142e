"""The one entry point to a store: open any URL, then run short transactions on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from uuid import uuid4

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from argline.store.cursor import Cursor, session_cursor
from argline.store.engine import create_store_engine, database_url, is_postgresql, sqlite_path
from argline.store.errors import StoreError
from argline.store.inspection import check_sqlite_file
from argline.store.migrations import ARGLINE_TABLES, prepare_schema
from argline.store.postgres import install_change_publisher, may_write


class Store:
    """An open Argline database; every edit is one transaction, committed when it ends."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Names this client in change notices, so that its own feed can skip them.
        self.origin = uuid4().hex
        if is_postgresql(engine.url):
            install_change_publisher(engine, self._sessions, self.origin)

    @classmethod
    def open(cls, target: str | Path) -> Store:
        """Open (creating or upgrading as needed) the database at a URL or file path."""
        url = database_url(target)
        path = sqlite_path(url)
        if path is not None:
            check_sqlite_file(path)
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            engine = create_store_engine(url)
        except (ArgumentError, NoSuchModuleError) as error:
            raise StoreError(f"cannot open {describe_url(url)}: {error}") from None
        try:
            prepare_schema(engine)
        except DBAPIError as error:
            engine.dispose()
            raise StoreError(f"cannot open {describe_url(url)}: {error.orig}") from None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def path(self) -> Path | None:
        """The SQLite file behind the store, or None for a server database."""
        return sqlite_path(self.engine.url)

    @property
    def name(self) -> str:
        """A name for title bars and messages: the file name, or the URL without password."""
        return self.path.name if self.path else describe_url(self.engine.url)

    @cached_property
    def read_only(self) -> bool:
        """Whether this user may only read: a SELECT-only role, or a file it cannot write."""
        if self.path is not None:
            return self.path.exists() and not os.access(self.path, os.W_OK)
        if not is_postgresql(self.engine.url):
            return False
        with self.engine.connect() as connection:
            return not may_write(connection, sorted(ARGLINE_TABLES))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session whose work is committed on exit, or rolled back on an error.

        A write the database refuses to this user (a read-only view of a file, a
        SELECT-only role) raises StoreError saying so; nothing was changed.
        """
        try:
            with self._sessions.begin() as session:
                yield session
        except DBAPIError as error:
            if _is_refused_write(error):
                raise StoreError(
                    f"{self.name} is open read-only here: nothing was changed"
                ) from None
            raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Yield a session for queries; nothing it does is committed."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def plain_reading(self) -> Iterator[Cursor]:
        """Yield the database driver's own cursor, in one transaction, for the plain reads
        (argline.ops.plain_reads) that a first look through sqlite3 shares."""
        with self._sessions() as session, session_cursor(session) as cursor:
            yield cursor

    def close(self) -> None:
        self.engine.dispose()


def _is_refused_write(error: DBAPIError) -> bool:
    """Tell a write refused for lack of permission from other database errors."""
    text = str(error.orig).lower()
    return "readonly database" in text or "permission denied" in text


def describe_url(url: URL) -> str:
    path = sqlite_path(url)
    return str(path) if path else url.render_as_string(hide_password=True)
