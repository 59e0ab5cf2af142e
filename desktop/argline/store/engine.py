"""Engines for any SQLAlchemy URL: SQLite pragmas and PostgreSQL's driver are chosen here."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from argline.store.access import read_only_uri
from argline.store.errors import StoreError

SQLITE_BUSY_TIMEOUT_MS = 5000
# A plain postgresql:// URL would pick psycopg2, which Argline does not install.
POSTGRESQL_DRIVER = "postgresql+psycopg"
POSTGRESQL_ALIASES = ("postgres", "postgresql", "postgresql+psycopg")


def database_url(target: str | Path) -> URL:
    """Return the SQLAlchemy URL for a URL string or a plain file path."""
    text = str(target)
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().absolute()))
    try:
        url = make_url(text)
    except ArgumentError as error:
        raise StoreError(f"{text!r} is not a database URL or a file path: {error}") from None
    if url.drivername in POSTGRESQL_ALIASES:
        url = url.set(drivername=POSTGRESQL_DRIVER)
    return url


def is_postgresql(url: URL) -> bool:
    return url.get_backend_name() == "postgresql"


def sqlite_path(url: URL) -> Path | None:
    """Return the file behind a SQLite URL, or None for other databases and in-memory ones."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def describe_url(url: URL) -> str:
    """Name a database for messages: its file, or its URL without the password."""
    path = sqlite_path(url)
    return str(path) if path else url.render_as_string(hide_password=True)


def create_store_engine(url: URL) -> Engine:
    """Create an engine; on SQLite turn on foreign keys, WAL and a busy timeout per connection."""
    if is_postgresql(url):
        return _create_postgresql_engine(url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def create_read_only_engine(url: URL, *, lasting: bool = False) -> Engine:
    """Create an engine that cannot change a SQLite file (no WAL switch, no writes), nor
    make anything beside it where it need not (``access.read_only_uri``: ``lasting`` for
    a read-only view, not for a look)."""
    path = sqlite_path(url)
    if is_postgresql(url):
        return _create_postgresql_engine(url, read_only=True)
    if path is None:
        return create_engine(url, pool_pre_ping=True)
    # The URL still names the file (for Store.path and messages); the creator opens it.
    return create_engine(
        url, creator=lambda: sqlite3.connect(read_only_uri(path, lasting=lasting), uri=True)
    )


# How long a client waits for the server, unless the URL's query says otherwise
# (docs/TEAM.md): libpq's connection parameters, and server settings given as options.
CONNECTION_DEFAULTS = {
    "application_name": "argline",  # shows in pg_stat_activity
    "connect_timeout": "5",  # seconds to reach the server
    "keepalives": "1",  # an idle connection whose server has gone is noticed ...
    "keepalives_idle": "5",  # ... after 5 s of quiet, then 3 probes 2 s apart
    "keepalives_interval": "2",
    "keepalives_count": "3",
    "tcp_user_timeout": "10000",  # ms a sent request may go unacknowledged
}
SERVER_SETTING_DEFAULTS = {
    "lock_timeout": "5s",  # the longest wait for a row another client holds locked
    "statement_timeout": "60s",  # the longest one statement may run (an import's, say)
}


def connection_settings(url: URL, *, read_only: bool = False) -> dict[str, str]:
    """Return the libpq parameters Argline adds to a server URL's own: the defaults above
    for those the URL leaves out, and its options with the server settings' defaults."""
    settings = {key: value for key, value in CONNECTION_DEFAULTS.items() if key not in url.query}
    given = url.query.get("options", "")
    options = [given] if isinstance(given, str) else list(given)
    options += [
        f"-c {name}={value}"
        for name, value in SERVER_SETTING_DEFAULTS.items()
        if not any(name in option for option in options)
    ]
    if read_only:  # the URL's own options (a search_path, say) stay in force
        options.append("-c default_transaction_read_only=on")
    settings["options"] = " ".join(option for option in options if option)
    return settings


def _create_postgresql_engine(url: URL, *, read_only: bool = False) -> Engine:
    # READ COMMITTED (the server's default) with version counters is what makes a stale
    # UPDATE match no row instead of overwriting; a read-only engine is refused writes
    # by the server itself.
    connect_args: dict[str, Any] = connection_settings(url, read_only=read_only)
    try:
        return create_engine(
            url,
            pool_pre_ping=True,
            pool_size=2,
            isolation_level="READ COMMITTED",
            connect_args=connect_args,
        )
    except ImportError:
        raise StoreError(
            f"cannot open {url.render_as_string(hide_password=True)}: PostgreSQL needs the "
            "psycopg driver (pip install 'argline[postgres]')"
        ) from None


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # WAL with synchronous=NORMAL keeps every committed transaction through a crash of
    # the program; only a power loss may drop the last few, never corrupting the file.
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()
