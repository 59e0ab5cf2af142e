"""Merge a file's relations into the store, each undercut after its target.

Split from ``ops.merge`` because relations are the one kind of item whose rows name
other rows of their own table (an undercut's target) and whose sameness is decided by
their ends as well as their ids (formats without relation ids, Argdown). Refusals
here name the relation and what it names that is missing or contradictory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from argline.model.entities import Relation, RelationType
from argline.model.relation_order import targets_first
from argline.ops.errors import EditRefused
from argline.ops.relation_premises import stored_co_premises, write_co_premises
from argline.ops.upsert import CLAIMS, PREMISES, RELATIONS, Row, Tally, chunks, inserter, known


def merge_relations(
    session: Session, relations: Sequence[Relation], claim_ids: dict[str, int]
) -> Tally:
    """Insert the new relations and update the changed, each undercut after its target.

    An undercut names its target by key, and the database finds the target's primary
    key as the row goes in (a subquery): the rows go in one statement each, in order,
    so a target added by the same import is in before the undercuts of it. So an
    undercut chain takes one pass however long it is, not one round per link.
    """
    claims = {**known(session, CLAIMS, _claim_refs(relations, claim_ids)), **claim_ids}
    # Into a store with no relations yet, every relation is new and all are the file's.
    first = session.execute(select(RELATIONS.c.id).limit(1)).first() is None
    if first:
        stored: dict[str, tuple[Any, ...]] = {}
    else:
        undercut_targets = [r.target for r in relations if r.targets_relation]
        stored = _stored_relations(session, [*(r.id for r in relations), *undercut_targets])
    ordered = targets_first(relations)
    _refuse_missing_targets(relations, ordered, stored)
    by_ends = {}
    if not first:
        by_ends = _relations_by_ends(
            session, {claims[r.source] for r in relations if r.source in claims}
        )
    co_premises = {r.id: _co_premise_ids(r, claims) for r in relations if r.linked}
    stored_as: dict[str, str] = {}  # file key -> the key of the same relation in the store
    pks = {key: values[0] for key, values in stored.items()}
    new_rows: list[Row] = []  # values in _RELATION_COLUMNS order
    changed_rows: list[dict[str, Any]] = []
    unchanged = 0
    for relation in ordered:
        row = _relation_row(relation, claims, stored_as)
        if first:  # nothing stored to be the same as or to differ from: most imports
            new_rows.append(row)
            continue
        key, kind, source_pk, target_claim_pk, target_key = row
        target_pk = None if target_key is None else pks.get(target_key)
        values = (kind, source_pk, target_claim_pk, target_pk, co_premises.get(key, ()))
        same = by_ends.get(values)
        if same is not None and same[1] != key:
            stored_as[key] = same[1]
            pks[same[1]] = same[0]
            unchanged += 1
            continue
        old = stored.get(key)
        if old is None:
            new_rows.append(row)
        elif old[1:] == values:
            unchanged += 1
        else:
            changed_rows.append({**dict(zip(_RELATION_COLUMNS, row, strict=True)), "_id": old[0]})
    target = (
        select(RELATIONS.c.id).where(RELATIONS.c.key == bindparam("target_key")).scalar_subquery()
    )
    if new_rows:
        # One statement a row, so that each sees the rows before it (the driver's
        # executemany steps them in order; a dialect that would batch rows into one
        # statement, psycopg2, is told to take them one at a time).
        inserter(
            session,
            RELATIONS,
            _RELATION_COLUMNS,
            {},
            statement=insert(RELATIONS).values(target_relation_id=target),
            one_at_a_time=True,
        )(new_rows)
    if changed_rows:
        columns = ("type", "source_claim_id", "target_claim_id")
        session.execute(
            update(RELATIONS)
            .where(RELATIONS.c.id == bindparam("_id"))
            .values({**{c: bindparam(c) for c in columns}, "target_relation_id": target}),
            changed_rows,
        )
    new_linked = [row[0] for row in new_rows if row[0] in co_premises]
    write_co_premises(session, co_premises, new_linked, changed_rows)
    _refuse_second_relations(session, relations, claims, all_the_files=first)
    return Tally(len(new_rows), len(changed_rows), unchanged)


def _co_premise_ids(relation: Relation, claims: dict[str, int]) -> tuple[int, ...]:
    """Return the primary keys of a linked reason's co-premises, refusing a repeat or a
    claim not in the file or the store."""
    if len(set(relation.premises)) < len(relation.premises) or relation.target in relation.premises:
        raise EditRefused(
            f"relation {relation.id!r}: 'from' names a claim twice, or the claim it supports"
        )
    found = []
    for key in relation.co_premises:
        if key not in claims:
            raise _no_claim(relation, "from", key)
        found.append(claims[key])
    return tuple(found)


def _stored_relations(session: Session, keys: Sequence[str]) -> dict[str, tuple[Any, ...]]:
    """Return key -> (primary key, type, source, target claim, target relation, co-premises)
    of those stored."""
    table = RELATIONS
    found = {}
    columns = (
        table.c.key,
        table.c.id,
        table.c.type,
        table.c.source_claim_id,
        table.c.target_claim_id,
        table.c.target_relation_id,
    )
    for chunk in chunks(sorted(set(keys))):
        for key, *values in session.execute(select(*columns).where(table.c.key.in_(chunk))):
            found[key] = tuple(values)
    linked = stored_co_premises(session, (values[0] for values in found.values()))
    return {key: (*values, linked.get(values[0], ())) for key, values in found.items()}


def _refuse_missing_targets(
    relations: Sequence[Relation], ordered: list[Relation], stored: dict[str, Any]
) -> None:
    """Refuse the first undercut whose target is neither stored nor a relation that can go in."""
    resolved: set[str] = set()
    for relation in ordered:
        if (
            not relation.targets_relation
            or relation.target in stored
            or relation.target in resolved
        ):
            resolved.add(relation.id)
    for relation in relations:
        if relation.id not in resolved:
            raise EditRefused(
                f"relation {relation.id!r}: 'to' names {relation.target!r}, which is no relation "
                "in the file or the store (or the undercuts form a cycle)"
            )


def _refuse_second_relations(
    session: Session,
    relations: Sequence[Relation],
    claims: dict[str, int],
    *,
    all_the_files: bool,
) -> None:
    """Refuse the import when it leaves two relations between the same two claims (one
    of them the file's): a claim cannot both support and attack another, and the store
    refuses that edit by hand too (ops.relation_edits).

    When the store's relations are ``all_the_files``, one look at them all replaces an
    IN (...) list a stretch of the file's claims (100,000: 20 queries, 0.8 s).
    """
    table = RELATIONS
    if all_the_files and _ends_differ(relations, claims):
        return
    sources = sorted({claims[r.source] for r in relations if not r.targets_relation})
    named = {r.id for r in relations}
    for chunk in [[]] if all_the_files else chunks(sources):
        among = (table.c.source_claim_id.in_(chunk),) if chunk else ()
        single = table.c.id.not_in(select(PREMISES.c.relation_id))  # linked reasons aside
        pair = session.execute(
            select(table.c.source_claim_id, table.c.target_claim_id)
            .where(*among, single, table.c.target_claim_id.is_not(None))
            .group_by(table.c.source_claim_id, table.c.target_claim_id)
            .having(func.count() > 1)
            .limit(1)
        ).first()
        if pair is None:
            continue
        both = session.execute(
            select(table.c.key, table.c.type)
            .where(single, table.c.source_claim_id == pair[0], table.c.target_claim_id == pair[1])
            .order_by(table.c.id)
        ).all()
        keys = {pk: key for key, pk in claims.items()}
        mine = next((key for key, _ in both if key in named), both[-1][0])
        other, kind = next((key, kind) for key, kind in both if key != mine)
        verb = {"support": "supports", "attack": "attacks"}.get(kind, kind)
        raise EditRefused(
            f"relation {mine!r}: {keys.get(pair[0], pair[0])!r} already {verb} "
            f"{keys.get(pair[1], pair[1])!r} (relation {other!r}): a claim cannot both "
            "support and attack another"
        )


def _ends_differ(relations: Sequence[Relation], claims: dict[str, int]) -> bool:
    """Tell whether no two of the relations that are not linked join the same two claims.

    When the store's relations are all the file's, this answers the query that looks for
    two without asking it (100,000 relations: 0.2 s); only a pair found is looked for in
    the store, so that the refusal is worded and chosen as always.
    """
    undercut = RelationType.UNDERCUT
    pairs = [
        (claims[r.source], claims[r.target])
        for r in relations
        if r.type is not undercut and not r.co_premises
    ]
    return len(set(pairs)) == len(pairs)


def _relations_by_ends(
    session: Session, sources: set[int]
) -> dict[tuple[Any, ...], tuple[int, str]]:
    """Return (type, source, target claim, target relation, co-premises) -> (primary key,
    key) of the relations stored from these claims.

    Formats that cannot carry relation ids (Argdown) make them from the relation's ends;
    a relation of the same type between the same ends is the same relation, so an
    Argdown export of a map imported back updates nothing instead of doubling its edges.
    """
    table = RELATIONS
    columns = (
        table.c.id,
        table.c.key,
        table.c.type,
        table.c.source_claim_id,
        table.c.target_claim_id,
        table.c.target_relation_id,
    )
    found: list[Any] = []
    for chunk in chunks(sorted(sources)):
        found += session.execute(select(*columns).where(table.c.source_claim_id.in_(chunk))).all()
    linked = stored_co_premises(session, (row[0] for row in found))
    return {(t, s, c, r, linked.get(pk, ())): (pk, key) for pk, key, t, s, c, r in found}


def _claim_refs(relations: Iterable[Relation], claim_ids: dict[str, int]) -> list[str]:
    """Return the claims the relations name that are not among ``claim_ids``, in order."""
    undercut = RelationType.UNDERCUT
    refs = set()
    for r in relations:  # most name only the file's claims: none is added
        if r.source not in claim_ids:
            refs.add(r.source)
        if r.type is not undercut and r.target not in claim_ids:
            refs.add(r.target)
        refs.update(p for p in r.co_premises if p not in claim_ids)
    return sorted(refs)


# A relation's row as _relation_row gives it: an undercut names its target by key.
_RELATION_COLUMNS = ("key", "type", "source_claim_id", "target_claim_id", "target_key")


def _relation_row(relation: Relation, claims: dict[str, int], stored_as: dict[str, str]) -> Row:
    """Return the relation's values in ``_RELATION_COLUMNS`` order, an undercut's target
    named by the key it is stored under."""
    source = claims.get(relation.source)
    if source is None:
        raise _no_claim(relation, "from", relation.source)
    kind = relation.type
    if kind is RelationType.UNDERCUT:
        target_key = relation.target
        return (relation.id, kind.value, source, None, stored_as.get(target_key, target_key))
    target = claims.get(relation.target)
    if target is None:
        raise _no_claim(relation, "to", relation.target)
    return (relation.id, kind.value, source, target, None)


def _no_claim(relation: Relation, field_name: str, key: str) -> EditRefused:
    return EditRefused(
        f"relation {relation.id!r}: {field_name!r} names {key!r}, "
        "which is no claim in the file or the store"
    )
