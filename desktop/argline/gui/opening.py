"""Open a file for a window: take its lock, or offer a read-only view when another has it,
or open it read-only, saying why, where it cannot be written (a locked folder, a CD).

Two Arglines writing one SQLite file would not corrupt it (SQLite locks), but each would
show stale data and undo would fight the other's edits: the second is told who holds
the file, and may look without writing. Servers (PostgreSQL) need no lock of ours.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from argline.gui.background import Cancelled, Progress, run_with_progress
from argline.gui.plain import show_message
from argline.store import Store
from argline.store.access import why_read_only
from argline.store.database import file_of
from argline.store.lock import Holder, Lock, acquire
from argline.store.viewing import open_read_only


def open_for_window(parent: QWidget | None, target: str) -> Store | None:
    """Open ``target`` holding its file's lock; None when the user declines the read-only
    view or cancels.

    Raise StoreError when the file cannot be opened at all (not an Argline file, newer,
    a lock file or journal beside it that is not Argline's: ``UntrustedFile``).
    """
    path = file_of(target)
    if path is None:
        return Store.open(target)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    elif (reason := why_read_only(path)) is not None:
        # No lock can be taken where nothing can be written: no Argline writes there.
        return _read_only_where_it_is(parent, path, reason)
    taken = acquire(path)
    if isinstance(taken, Holder):
        return _offer_read_only(parent, path, taken)
    try:
        # An older file is backed up and upgraded on opening: that can take a while.
        return run_with_progress(parent, f"Opening {path.name}…", lambda p: _open(path, taken, p))
    except Cancelled:
        taken.release()
        return None
    except BaseException:
        taken.release()
        raise


def _open(path: Path, lock: Lock, progress: Progress) -> Store:
    store = Store.open(path, lock=lock)
    if progress.cancelled.is_set():  # too late to stop it: close what was opened
        store.close()
        raise Cancelled
    return store


def _read_only_where_it_is(parent: QWidget | None, path: Path, reason: str) -> Store:
    store = Store.open(path)  # read-only there; one it would need to upgrade is refused
    show_message(
        parent,
        "This file opens read-only",
        f"{path.name} opens read-only: {reason}.\n\nYou can look and export, but not "
        "change it. To change it, save a copy in a folder you can write to.",
        icon=QMessageBox.Icon.Information,
    )
    return store


def _offer_read_only(parent: QWidget | None, path: Path, holder: Holder) -> Store | None:
    answer = show_message(
        parent,
        "This file is open in another Argline",
        f"{holder.describe()}.\n\nOpen a read-only view of it? You can look and export, "
        "but not change it.",
        icon=QMessageBox.Icon.Question,
        buttons=QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Open:
        return None
    return open_read_only(path)
