"""Merge a whole corpus into the store: insert what is new, update what differs, by id.

Used by every import and by seeding. It runs inside the caller's transaction, so a
failure anywhere leaves the store as it was. Each kind of item goes in through
``ops.upsert``, many rows a statement; relations, which name one another, through
``ops.relation_merge``. Items whose content is unchanged are not touched, so
importing the same file twice leaves the store (and every version counter) as the
first import left it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from sqlalchemy import insert, select, tuple_
from sqlalchemy.orm import Session

from argline.model.entities import Assessment, Claim, Corpus, Era, Event
from argline.model.passages import Passage, passage_record
from argline.ops.documents import found_in, merge_documents, stored_claim_passages, texts_for_import
from argline.ops.errors import EditRefused
from argline.ops.lane_edits import add_lanes
from argline.ops.relation_merge import merge_relations
from argline.ops.upsert import (
    ASSESSMENTS,
    CLAIMS,
    ERAS,
    EVENTS,
    LINKS,
    Row,
    Tally,
    chunks,
    known,
    upsert,
    upsert_named,
)
from argline.store import faults
from argline.store.schema import EventRow, SourceDateRow, StoreInfo

# The order of the values in an event's row; the key comes first in every row.
EVENT_COLUMNS = (
    "key",
    "title",
    "description",
    "category",
    "start",
    "end",
    "axis_start",
    "axis_end",
    "attributes",
)

# And of a claim's, its passages last.
CLAIM_COLUMNS = (
    "key",
    "assessment_id",
    "ordinal",
    "title",
    "text",
    "role",
    "locator",
    "x",
    "y",
    "placed_by_hand",
    "assumption",
    "passages",
)


@dataclass(frozen=True, slots=True)
class MergeReport:
    """How many items of each kind a merge added, updated or found unchanged."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    moves: tuple[ClaimMove, ...] = ()

    def summary(self) -> str:
        parts = []
        for kind, tally in self.tallies.items():
            part = f"{tally.added} {kind} added"
            if tally.updated:
                part += f", {tally.updated} updated"
            if tally.unchanged:
                part += f", {tally.unchanged} unchanged"
            parts.append(part)
        if self.moves:
            count = len(self.moves)
            shown = ", ".join(
                f"{m.claim!r} from {m.before!r} to {m.after!r}" for m in self.moves[:_MOVES_SHOWN]
            )
            more = f", … and {count - _MOVES_SHOWN} more" if count > _MOVES_SHOWN else ""
            noun = "claim" if count == 1 else "claims"
            parts.append(f"{count} {noun} moved to another assessment: {shown}{more}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class ClaimMove:
    """A stored claim the file puts in another assessment: ids are kept, so it moves there."""

    claim: str
    before: str
    after: str


_MOVES_SHOWN = 5


def merge_corpus(session: Session, corpus: Corpus, *, passages_carried: bool = True) -> MergeReport:
    """Insert or update everything in ``corpus``; raise EditRefused on a dangling reference.

    A file of a format that cannot carry passages (``passages_carried`` false: Argdown)
    leaves the passages its claims cite in the store as they are.
    """
    if corpus.title:
        _set_title(session, corpus.title)
    tallies: dict[str, Tally] = {}
    texts = texts_for_import(session, corpus.assessments)
    tallies["events"] = _merge_events(session, corpus, texts)
    categories = {event.category for event in corpus.events}
    add_lanes(session, categories | {lane.name for lane in corpus.lanes}, corpus.lanes)
    faults.reached("merge.events")
    _, tallies["eras"] = upsert_named(session, ERAS, [_era_row(e) for e in corpus.eras])
    assessment_ids, tallies["assessments"] = upsert_named(
        session, ASSESSMENTS, [_assessment_row(a) for a in corpus.assessments]
    )
    claim_rows = [
        _claim_row(claim, ordinal, assessment_ids[assessment.id], texts.get(assessment.id))
        for assessment in corpus.assessments
        for ordinal, claim in enumerate(assessment.claims)
    ]
    claim_keys = [row[0] for row in claim_rows]
    if not passages_carried:
        stored = stored_claim_passages(session, claim_keys)
        claim_rows = [(*row[:-1], stored.get(row[0], [])) for row in claim_rows]
    documents = [(assessment_ids[a.id], a.document) for a in corpus.assessments if a.document]
    if documents:
        tallies["documents"] = Tally(*merge_documents(session, documents))
    moves = _claim_moves(session, corpus.assessments)
    claim_ids, tallies["claims"] = upsert(session, CLAIMS, CLAIM_COLUMNS, claim_rows, claim_keys)
    tallies["relations"] = merge_relations(session, corpus.relations, claim_ids)
    tallies["links"] = _merge_links(session, corpus, claim_ids)
    return MergeReport(tallies, moves)


def _claim_moves(session: Session, assessments: Sequence[Assessment]) -> tuple[ClaimMove, ...]:
    """Return the stored claims the file places in another assessment than the store does."""
    placed = {c.id: a.id for a in assessments for c in a.claims}
    if not placed or session.execute(select(CLAIMS.c.id).limit(1)).first() is None:
        return ()
    moves = []
    for chunk in chunks(list(placed)):
        query = (
            select(CLAIMS.c.key, ASSESSMENTS.c.key)
            .join(ASSESSMENTS, CLAIMS.c.assessment_id == ASSESSMENTS.c.id)
            .where(CLAIMS.c.key.in_(chunk))
        )
        moves += [
            ClaimMove(claim, before, placed[claim])
            for claim, before in session.execute(query)
            if before != placed[claim]
        ]
    return tuple(sorted(moves, key=attrgetter("claim")))


def _set_title(session: Session, title: str) -> None:
    row = session.get(StoreInfo, "title")
    if row is None:
        session.add(StoreInfo(name="title", value=title))
    else:
        row.value = title
    session.flush()


def _merge_events(session: Session, corpus: Corpus, texts: dict[str, str]) -> Tally:
    # Along the axis: SQLite's axis indexes take ascending values faster than scattered
    # ones (100,000 events: 1.2 s against 1.7 s). Queries order events by axis, not by id.
    events = sorted(corpus.events, key=attrgetter("axis_start"))
    sources = {
        e.id: [
            (s.source, s.date.to_edtf(), s.locator, _records(s.passages, texts.get(s.source)))
            for s in e.source_dates
        ]
        for e in corpus.events
        if e.source_dates
    }
    before = _source_dates_of(session, list(sources))
    # The rows are made a stretch at a time as they go in: all at once, a million took
    # 240 MB beside the events.
    rows = map(_event_row, events)
    keys = [e.id for e in events]
    _, tally = upsert(
        session, EVENTS, EVENT_COLUMNS, rows, keys, extra=sources, extra_before=before
    )
    return tally


def _source_dates_of(session: Session, keys: Sequence[str]) -> dict[str, list[Row]]:
    found: dict[str, list[Row]] = {}
    for chunk in chunks(keys):
        query = (
            select(
                EventRow.key,
                SourceDateRow.source,
                SourceDateRow.date,
                SourceDateRow.locator,
                SourceDateRow.passages,
            )
            .join(EventRow)
            .where(EventRow.key.in_(chunk))
            .order_by(SourceDateRow.event_id, SourceDateRow.ordinal)
        )
        for key, *values in session.execute(query):
            found.setdefault(key, []).append(tuple(values))
    return found


def _merge_links(session: Session, corpus: Corpus, claim_ids: dict[str, int]) -> Tally:
    if not corpus.links:
        return Tally()
    claims = {**known(session, CLAIMS, [k.claim for k in corpus.links]), **claim_ids}
    events = known(session, EVENTS, [k.event for k in corpus.links])  # the file's are in by now
    pairs = set()
    for link in corpus.links:
        if link.claim not in claims:
            raise EditRefused(f"link of claim {link.claim!r}: no such claim in the file or store")
        if link.event not in events:
            raise EditRefused(
                f"link of claim {link.claim!r}: 'event' names {link.event!r}, "
                "which is no event in the file or the store"
            )
        pairs.add((claims[link.claim], events[link.event]))
    existing: set[tuple[int, int]] = set()
    for chunk in chunks(sorted(pairs)):
        query = select(LINKS.c.claim_id, LINKS.c.event_id).where(
            tuple_(LINKS.c.claim_id, LINKS.c.event_id).in_(chunk)
        )
        existing.update((claim, event) for claim, event in session.execute(query))
    new = sorted(pairs - existing)
    if new:
        session.execute(insert(LINKS), [{"claim_id": c, "event_id": e} for c, e in new])
    return Tally(added=len(new), unchanged=len(existing))


def _event_row(event: Event) -> Row:
    """Return the event's values in EVENT_COLUMNS order."""
    start, end = event.start, event.end
    axis_start, axis_end = start.axis_bounds()
    return (
        event.id,
        event.title,
        event.description,
        event.category,
        start.to_edtf(),
        end.to_edtf() if end else None,
        axis_start,
        end.axis_end() if end else axis_end,
        dict(event.attributes),
    )


def _era_row(era: Era) -> dict[str, Any]:
    return {
        "key": era.id,
        "title": era.title,
        "start": era.start.to_edtf(),
        "end": era.end.to_edtf(),
        "axis_start": era.start.axis_start(),
        "axis_end": era.end.axis_end(),
    }


def _assessment_row(assessment: Assessment) -> dict[str, Any]:
    return {
        "key": assessment.id,
        "title": assessment.title,
        "author": assessment.author,
        "outlet": assessment.outlet,
        "published": assessment.published.to_edtf() if assessment.published else None,
        "kind": assessment.kind.value,
        "source": assessment.source,
    }


def _records(passages: tuple[Passage, ...], text: str | None) -> list[Any]:
    """Return the stored records of ``passages``, as they stand in the text they cite."""
    return [passage_record(p) for p in found_in(passages, text)]


def _claim_row(claim: Claim, ordinal: int, assessment_id: int, text: str | None) -> Row:
    """Return the claim's values in CLAIM_COLUMNS order."""
    x, y = claim.position if claim.position else (None, None)
    return (
        claim.id,
        assessment_id,
        ordinal,
        claim.title,
        claim.text,
        claim.role.value,
        claim.locator,
        x,
        y,
        claim.placed_by_hand,
        claim.assumption.value if claim.assumption else None,
        _records(claim.passages, text) if claim.passages else [],
    )
