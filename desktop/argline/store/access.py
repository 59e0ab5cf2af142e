"""Whether a file may be written here, and how to read it without writing beside it.

SQLite's read-only connection (``mode=ro``) to a file in WAL mode still makes its ``-shm``
and ``-wal`` beside it. That fails in a folder or on a disk that cannot be written, or on
a full disk (leaving a 3-byte ``-shm``), and leaves both behind a file it then refuses.
When nothing is in flight beside the file (no ``-wal``, no ``-journal``), there is nothing
those would hold: the file is read as it stands (``immutable=1``), and nothing is made.
"""

from __future__ import annotations

import os
from pathlib import Path


def why_read_only(path: Path) -> str | None:
    """Say why this user may only read the file at ``path`` (or make none there), or None."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "it is on a read-only disk or share"
    except (AttributeError, OSError):  # no statvfs (Windows), or no folder: asked below
        pass
    # SQLite keeps its -wal and -shm beside the file, and Argline its lock and backups.
    if not os.access(folder, os.W_OK):
        return "its folder cannot be written"
    if path.exists() and not os.access(path, os.W_OK):
        return "you may not write it"
    return None


def read_only_uri(path: Path, *, lasting: bool = False) -> str:
    """The URI of a connection that only reads ``path`` and makes nothing beside it.

    A look (``lasting=False``) reads the file as it stands whenever nothing is in flight
    beside it. A connection that lasts (a read-only view) does so only where no one can
    write either (a read-only folder or disk): elsewhere another Argline may start
    writing meanwhile, and SQLite's ``-shm`` is how a reader sees that.
    """
    path = path.absolute()
    in_flight = any(os.path.lexists(f"{path}{suffix}") for suffix in ("-wal", "-journal"))
    fixed = not in_flight and (not lasting or why_read_only(path) is not None)
    return f"{path.as_uri()}?mode=ro{'&immutable=1' if fixed else ''}"
