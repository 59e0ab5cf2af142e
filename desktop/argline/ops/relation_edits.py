"""Add and delete relations between claims (support, attack, undercut), with their inverses.

A linked reason's co-premises are rows of their own (``relation_premises``); they are
set as a whole (``SetCoPremises``), so adding a co-premise and removing a premise are
one edit each, undone by setting the old ones back.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session, aliased

from argline.model.entities import Relation, RelationType
from argline.ops.changes import Batch, Changes, OpResult
from argline.ops.errors import EditRefused
from argline.ops.rows import refuse_taken, row_by_key
from argline.store.schema import ClaimRow, RelationPremiseRow, RelationRow

CHUNK = 500  # ids per query: well under SQLite's limit on bound parameters
LABELS = {
    RelationType.SUPPORT: "Support",
    RelationType.ATTACK: "Attack",
    RelationType.UNDERCUT: "Undercut",
}


@dataclass(frozen=True, slots=True)
class AddRelation:
    relation: Relation

    @property
    def label(self) -> str:
        return f"Add {LABELS[self.relation.type].lower()}"

    def apply(self, session: Session) -> OpResult:
        relation = self.relation
        refuse_taken(session, RelationRow, relation.id, "relation")
        source = row_by_key(session, ClaimRow, relation.source, "claim")
        row = RelationRow(key=relation.id, type=relation.type.value, source_claim_id=source.id)
        if relation.targets_relation:
            row.target_relation_id = row_by_key(
                session, RelationRow, relation.target, "relation"
            ).id
        else:
            target = row_by_key(session, ClaimRow, relation.target, "claim")
            if target.id == source.id:
                raise EditRefused("a claim cannot support or attack itself")
            if not relation.linked:
                refuse_second_relation(session, source, target)
            row.target_claim_id = target.id
        refuse_repeated_premises(relation.premises, relation.target)
        session.add(row)
        session.flush()
        _write_co_premises(session, row, relation.co_premises)
        return OpResult(Changes(relations=frozenset({relation.id})), DeleteRelation(relation.id))


def refuse_repeated_premises(premises: Sequence[str], target: str) -> None:
    """Refuse a linked reason that names a claim twice, or its own conclusion as a premise."""
    if len(set(premises)) < len(premises):
        raise EditRefused("a linked reason names each of its premises once")
    if len(premises) > 1 and target in premises:
        raise EditRefused(f"{target!r} cannot be a premise of a reason for itself")


def _write_co_premises(session: Session, row: RelationRow, co_premises: Sequence[str]) -> None:
    session.execute(delete(RelationPremiseRow).where(RelationPremiseRow.relation_id == row.id))
    for ordinal, key in enumerate(co_premises, start=1):
        claim = row_by_key(session, ClaimRow, key, "claim")
        session.add(RelationPremiseRow(relation_id=row.id, ordinal=ordinal, claim_id=claim.id))
    session.flush()


def co_premises_of(session: Session, row: RelationRow) -> tuple[str, ...]:
    """Return the ids of a relation's co-premises, in their order (none for most)."""
    return tuple(
        session.scalars(
            select(ClaimRow.key)
            .join(RelationPremiseRow, RelationPremiseRow.claim_id == ClaimRow.id)
            .where(RelationPremiseRow.relation_id == row.id)
            .order_by(RelationPremiseRow.ordinal)
        )
    )


@dataclass(frozen=True, slots=True)
class SetCoPremises:
    """Make a relation's co-premises these claims: a reason that holds only with all of them.

    None makes it a single reason again. Its source stays its first premise, unless
    ``source`` names another: taking out the first premise hands the reason to the next.
    """

    relation_id: str
    co_premises: tuple[str, ...]
    label: str = "Change premises"
    source: str | None = None

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, RelationRow, self.relation_id, "relation")
        old = relation_snapshot(session, row)
        if old.targets_relation:
            raise EditRefused("co-premises are for supports and attacks")
        source = (
            row_by_key(session, ClaimRow, self.source, "claim")
            if self.source is not None
            else session.get(ClaimRow, row.source_claim_id)
        )
        target = session.get(ClaimRow, row.target_claim_id)
        assert source is not None
        assert target is not None
        if source.id == target.id:
            raise EditRefused("a claim cannot support or attack itself")
        refuse_repeated_premises((source.key, *self.co_premises), old.target)
        if not self.co_premises:
            refuse_second_relation(session, source, target, besides=row.id)
        row.source_claim_id = source.id
        _write_co_premises(session, row, self.co_premises)
        was = old.source if self.source is not None else None
        inverse = SetCoPremises(self.relation_id, old.co_premises, self.label, was)
        return OpResult(Changes(relations=frozenset({self.relation_id})), inverse)


def refuse_second_relation(
    session: Session, source: ClaimRow, target: ClaimRow, *, besides: int | None = None
) -> None:
    """Refuse a relation from ``source`` to ``target`` when one is there already (other than
    the row ``besides``): a claim cannot both support and attack another."""
    query = select(RelationRow.type).where(
        RelationRow.source_claim_id == source.id,
        RelationRow.target_claim_id == target.id,
        RelationRow.id.not_in(select(RelationPremiseRow.relation_id)),  # linked reasons aside
    )
    if besides is not None:
        query = query.where(RelationRow.id != besides)
    existing = session.scalar(query.limit(1))
    if existing is not None:
        verb = {"support": "supports", "attack": "attacks"}.get(existing, existing)
        raise EditRefused(
            f"{source.key!r} already {verb} {target.key!r}: a claim cannot both support and "
            "attack another (change or delete that relation instead)"
        )


@dataclass(frozen=True, slots=True)
class DeleteRelation:
    relation_id: str
    label: str = "Delete relation"

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, RelationRow, self.relation_id, "relation")
        # Undercuts of this relation go with it; undo must bring them back, after it.
        doomed = [row, *_undercuts_of(session, row)]
        restore = tuple(AddRelation(relation_snapshot(session, r)) for r in doomed)
        # Undercuts first, one flush each: the database's own cascade would otherwise remove
        # them under a batched DELETE that expects to find them (SQLAlchemy warns).
        for r in reversed(doomed):
            session.delete(r)
            session.flush()
        changed = frozenset(r.relation.id for r in restore)
        return OpResult(Changes(relations=changed), Batch(restore, "Restore relation"))


def _undercuts_of(session: Session, row: RelationRow) -> list[RelationRow]:
    found: list[RelationRow] = []
    frontier = [row.id]
    while frontier:
        children = session.scalars(
            select(RelationRow).where(RelationRow.target_relation_id.in_(frontier))
        ).all()
        found.extend(children)
        frontier = [c.id for c in children]
    return found


def relation_snapshot(session: Session, row: RelationRow) -> Relation:
    """Return the snapshot of one relation row, naming claims and relations by their ids."""
    source_key = session.scalar(select(ClaimRow.key).where(ClaimRow.id == row.source_claim_id))
    if row.target_relation_id is not None:
        target = aliased(RelationRow)
        target_key = session.scalar(select(target.key).where(target.id == row.target_relation_id))
    else:
        target_key = session.scalar(select(ClaimRow.key).where(ClaimRow.id == row.target_claim_id))
    return Relation(
        row.key,
        str(source_key),
        str(target_key),
        RelationType(row.type),
        co_premises_of(session, row),
    )


def drop_linked_reasons(session: Session, claims: Collection[int]) -> None:
    """Delete the linked reasons these claims are co-premises of (undercuts of them go by
    the database's cascade): the cascade from a claim would only drop its premise row, and
    leave a reason its analyst never made."""
    linked = select(RelationPremiseRow.relation_id).where(RelationPremiseRow.claim_id.in_(claims))
    session.execute(
        delete(RelationRow).where(RelationRow.id.in_(linked)),
        execution_options={"synchronize_session": False},
    )


def restore_relations(session: Session, claim_id: int) -> tuple[AddRelation, ...]:
    """Return the operations that re-create every relation touching a claim, in a safe order."""
    return tuple(
        AddRelation(relation_snapshot(session, r)) for r in relations_touching(session, [claim_id])
    )


def relations_touching(
    session: Session, claims: Collection[int] | Select[int]
) -> list[RelationRow]:
    """Return the relations from or to these claims and the undercuts of them, targets first:
    what deleting the claims takes with it."""
    # A linked reason goes with any of its premises, and comes back whole on undo.
    linked = select(RelationPremiseRow.relation_id).where(RelationPremiseRow.claim_id.in_(claims))
    direct = session.scalars(
        select(RelationRow).where(
            RelationRow.source_claim_id.in_(claims)
            | RelationRow.target_claim_id.in_(claims)
            | RelationRow.id.in_(linked)
        )
    ).all()
    doomed = {row.id: row for row in direct}
    frontier = list(doomed)
    while frontier:  # undercuts, and undercuts of undercuts, a few queries per level
        found: list[RelationRow] = []
        for start in range(0, len(frontier), CHUNK):
            chunk = frontier[start : start + CHUNK]
            found += session.scalars(
                select(RelationRow).where(RelationRow.target_relation_id.in_(chunk))
            ).all()
        fresh = [row for row in found if row.id not in doomed]
        doomed.update((row.id, row) for row in fresh)
        frontier = [row.id for row in fresh]
    return _targets_first(doomed)


def _targets_first(rows: dict[int, RelationRow]) -> list[RelationRow]:
    # An undercut can be re-created only once the relation it targets exists again.
    ordered: list[RelationRow] = []
    pending = dict(rows)
    while pending:
        ready = [r for r in pending.values() if r.target_relation_id not in pending]
        if not ready:  # a cycle of undercuts cannot be re-created in any order
            raise EditRefused("these relations undercut each other in a cycle")
        ordered.extend(ready)
        for r in ready:
            del pending[r.id]
    return ordered
