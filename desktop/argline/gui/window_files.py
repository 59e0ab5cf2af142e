"""Files in the main window: open, new, a copy, a backup restored, an import, recent files.

A part of ``MainWindow`` (a mixin, as the map view's layers are). The file dialogs are
imported when first asked for: the first window needs none.
"""

from __future__ import annotations

from argline.gui.opening import open_for_window
from argline.gui.plain import show_message
from argline.gui.recent_files import forget_file, recent_files, remember_file
from argline.store import StoreError


class WindowFiles:
    """The main window's files: opened, made, copied, restored, imported, remembered."""

    def open_path(self, path: str) -> bool:
        """Open an Argline file in this window; a file that is not one is refused, untouched."""
        try:
            opened = open_for_window(self, path)
        except (StoreError, OSError) as error:
            forget_file(self.settings, path)
            show_message(self, "Argline cannot open this file", str(error))
            return False
        if opened is None:
            return False
        self.show_store(opened)
        return True

    # The file dialogs are imported when first asked for: the first window needs none.
    def new_file(self) -> None:
        from argline.gui.file_dialogs import new_file_dialog

        new_file_dialog(self)

    def save_copy(self) -> None:
        from argline.gui.file_dialogs import save_copy_dialog

        save_copy_dialog(self)

    def restore_backup(self) -> None:
        from argline.gui.file_dialogs import restore_backup_dialog

        restore_backup_dialog(self)

    def import_file(self) -> None:
        from argline.gui.transfer_dialogs import import_dialog

        import_dialog(self)

    def open_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from argline.gui.file_dialogs import FILE_FILTER

        path, _ = QFileDialog.getOpenFileName(self, "Open an Argline file", "", FILE_FILTER)
        if path:
            self.open_path(path)

    def open_sample(self) -> None:
        from argline.io.user_files import open_sample, sample_database

        try:
            open_sample().close()  # (re)fills the sample with the seed corpus
        except StoreError as error:
            show_message(self, "Argline cannot open the sample", str(error))
            return
        self.open_path(str(sample_database()))

    def _take_backup(self) -> None:
        from argline.store.rotation import take_rotating_backup

        store = self.store
        if store is None or store.path is None or store.read_only:
            return
        try:
            take_rotating_backup(store)
        except (StoreError, OSError) as error:
            self.say(f"No backup was taken: {error}")

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = recent_files(self.settings)
        for file in files:
            action = self.recent_menu.addAction(file)
            action.triggered.connect(lambda _checked=False, f=file: self.open_path(f))
        if not files:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    def _remember(self, file: str) -> None:
        remember_file(self.settings, file)
