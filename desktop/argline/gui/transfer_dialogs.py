"""File ▸ Import and File ▸ Export from the window: dialogs, progress, the summary to confirm.

Imports and data exports run behind a progress dialog with cancel; an import commits
only once the user has seen its summary. Every message is plain text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from argline.gui.background import Cancelled, Progress, run_with_progress
from argline.gui.image_files import PAGE_CHOICES
from argline.gui.live_refresh import EVERY_KIND
from argline.gui.plain import show_message
from argline.io.errors import ImportCancelled, ImportRefused
from argline.io.files import WriteFailed
from argline.store import StoreError

if TYPE_CHECKING:
    from argline.gui.main_window import MainWindow
    from argline.io.formats import Format
    from argline.io.transfer import ImportReport

IMAGE_FILTER = "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"


def import_dialog(window: MainWindow) -> None:
    """Ask for a file in any format Argline reads, and import it."""
    from argline.io import formats

    names = " ".join(f"*{s}" for f in formats.formats() for s in f.suffixes)
    path, _ = QFileDialog.getOpenFileName(
        window, "Import", "", f"Files Argline reads ({names});;All files (*)"
    )
    if path:
        import_path(window, path)


def import_path(window: MainWindow, path: str, *, format: str | None = None) -> ImportReport | None:
    """Import a file behind a progress dialog, committing only after its summary is seen."""
    from argline.io.transfer import import_file

    store = window.store
    assert store is not None

    def work(progress: Progress) -> ImportReport:
        return import_file(
            store,
            Path(path),
            format=format,
            confirm=lambda report: progress.ask(lambda: confirm_import(window, path, report)),
        )

    try:
        report = run_with_progress(window, f"Importing {Path(path).name}…", work)
    except (Cancelled, ImportCancelled):
        window.say("Import cancelled; nothing was changed")
        return None
    except (ImportRefused, StoreError) as error:
        show_message(window, "Nothing was imported", str(error))
        return None
    window.show_changes(EVERY_KIND, said=f"Imported {Path(path).name}: {report.summary()}")
    return report


def confirm_import(parent: QWidget, path: str, report: ImportReport) -> bool:
    """Show what the import would bring; True when the user says import."""
    box = QMessageBox(parent)
    box.setWindowTitle("Import")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"Import {Path(path).name} ({report.format})?")
    box.setInformativeText(report.summary().replace("; ", "\n"))
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Ok).setText("Import")
    return box.exec() == QMessageBox.StandardButton.Ok


def export_timeline_image(window: MainWindow) -> None:
    from argline.gui.timeline.export_dialog import TimelineExportDialog

    # The timeline the window shows, as it holds it: the store is not read again.
    timeline = window.timeline
    TimelineExportDialog(
        timeline.days_content,
        timeline.visible_range(),
        window,
        time_scale=timeline.time_scale,
        reference=timeline.reference_day(),
    ).exec()


def export_map_image(window: MainWindow) -> None:
    """Write the map shown (its first assessment) as PNG, SVG or PDF, on the page asked for."""
    from argline.gui.map.export import export_map_image as write_map

    assert window.store is not None
    path, _ = QFileDialog.getSaveFileName(window, "Export map image", "map.png", IMAGE_FILTER)
    if not path:
        return
    page = None
    if Path(path).suffix.lower() == ".pdf":
        name, chosen = QInputDialog.getItem(
            window, "Export map image", "Page", list(PAGE_CHOICES), 0, False
        )
        if not chosen:
            return
        page = PAGE_CHOICES[name]
    shown = window.map.current_assessments()
    try:
        write_map(window.store, Path(path), assessment=shown[0] if shown else None, page=page)
    except (StoreError, WriteFailed) as error:
        show_message(window, "The map was not exported", str(error))
        return
    window.say(f"Exported the map to {path}")


def export_data(window: MainWindow) -> None:
    """Write the store in a format chosen in the dialog's filter."""
    from argline.io import formats
    from argline.io.transfer import export_file

    store = window.store
    assert store is not None
    filters = ";;".join(_filter(f) for f in formats.formats())
    path, chosen = QFileDialog.getSaveFileName(window, "Export data", "", filters)
    if not path:
        return
    name = {_filter(f): f.name for f in formats.formats()}.get(chosen)
    try:
        run_with_progress(
            window,
            f"Exporting {Path(path).name}…",
            lambda _progress: export_file(store, Path(path), format=name),
        )
    except Cancelled:
        return
    except (ImportRefused, StoreError, WriteFailed) as error:
        show_message(window, "Nothing was exported", str(error))
        return
    window.say(f"Exported to {path}")


def _filter(chosen: Format) -> str:
    """Return a file dialog's filter for a format, e.g. 'Argdown (*.argdown *.ad)'."""
    patterns = " ".join(f"*{suffix}" for suffix in chosen.suffixes)
    return f"{chosen.description or chosen.name} ({patterns})"
