"""The inspector's fields: a value the user edits, kept through every refresh until saved.

A field remembers the value the store held when it was last shown. What the user has
typed and not yet saved differs from it: a refresh (another client's change, a
reconnect, one's own edit of another field) then leaves the typing alone. Where the
store's value itself changed underneath, the field says so and offers the other
value, as a refused save offers the user's own back: nothing typed is lost either way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from argline.gui.dialogs.fields import Message

# A property of the buttons that only read (Show in Text), left on where nothing is edited.
READS = "argline_reads"
# A property of a field's offer (Use theirs, Use mine): it puts a value in the field, to
# copy or to save later, and changes nothing in the store.
OFFERS = "argline_offers"
_EDITED = (
    QTableWidget.EditTrigger.DoubleClicked
    | QTableWidget.EditTrigger.EditKeyPressed
    | QTableWidget.EditTrigger.AnyKeyPressed
)  # a QTableWidget's own
_NOT_EDITED = QTableWidget.EditTrigger.NoEditTriggers


class CommittingTextEdit(QPlainTextEdit):
    """A multi-line field that reports when the user leaves it, like editingFinished."""

    editingFinished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class Field:
    """One editable value with the line that tells why an input was refused, and the
    button that offers the other version of it after a colleague's change."""

    def __init__(self, editor: QLineEdit | CommittingTextEdit) -> None:
        self.editor = editor
        # Red that reads on either theme's ground (palette(bright-text) is white in light).
        self.error = Message()
        self.offer = QPushButton()
        self.offer.setFlat(True)
        self.offer.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # leaving the field would save it
        self.offer.setProperty(OFFERS, True)
        self.offer.hide()
        self.offer.clicked.connect(self._take_offer)
        self._offered = ""
        self.note = QWidget()  # the message and the offer, under the editor
        row = QHBoxLayout(self.note)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.error, 1)
        row.addWidget(self.offer)
        self.shown = ""  # the store's value when last shown
        self.saving = False  # its edit is on its way to the store
        self._held = False  # its note says why the typing waits (a connection lost)

    def text(self) -> str:
        if isinstance(self.editor, QLineEdit):
            return self.editor.text()
        return self.editor.toPlainText()

    @property
    def typing(self) -> bool:
        """Whether the field holds what the user typed and has not saved (or is saving)."""
        return self.saving or self.text() != self.shown

    def show_value(self, text: str) -> None:
        """Show the store's value, replacing whatever the field holds."""
        self.shown = text
        self._put(text)
        self.refuse("")

    def show_again(self, text: str) -> None:
        """Show the store's value once more (a refresh), keeping what the user typed.

        Typing over a value someone else has changed meanwhile stays, with a note saying
        so and the other value offered; Enter then saves the user's over it.
        """
        if not self.typing:
            self.show_value(text)
            return
        if text == self.shown:
            return
        self.shown = text
        if text == self.text():
            self.refuse("")
            return
        self.error.say(
            f"Changed by someone else meanwhile to “{_short(text)}”. Yours is kept here: "
            "Enter saves it over theirs.",
            refused=True,
        )
        self._offer("Use theirs", text)

    def refuse(self, reason: str, *, until_back: bool = False) -> None:
        """Say why the input was not saved; ``until_back``: only while the server is lost,
        so the note goes once it is back (``release``)."""
        self._held = until_back and bool(reason)
        self.error.say(reason, refused=True)
        self.offer.hide()

    def hold(self, reason: str) -> None:
        """Say ``reason`` why what the user typed cannot be saved for now, unless the field
        says something already (a colleague's value offered, a refusal, Saving…)."""
        if self.typing and not self.saving and not self.error.text():
            self.refuse(reason, until_back=True)

    def release(self) -> None:
        """The typing may be saved again: take back the note ``hold`` put up."""
        if self._held:
            self.refuse("")

    def refuse_offering(self, reason: str, label: str, value: str) -> None:
        """Refuse with ``reason``, offering ``value`` back (the user's, after a conflict)."""
        self.refuse(reason)
        self._offer(label, value)

    def _offer(self, label: str, value: str) -> None:
        self._offered = value
        self.offer.setText(label)
        self.offer.setToolTip(f"Put “{_short(value)}” in the field")
        self.offer.show()

    def _take_offer(self) -> None:
        self._put(self._offered)
        self.offer.hide()
        self.error.say("")
        self.editor.setFocus()

    def _put(self, text: str) -> None:
        if isinstance(self.editor, QLineEdit):
            self.editor.setText(text)
            self.editor.setCursorPosition(0)
        else:
            self.editor.setPlainText(text)


def form_page(stack: QStackedWidget, title: str) -> tuple[QWidget, QFormLayout]:
    """Return a new page of ``stack`` headed ``title``, and the form of its fields."""
    page = QWidget()
    layout = QVBoxLayout(page)
    heading = QLabel(title)
    font = heading.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    heading.setFont(font)
    layout.addWidget(heading)
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.addLayout(form)
    layout.addStretch()
    stack.addWidget(page)
    return page, form


def wrapping_list() -> QListWidget:
    """Return a list whose long items (claims' text) wrap instead of scrolling sideways."""
    shown = QListWidget()
    shown.setWordWrap(True)
    shown.setUniformItemSizes(False)
    shown.setResizeMode(QListWidget.ResizeMode.Adjust)
    shown.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    shown.setMaximumHeight(160)
    return shown


def set_only_reading(page: QWidget, reading: bool) -> None:
    """Make a page's fields read-only (their text kept, still selectable) and its edits
    off, or editable again: a viewer's role, or a connection lost for a while."""
    for editor in page.findChildren(QLineEdit) + page.findChildren(QPlainTextEdit):
        editor.setReadOnly(reading)
    for table in page.findChildren(QTableWidget):
        table.setEditTriggers(_NOT_EDITED if reading else _EDITED)
    for control in page.findChildren(QPushButton) + page.findChildren(QComboBox):
        if not control.property(READS) and not control.property(OFFERS):
            control.setEnabled(not reading)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
