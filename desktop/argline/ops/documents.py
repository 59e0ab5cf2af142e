"""An assessment's source document in the store: attach it, replace it, and keep its citations.

Attaching a text (or a corrected version of it) finds every passage that the
assessment's claims and the source dates it gives cite again in the new text
(model.anchoring); a passage that cannot be found is kept, marked orphaned. The edit
is one undo step: its inverse puts back the document and every passage as they were.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from argline.model.anchoring import attach, reanchor
from argline.model.entities import Assessment
from argline.model.passages import Passage, SourceDocument, passage_record
from argline.ops.changes import Changes, OpResult
from argline.ops.errors import EditConflict
from argline.ops.plain_reads import DOCUMENT_COLUMNS, document_from, passages_from
from argline.ops.rows import row_by_key
from argline.ops.versions import Item, check_version
from argline.store.schema import AssessmentRow, ClaimRow, DocumentRow, EventRow, SourceDateRow

CHUNK = 5000  # ids per IN (...) list, as the merge reads them
# A source date is named by its event's id and its place among the event's source dates.
SourceDateKey = tuple[str, int]


@dataclass(frozen=True, slots=True)
class SetDocument:
    """Give an assessment this document (or none) and its claims and source dates these passages.

    ``expected`` names the version of each claim and event it changes as its user saw
    them (its inverse names those its edit left): a claim re-cited, deleted or moved by
    someone else meanwhile is refused, not overwritten (ops.versions).
    """

    assessment_id: str
    document: SourceDocument | None
    claim_passages: tuple[tuple[str, tuple[Passage, ...]], ...] = ()
    source_date_passages: tuple[tuple[SourceDateKey, tuple[Passage, ...]], ...] = ()
    label: str = "Attach source document"
    expected: tuple[tuple[Item, int], ...] = ()

    def versions_expected(self) -> dict[Item, int]:
        return dict(self.expected)

    def expecting(self, versions: Mapping[Item, int]) -> SetDocument:
        found = tuple((item, versions.get(item, version)) for item, version in self.expected)
        return replace(self, expected=found)

    def apply(self, session: Session) -> OpResult:
        assessment = row_by_key(session, AssessmentRow, self.assessment_id, "assessment")
        old_document = _document_row(session, assessment.id)
        claims = _claim_rows(session, assessment.id)
        dates = _source_date_rows(session, self.assessment_id)
        events = _event_rows(session, {event for (event, _), _ in self.source_date_passages})
        expected = dict(self.expected)
        for key, _ in self.claim_passages:
            if key not in claims:
                raise EditConflict(
                    f"claim {key!r} was deleted meanwhile; the passages were not changed",
                    kind="claim",
                    item_id=key,
                )
            check_version(session, claims[key], expected.get(("claim", key)), kind="claim")
        for (event, ordinal), _ in self.source_date_passages:
            if (event, ordinal) not in dates:
                raise EditConflict(
                    f"event {event!r} no longer has that source date; nothing was changed",
                    kind="event",
                    item_id=event,
                )
            check_version(session, events[event], expected.get(("event", event)), kind="event")
        old_claims = tuple(
            (key, passages_from(claims[key].passages)) for key, _ in self.claim_passages
        )
        old_dates = tuple(
            (key, passages_from(dates[key].passages)) for key, _ in self.source_date_passages
        )
        was = (
            document_from([getattr(old_document, c) for c in DOCUMENT_COLUMNS])
            if old_document
            else None
        )
        _write_document(session, assessment.id, old_document, self.document)
        for key, passages in self.claim_passages:
            claims[key].passages = [passage_record(p) for p in passages]
        for date_key, passages in self.source_date_passages:
            dates[date_key].passages = [passage_record(p) for p in passages]
        for row in events.values():
            flag_modified(row, "title")  # a source date's change is the event's (its version)
        session.flush()
        left = tuple(
            [(("claim", key), claims[key].version) for key, _ in self.claim_passages]
            + [(("event", key), row.version) for key, row in events.items()]
        )
        inverse = SetDocument(
            self.assessment_id,
            was,
            old_claims,
            old_dates,
            label=self.label,
            expected=left,
        )
        changes = Changes(
            assessments=frozenset({self.assessment_id}),
            claims=frozenset(key for key, _ in self.claim_passages),
            events=frozenset(events),
        )
        return OpResult(changes, inverse)


@dataclass(frozen=True, slots=True)
class AttachDocument:
    """Attach (or replace) an assessment's document and find each cited passage in its text."""

    assessment_id: str
    document: SourceDocument
    label: str = "Attach source document"

    def apply(self, session: Session) -> OpResult:
        if self.document.text is None:
            raise ValueError("AttachDocument needs a document with its text")
        assessment = row_by_key(session, AssessmentRow, self.assessment_id, "assessment")
        old = _document_row(session, assessment.id)
        had_text = old is not None and old.text is not None
        claims = _claim_rows(session, assessment.id)
        dates = _source_date_rows(session, self.assessment_id)
        text = self.document.text

        def found(stored: object) -> tuple[Passage, ...]:
            passages = passages_from(stored)
            if not passages:
                return ()
            return reanchor(passages, text) if had_text else attach(passages, text)

        return SetDocument(
            self.assessment_id,
            self.document,
            tuple((key, found(row.passages)) for key, row in claims.items() if row.passages),
            tuple((key, found(row.passages)) for key, row in dates.items() if row.passages),
            label=self.label,
        ).apply(session)


def document_of(session: Session, assessment_id: str) -> SourceDocument | None:
    """Return the document of an assessment, with its text if attached, or None."""
    assessment = row_by_key(session, AssessmentRow, assessment_id, "assessment")
    row = _document_row(session, assessment.id)
    return document_from([getattr(row, c) for c in DOCUMENT_COLUMNS]) if row else None


def merge_documents(
    session: Session, documents: Sequence[tuple[int, SourceDocument]]
) -> tuple[int, int, int]:
    """Write the documents an import brings, by assessment key; return added, updated, unchanged.

    A document named without its text (as the seed corpus names its sources) never
    replaces the text the user attached to it.
    """
    added = updated = unchanged = 0
    for assessment_id, document in documents:
        row = _document_row(session, assessment_id)
        if row is None:
            added += 1
        elif _keeps(row, document):
            unchanged += 1
            continue
        else:
            updated += 1
        _write_document(session, assessment_id, row, document)
    return added, updated, unchanged


def texts_for_import(session: Session, assessments: Sequence[Assessment]) -> dict[str, str]:
    """Return, by assessment id, the text an import's passages are to be found in: the text
    the file brings, else the one the store holds.

    Passages known only by position (the seed's, or a tool's that kept none) become full
    selectors on that text; quoted ones are checked against it and found again where they
    do not match it, so no highlight lands on other words than its quote.
    """
    texts = {a.id: a.document.text for a in assessments if a.document and a.document.text}
    wanted = [a.id for a in assessments if a.id not in texts]
    for start in range(0, len(wanted), CHUNK):
        stored = session.execute(
            select(AssessmentRow.key, DocumentRow.text)
            .join(DocumentRow, DocumentRow.assessment_id == AssessmentRow.id)
            .where(AssessmentRow.key.in_(wanted[start : start + CHUNK]))
        )
        texts.update((key, text) for key, text in stored if text is not None)
    return texts


def found_in(passages: Sequence[Passage], text: str | None) -> tuple[Passage, ...]:
    """Return the passages as they stand in ``text`` (as they are where no text is known)."""
    if text is None or not passages:
        return tuple(passages)
    return attach(passages, text)


def stored_claim_passages(session: Session, keys: Sequence[str]) -> dict[str, list[Any]]:
    """Return the passages the store's claims of these ids cite, as stored records."""
    found: dict[str, list[Any]] = {}
    for start in range(0, len(keys), CHUNK):
        rows = session.execute(
            select(ClaimRow.key, ClaimRow.passages).where(
                ClaimRow.key.in_(keys[start : start + CHUNK])
            )
        )
        found.update((key, passages) for key, passages in rows)
    return found


def _keeps(row: DocumentRow, document: SourceDocument) -> bool:
    """Tell whether the stored document stands as it is: the same, or its text kept."""
    if document.text is None and row.text is not None:
        return True
    return document_from([getattr(row, c) for c in DOCUMENT_COLUMNS]) == document


def _document_row(session: Session, assessment_id: int) -> DocumentRow | None:
    return session.scalar(select(DocumentRow).where(DocumentRow.assessment_id == assessment_id))


def _write_document(
    session: Session, assessment_id: int, row: DocumentRow | None, document: SourceDocument | None
) -> None:
    if document is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = DocumentRow(assessment_id=assessment_id)
        session.add(row)
    row.name = document.name
    row.format = document.format
    row.fingerprint = document.fingerprint
    row.characters = document.characters
    row.text = document.text
    row.pages = list(document.pages)
    row.details = dict(document.metadata)


def _event_rows(session: Session, keys: set[str]) -> dict[str, EventRow]:
    if not keys:
        return {}
    rows = session.scalars(select(EventRow).where(EventRow.key.in_(sorted(keys))))
    return {row.key: row for row in rows}


def _claim_rows(session: Session, assessment_id: int) -> dict[str, ClaimRow]:
    rows = session.scalars(
        select(ClaimRow).where(ClaimRow.assessment_id == assessment_id).order_by(ClaimRow.ordinal)
    )
    return {row.key: row for row in rows}


def _source_date_rows(session: Session, assessment_key: str) -> dict[SourceDateKey, SourceDateRow]:
    """Return the source dates that cite this assessment, by event id and place."""
    found = session.execute(
        select(EventRow.key, SourceDateRow)
        .join(EventRow, SourceDateRow.event_id == EventRow.id)
        .where(SourceDateRow.source == assessment_key)
    )
    return {(key, row.ordinal): row for key, row in found}
