"""The New Event dialog: title, dates as analysts type them, lane, description.

It opens at the date the user pointed at (or chose from the menu), offers the lanes
the timeline has, and refuses what cannot be stored beside the field it is about,
staying open until the event can be added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from argline.gui.dialogs.fields import DateField, Message, form_layout, ok_and_cancel
from argline.model.dates import DateError, HistoricalDate
from argline.model.entities import Event
from argline.model.ids import new_id


@dataclass(frozen=True, slots=True)
class EventFields:
    """What the user chose for a new event."""

    title: str
    start: HistoricalDate
    end: HistoricalDate | None = None
    category: str = ""
    description: str = ""

    def event(self) -> Event:
        """Return the event to add, under a fresh id made from its title."""
        return Event(
            new_id(self.title, "event"),
            self.title,
            self.start,
            self.end,
            description=self.description,
            category=self.category,
        )


class EventDialog(QDialog):
    """Asks for a new event; ``fields()`` holds the choice once the dialog is accepted."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        start: str = "",
        lanes: Iterable[str] = (),
        lane: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Event")
        self.setMinimumWidth(480)
        self.title = QLineEdit()
        self.title.setPlaceholderText("what happened")
        self.title_message = Message(self)
        self.start = DateField(start)
        self.end = DateField(optional=True, hint="empty for a point in time")
        self.lane = QComboBox()
        self.lane.setEditable(True)
        self.lane.addItems(sorted({name for name in lanes if name}))
        self.lane.setCurrentText(lane)
        self.lane.lineEdit().setPlaceholderText("a lane of the timeline, or a new one")
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(80)
        form = form_layout()
        form.addRow("&Title", self.title)
        form.addRow("", self.title_message)
        form.addRow("&Starts", self.start)
        form.addRow("&Ends", self.end)
        form.addRow("&Lane", self.lane)
        form.addRow("&Description", self.description)
        buttons, self.ok_button = ok_and_cancel(self, "Add Event")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.title.textChanged.connect(lambda _text: self.title_message.say(""))
        self._chosen: EventFields | None = None
        self.title.setFocus()

    def fields(self) -> EventFields:
        """Return what the user chose; only once the dialog has been accepted."""
        assert self._chosen is not None, "the dialog has not been accepted"
        return self._chosen

    def accept(self) -> None:
        """Close with the event chosen, or stay open saying what is missing or wrong."""
        chosen = self._read()
        if chosen is None:
            return
        self._chosen = chosen
        super().accept()

    def _read(self) -> EventFields | None:
        title = self.title.text().strip()
        problems: list[QWidget] = []
        if not title:
            self.title_message.say("an event needs a title", refused=True)
            problems.append(self.title)
        start = end = None
        if self.start.check():
            start = self.start.date()
        else:
            problems.append(self.start.editor)
        if self.end.check():
            end = self.end.date()
        else:
            problems.append(self.end.editor)
        if start is not None and end is not None and end.axis_end() < start.axis_start():
            self.end.refuse(f"the end, {end.display()}, is before the start")
            problems.append(self.end.editor)
        if problems or start is None:
            problems[0].setFocus()
            return None
        return EventFields(
            title,
            start,
            end,
            self.lane.currentText().strip(),
            self.description.toPlainText().strip(),
        )


def date_text(date: HistoricalDate) -> str:
    """Return a date as the dialog's field shows it, and reads it back."""
    text = date.display()
    try:
        if HistoricalDate.from_text(text) == date:
            return text
    except DateError:
        pass
    return date.to_edtf()
