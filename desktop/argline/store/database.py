"""The one entry point to a store: open any URL or file, read it, run short transactions on it.

A store on a file Argline can open as it is reads through sqlite3 from the start, and
brings in SQLAlchemy (some 0.4 s of imports, ``argline.store.sessions``) the first time
it writes or runs an ORM query, or sooner when asked (``bring_in_sessions``). A new
file, one to upgrade and a server URL need SQLAlchemy at once: their schema work runs
in ``open``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import uuid4

from argline.store.access import why_read_only
from argline.store.cursor import Cursor, FileCursors
from argline.store.disk_full import (
    disk_full,
    is_disk_full,
    is_refused_write,
    refused_write,
    remove_failed_journals,
    remove_new_store,
)
from argline.store.errors import DiskFull, FileInUse, StoreError
from argline.store.inspection import check_sqlite_file
from argline.store.revision import SCHEMA_HEAD
from argline.store.shutdown import record_clean_close

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from argline.store.lock import Lock
    from argline.store.sessions import Sessions


class Store:
    """An open Argline database; every edit is one transaction, committed when it ends.

    Made from an engine (``Store(engine)``), or from a file (``open``, or
    ``store.viewing.open_read_only``) whose engine is made at its first write. A ``lock``
    taken for the file (the window's) is released when the store closes.
    """

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        file: Path | None = None,
        read_only: bool = False,
        why_read_only: str = "",
        lock: Lock | None = None,
    ) -> None:
        # Names this client in change notices, so that its own feed can skip them.
        self.origin = uuid4().hex
        self.lock = lock
        self._viewing = read_only or bool(why_read_only)
        # Said when a write is refused: "open read-only here", or why the file is.
        self.why_read_only = why_read_only or "open read-only here"
        self._loading = threading.Lock()
        # A file this store made, whose every write since found the disk full: closing
        # removes it, so that a seed or import onto a full disk leaves no file behind.
        self._made_and_unwritten = False
        self._refused_for_room = False
        # Whether another store of this program (or its window) holds the file: this one
        # writes beside it, as before, SQLite ordering their writes.
        self._shares_the_file = False
        self._sessions: Sessions | None = None
        self.closed = False
        if engine is not None:
            from argline.store.engine import sqlite_path
            from argline.store.sessions import Sessions

            self._sessions = Sessions(engine, self.origin)
            file = file or sqlite_path(engine.url)
        self._file = file
        self._cursors = FileCursors(file, read_only=self._viewing) if file is not None else None

    @classmethod
    def open(cls, target: str | Path, *, lock: Lock | None = None) -> Store:
        """Open (creating or upgrading as needed) the database at a URL or file path.

        A file this user may only read (a read-only folder or disk, a file of another's)
        opens read-only, its ``why_read_only`` saying why; one that would need creating
        or upgrading there is refused with StoreError.
        """
        path = file_of(target)
        if path is None:
            from argline.store.sessions import Sessions

            store = cls(lock=lock)
            store._sessions = Sessions.connect(target, store.origin)
            store._prepare()
            return store
        existed = path.exists()
        revision = check_sqlite_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create {path}: {error.strerror}") from None
        reason = why_read_only(path)
        if reason is not None:
            if revision is None:
                raise StoreError(f"cannot create {path}: {reason}")
            if revision != SCHEMA_HEAD:
                raise StoreError(
                    f"{path} has schema {revision}, and cannot be upgraded to {SCHEMA_HEAD} "
                    f"where it is: {reason}. Open a copy of it in a folder you can write to."
                )
            return cls(file=path, why_read_only=f"read-only: {reason}", lock=lock)
        store = cls(file=path, lock=lock)
        if not existed:
            store._create(path)
        elif revision != SCHEMA_HEAD:  # a file without tables, or one to upgrade: schema work
            store._prepare()
        return store

    @property
    def path(self) -> Path | None:
        """The SQLite file behind the store, or None for a server database."""
        return self._file

    @property
    def name(self) -> str:
        """A name for title bars and messages: the file name, or the URL without password."""
        return self._file.name if self._file else self._sql().name

    @property
    def on_server(self) -> bool:
        """Whether other clients may change the database meanwhile (PostgreSQL)."""
        return self._file is None and self._sql().on_server

    @property
    def engine(self) -> Engine:
        return self._sql().engine

    @cached_property
    def read_only(self) -> bool:
        """Whether this user may only read: a read-only view, a SELECT-only role, or a file
        this user cannot write."""
        if self._viewing:
            return True
        if self._file is not None:
            return self._file.exists() and not os.access(self._file, os.W_OK)
        return self.on_server and not self._sql().may_write()

    @property
    def sessions_ready(self) -> bool:
        """Whether SQLAlchemy's side is in place, so an edit starts without waiting."""
        return self._sessions is not None

    def bring_in_sessions(self) -> None:
        """Import SQLAlchemy and make the engine now (on a thread, say), not at the first edit."""
        self._sql()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session whose work is committed on exit, or rolled back on an error.

        A write the database refuses to this user (a read-only view of a file, a
        SELECT-only role) raises StoreError saying so; nothing was changed. So does a
        file another Argline holds (``FileInUse``): a store without a lock (a command's,
        a script's) takes the file's lock at its first write and holds it until
        ``close``, as the window holds it while it has the file open.
        """
        self._hold_for_writing()
        try:
            with self._sql().transaction(f"{self.name} is {self.why_read_only}") as session:
                yield session
        except Exception as error:  # SQLAlchemy's DBAPIError, not imported before a write
            if isinstance(error, StoreError):
                raise
            if is_disk_full(error, self._file):
                self._refused_for_room = True
                raise disk_full(f"cannot write {self.name}", "nothing was changed") from None
            if is_refused_write(error):
                raise refused_write(f"cannot write {self.name}", "nothing was changed") from None
            raise
        self._made_and_unwritten = False

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Yield a session for queries; nothing it does is committed."""
        with self._reading_on_a_full_disk(), self._sql().reading() as session:
            yield session

    @contextmanager
    def plain_reading(self) -> Iterator[Cursor]:
        """Yield the database driver's own cursor, in one read transaction, for the plain
        reads (argline.ops.plain_reads): sqlite3's for a file, with or without SQLAlchemy."""
        with self._reading_on_a_full_disk():
            if self._cursors is not None:
                with self._cursors.reading() as cursor:
                    yield cursor
            else:
                with self._sql().plain_reading() as cursor:
                    yield cursor

    @contextmanager
    def _reading_on_a_full_disk(self) -> Iterator[None]:
        """Say in one line that a read failed because SQLite has no room for its ``-shm``."""
        try:
            yield
        except Exception as error:
            if isinstance(error, OSError | StoreError) or not is_disk_full(error, self._file):
                raise  # an OSError is the reader's own (a file it writes), not SQLite's
            raise disk_full(
                f"cannot read {self.name}", "SQLite needs a little room beside it to read it"
            ) from None

    def close(self) -> None:
        self.closed = True
        if self._cursors is not None:
            self._cursors.close()
        if self._sessions is not None:
            self._sessions.close()
        if self._file is not None and not self._viewing:
            if self._made_and_unwritten and self._refused_for_room:
                remove_new_store(self._file)
            else:
                remove_failed_journals(self._file)  # a first connection found the disk full
                record_clean_close(self._file)
        if self.lock is not None:
            self.lock.release()

    def _hold_for_writing(self) -> None:
        """Take the file's lock before the first write of a store without one (a command,
        a script), or raise FileInUse naming the Argline that holds it: a window's file
        never changes under it, and a window opened meanwhile is told who writes."""
        if self._file is None or self._viewing or self._shares_the_file:
            return
        if self.lock is not None and self.lock.held:
            return
        from argline.store.lock import Holder, acquire

        with self._loading:
            if self._shares_the_file or (self.lock is not None and self.lock.held):
                return
            taken = acquire(self._file, yielding=self.lock is None)
            if not isinstance(taken, Holder):
                self.lock = taken
            elif taken.is_this_program:  # its window, or another of its stores
                self._shares_the_file = True
            else:
                raise FileInUse(
                    f"{taken.describe()}: close it there to change it from here; "
                    "nothing was changed"
                )

    def _sql(self) -> Sessions:
        """SQLAlchemy's side of the store, made the first time it is needed."""
        with self._loading:  # a thread bringing it in and a first edit make one engine
            if self._sessions is None:
                from argline.store.sessions import Sessions

                assert self._file is not None  # a store without a file has its engine
                self._sessions = Sessions.connect(self._file, self.origin, read_only=self._viewing)
            return self._sessions

    def _prepare(self) -> None:
        try:
            self._sql().prepare()
        except BaseException:
            if self._cursors is not None:
                self._cursors.close()
            raise

    def _create(self, path: Path) -> None:
        """Make a new store at ``path``, whole, or leave no file there (not even an empty one,
        which every command would then refuse)."""
        try:
            self._prepare()
        except BaseException as error:
            if self._sessions is not None:
                self._sessions.close()
            remove_new_store(path)
            if isinstance(error, DiskFull) or is_disk_full(error, path):
                raise disk_full(f"cannot create {path}", "nothing was left there") from None
            raise
        self._made_and_unwritten = True


def file_of(target: str | Path) -> Path | None:
    """The SQLite file a path or URL names, or None for a server or an in-memory database."""
    text = str(target)
    if "://" not in text:
        return Path(text).expanduser().absolute()
    from argline.store.engine import database_url, sqlite_path  # a URL: SQLAlchemy reads it

    return sqlite_path(database_url(text))
