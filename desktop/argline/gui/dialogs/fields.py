"""Fields of the dialogs that add things: a date read as it is typed, and a message beside it.

A date is typed as analysts write it ("30 March 1867", "March 2014", "c. 1859", EDTF);
while it reads, the field says how ("16 July 2018 · a day"), and a date that does not
read is refused beside the field with the reason, never with a box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from argline.model.dates import DateError, HistoricalDate, Precision

PRECISION_WORDS = {
    Precision.CENTURY: "a century",
    Precision.DECADE: "a decade",
    Precision.YEAR: "a year",
    Precision.SEASON: "a season",
    Precision.MONTH: "a month",
    Precision.DAY: "a day",
}


class Message(QLabel):
    """A line under a field: how the input reads (muted), or why it is refused (in red)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what was typed
        self.setWordWrap(True)
        self.refused = False
        self.hide()

    def say(self, text: str, *, refused: bool = False) -> None:
        self.refused = refused and bool(text)
        palette = self.palette()
        colour = _colour(self.parent(), refused)
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            palette.setColor(role, colour)
        self.setPalette(palette)
        self.setText(text)
        self.setVisible(bool(text))


class DateField(QWidget):
    """A typed date with the line that says how it reads or why it does not."""

    def __init__(
        self,
        text: str = "",
        *,
        optional: bool = False,
        hint: str = "e.g. 16 July 2018, March 2014, c. 1859",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.editor = QLineEdit(text)
        self.editor.setPlaceholderText(hint)
        self.message = Message(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.editor)
        layout.addWidget(self.message)
        self.editor.textChanged.connect(self._typed)
        self.editor.editingFinished.connect(self.check)
        self._typed()

    def date(self) -> HistoricalDate | None:
        """Return the date typed (None when an optional field is empty); raise DateError."""
        text = self.editor.text().strip()
        if not text:
            if self.optional:
                return None
            raise DateError("a date is needed here")
        return HistoricalDate.from_text(text)

    def check(self) -> bool:
        """Say how the date reads, or why it does not; return whether it reads."""
        try:
            date = self.date()
        except DateError as error:
            self.message.say(str(error), refused=True)
            return False
        self.message.say(reading(date) if date else "")
        return True

    def refuse(self, reason: str) -> None:
        self.message.say(reason, refused=True)

    def _typed(self) -> None:
        # Half-typed dates do not read: the reason waits until the user leaves the field,
        # unless a refusal is showing, which follows the typing until it reads.
        try:
            date = self.date()
        except DateError as error:
            if self.message.refused:
                self.message.say(str(error), refused=True)
            else:
                self.message.say("")
            return
        self.message.say(reading(date) if date else "")


def reading(date: HistoricalDate) -> str:
    """Return how a typed date was read: '16 July 2018 · a day'."""
    words = PRECISION_WORDS.get(date.precision, "a time of day")
    return f"{date.display()} · {words}"


def _colour(widget: object, refused: bool) -> QColor:
    palette = widget.palette() if isinstance(widget, QWidget) else QPalette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    if refused:
        return QColor("#ff6b6b" if dark else "#b3261e")
    return QColor("#a3a9b3" if dark else "#5b6068")  # muted, yet 4.5:1 on either ground


def form_layout() -> QFormLayout:
    """Return the form a New dialog asks in: its fields grow with the dialog."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def ok_and_cancel(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """Return a dialog's OK (named for what it does) and Cancel buttons, and the OK one."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok
