"""Reading input files with a size limit, and writing output files atomically.

The temporary file of an atomic write is created new beside the target (``mkstemp``:
``O_CREAT | O_EXCL | O_NOFOLLOW``, so a link planted at its name is never followed) and
written through its descriptor; the rename that puts it in place replaces a link at the
target's name instead of writing through it. ``mkstemp`` makes the file private (0600);
before the rename it is given the mode any new file of the user's gets (0666 less the
umask), so an export is as readable as the other files the user writes.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from argline.io.errors import ImportRefused
from argline.store import faults
from argline.store.copies import flush_folder, refuse_unless_same_file

MAX_IMPORT_BYTES = 512 * 1024 * 1024
PROCESS_STATUS = Path("/proc/self/status")


class WriteFailed(OSError):
    """An output file could not be written; any earlier file of that name is intact."""


def read_input(path: Path) -> bytes:
    """Return the bytes of a file to import; refuse folders, missing and oversized files."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ImportRefused("is a folder, not a file", file=str(path))
        if size > MAX_IMPORT_BYTES:
            raise ImportRefused(
                f"is {size / 2**20:.0f} MiB; Argline imports files up to "
                f"{MAX_IMPORT_BYTES // 2**20} MiB",
                file=str(path),
            )
        return path.read_bytes()
    except OSError as error:
        raise ImportRefused(error.strerror or str(error), file=str(path)) from None


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a failure keeps the old file."""
    directory = path.parent if str(path.parent) else Path()
    temporary = None
    try:
        descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
        temporary = Path(name)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            if sys.platform != "win32":  # Windows keeps no mode but read-only, left off
                os.fchmod(file.fileno(), new_file_mode())
            file.flush()
            os.fsync(file.fileno())
            # Rename only what was written: not a file someone put at the name meanwhile.
            refuse_unless_same_file(file.fileno(), temporary)
        faults.reached("file.written")
        os.replace(temporary, path)
        temporary = None
        flush_folder(directory)
    except OSError as error:
        reason = error.strerror or str(error)
        raise WriteFailed(f"cannot write {path}: {reason}; any earlier file was kept") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()


def new_file_mode() -> int:
    """Return the mode a new file of this process gets: 0o666 less the umask.

    Linux (4.7 on) tells the umask in /proc/self/status. Elsewhere it can only be read by
    setting another and putting it back; the one set meanwhile is the strictest, so a
    file another thread creates in that instant is private rather than open to all.
    """
    with contextlib.suppress(OSError):
        for line in PROCESS_STATUS.read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    mask = os.umask(0o777)
    os.umask(mask)
    return 0o666 & ~mask
