"""File ▸ New Assessment from Document… and File ▸ Attach Source Document….

Both read the file first (io.documents: text, Markdown, HTML, PDF), so a file that
cannot be read is refused in one message before anything changes; then one edit, one
undo step. A new assessment starts from the document's metadata in the New Assessment
dialog, where the analyst corrects it before it is added.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from argline.gui.plain import show_message

if TYPE_CHECKING:
    from argline.gui.dialogs.assessment_dialog import AssessmentDialog
    from argline.gui.main_window import MainWindow
    from argline.io.documents import ReadDocument

DOCUMENT_FILTER = (
    "Documents (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.pdf);;All files (*)"
)


class SourceDocuments(QObject):
    """The window's commands that bring an assessment's own text into the store."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def new_assessment_from_document(self, path: str | None = None) -> AssessmentDialog | None:
        """Read a document and ask for the assessment it starts, its metadata filled in."""
        read = self._read(path or self._ask("New Assessment from Document"))
        if read is None:
            return None
        path_read, document = read
        from argline.gui.dialogs.assessment_dialog import AssessmentDialog, AssessmentFields
        from argline.io.sources import suggested

        found = suggested(document, Path(path_read).name)
        fields = AssessmentFields(
            title=found.title,
            author=found.author,
            outlet=found.outlet,
            published=found.published,
            source=Path(path_read).name,
        )
        note = f"From {Path(path_read).name}: {_size(document)}. Correct what it says below."
        dialog = AssessmentDialog(self.window, fields, note=note)
        dialog.accepted.connect(lambda: self._add(dialog, document, Path(path_read).name))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def attach_document(self, path: str | None = None, assessment_id: str | None = None) -> None:
        """Attach (or replace) the shown assessment's document; its passages are found again."""
        window = self.window
        shown = window.map.current_assessments()
        assessment_id = assessment_id or (shown[0] if shown else None)
        if assessment_id is None:
            window.say("Choose an assessment first: the document is attached to it")
            return
        title = window.browser.title_of(assessment_id) or assessment_id
        read = self._read(path or self._ask(f"Attach Source Document to “{title}”"))
        if read is None:
            return
        path_read, document = read
        from argline.io.sources import passage_counts, source_document
        from argline.model.anchoring import AnchoringSummary
        from argline.ops.documents import AttachDocument

        attached = source_document(document, Path(path_read).name)
        if window.history.try_apply(AttachDocument(assessment_id, attached)) is None:
            return
        assert window.store is not None
        anchored, orphaned = passage_counts(window.store, assessment_id)
        found = AnchoringSummary(anchored, orphaned).message
        window.say(f"Attached {Path(path_read).name}: {found} (Undo to take it back)")
        window.show_reader(assessment_id)

    def _add(self, dialog: AssessmentDialog, document: ReadDocument, name: str) -> None:
        from argline.io.sources import new_assessment_from, source_document

        assessment = dialog.assessment()
        window = self.window
        step = new_assessment_from(assessment, source_document(document, name))
        if window.history.try_apply(step) is None:
            return
        window.browser.select_assessment(assessment.id)
        window.choose_assessment(assessment.id)
        window.show_reader(assessment.id)
        window.say(f"Added “{assessment.title}” with its document (Undo to take it back)")

    def _ask(self, title: str) -> str:
        from PySide6.QtWidgets import QFileDialog  # not needed to draw the first window

        path, _ = QFileDialog.getOpenFileName(self.window, title, "", DOCUMENT_FILTER)
        return path

    def _read(self, path: str) -> tuple[str, ReadDocument] | None:
        if not path:
            return None
        from argline.io.documents import read_document
        from argline.io.errors import ImportRefused

        try:
            return path, read_document(Path(path))
        except (ImportRefused, OSError) as error:
            show_message(self.window, "Argline cannot read this document", str(error))
            return None


def _size(document: ReadDocument) -> str:
    """Say how long a document is, counting as its fingerprint (and the Reader) does."""
    from argline.model.passages import normalise

    characters = f"{len(normalise(document.text)):,} characters"
    pages = len(document.pages)
    if not pages:
        return characters
    return f"{characters}, {pages:,} page" if pages == 1 else f"{characters}, {pages:,} pages"
