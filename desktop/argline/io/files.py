"""Reading input files with a size limit, and writing output files atomically.

The temporary file of an atomic write is created new beside the target (``mkstemp``:
``O_CREAT | O_EXCL | O_NOFOLLOW``, so a link planted at its name is never followed) and
written through its descriptor; the rename that puts it in place replaces a link at the
target's name instead of writing through it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from argline.io.errors import ImportRefused
from argline.store import faults
from argline.store.copies import flush_folder, refuse_unless_same_file

MAX_IMPORT_BYTES = 512 * 1024 * 1024


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
