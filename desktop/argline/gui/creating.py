"""Creating and deleting in the window: events, assessments and claims, one undo step each.

New items come from the Insert menu (and File ▸ New Assessment…), from the timeline's
context menu at the date clicked, from the browser's, and from the map's "Add claim
here". Whatever is made is then chosen as if the user had clicked it, so the
inspector shows it and the other views light up what rests on it. Dialogs open
window-modal without a nested event loop, and report back when the user is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox

# The edits and ORM queries (SQLAlchemy) and the dialogs are not needed to draw the
# first window: each function here imports those it uses when the user first acts.
from argline.gui import shortcuts
from argline.gui.window_menus import action
from argline.model.calendar import axis_value
from argline.model.dates import HistoricalDate
from argline.model.entities import Assessment, SourceDate
from argline.ops.changes import Batch

if TYPE_CHECKING:
    from argline.gui.dialogs.assessment_dialog import AssessmentDialog, AssessmentFields
    from argline.gui.dialogs.event_dialog import EventDialog, EventFields
    from argline.gui.main_window import MainWindow
    from argline.ops.assessment_edits import GoesWith

NEEDS_ASSESSMENT = "A claim belongs to an assessment: add one, and the claim goes on its map."
LONGEST_TITLE = 40  # characters of an event's title a menu names it by


class Creating(QObject):
    """The window's New and Delete commands, over whichever views the window shows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.new_event_action = action(window, "New &Event…", self.new_event, shortcuts.NEW_EVENT)
        self.new_assessment_action = action(
            window, "New &Assessment…", self.new_assessment, shortcuts.NEW_ASSESSMENT
        )
        self.new_claim_action = action(window, "New &Claim", self.new_claim, shortcuts.NEW_CLAIM)
        self.actions = (self.new_event_action, self.new_assessment_action, self.new_claim_action)

    def connect_views(self) -> None:
        """Offer New and Delete in the context menus of the views the window now shows."""
        window = self.window
        window.timeline.menuAsked.connect(self._show_timeline_menu)
        window.browser.menuAsked.connect(self._show_browser_menu)
        window.map.assessmentNeeded.connect(self._claim_without_a_map)

    @property
    def editable(self) -> bool:
        return self.new_event_action.isEnabled()

    # --- events ------------------------------------------------------------------------

    def timeline_menu(self, point: QPoint) -> QMenu:
        """Return the menu for a right-click at ``point`` of the timeline (not yet shown)."""
        timeline = self.window.timeline
        menu = QMenu(timeline)
        event_id = timeline.event_at(point)
        if event_id is not None:
            title = _short(timeline.title_of(event_id) or event_id)
            menu.addAction(f"Edit “{title}”…").triggered.connect(
                lambda: self.window.edit_event(event_id)
            )
            delete = menu.addAction("Delete Event\tDel")
            delete.triggered.connect(lambda: self.delete_events([event_id]))
            delete.setEnabled(self.editable)
            menu.addSeparator()
        named = timeline.lane_named_at(point)
        if named is not None:
            mark = menu.addAction("Lane Mark…")
            mark.triggered.connect(lambda: self.lane_mark(named))
            mark.setEnabled(self.editable)
            menu.addSeparator()
        when = timeline.date_at(point.x())
        lane = timeline.lane_at(point.y())
        new = menu.addAction(f"New Event on {when.display()}…")
        new.triggered.connect(lambda: self.new_event(when, lane))
        new.setEnabled(self.editable)
        return menu

    def lane_mark(self, lane: str) -> QDialog:
        """Ask for the lane's symbol and colour; a mark chosen is one undoable edit."""
        from argline.gui.dialogs.lane_mark_dialog import LaneMarkDialog
        from argline.ops.lane_edits import SetLaneMark

        dialog = LaneMarkDialog(self.window, lane, self.window.timeline.lane_mark(lane))
        dialog.accepted.connect(
            lambda: self.window.history.try_apply(SetLaneMark(lane, dialog.mark()))
        )
        dialog.open()
        return dialog

    def _show_timeline_menu(self, point: QPoint) -> None:
        timeline = self.window.timeline
        self.timeline_menu(point).exec(timeline.mapToGlobal(point))

    def new_event(
        self,
        when: HistoricalDate | None = None,
        lane: str = "",
        *,
        source_date: SourceDate | None = None,
    ) -> EventDialog:
        """Ask for a new event starting ``when`` (else today, or the middle of the view);
        ``source_date``, the date a source gives it, goes with it."""
        from argline.gui.dialogs.event_dialog import EventDialog, date_text

        timeline = self.window.timeline
        dialog = EventDialog(
            self.window,
            start=date_text(when or self._date_in_view()),
            lanes=timeline.content.lane_names,
            lane=lane,
        )
        dialog.accepted.connect(lambda: self.add_event(dialog.fields(), source_date))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def add_event(self, fields: EventFields, source_date: SourceDate | None = None) -> str | None:
        """Add an event as one undo step, choose it and bring it into view; return its id."""
        from argline.ops.event_edits import AddEvent

        event = fields.event()
        if source_date is not None:
            event = replace(event, source_dates=(source_date,))
        if self.window.history.try_apply(AddEvent(event)) is None:
            return None
        timeline = self.window.timeline
        timeline.select_events([event.id])
        timeline.reveal([event.id])
        self.window.choose_events([event.id])
        self.window.say(f"Added “{event.title}” on {event.start.display()} (Undo to take it back)")
        return event.id

    def delete_events(self, event_ids: list[str]) -> None:
        """Delete events, with their links to claims, as one undo step."""
        from argline.ops.event_edits import DeleteEvent

        if not event_ids:
            return
        deletions = tuple(DeleteEvent(e) for e in event_ids)
        label = "Delete event" if len(event_ids) == 1 else f"Delete {len(event_ids)} events"
        done = self.window.history.try_apply(
            deletions[0] if len(deletions) == 1 else Batch(deletions, label)
        )
        if done is not None:
            back = "it" if len(event_ids) == 1 else "them"
            self.window.say(f"Deleted {_count(len(event_ids), 'event')} (Undo brings {back} back)")

    def _date_in_view(self) -> HistoricalDate:
        """Return today when the timeline shows it, else the middle of what it shows."""
        from argline.layout.pointed_date import pointed_date

        timeline = self.window.timeline
        start, end = timeline.visible_range()
        today = date.today()
        value = axis_value(today.year, today.month, today.day, 12)
        if not start <= value <= end:
            value = (start + end) / 2
        return pointed_date(value, (end - start) / max(timeline.width(), 1))

    # --- assessments -------------------------------------------------------------------

    def new_assessment(
        self,
        initial: AssessmentFields | None = None,
        *,
        note: str = "",
        then: Callable[[], object] | None = None,
    ) -> AssessmentDialog:
        """Ask for a new assessment (starting from ``initial``), add it, show its empty map,
        and then call ``then``."""
        from argline.gui.dialogs.assessment_dialog import AssessmentDialog

        dialog = AssessmentDialog(self.window, initial, note=note)

        def chosen() -> None:
            if self.add_assessment(dialog.assessment()) is not None and then is not None:
                then()

        dialog.accepted.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def add_assessment(self, assessment: Assessment) -> str | None:
        """Add an assessment as one undo step and choose it: its map is shown; return its id."""
        from argline.ops.assessment_edits import AddAssessment

        if self.window.history.try_apply(AddAssessment(assessment)) is None:
            return None
        self.window.browser.select_assessment(assessment.id)
        self.window.choose_assessment(assessment.id)
        self.window.say(f"Added “{assessment.title}” (Undo to take it back)")
        return assessment.id

    def delete_assessment(self, assessment_id: str) -> QMessageBox | None:
        """Delete an assessment as one undo step; one with claims is confirmed first, saying
        what goes with it. Return the question asked, if any."""
        from argline.ops.assessment_edits import what_deleting_takes

        with self.window.history.store.reading() as session:
            taken = what_deleting_takes(session, assessment_id)
        if not taken.claims:
            self._delete_assessment(assessment_id)
            return None
        title = self.window.browser.title_of(assessment_id) or assessment_id
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Delete Assessment",
            f"Delete “{title}”?",
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setInformativeText(_what_goes(taken) + " Edit ▸ Undo brings it all back.")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the title is the user's
        delete = box.addButton("Delete Assessment", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda _result: box.clickedButton() is delete and self._delete_assessment(assessment_id)
        )
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def _delete_assessment(self, assessment_id: str) -> None:
        from argline.ops.assessment_edits import DeleteAssessment

        title = self.window.browser.title_of(assessment_id) or assessment_id
        if self.window.history.try_apply(DeleteAssessment(assessment_id)) is None:
            return
        self.window.say(f"Deleted “{title}” (Undo brings it back)")
        if not self.window.map.current_assessments():
            self.window.show_first_assessment()

    def _show_browser_menu(self, kind: str, item_id: str, point: QPoint) -> None:
        self.browser_menu(kind, item_id).exec(point)

    def browser_menu(self, kind: str, item_id: str) -> QMenu:
        """Return the menu for a right-click in the browser on an item of ``kind``, or on none."""
        menu = QMenu(self.window.browser)
        if kind == "assessment":
            add = menu.addAction("New Claim in It")
            add.triggered.connect(lambda: self._claim_in(item_id))
            add.setEnabled(self.editable)
            delete = menu.addAction("Delete Assessment…\tDel")
            delete.triggered.connect(lambda: self.delete_assessment(item_id))
            delete.setEnabled(self.editable)
            menu.addSeparator()
        menu.addAction(self.new_assessment_action)
        return menu

    # --- claims -----------------------------------------------------------------------

    def new_claim(self) -> None:
        """Add a claim to the map shown: a reason for the claim selected, else its main
        contention; with no map shown, ask for an assessment first."""
        self.window.map.add_claim()

    def _claim_in(self, assessment_id: str) -> None:
        self.window.choose_assessment(assessment_id)
        self.window.map.add_claim()

    def _claim_without_a_map(self, _at: object) -> None:
        if self.editable:
            self.new_assessment(note=NEEDS_ASSESSMENT, then=self.window.map.add_claim)


def _what_goes(taken: GoesWith) -> str:
    """Return 'Its 12 claims, 9 relations and 5 links to events go with it.'"""
    parts = [_count(taken.claims, "claim")]
    if taken.relations:
        parts.append(_count(taken.relations, "relation"))
    if taken.links:
        parts.append(_count(taken.links, "link to an event", "links to events"))
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    verb = "goes" if len(parts) == 1 and taken.claims == 1 else "go"
    return f"Its {listed} {verb} with it."


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _short(title: str) -> str:
    return title if len(title) <= LONGEST_TITLE else title[: LONGEST_TITLE - 1] + "…"
