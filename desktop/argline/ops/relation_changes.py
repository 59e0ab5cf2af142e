"""Change an existing relation: attach either end elsewhere, or turn a support into an attack.

Both keep the relation's id, so undercuts aimed at it stay aimed at it, and both
return the change that puts the relation back as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from argline.model.entities import RelationType
from argline.ops.changes import Changes, OpResult
from argline.ops.errors import EditRefused
from argline.ops.relation_edits import (
    refuse_repeated_premises,
    refuse_second_relation,
    relation_snapshot,
)
from argline.ops.rows import row_by_key
from argline.store.schema import ClaimRow, RelationRow


@dataclass(frozen=True, slots=True)
class ReconnectRelation:
    """Attach a relation's source (a claim) or target (a claim, or for an undercut a relation)."""

    relation_id: str
    source: str | None = None
    target: str | None = None
    label: str = "Reconnect"

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, RelationRow, self.relation_id, "relation")
        old = relation_snapshot(session, row)
        if self.source is not None:
            row.source_claim_id = row_by_key(session, ClaimRow, self.source, "claim").id
        if self.target is not None:
            if old.targets_relation:
                target = row_by_key(session, RelationRow, self.target, "relation")
                _refuse_undercut_cycle(session, row, target)
                row.target_relation_id = target.id
            else:
                row.target_claim_id = row_by_key(session, ClaimRow, self.target, "claim").id
        if not old.targets_relation:
            if row.source_claim_id == row.target_claim_id:
                raise EditRefused("a claim cannot support or attack itself")
            source_row = session.get(ClaimRow, row.source_claim_id)
            target_row = session.get(ClaimRow, row.target_claim_id)
            assert source_row is not None
            assert target_row is not None
            refuse_repeated_premises((source_row.key, *old.co_premises), target_row.key)
            if not old.linked:
                refuse_second_relation(session, source_row, target_row, besides=row.id)
        session.flush()
        inverse = ReconnectRelation(
            self.relation_id,
            source=old.source if self.source is not None else None,
            target=old.target if self.target is not None else None,
            label=self.label,
        )
        return OpResult(Changes(relations=frozenset({self.relation_id})), inverse)


def _refuse_undercut_cycle(session: Session, undercut: RelationRow, target: RelationRow) -> None:
    # An undercut may not, through the relations it targets, end up targeting itself.
    current: RelationRow | None = target
    while current is not None:
        if current.id == undercut.id:
            raise EditRefused("an undercut cannot target itself, directly or through others")
        next_id = current.target_relation_id
        current = session.get(RelationRow, next_id) if next_id is not None else None


@dataclass(frozen=True, slots=True)
class RetypeRelation:
    """Turn a support into an attack or back; an undercut stays an undercut."""

    relation_id: str
    type: RelationType
    label: str = "Change relation"

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, RelationRow, self.relation_id, "relation")
        old = RelationType(row.type)
        if RelationType.UNDERCUT in (old, self.type) and old is not self.type:
            raise EditRefused(
                "an undercut targets a relation: it cannot become a support or attack"
            )
        row.type = self.type.value
        session.flush()
        return OpResult(
            Changes(relations=frozenset({self.relation_id})),
            RetypeRelation(self.relation_id, old, self.label),
        )
