"""The one entry point to a store: open any URL, then run short transactions on it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from argline.store.engine import create_store_engine, database_url, sqlite_path
from argline.store.errors import StoreError
from argline.store.inspection import check_sqlite_file
from argline.store.migrations import prepare_schema


class Store:
    """An open Argline database; every edit is one transaction, committed when it ends."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

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

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session whose work is committed on exit, or rolled back on an error."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Yield a session for queries; nothing it does is committed."""
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def describe_url(url: URL) -> str:
    path = sqlite_path(url)
    return str(path) if path else url.render_as_string(hide_password=True)
