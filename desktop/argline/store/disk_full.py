"""A write that found no room on the disk: told in one line, with nothing left behind.

SQLite says a full disk two ways: ``SQLITE_FULL`` ("database or disk is full") when a
page does not fit, and a plain I/O error (``SQLITE_IOERR_SHMSIZE``, "disk I/O error")
when its ``-shm`` cannot grow to the 32 KiB every connection to a WAL-mode file maps.
The second says nothing of space, so it counts as a full disk only where the disk
has less room left than SQLite needs to start. Python's own writes say ``ENOSPC``.

The first connection to a file on a full disk leaves an empty ``-wal`` and a 3-byte
``-shm`` behind it, and the next command's read then fails on them.
``remove_failed_journals`` takes them away once no connection of this store is open:
an empty ``-wal`` holds nothing, and a ``-shm`` shorter than one region is one no
connection anywhere could use.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from argline.store.errors import DiskFull, StoreError

SQLITE_IOERR = 10
SQLITE_FULL = 13
# Every connection to a WAL-mode file maps a 32 KiB region of the -shm first.
SHM_REGION_BYTES = 32 * 1024
# An I/O error with less than this left is the disk being full: SQLite cannot start.
LOW_ROOM_BYTES = 1024 * 1024
_NO_ROOM = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def is_disk_full(error: BaseException, near: Path | None) -> bool:
    """Whether ``error`` (SQLite's, SQLAlchemy's around it, or the system's) is a write
    that found no room on the disk holding ``near``."""
    driver = getattr(error, "orig", None) or error  # SQLAlchemy wraps the driver's error
    if isinstance(driver, OSError):
        return driver.errno in _NO_ROOM
    code = getattr(driver, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return False
    if code & 0xFF == SQLITE_FULL:
        return True
    return code & 0xFF == SQLITE_IOERR and near is not None and room_left(near) < LOW_ROOM_BYTES


def is_refused_write(error: BaseException) -> bool:
    """Whether ``error`` is SQLite's I/O error of a write that was not a full disk: a disk
    quota, a file-size limit (SQLite calls both a "disk I/O error"), or a failing disk."""
    driver = getattr(error, "orig", None) or error
    code = getattr(driver, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF == SQLITE_IOERR


def refused_write(what: str, outcome: str) -> StoreError:
    """The one line said when the disk refused a write it had room for."""
    return StoreError(
        f"{what}: the disk refused to write it (over a disk quota or a file-size limit, or "
        f'a failing disk: SQLite says only "disk I/O error"); {outcome}.'
    )


def room_left(near: Path) -> int:
    """Bytes this user may still write on the disk holding ``near`` (a large number where
    the system cannot say)."""
    folder = near if near.is_dir() else near.parent
    try:
        info = os.statvfs(folder)
    except (AttributeError, OSError):  # no statvfs (Windows), or the folder is gone
        return LOW_ROOM_BYTES
    return info.f_bavail * info.f_frsize


def disk_full(what: str, outcome: str) -> DiskFull:
    """The one line said when ``what`` ("cannot import into NAME") found the disk full."""
    return DiskFull(f"{what}: the disk is full; {outcome}. Make room on it and try again.")


def remove_failed_journals(path: Path) -> None:
    """Remove an empty ``-wal`` and a ``-shm`` too short for any connection to use: what
    SQLite's first connection leaves when the disk is full. Anything else is left alone."""
    wal, shm = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
    shm_size = _plain_file_size(shm)
    wal_size = _plain_file_size(wal)
    if shm_size is not None and shm_size >= SHM_REGION_BYTES:
        return  # a connection (here or in another program) uses it
    if wal_size not in (None, 0):
        return  # frames in it: SQLite's to replay
    for leftover in (shm, wal):
        with contextlib.suppress(FileNotFoundError):
            if _plain_file_size(leftover) is not None:
                leftover.unlink()


def remove_new_store(path: Path) -> None:
    """Remove a store this process began to make at ``path`` and could not finish, with
    its journals, so that a failed creation leaves no file (an empty one would be
    refused ever after)."""
    for name in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(FileNotFoundError):
            if _plain_file_size(name) is not None:
                name.unlink()


def _plain_file_size(path: Path) -> int | None:
    """The size of a regular file of one name at ``path``, or None for anything else."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        return None
    return info.st_size
