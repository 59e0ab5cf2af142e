"""The New Assessment dialog: title, author, outlet, publication date, kind, source.

It starts from any values it is given, so a document's metadata can fill it in
(New Assessment from Document…) and the user corrects them before the assessment is
added; an empty title or a date that does not read is refused beside its field.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from argline.gui.dialogs.fields import DateField, Message, form_layout, ok_and_cancel
from argline.model.entities import Assessment, AssessmentKind
from argline.model.ids import new_id

KIND_WORDS = {
    AssessmentKind.FORECAST: "Forecast: it looks ahead",
    AssessmentKind.RETROSPECTIVE: "Retrospective: it looks back",
    AssessmentKind.OTHER: "Other",
}


@dataclass(frozen=True, slots=True)
class AssessmentFields:
    """An assessment's own fields as text, the way a form (or a document's metadata) has them.

    ``published`` is typed text ("13 July 2018", "2018-07-13", "July 2018"), read as the
    dialog reads what the user types.
    """

    title: str = ""
    author: str = ""
    outlet: str = ""
    published: str = ""
    kind: AssessmentKind = AssessmentKind.OTHER
    source: str = ""


class AssessmentDialog(QDialog):
    """Asks for a new assessment, starting from ``initial``.

    Once accepted, ``chosen()`` gives the fields as the user left them and
    ``assessment()`` the assessment to add, under a fresh id.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        initial: AssessmentFields | None = None,
        *,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        initial = initial or AssessmentFields()
        self.setWindowTitle("New Assessment")
        self.setMinimumWidth(500)
        self.note = QLabel(note)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.title = QLineEdit(initial.title)
        self.title.setPlaceholderText("the commentary, brief or forecast")
        self.title_message = Message(self)
        self.author = QLineEdit(initial.author)
        self.outlet = QLineEdit(initial.outlet)
        self.outlet.setPlaceholderText("where it was published")
        self.published = DateField(
            initial.published, optional=True, hint="e.g. 13 July 2018; empty if undated"
        )
        self.kind = QComboBox()
        for kind, words in KIND_WORDS.items():
            self.kind.addItem(words, kind)
        self.kind.setCurrentIndex(self.kind.findData(initial.kind))
        self.source = QLineEdit(initial.source)
        self.source.setPlaceholderText("file name or URL, if any")
        form = form_layout()
        form.addRow("&Title", self.title)
        form.addRow("", self.title_message)
        form.addRow("&Author", self.author)
        form.addRow("&Outlet", self.outlet)
        form.addRow("&Published", self.published)
        form.addRow("&Kind", self.kind)
        form.addRow("&Source", self.source)
        buttons, self.ok_button = ok_and_cancel(self, "Add Assessment")
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.title.textChanged.connect(lambda _text: self.title_message.say(""))
        if initial.published:
            self.published.check()  # metadata that does not read says so at once
        self.title.setFocus()

    def chosen(self) -> AssessmentFields:
        """Return the fields as the user left them (the date as typed)."""
        return AssessmentFields(
            title=self.title.text().strip(),
            author=self.author.text().strip(),
            outlet=self.outlet.text().strip(),
            published=self.published.editor.text().strip(),
            kind=self.kind.currentData(),
            source=self.source.text().strip(),
        )

    def assessment(self) -> Assessment:
        """Return the assessment to add, under a fresh id made from its title.

        Only once the dialog has been accepted: its date then reads.
        """
        fields = self.chosen()
        return Assessment(
            new_id(fields.title, "assessment"),
            fields.title,
            kind=fields.kind,
            author=fields.author,
            outlet=fields.outlet,
            published=self.published.date(),
            source=fields.source,
        )

    def accept(self) -> None:
        """Close with the assessment chosen, or stay open saying what is missing or wrong."""
        problems: list[QWidget] = []
        if not self.title.text().strip():
            self.title_message.say("an assessment needs a title", refused=True)
            problems.append(self.title)
        if not self.published.check():
            problems.append(self.published.editor)
        if problems:
            problems[0].setFocus()
            return
        super().accept()
