"""Read the store into frozen snapshots: Core selects, and the plain reads a window opens with."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from argline.model.dates import HistoricalDate
from argline.model.entities import (
    Assessment,
    Claim,
    ClaimEventLink,
    Corpus,
    Era,
    Event,
    Relation,
    SourceDate,
)
from argline.model.lanes import Lane, lane_order
from argline.ops.plain_reads import (
    ASSESSMENT_COLUMNS,
    CLAIM_COLUMNS,
    assessment_from,
    claim_from,
    passages_from,
    read_assessments,
    read_eras,
    read_lanes,
    read_links,
    read_relations,
    read_title,
)
from argline.store.cursor import session_cursor
from argline.store.schema import AssessmentRow, ClaimRow, EventRow, SourceDateRow

EVENT_COLUMNS = (
    EventRow.id,
    EventRow.key,
    EventRow.title,
    EventRow.start,
    EventRow.end,
    EventRow.description,
    EventRow.category,
    EventRow.attributes,
    EventRow.version,
)


def load_corpus(session: Session) -> Corpus:
    """Return everything in the store as one snapshot."""
    return Corpus(
        title=store_title(session),
        events=load_events(session),
        eras=load_eras(session),
        assessments=load_assessments(session),
        relations=load_relations(session),
        links=load_links(session),
        lanes=load_lanes(session),
    )


def store_title(session: Session) -> str:
    with session_cursor(session) as cursor:
        return read_title(cursor)


def load_events(session: Session, keys: Iterable[str] | None = None) -> tuple[Event, ...]:
    """Return events in time order (or only those with the given ids)."""
    query = select(*EVENT_COLUMNS).order_by(EventRow.axis_start, EventRow.key)
    sources = select(
        SourceDateRow.event_id,
        SourceDateRow.source,
        SourceDateRow.date,
        SourceDateRow.locator,
        SourceDateRow.passages,
    ).order_by(SourceDateRow.event_id, SourceDateRow.ordinal)
    if keys is not None:
        wanted = list(keys)
        query = query.where(EventRow.key.in_(wanted))
        sources = sources.join(EventRow).where(EventRow.key.in_(wanted))
    source_dates: dict[int, list[SourceDate]] = defaultdict(list)
    for event_id, source, date, locator, passages in session.execute(sources):
        source_dates[event_id].append(
            SourceDate(source, HistoricalDate.from_edtf(date), locator, passages_from(passages))
        )
    return tuple(_event(row, source_dates.get(row.id, ())) for row in session.execute(query))


def _event(row: Row[Any], source_dates: Iterable[SourceDate]) -> Event:
    return Event(
        id=row.key,
        title=row.title,
        start=HistoricalDate.from_edtf(row.start),
        end=HistoricalDate.from_edtf(row.end) if row.end else None,
        description=row.description,
        category=row.category,
        source_dates=tuple(source_dates),
        attributes=tuple(sorted(row.attributes.items())) if row.attributes else (),
        version=row.version,
    )


def load_lanes(session: Session) -> tuple[Lane, ...]:
    """Return every lane with its mark, in the order of the timeline's lanes."""
    with session_cursor(session) as cursor:
        return tuple(sorted(read_lanes(cursor), key=lambda lane: lane_order(lane.name)))


def load_eras(session: Session) -> tuple[Era, ...]:
    with session_cursor(session) as cursor:
        return read_eras(cursor)


def load_assessments(session: Session) -> tuple[Assessment, ...]:
    """Return the assessments, by publication date, each with its claims in source order."""
    with session_cursor(session) as cursor:
        return read_assessments(cursor)


def assessment_snapshot(row: AssessmentRow, claims: Iterable[Claim] = ()) -> Assessment:
    return assessment_from([getattr(row, name) for name in ASSESSMENT_COLUMNS], claims)


def claim_snapshot(row: ClaimRow, assessment_key: str) -> Claim:
    return claim_from(assessment_key, [getattr(row, name) for name in CLAIM_COLUMNS])


def load_relations(session: Session) -> tuple[Relation, ...]:
    with session_cursor(session) as cursor:
        return read_relations(cursor)


def load_links(session: Session) -> tuple[ClaimEventLink, ...]:
    with session_cursor(session) as cursor:
        return read_links(cursor)


def find_text(session: Session, text: str, *, limit: int = 200) -> tuple[list[str], list[str]]:
    """Return ids of events and of claims whose words contain ``text`` (case-insensitive)."""
    pattern = f"%{text}%"
    events = session.scalars(
        select(EventRow.key)
        .where(EventRow.title.ilike(pattern) | EventRow.description.ilike(pattern))
        .order_by(EventRow.axis_start)
        .limit(limit)
    ).all()
    claims = session.scalars(
        select(ClaimRow.key)
        .where(ClaimRow.text.ilike(pattern) | ClaimRow.title.ilike(pattern))
        .order_by(ClaimRow.assessment_id, ClaimRow.ordinal)
        .limit(limit)
    ).all()
    return list(events), list(claims)
