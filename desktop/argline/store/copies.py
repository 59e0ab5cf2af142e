"""Whole-database copies written atomically with SQLite's backup API: save a copy, backups.

The backup API copies a consistent snapshot while the file is open and being edited
(in WAL mode it does not even block the writer). The copy goes to a temporary file
beside the target, is flushed to disk, and only then renamed over the target; so a
crash, a full disk or a refused permission leaves any earlier file of that name
whole, and never a half-written database under a name the user knows.

The folder may be one others can write to. The temporary file is created new
(``mkstemp``: ``O_CREAT | O_EXCL | O_NOFOLLOW``), and SQLite, which can only be given a
name, is checked to have opened that very file: a link put in its place in between
(SQLite would follow it and copy over the file it points to) is refused before anything
is written. A rename replaces a link at the target's name; it never writes through it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from argline.store import faults
from argline.store.access import read_only_uri
from argline.store.disk_full import is_disk_full
from argline.store.errors import StoreError
from argline.store.lock import holder_of

if TYPE_CHECKING:
    from argline.store.database import Store


class CopyFailed(StoreError):
    """A copy or backup could not be written; any earlier file of that name is intact."""


def save_copy(store: Store, target: Path) -> Path:
    """Write a copy of the open store to ``target`` atomically; return the target's path."""
    source = store.path
    if source is None:
        raise CopyFailed(f"{store.name} is not a file; only file databases can be copied")
    target = Path(target).expanduser().absolute()
    if target == source.absolute():
        raise CopyFailed(f"{target} is the open file itself; choose another name for the copy")
    copy_database(source, target)
    return target


def copy_database(source: Path, target: Path) -> None:
    """Copy the SQLite database at ``source`` to ``target`` through a temporary file."""
    holder = holder_of(target) if target.exists() else None
    if holder is not None:
        raise CopyFailed(f"cannot write {target}: {holder.describe()}")
    directory = target.parent
    descriptor: int | None = None
    temporary: Path | None = None
    try:
        descriptor, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=directory
        )
        temporary = Path(name)
        _backup(source, temporary, descriptor)
        os.fsync(descriptor)
        # A leftover journal of an earlier file of this name would be replayed into
        # the new one: remove it first (nobody has that file open, checked above).
        for leftover in _journals(target):
            leftover.unlink(missing_ok=True)
        refuse_unless_same_file(descriptor, temporary)
        faults.reached("copy.written")
        os.replace(temporary, target)
        temporary = None
        flush_folder(directory)
    except (OSError, sqlite3.Error) as error:
        raise CopyFailed(
            f"cannot write {target}: {_reason(error, directory)}; any earlier file was kept"
        ) from None
    finally:
        if descriptor is not None:
            os.close(descriptor)
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()  # the name only: a link put there is removed, not followed


class ReplacedWhileWriting(OSError):
    """A temporary file's name no longer names the file Argline created (a link, say)."""


def refuse_unless_same_file(descriptor: int, name: Path) -> None:
    """Raise ``ReplacedWhileWriting`` unless ``name`` is still the file open as ``descriptor``."""
    opened = os.fstat(descriptor)
    try:
        named = os.lstat(name)
    except FileNotFoundError:
        named = None
    if named is None or (named.st_dev, named.st_ino) != (opened.st_dev, opened.st_ino):
        raise ReplacedWhileWriting(
            f"its temporary file {name.name} was replaced by another file or a link"
        )


def _backup(source: Path, target: Path, descriptor: int) -> None:
    reading = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        refuse_unless_same_file(descriptor, target)
        writing = sqlite3.connect(target)
        try:
            # SQLite opens by name, following a link there: see that it opened our file.
            _refuse_unless_opened(writing, target, descriptor)
            # No -journal beside the temporary file, a name someone could plant first:
            # a copy that fails part-way is thrown away whole.
            writing.execute("PRAGMA journal_mode = MEMORY")
            reading.backup(writing)
        finally:
            writing.close()
    finally:
        reading.close()


def _refuse_unless_opened(connection: sqlite3.Connection, target: Path, descriptor: int) -> None:
    """Raise ``ReplacedWhileWriting`` unless ``connection`` has the file ``descriptor`` is."""
    opened = connection.execute("PRAGMA database_list").fetchone()[2]
    expected = {str(target.absolute()), os.path.join(os.path.realpath(target.parent), target.name)}
    if opened not in expected:
        raise ReplacedWhileWriting(
            f"its temporary file {target.name} was replaced by a link to {opened}"
        )
    refuse_unless_same_file(descriptor, target)


def _journals(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def flush_folder(directory: Path) -> None:
    """Put a folder's entries on disk: a rename into it is durable only then (POSIX only)."""
    if os.name != "posix":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _reason(error: BaseException, directory: Path) -> str:
    if is_disk_full(error, directory):
        # The system's own words too, for a search: "No space left on device".
        said = error.strerror if isinstance(error, OSError) else None
        return f"the disk is full ({said})" if said else "the disk is full"
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
