"""The reads a window opens with, as plain SQL over a database driver's cursor.

One code path for every connection: a store on a file lends sqlite3's cursor before
SQLAlchemy is imported (``Store.plain_reading``), which keeps some 0.4 s of imports
off start-up, and a SQLAlchemy session lends its driver's (``store.cursor.session_cursor``).
The SQL suits SQLite and PostgreSQL alike: no parameters (their drivers spell them
differently), and ``"end"``, a keyword in both, quoted.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from argline.model.dates import HistoricalDate
from argline.model.entities import (
    Assessment,
    AssessmentKind,
    Assumption,
    Claim,
    ClaimEventLink,
    ClaimRole,
    Era,
    Event,
    Relation,
    RelationType,
    SourceDate,
)
from argline.model.lanes import Lane, LaneMark
from argline.model.passages import Passage, SourceDocument, passage_from_record
from argline.store.cursor import Cursor


class Reader(Protocol):
    """Anything that lends a cursor to read with: an open store."""

    def plain_reading(self) -> AbstractContextManager[Cursor]: ...


def fetch_all(cursor: Cursor, sql: str) -> Sequence[Any]:
    cursor.execute(sql)
    return cursor.fetchall()


def read_title(cursor: Cursor) -> str:
    found = fetch_all(cursor, "SELECT value FROM store_info WHERE name = 'title'")
    return found[0][0] or "" if found else ""


def read_lanes(cursor: Cursor) -> tuple[Lane, ...]:
    """Return every lane the store knows with its mark, those without events now too."""
    rows = fetch_all(cursor, "SELECT name, symbol, colour FROM lanes ORDER BY id")
    return tuple(Lane(name, LaneMark(symbol, colour)) for name, symbol, colour in rows)


def read_totals(cursor: Cursor) -> tuple[int, int, int]:
    """Return how many events, assessments and claims the store holds."""
    (totals,) = fetch_all(
        cursor,
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM assessments),"
        " (SELECT count(*) FROM claims)",
    )
    return tuple(totals)


def read_eras(cursor: Cursor) -> tuple[Era, ...]:
    found = fetch_all(cursor, 'SELECT key, title, start, "end" FROM eras ORDER BY axis_start, key')
    return tuple(
        Era(key, title, HistoricalDate.from_edtf(start), HistoricalDate.from_edtf(end))
        for key, title, start, end in found
    )


# The stored columns a snapshot is built from, in the order ``*_from`` takes them.
ASSESSMENT_COLUMNS = ("key", "title", "kind", "author", "outlet", "published", "source", "version")
CLAIM_COLUMNS = (
    "key",
    "text",
    "role",
    "title",
    "locator",
    "x",
    "y",
    "placed_by_hand",
    "assumption",
    "version",
    "passages",
)
DOCUMENT_COLUMNS = ("name", "format", "fingerprint", "characters", "text", "pages", "details")


def read_assessments(cursor: Cursor) -> tuple[Assessment, ...]:
    """Return the assessments, by publication date, each with its claims in source order."""
    claims: dict[int, list[Claim]] = defaultdict(list)
    claim_columns = ", ".join(f"c.{name}" for name in CLAIM_COLUMNS)
    for row in fetch_all(
        cursor,
        f"SELECT c.assessment_id, a.key, {claim_columns}"
        " FROM claims AS c JOIN assessments AS a ON c.assessment_id = a.id"
        " ORDER BY c.assessment_id, c.ordinal, c.id",
    ):
        claims[row[0]].append(claim_from(row[1], row[2:]))
    documents = {
        owner: document_from(columns)
        for owner, *columns in fetch_all(
            cursor, f"SELECT assessment_id, {', '.join(DOCUMENT_COLUMNS)} FROM documents"
        )
    }
    assessments = [
        assessment_from(columns, claims.get(row_id, ()), documents.get(row_id))
        for row_id, *columns in fetch_all(
            cursor, f"SELECT id, {', '.join(ASSESSMENT_COLUMNS)} FROM assessments"
        )
    ]
    return tuple(sorted(assessments, key=_publication_order))


def _publication_order(assessment: Assessment) -> tuple[float, str]:
    published = assessment.published.axis_start() if assessment.published else float("inf")
    return (published, assessment.id)


def assessment_from(
    columns: Sequence[Any],
    claims: Iterable[Claim] = (),
    document: SourceDocument | None = None,
) -> Assessment:
    """Build the snapshot of an assessment from its ``ASSESSMENT_COLUMNS``."""
    key, title, kind, author, outlet, published, source, version = columns
    return Assessment(
        id=key,
        title=title,
        kind=AssessmentKind(kind),
        author=author,
        outlet=outlet,
        published=HistoricalDate.from_edtf(published) if published else None,
        source=source,
        claims=tuple(claims),
        version=version,
        document=document,
    )


def document_from(columns: Sequence[Any]) -> SourceDocument:
    """Build the snapshot of a source document from its ``DOCUMENT_COLUMNS``."""
    name, kind, fingerprint, characters, text, pages, details = columns
    return SourceDocument(
        name=name,
        fingerprint=fingerprint,
        characters=characters,
        format=kind,
        text=text,
        pages=tuple(json_value(pages)),
        metadata=tuple(sorted(json_value(details).items())),
    )


def json_value(value: Any) -> Any:
    """Return a JSON column's value: sqlite3 hands over its text, the ORM and psycopg parse it."""
    return json.loads(value) if isinstance(value, str) else value


def passages_from(value: Any) -> tuple[Passage, ...]:
    """Return the passages a ``passages`` column holds."""
    if value == "[]":  # what most claims hold: 100,000 parses of it took 0.8 s of a map's read
        return ()
    return tuple(passage_from_record(record) for record in json_value(value) or ())


def claim_from(assessment_key: str, columns: Sequence[Any]) -> Claim:
    """Build the snapshot of a claim from its ``CLAIM_COLUMNS`` (SQLite keeps booleans as 0/1)."""
    key, text, role, title, locator, x, y, placed_by_hand, assumption, version, passages = columns
    return Claim(
        key,
        assessment_key,
        text,
        _ROLES.get(role) or ClaimRole(role),
        title,
        locator,
        (x, y) if x is not None and y is not None else None,
        bool(placed_by_hand),
        (_ASSUMPTIONS.get(assumption) or Assumption(assumption)) if assumption else None,
        version,
        passages_from(passages),
    )


# Each stored value's member, looked up: calling the enum took a tenth of a map's read.
# A value not listed still goes to the enum, which refuses it as before.
_ROLES = {role.value: role for role in ClaimRole}
_ASSUMPTIONS = {assumption.value: assumption for assumption in Assumption}
_RELATION_TYPES = {kind.value: kind for kind in RelationType}


def read_relations(cursor: Cursor) -> tuple[Relation, ...]:
    """Return the relations in the order of the claims they start from (their assessments'
    ids, then their places in them), never of row ids, which undo and a new import change:
    an export imported into a fresh store reads back in the same order."""
    found = fetch_all(
        cursor,
        "SELECT r.key, r.type, source.key, target.key, undercut.key"
        " FROM relations AS r"
        " JOIN claims AS source ON r.source_claim_id = source.id"
        " JOIN assessments AS owner ON source.assessment_id = owner.id"
        " LEFT OUTER JOIN claims AS target ON r.target_claim_id = target.id"
        " LEFT OUTER JOIN relations AS undercut ON r.target_relation_id = undercut.id"
        " ORDER BY owner.key, source.ordinal, r.key",
    )
    co_premises: dict[str, list[str]] = defaultdict(list)
    for key, claim_key in fetch_all(
        cursor,
        "SELECT r.key, c.key FROM relation_premises AS p"
        " JOIN relations AS r ON p.relation_id = r.id JOIN claims AS c ON p.claim_id = c.id"
        " ORDER BY r.key, p.ordinal",
    ):
        co_premises[key].append(claim_key)
    linked = {key: tuple(claims) for key, claims in co_premises.items()}
    kinds = _RELATION_TYPES
    return tuple(
        [
            Relation(
                key,
                from_key,
                claim_key or relation_key,
                kinds.get(kind) or RelationType(kind),
                linked.get(key, ()) if linked else (),
            )
            for key, kind, from_key, claim_key, relation_key in found
        ]
    )


def read_links(cursor: Cursor) -> tuple[ClaimEventLink, ...]:
    found = fetch_all(
        cursor,
        "SELECT c.key, e.key FROM claim_events AS l"
        " JOIN claims AS c ON l.claim_id = c.id JOIN events AS e ON l.event_id = e.id"
        " ORDER BY c.key, e.key",
    )
    return tuple(ClaimEventLink(claim, event) for claim, event in found)


def read_sourced_events(cursor: Cursor) -> tuple[Event, ...]:
    """Return the events that sources date, in time order, with their source dates and the
    passages those cite (descriptions left out): what the Reader marks in a document."""
    dates: dict[str, list[SourceDate]] = defaultdict(list)
    for key, source, date, locator, passages in fetch_all(
        cursor,
        "SELECT e.key, d.source, d.date, d.locator, d.passages"
        " FROM source_dates AS d JOIN events AS e ON d.event_id = e.id"
        " ORDER BY e.key, d.ordinal",
    ):
        dates[key].append(
            SourceDate(source, HistoricalDate.from_edtf(date), locator, passages_from(passages))
        )
    return tuple(
        Event(
            id=key,
            title=title,
            start=HistoricalDate.from_edtf(start),
            end=HistoricalDate.from_edtf(end) if end else None,
            category=category,
            source_dates=tuple(dates.get(key, ())),
            version=version,
        )
        for key, title, start, end, category, version in fetch_all(
            cursor,
            'SELECT key, title, start, "end", category, version FROM events WHERE id IN'
            " (SELECT event_id FROM source_dates) ORDER BY axis_start, key",
        )
    )
