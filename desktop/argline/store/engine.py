"""Engines for any SQLAlchemy URL: SQLite pragmas are set here and nowhere else."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from argline.store.errors import StoreError

SQLITE_BUSY_TIMEOUT_MS = 5000


def database_url(target: str | Path) -> URL:
    """Return the SQLAlchemy URL for a URL string or a plain file path."""
    text = str(target)
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().absolute()))
    try:
        return make_url(text)
    except ArgumentError as error:
        raise StoreError(f"{text!r} is not a database URL or a file path: {error}") from None


def sqlite_path(url: URL) -> Path | None:
    """Return the file behind a SQLite URL, or None for other databases and in-memory ones."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def create_store_engine(url: URL) -> Engine:
    """Create an engine; on SQLite turn on foreign keys, WAL and a busy timeout per connection."""
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def create_read_only_engine(url: URL) -> Engine:
    """Create an engine that cannot change a SQLite file (no WAL switch, no writes)."""
    path = sqlite_path(url)
    if path is None:
        return create_engine(url, pool_pre_ping=True)
    uri = f"file:{path}?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # WAL with synchronous=NORMAL keeps every committed transaction through a crash of
    # the program; only a power loss may drop the last few, never corrupting the file.
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()
