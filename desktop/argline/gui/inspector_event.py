"""The inspector's page for an event: its fields, its source dates, the claims resting on it.

A part of ``Inspector`` (a mixin, as the map view's layers are): the page is built
and shown here, and each change goes through the inspector's fields and ``_apply``,
one undo step each.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from argline.gui.dialogs.fields import Message
from argline.gui.inspector_fields import form_page, wrapping_list
from argline.gui.plain import plain_tooltip
from argline.model.dates import DateError, HistoricalDate
from argline.model.entities import Claim, Event, SourceDate
from argline.ops.changes import Operation


class EventPage:
    """The event page of the inspector."""

    def _build_event_page(self) -> QWidget:
        page, form = form_page(self, "Event")
        self._line(form, "event.title", "Title", self._event_title)
        self._line(form, "event.start", "Date", self._event_start, hint="e.g. 30 March 1867")
        self._line(form, "event.end", "Ends", self._event_end, hint="empty for a point in time")
        self._line(form, "event.category", "Lane", self._event_category)
        self._text(form, "event.description", "Description", self._event_description)
        self.source_dates = QTableWidget(0, 3)
        self.source_dates.setHorizontalHeaderLabels(["Source", "Date it gives", "Where"])
        self.source_dates.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.source_dates.verticalHeader().hide()
        self.source_dates.setMinimumHeight(90)
        self.source_dates.setMaximumHeight(150)
        self.source_dates.setWordWrap(True)
        self.source_dates.itemChanged.connect(self._source_date_changed)
        self.source_error = Message()
        add, remove = QPushButton("Add source date"), QPushButton("Remove")
        add.clicked.connect(self._add_source_date)
        remove.clicked.connect(self._remove_source_date)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        form.addRow("Sources", self.source_dates)
        form.addRow("", self.source_error)
        form.addRow("", buttons)
        self.event_claims = wrapping_list()
        unlink = QPushButton("Unlink claim")
        unlink.clicked.connect(self._unlink_claim_from_event)
        form.addRow("Claims resting on it", self.event_claims)
        form.addRow("", unlink)
        return page

    def _show_event(self, event: Event, claims: list[Claim]) -> None:
        page = self._page_for("event")
        self._event = event
        self._version = event.version
        self._put("event.title", event.title)
        self._put("event.start", event.start.display())
        self._put("event.end", event.end.display() if event.end else "")
        self._put("event.category", event.category)
        self._put("event.description", event.description)
        self.source_dates.blockSignals(True)
        self.source_dates.setRowCount(len(event.source_dates))
        for row, source_date in enumerate(event.source_dates):
            values = (source_date.source, source_date.date.display(), source_date.locator)
            for column, value in enumerate(values):
                self.source_dates.setItem(row, column, QTableWidgetItem(value))
        self.source_dates.blockSignals(False)
        self.source_error.hide()
        self.event_claims.clear()
        for claim in claims:
            item = QListWidgetItem(claim.text)
            item.setData(Qt.ItemDataRole.UserRole, claim.id)
            item.setToolTip(plain_tooltip(claim.text))
            self.event_claims.addItem(item)
        self._shown_item = (self.kind, self.item_id)
        self.setCurrentWidget(page)

    def _event_title(self, text: str) -> Operation:
        from argline.ops.event_edits import EditEvent

        return EditEvent(self.item_id, title=text)

    def _event_category(self, text: str) -> Operation:
        from argline.ops.event_edits import EditEvent

        return EditEvent(self.item_id, category=text)

    def _event_start(self, text: str) -> Operation:
        from argline.ops.event_edits import EditEvent

        return EditEvent(self.item_id, start=typed_date(text))

    def _event_end(self, text: str) -> Operation:
        from argline.ops.event_edits import EditEvent

        return EditEvent(self.item_id, end=typed_date(text) if text.strip() else None)

    def _event_description(self, text: str) -> Operation:
        from argline.ops.event_edits import EditEvent

        return EditEvent(self.item_id, description=text)

    def _source_dates_edit(self, dates: tuple[SourceDate, ...]) -> None:
        from argline.ops.event_edits import EditEvent

        self._apply(EditEvent(self.item_id, source_dates=dates), None)

    def _source_date_changed(self, _item: QTableWidgetItem) -> None:
        dates = []
        for row in range(self.source_dates.rowCount()):
            source, date, where = (
                (self.source_dates.item(row, c) or QTableWidgetItem()).text() for c in range(3)
            )
            # A row keeps the passages it cites: the table shows only what can be typed.
            shown = self._event.source_dates
            passages = shown[row].passages if row < len(shown) else ()
            try:
                dates.append(SourceDate(source.strip(), typed_date(date), where.strip(), passages))
            except ValueError as error:
                self.source_error.say(f"Row {row + 1}: {error}", refused=True)
                return
        self.source_error.hide()
        if tuple(dates) != self._event.source_dates:
            self._source_dates_edit(tuple(dates))

    def _add_source_date(self) -> None:
        added = SourceDate("source", self._event.start, "")
        self._source_dates_edit((*self._event.source_dates, added))

    def _remove_source_date(self) -> None:
        row = self.source_dates.currentRow()
        if 0 <= row < len(self._event.source_dates):
            self._source_dates_edit(
                self._event.source_dates[:row] + self._event.source_dates[row + 1 :]
            )

    def _unlink_claim_from_event(self) -> None:
        from argline.ops.links import UnlinkClaimEvent

        item = self.event_claims.currentItem()
        if item is not None:
            self._apply(UnlinkClaimEvent(item.data(Qt.ItemDataRole.UserRole), self.item_id), None)


def typed_date(text: str) -> HistoricalDate:
    """Read a typed date, or raise DateError saying what was wrong with it."""
    if not text.strip():
        raise DateError("a date is needed here")
    return HistoricalDate.from_text(text.strip())
