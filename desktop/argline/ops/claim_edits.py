"""Edits of claims: add, change, move, delete; each returns the edit that undoes it.

An edit may name the version of the claim its user saw (``expected_version``): if
someone else changed the claim since, it is refused (ops.versions). Every inverse
names the version its edit left, so undo never overwrites someone else's change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from argline.model.entities import Assumption, Claim, ClaimRole
from argline.model.passages import Passage, passage_record
from argline.ops.changes import Batch, Changes, Operation, OpResult
from argline.ops.links import LinkClaimEvent
from argline.ops.plain_reads import passages_from
from argline.ops.queries import claim_snapshot
from argline.ops.relation_edits import drop_linked_reasons, restore_relations
from argline.ops.rows import refuse_taken, row_by_key
from argline.ops.versions import Item, check_version, one_version, others_left, versions_of
from argline.store import faults
from argline.store.schema import AssessmentRow, ClaimEventRow, ClaimRow, EventRow

Position = tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class AddClaim:
    claim: Claim
    ordinal: int | None = None
    label: str = "Add claim"

    def apply(self, session: Session) -> OpResult:
        claim = self.claim
        refuse_taken(session, ClaimRow, claim.id, "claim")
        assessment = row_by_key(session, AssessmentRow, claim.assessment_id, "assessment")
        ordinal = self.ordinal
        if ordinal is None:
            last = session.scalar(
                select(func.max(ClaimRow.ordinal)).where(ClaimRow.assessment_id == assessment.id)
            )
            ordinal = -1 if last is None else last
            ordinal += 1
        x, y = claim.position or (None, None)
        row = ClaimRow(
            key=claim.id,
            assessment_id=assessment.id,
            ordinal=ordinal,
            title=claim.title,
            text=claim.text,
            role=claim.role.value,
            locator=claim.locator,
            x=x,
            y=y,
            placed_by_hand=claim.placed_by_hand,
            assumption=claim.assumption.value if claim.assumption else None,
            passages=[passage_record(p) for p in claim.passages],
        )
        session.add(row)
        session.flush()
        inverse = DeleteClaim(claim.id, expected_version=row.version)
        return OpResult(Changes(claims=frozenset({claim.id})), inverse)


@dataclass(frozen=True, slots=True)
class DeleteClaim:
    """Delete a claim with its relations and links; the inverse brings all of them back."""

    claim_id: str
    label: str = "Delete claim"
    expected_version: int | None = None

    def versions_expected(self) -> dict[Item, int]:
        return one_version("claim", self.claim_id, self.expected_version)

    def expecting(self, versions: Mapping[Item, int]) -> DeleteClaim:
        found = versions.get(("claim", self.claim_id), self.expected_version)
        return replace(self, expected_version=found)

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, ClaimRow, self.claim_id, "claim")
        check_version(session, row, self.expected_version, kind="claim")
        assessment_key = session.scalar(
            select(AssessmentRow.key).where(AssessmentRow.id == row.assessment_id)
        )
        relations = restore_relations(session, row.id)
        events = session.scalars(
            select(EventRow.key).join(ClaimEventRow).where(ClaimEventRow.claim_id == row.id)
        ).all()
        restore: tuple[Operation, ...] = (
            AddClaim(claim_snapshot(row, str(assessment_key)), ordinal=row.ordinal),
            *relations,
            *(LinkClaimEvent(self.claim_id, event) for event in events),
        )
        drop_linked_reasons(session, [row.id])
        session.delete(row)
        session.flush()
        changes = Changes(
            claims=frozenset({self.claim_id}),
            relations=frozenset(r.relation.id for r in relations),
            links=frozenset((self.claim_id, e) for e in events),
        )
        return OpResult(changes, Batch(restore, "Restore claim"))


@dataclass(frozen=True, slots=True)
class EditClaim:
    """Change some of a claim's fields: text, title, role, locator, assumption."""

    claim_id: str
    text: str | None = None
    title: str | None = None
    role: ClaimRole | None = None
    locator: str | None = None
    assumption: Assumption | None = None
    clear_assumption: bool = False
    passages: tuple[Passage, ...] | None = None
    label: str = "Edit claim"
    expected_version: int | None = None

    def versions_expected(self) -> dict[Item, int]:
        return one_version("claim", self.claim_id, self.expected_version)

    def expecting(self, versions: Mapping[Item, int]) -> EditClaim:
        found = versions.get(("claim", self.claim_id), self.expected_version)
        return replace(self, expected_version=found)

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, ClaimRow, self.claim_id, "claim")
        check_version(session, row, self.expected_version, kind="claim")
        old_assumption = Assumption(row.assumption) if row.assumption else None
        inverse = EditClaim(
            self.claim_id,
            text=row.text if self.text is not None else None,
            title=row.title if self.title is not None else None,
            role=ClaimRole(row.role) if self.role is not None else None,
            locator=row.locator if self.locator is not None else None,
            assumption=old_assumption if self._touches_assumption else None,
            clear_assumption=self._touches_assumption and old_assumption is None,
            passages=passages_from(row.passages) if self.passages is not None else None,
            label=self.label,
        )
        if self.text is not None:
            row.text = self.text
        if self.title is not None:
            row.title = self.title
        if self.role is not None:
            row.role = self.role.value
        if self.locator is not None:
            row.locator = self.locator
        if self._touches_assumption:
            row.assumption = self.assumption.value if self.assumption else None
        if self.passages is not None:
            row.passages = [passage_record(p) for p in self.passages]
        session.flush()
        inverse = replace(inverse, expected_version=row.version)
        return OpResult(Changes(claims=frozenset({self.claim_id})), inverse)

    @property
    def _touches_assumption(self) -> bool:
        return self.assumption is not None or self.clear_assumption


@dataclass(frozen=True, slots=True)
class MoveClaims:
    """Set map positions of several claims at once: one drag, one transaction, one undo step.

    ``expected_versions``, when given, holds the version of each claim as its user saw it.
    """

    positions: tuple[tuple[str, Position], ...]
    placed_by_hand: bool | tuple[bool, ...] = True
    label: str = "Move"
    expected_versions: tuple[int | None, ...] | None = None

    def versions_expected(self) -> dict[Item, int]:
        return versions_of("claim", [key for key, _ in self.positions], self.expected_versions)

    def expecting(self, versions: Mapping[Item, int]) -> MoveClaims:
        keys = [key for key, _ in self.positions]
        return replace(
            self, expected_versions=others_left("claim", keys, self.expected_versions, versions)
        )

    def apply(self, session: Session) -> OpResult:
        rows = [row_by_key(session, ClaimRow, key, "claim") for key, _ in self.positions]
        expected = self.expected_versions or (None,) * len(rows)
        # In id order, so that two clients moving overlapping selections lock alike.
        for row, version in sorted(zip(rows, expected, strict=True), key=lambda p: p[0].key):
            check_version(session, row, version, kind="claim")
        old_positions = tuple(
            (row.key, (row.x, row.y) if row.x is not None and row.y is not None else None)
            for row in rows
        )
        old_placed = tuple(row.placed_by_hand for row in rows)
        flags = (
            self.placed_by_hand
            if isinstance(self.placed_by_hand, tuple)
            else (self.placed_by_hand,) * len(rows)
        )
        for row, (_, position), placed in zip(rows, self.positions, flags, strict=True):
            row.x, row.y = position if position else (None, None)
            row.placed_by_hand = placed
        session.flush()
        faults.reached("claims.moved")
        changed = frozenset(key for key, _ in self.positions)
        versions = tuple(row.version for row in rows)
        inverse = MoveClaims(old_positions, old_placed, self.label, expected_versions=versions)
        return OpResult(Changes(claims=changed), inverse)
