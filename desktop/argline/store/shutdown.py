"""Whether a file was left by a clean close of Argline, so opening it may skip quick_check.

``PRAGMA quick_check`` reads every page: some 0.2 s at 1,000,000 events, on every open.
It can only find something when the file changed since Argline last left it sound. So
a store closing cleanly (every connection closed, SQLite's ``-wal`` checkpointed away)
records the file as it left it, in ``.NAME.closed`` beside it: device, inode, size and
modification time. Opening skips the check only when that record matches and no
``-wal`` or ``-journal`` holds anything; a kill leaves its ``-wal`` behind, and a file changed
by anything else (a copy over it, a disk fault repaired, bytes garbled) no longer
matches, so both are checked. The record is never trusted unless it is a plain file of
this user, and it is written by a rename, so it never writes through a planted link.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from pathlib import Path

RECORD_BYTES = 512  # a record is a few numbers; anything longer is not ours


def record_of(path: Path) -> Path:
    """The clean-close record of the database ``path``."""
    return path.with_name(f".{path.name}.closed")


def record_clean_close(path: Path) -> None:
    """Note the file as this store leaves it, when SQLite left nothing in flight beside it."""
    if _journal_beside(path):
        return  # another connection still has it open: its close decides
    try:
        identity = _identity(os.stat(path))
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".partial"
        )
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as file:
                json.dump(identity, file)
            os.replace(temporary, record_of(path))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError:
        pass  # a folder that cannot be written to: the next open checks the file, as before


def closed_cleanly(path: Path) -> bool:
    """Whether ``path`` is as a clean close of Argline left it, so its check can be skipped."""
    if _journal_beside(path):
        return False
    try:
        descriptor = os.open(record_of(path), _READ_FLAGS)
    except OSError:
        return False
    try:
        info = os.fstat(descriptor)
        if not _ours(info):
            return False
        recorded = json.loads(os.read(descriptor, RECORD_BYTES))
        return bool(recorded == _identity(os.stat(path)))
    except (OSError, ValueError):
        return False
    finally:
        os.close(descriptor)


_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _identity(info: os.stat_result) -> dict[str, int]:
    return {
        "device": info.st_dev,
        "inode": info.st_ino,
        "size": info.st_size,
        "modified_ns": info.st_mtime_ns,
    }


def _ours(info: os.stat_result) -> bool:
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1 or info.st_size > RECORD_BYTES:
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _journal_beside(path: Path) -> bool:
    """Whether SQLite has anything in flight beside the file: a -wal or -journal with
    content (or that is not a plain file). An empty -wal is what a read-only look leaves."""
    for suffix in ("-wal", "-journal"):
        try:
            info = os.lstat(path.with_name(path.name + suffix))
        except FileNotFoundError:
            continue
        except OSError:
            return True
        if info.st_size or not stat.S_ISREG(info.st_mode):
            return True
    return False
