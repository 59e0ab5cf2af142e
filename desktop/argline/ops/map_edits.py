"""Edits the argument map makes in one step: delete a selection of claims and relations."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from argline.ops.changes import Batch, Changes, Operation, OpResult
from argline.ops.claim_edits import DeleteClaim
from argline.ops.relation_edits import DeleteRelation
from argline.store.schema import ClaimRow, RelationRow


@dataclass(frozen=True, slots=True)
class DeleteMapItems:
    """Delete claims and relations chosen together; one undo step brings all of them back.

    Relations go first, then claims. Deleting a claim or a relation takes its
    relations and undercuts with it, so an item already gone by the time its turn
    comes is skipped rather than refused.
    """

    claims: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    label: str = "Delete"

    def apply(self, session: Session) -> OpResult:
        changes = Changes()
        inverses: list[Operation] = []
        steps: list[Operation] = [DeleteRelation(r) for r in self.relations]
        steps += [DeleteClaim(c) for c in self.claims]
        for step in steps:
            if not _exists(session, step):
                continue
            result = step.apply(session)
            changes |= result.changes
            inverses.append(result.inverse)
        return OpResult(changes, Batch(tuple(reversed(inverses)), "Restore"))


def _exists(session: Session, step: Operation) -> bool:
    if isinstance(step, DeleteRelation):
        query = select(RelationRow.id).where(RelationRow.key == step.relation_id)
    else:
        assert isinstance(step, DeleteClaim)
        query = select(ClaimRow.id).where(ClaimRow.key == step.claim_id)
    return session.scalar(query) is not None
