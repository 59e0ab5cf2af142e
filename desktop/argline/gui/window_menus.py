"""The main window's menu bar, and the one way its commands are made into actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from argline.gui.main_window import MainWindow


def action(
    window: QMainWindow,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence.StandardKey | str | None = None,
) -> QAction:
    """Return an action of the window's (its shortcut live wherever the window has focus)."""
    made = QAction(text, window)
    if shortcut is not None:
        made.setShortcut(QKeySequence(shortcut))
    made.triggered.connect(lambda _checked=False: slot())
    window.addAction(made)
    return made


def build_menus(window: MainWindow) -> None:
    """Fill the window's menu bar with the actions it has made."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions(
        [
            window.new_action,
            window.creating.new_assessment_action,
            window.new_from_document_action,
            window.attach_document_action,
        ]
    )
    file_menu.addAction(window.open_action)
    window.recent_menu = file_menu.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(window.fill_recent_menu)
    file_menu.addAction(window.copy_action)
    file_menu.addAction(window.restore_action)
    file_menu.addSeparator()
    file_menu.addAction(window.import_action)
    export_menu = file_menu.addMenu("&Export")
    for text, export in (
        ("&Timeline Image…", _export_timeline_image),
        ("&Map Image…", _export_map_image),
        ("&Data…", _export_data),
    ):
        export_menu.addAction(action(window, text, partial(export, window)))
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([window.undo_action, window.redo_action])
    edit_menu.addSeparator()
    edit_menu.addActions([window.delete_action, window.find_action])
    view_menu = bar.addMenu("&View")
    view_menu.addActions(
        [
            window.zoom_in_action,
            window.zoom_out_action,
            window.fit_action,
            window.fit_selection_action,
        ]
    )
    view_menu.addMenu(window.scale_menu)
    view_menu.addMenu(window.theme_menu)
    view_menu.addSeparator()
    view_menu.addAction(window.reader_action)
    view_menu.addAction(window.browser_dock.toggleViewAction())
    view_menu.addAction(window.inspector_dock.toggleViewAction())
    insert_menu = bar.addMenu("&Insert")
    creating = window.creating
    insert_menu.addActions([creating.new_event_action, creating.new_claim_action])
    insert_menu.addSeparator()
    insert_menu.addAction(creating.new_assessment_action)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(action(window, "Open &Sample", window.open_sample))
    help_menu.addAction(action(window, "Map &Gestures…", partial(_map_gestures, window)))
    help_menu.addAction(action(window, "&About Argline", window.about))


def _map_gestures(window: MainWindow) -> None:
    from argline.gui.map.gestures import show_map_gestures

    show_map_gestures(window)


# The export dialogs are imported when first asked for: the first window needs none.
def _export_timeline_image(window: MainWindow) -> None:
    from argline.gui.transfer_dialogs import export_timeline_image

    export_timeline_image(window)


def _export_map_image(window: MainWindow) -> None:
    from argline.gui.transfer_dialogs import export_map_image

    export_map_image(window)


def _export_data(window: MainWindow) -> None:
    from argline.gui.transfer_dialogs import export_data

    export_data(window)
