"""Edits the argument map makes in one step: delete a selection of claims and relations,
place many claims at once. Placing names the versions of the claims as the map showed
them, and its inverse the versions it left, so neither a stale placing nor a stale
undo overwrites someone else's change (ops.versions)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from argline.ops.changes import Batch, Changes, Operation, OpResult
from argline.ops.claim_edits import DeleteClaim
from argline.ops.errors import EditRefused
from argline.ops.relation_edits import DeleteRelation
from argline.ops.versions import Item, check_version, others_left, versions_of
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


Position = tuple[float, float] | None
CHUNK = 500  # ids per query: well under SQLite's limit on bound parameters


@dataclass(frozen=True, slots=True)
class PlaceClaims:
    """Set the map positions of many claims in a few queries: tidy, or pinning a whole map.

    The map pins every card of a map where it stands when the first card is dragged,
    so nothing else moves and reopening shows the map as it was left; a map of
    thousands of claims is pinned in one short transaction. ``placed_by_hand`` holds
    one flag per position, or one flag for all of them. ``expected_versions``, when
    given, holds the version of each claim as its user saw it (as ``MoveClaims``).
    """

    positions: tuple[tuple[str, Position], ...]
    placed_by_hand: bool | tuple[bool, ...] = False
    label: str = "Place claims"
    expected_versions: tuple[int | None, ...] | None = None

    def versions_expected(self) -> dict[Item, int]:
        return versions_of("claim", [key for key, _ in self.positions], self.expected_versions)

    def expecting(self, versions: Mapping[Item, int]) -> PlaceClaims:
        keys = [key for key, _ in self.positions]
        return replace(
            self, expected_versions=others_left("claim", keys, self.expected_versions, versions)
        )

    def apply(self, session: Session) -> OpResult:
        keys = [key for key, _ in self.positions]
        rows: dict[str, ClaimRow] = {}
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            rows.update(
                (row.key, row)
                for row in session.scalars(select(ClaimRow).where(ClaimRow.key.in_(chunk)))
            )
        missing = [key for key in keys if key not in rows]
        if missing:
            raise EditRefused(f"there is no claim {missing[0]!r}")
        expected = self.expected_versions or (None,) * len(keys)
        # In id order, so that two clients placing overlapping sets lock alike.
        for key, version in sorted(zip(keys, expected, strict=True)):
            check_version(session, rows[key], version, kind="claim")
        flags = (
            self.placed_by_hand
            if isinstance(self.placed_by_hand, tuple)
            else (self.placed_by_hand,) * len(keys)
        )
        old: list[tuple[str, Position]] = []
        old_flags: list[bool] = []
        for (key, position), flag in zip(self.positions, flags, strict=True):
            row = rows[key]
            old.append((key, (row.x, row.y) if row.x is not None and row.y is not None else None))
            old_flags.append(row.placed_by_hand)
            row.x, row.y = position if position else (None, None)
            row.placed_by_hand = flag
        session.flush()
        versions = tuple(rows[key].version for key in keys)
        inverse = PlaceClaims(tuple(old), tuple(old_flags), self.label, expected_versions=versions)
        return OpResult(Changes(claims=frozenset(keys)), inverse)
