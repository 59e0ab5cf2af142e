"""File ▸ New, Save a Copy As and Restore Backup: the dialogs around the open file.

Each makes or keeps a file, and never replaces one the user did not choose: New refuses
an existing name, a copy is written whole before it takes its name, and a restore
backs up what the file holds first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from argline.gui.plain import show_message
from argline.io.files import WriteFailed
from argline.store import Store, StoreError
from argline.store.backup import list_backups
from argline.store.copies import save_copy
from argline.store.rotation import restore_backup

if TYPE_CHECKING:
    from argline.gui.main_window import MainWindow

FILE_FILTER = "Argline files (*.argline);;All files (*)"


def new_file_dialog(window: MainWindow) -> None:
    """Ask for a new file's name and open it empty; an existing file is never replaced."""
    path, _ = QFileDialog.getSaveFileName(
        window,
        "New Argline file",
        "Untitled.argline",
        FILE_FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not path:
        return
    if not path.endswith(".argline"):
        path += ".argline"
    if Path(path).exists():
        show_message(
            window,
            "Argline",
            f"{Path(path).name} exists already. New makes a new file and never "
            "replaces one: choose another name, or open that file with Open.",
            icon=QMessageBox.Icon.Warning,
        )
        return
    window.open_path(path)


def save_copy_dialog(window: MainWindow) -> None:
    """Write a copy of the open store where the user says; the window stays on the original."""
    assert window.store is not None
    path, _ = QFileDialog.getSaveFileName(window, "Save a copy as", "", FILE_FILTER)
    if not path:
        return
    try:
        save_copy(window.store, Path(path))
    except (StoreError, WriteFailed) as error:
        show_message(window, "The copy was not saved", str(error))
        return
    window.say(f"Saved a copy as {path}")


def restore_backup_dialog(window: MainWindow) -> None:
    """List the backups of the open file and put the chosen one back, as a new start."""
    store = window.store
    if store is None or store.path is None:
        return
    path = store.path
    backups = list_backups(path)
    if not backups:
        show_message(
            window,
            "Restore Backup",
            f"There are no backups of {path.name}.",
            icon=QMessageBox.Icon.Information,
        )
        return
    choice, chosen = QInputDialog.getItem(
        window,
        "Restore Backup",
        f"Put back the content of {path.name} as it was at:\n"
        "(what it holds now is backed up first)",
        [b.describe() for b in backups],
        0,
        False,
    )
    if not chosen:
        return
    backup = backups[[b.describe() for b in backups].index(choice)]
    # The file stays locked through the restore: its lock goes over to the store reopened.
    lock, store.lock = store.lock, None
    store.close()
    try:
        before = restore_backup(backup, path)
    except StoreError as error:
        show_message(window, "Nothing was restored", str(error))
        before = None
    window.store = None
    window.show_store(Store.open(path, lock=lock))
    if before is not None:
        window.say(f"Restored {backup.describe()}; the content before is kept as {before.name}")
