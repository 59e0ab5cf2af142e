"""One row per assessment, event or lane, with its counts: what ``argline list`` shows and
the names a command-line argument is looked up among. Plain SQL over any driver's cursor."""

from __future__ import annotations

from dataclasses import dataclass

from argline.model.dates import HistoricalDate
from argline.ops.plain_reads import fetch_all
from argline.store.cursor import Cursor


@dataclass(frozen=True, slots=True)
class AssessmentSummary:
    id: str
    title: str
    kind: str
    published: str  # EDTF, "" when the assessment gives no date
    claims: int
    document: bool  # whether its source text is attached


@dataclass(frozen=True, slots=True)
class EventSummary:
    id: str
    title: str
    start: str  # EDTF
    end: str  # EDTF, "" for an event of one date
    lane: str
    claims: int  # claims linked to it
    source_dates: int


@dataclass(frozen=True, slots=True)
class LaneSummary:
    name: str
    symbol: str
    colour: str
    events: int
    first: str  # EDTF of its earliest event's start, "" when it has none
    last: str


def read_assessment_summaries(cursor: Cursor) -> tuple[AssessmentSummary, ...]:
    """Return every assessment, by publication date (undated last), then id."""
    rows = fetch_all(
        cursor,
        "SELECT a.key, a.title, a.kind, a.published,"
        " (SELECT count(*) FROM claims AS c WHERE c.assessment_id = a.id),"
        " (SELECT count(*) FROM documents AS d WHERE d.assessment_id = a.id AND d.text IS NOT NULL)"
        " FROM assessments AS a",
    )
    found = [
        AssessmentSummary(key, title, kind, published or "", claims, documents > 0)
        for key, title, kind, published, claims, documents in rows
    ]
    return tuple(sorted(found, key=_publication_order))


def _publication_order(summary: AssessmentSummary) -> tuple[float, str]:
    if not summary.published:
        return (float("inf"), summary.id)
    return (HistoricalDate.from_edtf(summary.published).axis_start(), summary.id)


def read_event_summaries(cursor: Cursor) -> tuple[EventSummary, ...]:
    """Return every event in time order, with how many claims and source dates it has."""
    rows = fetch_all(
        cursor,
        'SELECT e.key, e.title, e.start, e."end", e.category,'
        " (SELECT count(*) FROM claim_events AS l WHERE l.event_id = e.id),"
        " (SELECT count(*) FROM source_dates AS s WHERE s.event_id = e.id)"
        " FROM events AS e ORDER BY e.axis_start, e.key",
    )
    return tuple(
        EventSummary(key, title, start, end or "", lane or "", claims, source_dates)
        for key, title, start, end, lane, claims, source_dates in rows
    )


def read_lane_summaries(cursor: Cursor) -> tuple[LaneSummary, ...]:
    """Return every stored lane with its mark, how many events it holds and their span."""
    rows = fetch_all(
        cursor,
        "SELECT l.name, l.symbol, l.colour,"
        " (SELECT count(*) FROM events AS e WHERE e.category = l.name),"
        " (SELECT e.start FROM events AS e WHERE e.category = l.name"
        "  ORDER BY e.axis_start, e.key LIMIT 1),"
        " (SELECT e.start FROM events AS e WHERE e.category = l.name"
        "  ORDER BY e.axis_start DESC, e.key DESC LIMIT 1)"
        " FROM lanes AS l ORDER BY l.id",
    )
    return tuple(
        LaneSummary(name, symbol, colour, events, first or "", last or "")
        for name, symbol, colour, events, first, last in rows
    )


def read_event_names(cursor: Cursor) -> tuple[tuple[str, str], ...]:
    """Return every event's ``(id, title)``: what an event argument is looked up among."""
    return tuple((key, title) for key, title in fetch_all(cursor, "SELECT key, title FROM events"))


def read_assessment_names(cursor: Cursor) -> tuple[tuple[str, str], ...]:
    """Return every assessment's ``(id, title)``."""
    rows = fetch_all(cursor, "SELECT key, title FROM assessments ORDER BY key")
    return tuple((key, title) for key, title in rows)
