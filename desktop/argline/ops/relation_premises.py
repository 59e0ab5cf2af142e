"""Read and write the co-premises of linked reasons, the rows of their own table.

A linked reason is one relation whose premises beyond its source are stored in order
beside it; reading them with the relation's other columns decides whether a stored
relation is the file's, and writing them follows each new or changed relation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from argline.ops.upsert import PREMISES, RELATIONS, chunks, ids_of


def write_co_premises(
    session: Session,
    co_premises: dict[str, tuple[int, ...]],
    new_keys: list[str],
    changed_rows: list[dict[str, Any]],
) -> None:
    """Write the co-premises of the new linked reasons, and those of every changed relation."""
    changed = [r["_id"] for r in changed_rows]
    for chunk in chunks(changed):
        session.execute(delete(PREMISES).where(PREMISES.c.relation_id.in_(chunk)))
    pks = {**ids_of(session, RELATIONS, new_keys), **{r["key"]: r["_id"] for r in changed_rows}}
    rows = [
        {"relation_id": pks[key], "ordinal": n, "claim_id": claim}
        for key in (*new_keys, *(r["key"] for r in changed_rows))
        for n, claim in enumerate(co_premises.get(key, ()), start=1)
    ]
    if rows:
        session.execute(insert(PREMISES), rows)


def stored_co_premises(session: Session, relation_pks: Iterable[int]) -> dict[int, tuple[int, ...]]:
    """Return relation primary key -> its co-premises' claim keys, for the linked among them."""
    found: dict[int, list[int]] = {}
    for chunk in chunks(sorted(set(relation_pks))):
        query = (
            select(PREMISES.c.relation_id, PREMISES.c.claim_id)
            .where(PREMISES.c.relation_id.in_(chunk))
            .order_by(PREMISES.c.relation_id, PREMISES.c.ordinal)
        )
        for relation_pk, claim_pk in session.execute(query):
            found.setdefault(relation_pk, []).append(claim_pk)
    return {pk: tuple(claims) for pk, claims in found.items()}
