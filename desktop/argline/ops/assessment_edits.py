"""Add, edit and delete assessments; each returns the edit that undoes it.

Claims are edited one by one in claim_edits. Deleting an assessment takes its claims
with it, and with them their relations (those crossing to other assessments' claims
too, and the undercuts of any of them) and their links to events: the inverse brings
every one of them back as it was, its claims at their places in its outline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from argline.model.dates import HistoricalDate
from argline.model.entities import Assessment, AssessmentKind
from argline.ops.changes import Batch, Changes, Operation, OpResult
from argline.ops.claim_edits import AddClaim
from argline.ops.documents import SetDocument, document_of
from argline.ops.errors import EditRefused
from argline.ops.links import LinkClaimEvent
from argline.ops.queries import assessment_snapshot, claim_snapshot
from argline.ops.relation_edits import (
    AddRelation,
    drop_linked_reasons,
    relation_snapshot,
    relations_touching,
)
from argline.ops.rows import refuse_taken, row_by_key
from argline.ops.versions import Item, check_version, one_version
from argline.store.schema import AssessmentRow, ClaimEventRow, ClaimRow, EventRow, RelationRow

KEEP = object()  # EditAssessment's marker for "leave this field as it is"
TEXT_FIELDS = ("title", "author", "outlet", "source")


@dataclass(frozen=True, slots=True)
class EditAssessment:
    """Change some of an assessment's fields; a field left as KEEP is not touched.

    ``published`` is a HistoricalDate or None (undated); ``kind`` an AssessmentKind.
    """

    assessment_id: str
    title: object = KEEP
    author: object = KEEP
    outlet: object = KEEP
    source: object = KEEP
    published: object = KEEP
    kind: object = KEEP
    label: str = "Edit assessment"
    expected_version: int | None = None

    def versions_expected(self) -> dict[Item, int]:
        return one_version("assessment", self.assessment_id, self.expected_version)

    def expecting(self, versions: Mapping[Item, int]) -> EditAssessment:
        found = versions.get(("assessment", self.assessment_id), self.expected_version)
        return replace(self, expected_version=found)

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, AssessmentRow, self.assessment_id, "assessment")
        check_version(session, row, self.expected_version, kind="assessment")
        old = assessment_snapshot(row)
        asked = {
            name: getattr(self, name)
            for name in (*TEXT_FIELDS, "published", "kind")
            if getattr(self, name) is not KEEP
        }
        if "title" in asked and not str(asked["title"]).strip():
            raise EditRefused("an assessment needs a title")
        for name in TEXT_FIELDS:
            if name in asked:
                setattr(row, name, str(asked[name]))
        if "published" in asked:
            published = asked["published"]
            if published is not None and not isinstance(published, HistoricalDate):
                raise EditRefused(f"a publication date must be a date, not {published!r}")
            row.published = published.to_edtf() if published else None
        if "kind" in asked:
            row.kind = AssessmentKind(asked["kind"]).value
        session.flush()
        inverse = EditAssessment(
            self.assessment_id,
            label=self.label,
            expected_version=row.version,
            **{n: getattr(old, n) for n in asked},
        )
        return OpResult(Changes(assessments=frozenset({self.assessment_id})), inverse)


@dataclass(frozen=True, slots=True)
class AddAssessment:
    """Add an assessment, and the claims its snapshot holds, in their order.

    ``row_id`` is for undo alone: a deleted assessment comes back under its old row,
    so the store lists its relations where it listed them before (they are read in
    the order of their claims' assessments' rows). Taken meanwhile, a new row is used.
    """

    assessment: Assessment
    label: str = "Add assessment"
    row_id: int | None = None

    def apply(self, session: Session) -> OpResult:
        assessment = self.assessment
        refuse_taken(session, AssessmentRow, assessment.id, "assessment")
        if not assessment.title.strip():
            raise EditRefused("an assessment needs a title")
        row = AssessmentRow(
            key=assessment.id,
            title=assessment.title,
            author=assessment.author,
            outlet=assessment.outlet,
            published=assessment.published.to_edtf() if assessment.published else None,
            kind=AssessmentKind(assessment.kind).value,
            source=assessment.source,
        )
        if self.row_id is not None and session.get(AssessmentRow, self.row_id) is None:
            row.id = self.row_id
        session.add(row)
        session.flush()
        changes = Changes(assessments=frozenset({assessment.id}))
        for claim in assessment.claims:
            changes |= AddClaim(replace(claim, assessment_id=assessment.id)).apply(session).changes
        inverse = DeleteAssessment(assessment.id, expected_version=row.version)
        return OpResult(changes, inverse)


@dataclass(frozen=True, slots=True)
class DeleteAssessment:
    """Delete an assessment with its claims, their relations and their links to events.

    The inverse restores all of it: the assessment, each claim with every field at its
    place in the outline, the relations (crossing ones and undercuts included) and the
    links, in an order in which each finds what it needs.
    """

    assessment_id: str
    label: str = "Delete assessment"
    expected_version: int | None = None

    def versions_expected(self) -> dict[Item, int]:
        return one_version("assessment", self.assessment_id, self.expected_version)

    def expecting(self, versions: Mapping[Item, int]) -> DeleteAssessment:
        found = versions.get(("assessment", self.assessment_id), self.expected_version)
        return replace(self, expected_version=found)

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, AssessmentRow, self.assessment_id, "assessment")
        check_version(session, row, self.expected_version, kind="assessment")
        doomed = _what_goes_with(session, row)
        claims = session.scalars(
            select(ClaimRow)
            .where(ClaimRow.assessment_id == row.id)
            .order_by(ClaimRow.ordinal, ClaimRow.id)
        ).all()
        document = document_of(session, self.assessment_id)
        restore: list[Operation] = [
            AddAssessment(assessment_snapshot(row), row_id=row.id),
            *((SetDocument(self.assessment_id, document),) if document else ()),
            *(AddClaim(claim_snapshot(c, self.assessment_id), ordinal=c.ordinal) for c in claims),
            *(AddRelation(relation_snapshot(session, r)) for r in doomed.relations),
            *(LinkClaimEvent(claim, event) for claim, event in doomed.links),
        ]
        drop_linked_reasons(session, [c.id for c in claims])
        session.delete(row)  # the database's cascades take the claims, relations and links
        session.flush()
        changes = Changes(
            assessments=frozenset({self.assessment_id}),
            claims=frozenset(c.key for c in claims),
            relations=frozenset(r.key for r in doomed.relations),
            links=frozenset(doomed.links),
        )
        return OpResult(changes, Batch(tuple(restore), "Restore assessment"))


@dataclass(frozen=True, slots=True)
class GoesWith:
    """What deleting an assessment takes with it, for the user to confirm."""

    claims: int
    relations: int
    links: int


def what_deleting_takes(session: Session, assessment_id: str) -> GoesWith:
    """Return how many claims, relations and links to events go with an assessment."""
    row = row_by_key(session, AssessmentRow, assessment_id, "assessment")
    doomed = _what_goes_with(session, row)
    claims = session.scalar(
        select(func.count()).select_from(ClaimRow).where(ClaimRow.assessment_id == row.id)
    )
    return GoesWith(int(claims or 0), len(doomed.relations), len(doomed.links))


@dataclass(frozen=True, slots=True)
class _Doomed:
    relations: list[RelationRow]
    links: list[tuple[str, str]]


def _what_goes_with(session: Session, row: AssessmentRow) -> _Doomed:
    own = select(ClaimRow.id).where(ClaimRow.assessment_id == row.id)
    links = session.execute(
        select(ClaimRow.key, EventRow.key)
        .join(ClaimEventRow, ClaimEventRow.claim_id == ClaimRow.id)
        .join(EventRow, EventRow.id == ClaimEventRow.event_id)
        .where(ClaimRow.assessment_id == row.id)
        .order_by(ClaimRow.key, EventRow.key)
    ).all()
    return _Doomed(relations_touching(session, own), [(c, e) for c, e in links])
