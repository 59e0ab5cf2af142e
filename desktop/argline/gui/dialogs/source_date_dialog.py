"""Source Date from Selection: which date the passage gives, and of which event.

The events are offered nearest the date first, so the event a source dates wrongly
(Alaska: 1859 for a treaty of 1867) is near the top; "New event at this date" makes one.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from argline.gui.dialogs.fields import form_layout, ok_and_cancel
from argline.model.date_mentions import DateMention
from argline.model.entities import Event

NEW_EVENT = ""  # the list item that stands for a new event


class SourceDateDialog(QDialog):
    """Asks which date of the passage is meant and which event it dates."""

    def __init__(
        self, parent: QWidget | None, mentions: Sequence[DateMention], events: Sequence[Event]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Source Date from Selection")
        self.setMinimumSize(520, 420)
        self.mentions = tuple(mentions)
        self.events = tuple(events)
        self.date = QComboBox()
        for mention in self.mentions:
            self.date.addItem(f"{mention.date.display()} (“{mention.written}”)")
        self.event_list = QListWidget()
        self.event_list.setWordWrap(True)
        note = QLabel(
            "The date goes beside the event's accepted date as what this source says; "
            "where they disagree the timeline marks the event as disputed."
        )
        note.setWordWrap(True)
        form = form_layout()
        form.addRow("&Date it gives", self.date)
        form.addRow("&Of the event", self.event_list)
        buttons, _ = ok_and_cancel(self, "Add Source Date")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form, 1)
        layout.addWidget(buttons)
        self.date.currentIndexChanged.connect(self._list_events)
        self.event_list.itemDoubleClicked.connect(lambda _item: self.accept())
        self._list_events()

    def choice(self) -> tuple[DateMention, str | None]:
        """Return the date chosen and the event's id (None: a new event at that date)."""
        item = self.event_list.currentItem()
        chosen = item.data(Qt.ItemDataRole.UserRole) if item else NEW_EVENT
        return self.mentions[self.date.currentIndex()], chosen or None

    def _list_events(self) -> None:
        mention = self.mentions[self.date.currentIndex()]
        middle = (mention.date.axis_start() + mention.date.axis_end()) / 2
        self.event_list.clear()
        new = QListWidgetItem(f"New event on {mention.date.display()}…")
        new.setData(Qt.ItemDataRole.UserRole, NEW_EVENT)
        self.event_list.addItem(new)
        nearest = sorted(self.events, key=lambda e: abs(e.axis_start - middle))
        for event in nearest:
            item = QListWidgetItem(f"{event.title} — {event.start.display()}")
            item.setData(Qt.ItemDataRole.UserRole, event.id)
            self.event_list.addItem(item)
        self.event_list.setCurrentRow(1 if nearest else 0)
