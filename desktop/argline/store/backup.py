"""Copies of a SQLite store taken with SQLite's backup API, safe while the file is open."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def backup_sqlite(path: Path, *, reason: str) -> Path:
    """Copy the database at ``path`` to a dated file beside it and return the copy's path."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.stem}.{stamp}.{reason}.backup{path.suffix or '.argline'}")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


def backups_of(path: Path) -> list[Path]:
    """Return the backups taken of ``path``, newest first."""
    pattern = f"{path.stem}.*.backup{path.suffix or '.argline'}"
    return sorted(path.parent.glob(pattern), reverse=True)
