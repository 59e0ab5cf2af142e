"""The files opened lately, newest first, kept in QSettings between runs."""

from __future__ import annotations

from PySide6.QtCore import QSettings

KEY = "files/recent"
LIMIT = 10


def recent_files(settings: QSettings) -> list[str]:
    """Return the remembered files, newest first (they may have gone since)."""
    value = settings.value(KEY, [])
    if isinstance(value, str):  # QSettings hands back a lone string for a one-item list
        value = [value]
    return [str(v) for v in value or []]


def remember_file(settings: QSettings, file: str) -> list[str]:
    """Put ``file`` first in the list, once, keeping at most LIMIT; return the list."""
    files = [file, *(f for f in recent_files(settings) if f != file)][:LIMIT]
    settings.setValue(KEY, files)
    return files


def forget_file(settings: QSettings, file: str) -> list[str]:
    """Drop ``file`` from the list (it could not be opened); return the list."""
    files = [f for f in recent_files(settings) if f != file]
    settings.setValue(KEY, files)
    return files
