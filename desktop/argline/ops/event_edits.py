"""Edits of events: add, change, delete; each returns the edit that undoes it.

As with claims, an edit may name the version its user saw (``expected_version``) and
every inverse names the version its edit left (ops.versions).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from argline.model.entities import Event, SourceDate
from argline.model.passages import passage_record
from argline.ops.changes import Batch, Changes, Operation, OpResult
from argline.ops.errors import EditRefused
from argline.ops.lane_edits import add_lanes, undoing_lanes
from argline.ops.links import LinkClaimEvent
from argline.ops.queries import load_events
from argline.ops.rows import refuse_taken, row_by_key
from argline.ops.versions import Item, check_version, one_version
from argline.store.schema import ClaimEventRow, ClaimRow, EventRow, SourceDateRow

KEEP = object()  # EditEvent's marker for "leave this field as it is"


@dataclass(frozen=True, slots=True)
class AddEvent:
    event: Event
    label: str = "Add event"

    def apply(self, session: Session) -> OpResult:
        refuse_taken(session, EventRow, self.event.id, "event")
        made = add_lanes(session, [self.event.category])
        row = EventRow(key=self.event.id, attributes=dict(self.event.attributes))
        _write(row, self.event)
        session.add(row)
        session.flush()
        _write_source_dates(session, row.id, self.event.source_dates)
        inverse = DeleteEvent(self.event.id, expected_version=row.version)
        return OpResult(Changes(events=frozenset({self.event.id})), undoing_lanes(inverse, made))


@dataclass(frozen=True, slots=True)
class DeleteEvent:
    """Delete an event and its links; the inverse brings both back."""

    event_id: str
    label: str = "Delete event"
    expected_version: int | None = None

    def versions_expected(self) -> dict[Item, int]:
        return one_version("event", self.event_id, self.expected_version)

    def expecting(self, versions: Mapping[Item, int]) -> DeleteEvent:
        found = versions.get(("event", self.event_id), self.expected_version)
        return replace(self, expected_version=found)

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, EventRow, self.event_id, "event")
        check_version(session, row, self.expected_version, kind="event")
        (snapshot,) = load_events(session, [self.event_id])
        claims = session.scalars(
            select(ClaimRow.key).join(ClaimEventRow).where(ClaimEventRow.event_id == row.id)
        ).all()
        session.delete(row)
        session.flush()
        restore: tuple[Operation, ...] = (
            AddEvent(snapshot),
            *(LinkClaimEvent(c, self.event_id) for c in claims),
        )
        changes = Changes(
            events=frozenset({self.event_id}),
            links=frozenset((c, self.event_id) for c in claims),
        )
        return OpResult(changes, Batch(restore, "Restore event"))


@dataclass(frozen=True, slots=True)
class EditEvent:
    """Change some of an event's fields; a field left as KEEP is not touched."""

    event_id: str
    title: object = KEEP
    description: object = KEEP
    category: object = KEEP
    start: object = KEEP
    end: object = KEEP
    source_dates: object = KEEP
    label: str = "Edit event"
    expected_version: int | None = None

    def versions_expected(self) -> dict[Item, int]:
        return one_version("event", self.event_id, self.expected_version)

    def expecting(self, versions: Mapping[Item, int]) -> EditEvent:
        found = versions.get(("event", self.event_id), self.expected_version)
        return replace(self, expected_version=found)

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, EventRow, self.event_id, "event")
        check_version(session, row, self.expected_version, kind="event")
        (old,) = load_events(session, [self.event_id])
        fields = ("title", "description", "category", "start", "end", "source_dates")
        asked = {name: getattr(self, name) for name in fields if getattr(self, name) is not KEEP}
        new = Event(**{**_event_fields(old), **asked})
        if new.end is not None and new.end.axis_end() < new.start.axis_start():
            raise EditRefused(f"the end {new.end.display()} is before the start")
        if not new.title.strip():
            raise EditRefused("an event needs a title")
        inverse = EditEvent(self.event_id, label=self.label, **{n: getattr(old, n) for n in asked})
        made = add_lanes(session, [new.category]) if "category" in asked else ()
        _write(row, new)
        if "source_dates" in asked:
            session.execute(delete(SourceDateRow).where(SourceDateRow.event_id == row.id))
            _write_source_dates(session, row.id, new.source_dates)
            # Source dates live in their own rows: count their change on the event too.
            flag_modified(row, "title")
        session.flush()
        inverse = replace(inverse, expected_version=row.version)
        return OpResult(Changes(events=frozenset({self.event_id})), undoing_lanes(inverse, made))


def _event_fields(event: Event) -> dict[str, object]:
    return {
        "id": event.id,
        "title": event.title,
        "start": event.start,
        "end": event.end,
        "description": event.description,
        "category": event.category,
        "source_dates": event.source_dates,
        "attributes": event.attributes,
    }


def _write(row: EventRow, event: Event) -> None:
    row.title = event.title
    row.description = event.description
    row.category = event.category
    row.start = event.start.to_edtf()
    row.end = event.end.to_edtf() if event.end else None
    row.axis_start = event.axis_start
    row.axis_end = event.axis_end


def _write_source_dates(session: Session, event_id: int, dates: tuple[SourceDate, ...]) -> None:
    for ordinal, source_date in enumerate(dates):
        session.add(
            SourceDateRow(
                event_id=event_id,
                ordinal=ordinal,
                source=source_date.source,
                date=source_date.date.to_edtf(),
                locator=source_date.locator,
                passages=[passage_record(p) for p in source_date.passages],
            )
        )
