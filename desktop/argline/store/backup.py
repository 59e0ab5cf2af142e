"""Backups of a SQLite store beside it, taken with SQLite's backup API while it is open.

A backup is named ``STEM.YYYYmmdd-HHMMSS-ffffff.REASON.backup.SUFFIX`` (UTC time), so
that a folder listing sorts them by age and says why each was taken: before a schema
upgrade, before a restore, or as one of the rotating daily backups.

A backup is written as every copy is (``copies.copy_database``): into a new temporary
file, then renamed to its name, so a link planted at that name is replaced, never
written through. A link or anything but a plain file with a backup's name is not one
Argline took: it is not listed, so never offered for restoring.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from argline.store.copies import copy_database

_STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file of a database: where it is, when and why it was taken."""

    path: Path
    taken: datetime
    reason: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    def describe(self) -> str:
        """Return a line for a menu or a report: local time, reason and file name."""
        local = self.taken.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"{local} ({self.reason.replace('-', ' ')}): {self.path.name}"


def backup_sqlite(path: Path, *, reason: str, now: datetime | None = None) -> Path:
    """Copy the database at ``path`` to a dated file beside it and return the copy's path."""
    taken = (now or datetime.now(UTC)).astimezone(UTC)
    target = path.with_name(f"{path.stem}.{taken.strftime(_STAMP)}.{reason}.backup{_suffix(path)}")
    copy_database(path, target)
    return target


def list_backups(path: Path) -> list[Backup]:
    """Return the backups taken of ``path``, newest first."""
    pattern = re.compile(
        rf"{re.escape(path.stem)}\.(\d{{8}}-\d{{6}}-\d{{6}})\.([\w-]+)\.backup"
        rf"{re.escape(_suffix(path))}"
    )
    found = []
    for candidate in path.parent.glob(f"{path.stem}.*.backup{_suffix(path)}"):
        match = pattern.fullmatch(candidate.name)
        if match and _is_plain_file(candidate):
            taken = datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC)
            found.append(Backup(candidate, taken, match[2]))
    return sorted(found, key=lambda backup: backup.taken, reverse=True)


def _is_plain_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _suffix(path: Path) -> str:
    return path.suffix or ".argline"
