"""Read the store into frozen snapshots, with Core selects (fast enough for 100,000 events)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Row, select
from sqlalchemy.orm import Session, aliased

from argline.model.dates import HistoricalDate
from argline.model.entities import (
    Assessment,
    AssessmentKind,
    Assumption,
    Claim,
    ClaimEventLink,
    ClaimRole,
    Corpus,
    Era,
    Event,
    Relation,
    RelationType,
    SourceDate,
)
from argline.store.schema import (
    AssessmentRow,
    ClaimEventRow,
    ClaimRow,
    EraRow,
    EventRow,
    RelationRow,
    SourceDateRow,
    StoreInfo,
)

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
    )


def store_title(session: Session) -> str:
    return session.scalar(select(StoreInfo.value).where(StoreInfo.name == "title")) or ""


def load_events(session: Session, keys: Iterable[str] | None = None) -> tuple[Event, ...]:
    """Return events in time order (or only those with the given ids)."""
    query = select(*EVENT_COLUMNS).order_by(EventRow.axis_start, EventRow.key)
    sources = select(
        SourceDateRow.event_id, SourceDateRow.source, SourceDateRow.date, SourceDateRow.locator
    ).order_by(SourceDateRow.event_id, SourceDateRow.ordinal)
    if keys is not None:
        wanted = list(keys)
        query = query.where(EventRow.key.in_(wanted))
        sources = sources.join(EventRow).where(EventRow.key.in_(wanted))
    source_dates: dict[int, list[SourceDate]] = defaultdict(list)
    for event_id, source, date, locator in session.execute(sources):
        source_dates[event_id].append(SourceDate(source, HistoricalDate.from_edtf(date), locator))
    return tuple(_event(row, source_dates.get(row.id, ())) for row in session.execute(query))


def _event(row: Row, source_dates: Iterable[SourceDate]) -> Event:
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


def load_eras(session: Session) -> tuple[Era, ...]:
    rows = session.execute(select(EraRow).order_by(EraRow.axis_start, EraRow.key)).scalars()
    return tuple(
        Era(r.key, r.title, HistoricalDate.from_edtf(r.start), HistoricalDate.from_edtf(r.end))
        for r in rows
    )


def load_assessments(session: Session) -> tuple[Assessment, ...]:
    """Return the assessments, by publication date, each with its claims in source order."""
    claims: dict[int, list[Claim]] = defaultdict(list)
    claim_rows = session.execute(
        select(ClaimRow, AssessmentRow.key)
        .join(AssessmentRow)
        .order_by(ClaimRow.assessment_id, ClaimRow.ordinal, ClaimRow.id)
    )
    for claim, assessment_key in claim_rows:
        claims[claim.assessment_id].append(claim_snapshot(claim, assessment_key))
    rows = session.execute(select(AssessmentRow)).scalars()
    assessments = [assessment_snapshot(row, claims.get(row.id, ())) for row in rows]
    return tuple(sorted(assessments, key=_publication_order))


def _publication_order(assessment: Assessment) -> tuple[float, str]:
    published = assessment.published.axis_start() if assessment.published else float("inf")
    return (published, assessment.id)


def assessment_snapshot(row: AssessmentRow, claims: Iterable[Claim] = ()) -> Assessment:
    return Assessment(
        id=row.key,
        title=row.title,
        kind=AssessmentKind(row.kind),
        author=row.author,
        outlet=row.outlet,
        published=HistoricalDate.from_edtf(row.published) if row.published else None,
        source=row.source,
        claims=tuple(claims),
        version=row.version,
    )


def claim_snapshot(row: ClaimRow, assessment_key: str) -> Claim:
    return Claim(
        id=row.key,
        assessment_id=assessment_key,
        text=row.text,
        role=ClaimRole(row.role),
        title=row.title,
        locator=row.locator,
        position=(row.x, row.y) if row.x is not None and row.y is not None else None,
        placed_by_hand=row.placed_by_hand,
        assumption=Assumption(row.assumption) if row.assumption else None,
        version=row.version,
    )


def load_relations(session: Session) -> tuple[Relation, ...]:
    source = aliased(ClaimRow)
    target_claim = aliased(ClaimRow)
    target_relation = aliased(RelationRow)
    rows = session.execute(
        select(RelationRow.key, RelationRow.type, source.key, target_claim.key, target_relation.key)
        .join(source, RelationRow.source_claim_id == source.id)
        .outerjoin(target_claim, RelationRow.target_claim_id == target_claim.id)
        .outerjoin(target_relation, RelationRow.target_relation_id == target_relation.id)
        # In the order of the claims they start from, never of row ids, which undo changes.
        .order_by(source.assessment_id, source.ordinal, RelationRow.key)
    )
    return tuple(
        Relation(key, from_key, claim_key or relation_key, RelationType(kind))
        for key, kind, from_key, claim_key, relation_key in rows
    )


def load_links(session: Session) -> tuple[ClaimEventLink, ...]:
    rows = session.execute(
        select(ClaimRow.key, EventRow.key)
        .select_from(ClaimEventRow)
        .join(ClaimRow, ClaimEventRow.claim_id == ClaimRow.id)
        .join(EventRow, ClaimEventRow.event_id == EventRow.id)
        .order_by(ClaimRow.key, EventRow.key)
    )
    return tuple(ClaimEventLink(claim, event) for claim, event in rows)


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
