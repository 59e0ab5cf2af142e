"""Edits of claims: add, change, move, delete; each returns the edit that undoes it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from argline.model.entities import Assumption, Claim, ClaimRole
from argline.ops.changes import Batch, Changes, OpResult
from argline.ops.links import LinkClaimEvent
from argline.ops.queries import claim_snapshot
from argline.ops.relation_edits import restore_relations
from argline.ops.rows import refuse_taken, row_by_key
from argline.store.schema import AssessmentRow, ClaimEventRow, ClaimRow, EventRow

EDITABLE_FIELDS = ("text", "title", "role", "locator", "assumption")

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
        session.add(
            ClaimRow(
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
            )
        )
        session.flush()
        return OpResult(Changes(claims=frozenset({claim.id})), DeleteClaim(claim.id))


@dataclass(frozen=True, slots=True)
class DeleteClaim:
    """Delete a claim with its relations and links; the inverse brings all of them back."""

    claim_id: str
    label: str = "Delete claim"

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, ClaimRow, self.claim_id, "claim")
        assessment_key = session.scalar(
            select(AssessmentRow.key).where(AssessmentRow.id == row.assessment_id)
        )
        relations = restore_relations(session, row.id)
        events = session.scalars(
            select(EventRow.key).join(ClaimEventRow).where(ClaimEventRow.claim_id == row.id)
        ).all()
        restore = (
            AddClaim(claim_snapshot(row, str(assessment_key)), ordinal=row.ordinal),
            *relations,
            *(LinkClaimEvent(self.claim_id, event) for event in events),
        )
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
    label: str = "Edit claim"

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, ClaimRow, self.claim_id, "claim")
        old_assumption = Assumption(row.assumption) if row.assumption else None
        inverse = EditClaim(
            self.claim_id,
            text=row.text if self.text is not None else None,
            title=row.title if self.title is not None else None,
            role=ClaimRole(row.role) if self.role is not None else None,
            locator=row.locator if self.locator is not None else None,
            assumption=old_assumption if self._touches_assumption else None,
            clear_assumption=self._touches_assumption and old_assumption is None,
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
        session.flush()
        return OpResult(Changes(claims=frozenset({self.claim_id})), inverse)

    @property
    def _touches_assumption(self) -> bool:
        return self.assumption is not None or self.clear_assumption


@dataclass(frozen=True, slots=True)
class MoveClaims:
    """Set map positions of several claims at once: one drag, one transaction, one undo step."""

    positions: tuple[tuple[str, Position], ...]
    placed_by_hand: bool | tuple[bool, ...] = True
    label: str = "Move"

    def apply(self, session: Session) -> OpResult:
        rows = [row_by_key(session, ClaimRow, key, "claim") for key, _ in self.positions]
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
        changed = frozenset(key for key, _ in self.positions)
        return OpResult(Changes(claims=changed), MoveClaims(old_positions, old_placed, self.label))
