"""Rotating backups of the last few days, and restoring one (backing up the current file first).

The GUI calls ``take_rotating_backup`` when a file is opened and then every so often:
a backup is taken when the file changed since the newest one and that one is older
than ``min_interval``; a damaged file is never backed up, so a good backup is never
pushed out by a bad one. The newest backup of each of the last ``keep_days`` days is
kept; backups taken before an upgrade or a restore are never removed automatically.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from argline.store.access import read_only_uri
from argline.store.backup import Backup, backup_sqlite, list_backups
from argline.store.copies import CopyFailed, copy_database
from argline.store.disk_full import disk_full, is_disk_full
from argline.store.errors import DiskFull, NotAnArglineDatabase
from argline.store.inspection import check_sqlite_file, integrity_report, quick_check_problem
from argline.store.lock import holder_of

if TYPE_CHECKING:
    from argline.store.database import Store

ROTATING = "rotating"
KEEP_DAYS = 5
MIN_INTERVAL = timedelta(hours=1)


def take_rotating_backup(
    store: Store,
    *,
    now: datetime | None = None,
    min_interval: timedelta = MIN_INTERVAL,
    keep_days: int = KEEP_DAYS,
) -> Path | None:
    """Back up the open store when due; return the new backup, or None when none was due."""
    path = store.path
    if path is None:
        return None
    now = (now or datetime.now(UTC)).astimezone(UTC)
    newest = next((b for b in list_backups(path) if b.reason == ROTATING), None)
    if newest is not None and (
        now - newest.taken < min_interval or not _changed_since(path, newest)
    ):
        return None
    problems = quick_check_problem(path)
    if problems:
        raise CopyFailed(
            f"{path} is damaged ({problems}); no backup was taken, the earlier ones are kept"
        )
    taken = backup_sqlite(path, reason=ROTATING, now=now)
    prune_rotating_backups(path, keep_days=keep_days)
    return taken


def prune_rotating_backups(path: Path, *, keep_days: int = KEEP_DAYS) -> list[Path]:
    """Remove rotating backups but the newest of each of the last ``keep_days`` days."""
    kept_days: set[str] = set()
    removed = []
    for backup in list_backups(path):
        if backup.reason != ROTATING:
            continue
        day = backup.taken.astimezone().date().isoformat()
        if day not in kept_days and len(kept_days) < keep_days:
            kept_days.add(day)
            continue
        with contextlib.suppress(OSError):
            backup.path.unlink()
            removed.append(backup.path)
    return removed


def restore_backup(backup: Backup | Path, target: Path) -> Path | None:
    """Put a backup's content in ``target``; return the backup of what ``target`` held before.

    Close any store open on ``target`` first. The current file is backed up (or, when
    it is too damaged to back up, moved aside whole) before anything is written, and
    the backup is written with SQLite's backup API, in one transaction, so a crash
    leaves either the old content or the restored one.
    """
    source = backup.path if isinstance(backup, Backup) else Path(backup)
    target = Path(target).absolute()
    holder = holder_of(target)
    if holder is not None:
        raise CopyFailed(f"cannot restore into {target}: {holder.describe()}")
    try:
        check_sqlite_file(source)
    except NotAnArglineDatabase as error:
        raise CopyFailed(f"cannot restore {source.name}: {error}") from None
    if not target.exists():
        copy_database(source, target)
        return None
    if integrity_report(target):
        return _replace_damaged(source, target)
    before = backup_sqlite(target, reason="before-restore")
    try:
        _write_into(source, target)
    except DiskFull:
        before.unlink(missing_ok=True)  # the file is as it was: the copy adds nothing
        raise
    return before


def _write_into(source: Path, target: Path) -> None:
    reading = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        writing = sqlite3.connect(target)
        try:
            reading.backup(writing)
        finally:
            writing.close()
    except sqlite3.Error as error:
        if is_disk_full(error, target):
            raise disk_full(f"cannot restore into {target}", "it was left as it was") from None
        raise CopyFailed(f"cannot restore into {target}: {error}; it was left as it was") from None
    finally:
        reading.close()


def _replace_damaged(source: Path, target: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    aside = target.with_name(f"{target.stem}.{stamp}.damaged.backup{target.suffix or '.argline'}")
    try:
        os.replace(target, aside)
        for suffix in ("-wal", "-shm", "-journal"):
            journal = target.with_name(target.name + suffix)
            if journal.exists():
                os.replace(journal, aside.with_name(aside.name + suffix))
    except OSError as error:
        raise CopyFailed(f"cannot move the damaged {target} aside: {error.strerror}") from None
    copy_database(source, target)
    return aside


def _changed_since(path: Path, backup: Backup) -> bool:
    written = max(
        (p.stat().st_mtime for p in (path, path.with_name(path.name + "-wal")) if p.exists()),
        default=0.0,
    )
    return written > backup.path.stat().st_mtime - 1
