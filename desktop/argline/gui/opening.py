"""Open a file for a window: take its lock, or offer a read-only view when another has it.

Two Arglines writing one SQLite file would not corrupt it (SQLite locks), but each would
show stale data and undo would fight the other's edits: the second is told who holds
the file, and may look without writing. Servers (PostgreSQL) need no lock of ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from argline.gui import operations
from argline.gui.background import Cancelled, Progress, run_with_progress
from argline.gui.plain import show_message
from argline.store.errors import StoreError
from argline.store.first_look import FirstLook
from argline.store.lock import Holder, Lock, acquire, refuse_untrusted_sidecars

if TYPE_CHECKING:
    from argline.store import Store


@dataclass(frozen=True, slots=True)
class Opened:
    """A store opened for a window, with the lock that keeps other Arglines out of it."""

    store: Store
    lock: Lock | None = None
    read_only: bool = False

    def close(self) -> None:
        self.store.close()
        if self.lock is not None:
            self.lock.release()


@dataclass(frozen=True, slots=True)
class Glance:
    """A first look at a file (argline.store.first_look), with the lock its opening will keep."""

    look: FirstLook
    lock: Lock

    def open(self) -> Opened:
        """Open the store proper behind the first look; raise StoreError as opening does."""
        self.look.close()
        try:
            store = operations.Store.open(self.look.path)
        except BaseException:
            self.lock.release()
            raise
        return Opened(store, self.lock)


def glance_for_window(target: str) -> Glance | None:
    """Take a first look at ``target`` and its lock, or return None for the ordinary way in.

    A file that another Argline holds goes the ordinary way, which offers a read-only view;
    so does one whose lock or journals are not Argline's (``UntrustedFile``), where the
    ordinary way says so once the window can show it.
    """
    if "://" not in target:
        try:
            # Before SQLite looks: even a read-only look writes into a planted -shm.
            refuse_untrusted_sidecars(Path(target).expanduser().absolute())
        except StoreError:
            return None
    look = FirstLook.take(target)
    if look is None:
        return None
    try:
        taken = acquire(look.path)
    except StoreError:
        look.close()
        return None
    if isinstance(taken, Holder):
        look.close()
        return None
    return Glance(look, taken)


def open_for_window(parent: QWidget | None, target: str) -> Opened | None:
    """Open ``target``; return None when the user declines the read-only view or cancels.

    Raise StoreError when the file cannot be opened at all (not an Argline file, newer,
    a lock file or journal beside it that is not Argline's: ``UntrustedFile``).
    """
    path = operations.sqlite_path(operations.database_url(target))
    if path is None:
        return Opened(operations.Store.open(target))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    taken = acquire(path)
    if isinstance(taken, Holder):
        return _offer_read_only(parent, path, taken)
    try:
        # An older file is backed up and upgraded on opening: that can take a while.
        store = run_with_progress(parent, f"Opening {path.name}…", lambda p: _open(path, p))
    except Cancelled:
        taken.release()
        return None
    except BaseException:
        taken.release()
        raise
    return Opened(store, taken)


def _open(path: Path, progress: Progress) -> Store:
    store = operations.Store.open(path)
    if progress.cancelled.is_set():  # too late to stop it: close what was opened
        store.close()
        raise Cancelled
    return store


def _offer_read_only(parent: QWidget | None, path: Path, holder: Holder) -> Opened | None:
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
    return Opened(operations.open_read_only(path), read_only=True)
