"""Merge a whole corpus into the store: insert what is new, update what differs, by id.

Used by every import and by seeding. It runs inside the caller's transaction, so a
failure anywhere leaves the store as it was. Rows go in with SQLAlchemy Core
``insert()`` executed over many rows at once: the ORM's ``add_all`` is several times
slower for 100,000 events. Items whose content is unchanged are not touched, so
importing the same file twice leaves the store (and every version counter) as the
first import left it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from sqlalchemy import (
    JSON,
    Column,
    Dialect,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement, Insert

from argline.model.entities import Assessment, Claim, Corpus, Era, Event, Relation, RelationType
from argline.model.passages import Passage, passage_record
from argline.model.relation_order import targets_first
from argline.ops.documents import (
    found_in,
    merge_documents,
    stored_claim_passages,
    texts_for_import,
)
from argline.ops.errors import EditRefused
from argline.ops.lane_edits import add_lanes
from argline.store import faults
from argline.store.schema import (
    AssessmentRow,
    Base,
    ClaimEventRow,
    ClaimRow,
    EraRow,
    EventRow,
    RelationPremiseRow,
    RelationRow,
    SourceDateRow,
    StoreInfo,
)

CHUNK = 5000  # keys per IN (...) query, well under every database's parameter limit
_ROWS_AT_ONCE = 10_000  # rows handed to the driver's executemany at a time


def _table_of(row: type[Base]) -> Table:
    """Return a row class's Table (declarative types ``__table__`` as any FromClause)."""
    return Base.metadata.tables[row.__tablename__]


EVENTS = _table_of(EventRow)
SOURCE_DATES = _table_of(SourceDateRow)
ERAS = _table_of(EraRow)
ASSESSMENTS = _table_of(AssessmentRow)
CLAIMS = _table_of(ClaimRow)
RELATIONS = _table_of(RelationRow)
PREMISES = _table_of(RelationPremiseRow)
LINKS = _table_of(ClaimEventRow)

# The order of the values in an event's row; the key comes first in every row.
EVENT_COLUMNS = (
    "key",
    "title",
    "description",
    "category",
    "start",
    "end",
    "axis_start",
    "axis_end",
    "attributes",
)

Row = tuple[Any, ...]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class MergeReport:
    """How many items of each kind a merge added, updated or found unchanged."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    moves: tuple[ClaimMove, ...] = ()

    def summary(self) -> str:
        parts = []
        for kind, tally in self.tallies.items():
            part = f"{tally.added} {kind} added"
            if tally.updated:
                part += f", {tally.updated} updated"
            if tally.unchanged:
                part += f", {tally.unchanged} unchanged"
            parts.append(part)
        if self.moves:
            count = len(self.moves)
            shown = ", ".join(
                f"{m.claim!r} from {m.before!r} to {m.after!r}" for m in self.moves[:_MOVES_SHOWN]
            )
            more = f", … and {count - _MOVES_SHOWN} more" if count > _MOVES_SHOWN else ""
            noun = "claim" if count == 1 else "claims"
            parts.append(f"{count} {noun} moved to another assessment: {shown}{more}")
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class ClaimMove:
    """A stored claim the file puts in another assessment: ids are kept, so it moves there."""

    claim: str
    before: str
    after: str


_MOVES_SHOWN = 5


def merge_corpus(session: Session, corpus: Corpus, *, passages_carried: bool = True) -> MergeReport:
    """Insert or update everything in ``corpus``; raise EditRefused on a dangling reference.

    A file of a format that cannot carry passages (``passages_carried`` false: Argdown)
    leaves the passages its claims cite in the store as they are.
    """
    if corpus.title:
        _set_title(session, corpus.title)
    tallies: dict[str, Tally] = {}
    texts = texts_for_import(session, corpus.assessments)
    tallies["events"] = _merge_events(session, corpus, texts)
    categories = {event.category for event in corpus.events}
    add_lanes(session, categories | {lane.name for lane in corpus.lanes}, corpus.lanes)
    faults.reached("merge.events")
    _, tallies["eras"] = _upsert_named(session, ERAS, [_era_row(e) for e in corpus.eras])
    assessment_ids, tallies["assessments"] = _upsert_named(
        session, ASSESSMENTS, [_assessment_row(a) for a in corpus.assessments]
    )
    claim_rows = [
        _claim_row(claim, ordinal, assessment_ids[assessment.id], texts.get(assessment.id))
        for assessment in corpus.assessments
        for ordinal, claim in enumerate(assessment.claims)
    ]
    if not passages_carried:
        stored = stored_claim_passages(session, [row["key"] for row in claim_rows])
        for row in claim_rows:
            row["passages"] = stored.get(row["key"], [])
    documents = [(assessment_ids[a.id], a.document) for a in corpus.assessments if a.document]
    if documents:
        tallies["documents"] = Tally(*merge_documents(session, documents))
    moves = _claim_moves(session, corpus.assessments)
    claim_ids, tallies["claims"] = _upsert_named(session, CLAIMS, claim_rows)
    tallies["relations"] = _merge_relations(session, corpus.relations, claim_ids)
    tallies["links"] = _merge_links(session, corpus, claim_ids)
    return MergeReport(tallies, moves)


def _claim_moves(session: Session, assessments: Sequence[Assessment]) -> tuple[ClaimMove, ...]:
    """Return the stored claims the file places in another assessment than the store does."""
    placed = {c.id: a.id for a in assessments for c in a.claims}
    if not placed or session.execute(select(CLAIMS.c.id).limit(1)).first() is None:
        return ()
    moves = []
    for chunk in _chunks(list(placed)):
        query = (
            select(CLAIMS.c.key, ASSESSMENTS.c.key)
            .join(ASSESSMENTS, CLAIMS.c.assessment_id == ASSESSMENTS.c.id)
            .where(CLAIMS.c.key.in_(chunk))
        )
        moves += [
            ClaimMove(claim, before, placed[claim])
            for claim, before in session.execute(query)
            if before != placed[claim]
        ]
    return tuple(sorted(moves, key=attrgetter("claim")))


def _set_title(session: Session, title: str) -> None:
    row = session.get(StoreInfo, "title")
    if row is None:
        session.add(StoreInfo(name="title", value=title))
    else:
        row.value = title
    session.flush()


def _merge_events(session: Session, corpus: Corpus, texts: dict[str, str]) -> Tally:
    # Along the axis: SQLite's axis indexes take ascending values faster than scattered
    # ones (100,000 events: 1.2 s against 1.7 s). Queries order events by axis, not by id.
    events = sorted(corpus.events, key=attrgetter("axis_start"))
    sources = {
        e.id: [
            (s.source, s.date.to_edtf(), s.locator, _records(s.passages, texts.get(s.source)))
            for s in e.source_dates
        ]
        for e in corpus.events
        if e.source_dates
    }
    before = _source_dates_of(session, list(sources))
    # The rows are made a stretch at a time as they go in: all at once, a million took
    # 240 MB beside the events.
    rows = map(_event_row, events)
    keys = [e.id for e in events]
    _, tally = _upsert(
        session, EVENTS, EVENT_COLUMNS, rows, keys, extra=sources, extra_before=before
    )
    return tally


def _source_dates_of(session: Session, keys: Sequence[str]) -> dict[str, list[Row]]:
    found: dict[str, list[Row]] = {}
    for chunk in _chunks(keys):
        query = (
            select(
                EventRow.key,
                SourceDateRow.source,
                SourceDateRow.date,
                SourceDateRow.locator,
                SourceDateRow.passages,
            )
            .join(EventRow)
            .where(EventRow.key.in_(chunk))
            .order_by(SourceDateRow.event_id, SourceDateRow.ordinal)
        )
        for key, *values in session.execute(query):
            found.setdefault(key, []).append(tuple(values))
    return found


def _upsert_named(
    session: Session, table: Table, rows: list[dict[str, Any]]
) -> tuple[dict[str, int], Tally]:
    """Return what ``_upsert`` does for rows given as dicts of column name → value."""
    if not rows:
        return {}, Tally()
    return _upsert(
        session, table, tuple(rows[0]), [tuple(r.values()) for r in rows], [r["key"] for r in rows]
    )


def _upsert(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Row],
    keys: Sequence[str],
    *,
    extra: dict[str, list[Row]] | None = None,
    extra_before: dict[str, list[Row]] | None = None,
) -> tuple[dict[str, int], Tally]:
    """Insert rows whose key is new, update those that differ; return key → primary key.

    Each row holds the values of ``columns`` in that order, the key first; ``keys`` are
    the rows' keys, in their order. The rows are taken and new ones inserted a stretch
    at a time. ``extra`` carries the source dates of the events that have some: they
    live in their own table but count as part of the event when deciding whether it
    changed. Only their rows need primary keys, so new events without any are not
    looked up again.
    """
    if not keys:
        return {}, Tally()
    values = columns[1:]
    empty = session.execute(select(table.c.id).limit(1)).first() is None
    existing = {} if empty else _existing(session, table, keys, values)
    constants = {"version": 1} if "version" in table.c else {}
    insert_rows = _inserter(session, table, columns, constants)
    looked_up: list[str] = []  # the new keys whose primary keys are wanted
    added = 0
    changed_rows: list[dict[str, Any]] = []
    unchanged = 0
    for stretch in _chunks(rows, _ROWS_AT_ONCE):
        new_rows: list[Row] = []
        for row in stretch:
            key = row[0]
            old = existing.get(key)
            if old is None:
                new_rows.append(row)
                continue
            same_extra = extra is None or (extra_before or {}).get(key, []) == [
                tuple(v) for v in extra.get(key, [])
            ]
            if same_extra and old[1] == row[1:]:
                unchanged += 1
            else:
                changed_rows.append({**dict(zip(columns, row, strict=True)), "_id": old[0]})
        if new_rows:
            insert_rows(new_rows)
            added += len(new_rows)
            looked_up += [r[0] for r in new_rows if extra is None or r[0] in extra]
    if changed_rows:
        assignments: dict[str, ColumnElement[Any]] = {c: bindparam(c) for c in values}
        if "version" in table.c:
            assignments["version"] = table.c.version + 1
        session.execute(
            update(table).where(table.c.id == bindparam("_id")).values(assignments),
            changed_rows,
        )
    ids = {key: pk for key, (pk, _) in existing.items()}
    ids.update(_ids_of(session, table, looked_up))
    if extra is not None:  # then looked_up holds the new keys that have extra rows
        _replace_source_dates(session, ids, extra, looked_up, changed_rows)
    return ids, Tally(added, len(changed_rows), unchanged)


def _inserter(
    session: Session,
    table: Table,
    columns: Sequence[str],
    constants: dict[str, Any],
    *,
    statement: Insert | None = None,
    one_at_a_time: bool = False,
) -> Callable[[list[Row]], None]:
    """Return what inserts rows of ``columns``, each with the ``constants`` too, by one statement.

    Core's own executemany processes each value of each row in Python: 2.6 s of 100,000
    events against 0.9 s in the driver. Here the statement and the bind processors are
    still SQLAlchemy's for the store's dialect, but only the columns that have one are
    processed, and the rows go to the driver as they are otherwise. Dialects that batch
    rows into multi-row VALUES themselves (psycopg2, mssql) keep Core's way, a row a
    statement when ``one_at_a_time`` (each must see the rows before it). ``statement``
    is ``insert(table)`` unless given, and ``columns`` may name its other parameters.
    """
    connection = session.connection()
    dialect = connection.dialect
    keys = [*columns, *constants]
    tail = tuple(constants.values())
    chosen = insert(table) if statement is None else statement
    if dialect.use_insertmanyvalues_wo_returning:
        options = {"insertmanyvalues_page_size": 1} if one_at_a_time else {}

        def insert_by_core(rows: list[Row]) -> None:
            session.execute(
                chosen,
                [dict(zip(keys, (*r, *tail), strict=True)) for r in rows],
                execution_options=options,
            )

        return insert_by_core
    processors = [
        (index, process)
        for index, name in enumerate(columns)
        if name in table.c and (process := _bind_processor(table.c[name], dialect)) is not None
    ]
    compiled = chosen.compile(dialect=dialect, column_keys=keys)
    order = [keys.index(name) for name in compiled.positiontup or ()]
    names = [compiled.escaped_bind_names.get(key, key) for key in keys]

    def insert_by_driver(rows: list[Row]) -> None:
        processed = _processed(rows, processors, tail)
        if not dialect.positional:
            connection.exec_driver_sql(
                compiled.string, [dict(zip(names, row, strict=True)) for row in processed]
            )
        elif order != list(range(len(keys))):
            connection.exec_driver_sql(compiled.string, list(map(itemgetter(*order), processed)))
        else:
            connection.exec_driver_sql(compiled.string, processed)

    return insert_by_driver


def _processed(
    rows: list[Row], processors: list[tuple[int, Callable[[Any], Any]]], tail: Row
) -> list[Row]:
    """Return the rows with their processed columns' values replaced and ``tail`` added."""
    if not processors:
        return [(*row, *tail) for row in rows] if tail else rows
    if len(processors) == 1:  # an event's attributes: one slice each side is the quick way
        index, process = processors[0]
        after = index + 1
        return [(*row[:index], process(row[index]), *row[after:], *tail) for row in rows]
    processed = []
    for row in rows:
        values = list(row)
        for index, process in processors:
            values[index] = process(values[index])
        processed.append((*values, *tail))
    return processed


def _bind_processor(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """Return what Core would apply to the column's values, ``{}`` and ``[]`` serialized once."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is None or not isinstance(column.type, JSON):
        return process
    # Most events carry no attributes, most claims cite no passages.
    no_attributes, no_passages = process({}), process([])
    return lambda value: (
        no_attributes if value == {} else no_passages if value == [] else process(value)
    )


def _existing(
    session: Session, table: Table, keys: Sequence[str], columns: Sequence[str]
) -> dict[str, tuple[int, Row]]:
    """Return key → (primary key, values of ``columns``) for the keys already stored."""
    found: dict[str, tuple[int, Row]] = {}
    selected = [table.c.key, table.c.id, *(table.c[c] for c in columns)]
    for chunk in _chunks(keys):
        for row in session.execute(select(*selected).where(table.c.key.in_(chunk))):
            found[row[0]] = (row[1], tuple(row[2:]))
    return found


def _ids_of(session: Session, table: Table, keys: Sequence[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    if len(keys) > CHUNK:  # one scan of (key, id) beats many IN (...) lists of parameters
        wanted = set(keys)
        query = select(table.c.key, table.c.id)
        return {key: pk for key, pk in session.execute(query) if key in wanted}
    for chunk in _chunks(keys):
        query = select(table.c.key, table.c.id).where(table.c.key.in_(chunk))
        ids.update((key, pk) for key, pk in session.execute(query))
    return ids


def _replace_source_dates(
    session: Session,
    ids: dict[str, int],
    sources: dict[str, list[Row]],
    new_keys: list[str],
    changed_rows: list[dict[str, Any]],
) -> None:
    """Write the source dates of new and changed events (``new_keys``: those with some)."""
    changed = [r["_id"] for r in changed_rows]
    for chunk in _chunks(changed):
        session.execute(delete(SOURCE_DATES).where(SOURCE_DATES.c.event_id.in_(chunk)))
    rows = [
        {
            "event_id": ids[key],
            "ordinal": n,
            "source": s,
            "date": d,
            "locator": loc,
            "passages": passages,
        }
        for key in (*new_keys, *(r["key"] for r in changed_rows))
        for n, (s, d, loc, passages) in enumerate(sources.get(key, ()))
    ]
    if rows:
        session.execute(insert(SOURCE_DATES), rows)


def _merge_relations(
    session: Session, relations: Sequence[Relation], claim_ids: dict[str, int]
) -> Tally:
    """Insert the new relations and update the changed, each undercut after its target.

    An undercut names its target by key, and the database finds the target's primary
    key as the row goes in (a subquery): the rows go in one statement each, in order,
    so a target added by the same import is in before the undercuts of it. So an
    undercut chain takes one pass however long it is, not one round per link.
    """
    claims = {**_known(session, CLAIMS, _claim_refs(relations, claim_ids)), **claim_ids}
    # Into a store with no relations yet, every relation is new and all are the file's.
    first = session.execute(select(RELATIONS.c.id).limit(1)).first() is None
    undercut_targets = [r.target for r in relations if r.targets_relation]
    keys = [*(r.id for r in relations), *undercut_targets]
    stored = {} if first else _stored_relations(session, keys)
    ordered = targets_first(relations)
    _refuse_missing_targets(relations, ordered, stored)
    sources = {claims[r.source] for r in relations if r.source in claims}
    by_ends = {} if first else _relations_by_ends(session, sources)
    co_premises = {r.id: _co_premise_ids(r, claims) for r in relations if r.linked}
    stored_as: dict[str, str] = {}  # file key -> the key of the same relation in the store
    pks = {key: values[0] for key, values in stored.items()}
    new_rows: list[Row] = []  # values in _RELATION_COLUMNS order
    changed_rows: list[dict[str, Any]] = []
    unchanged = 0
    for relation in ordered:
        row = _relation_row(relation, claims, stored_as)
        target_pk = pks.get(row["target_key"]) if relation.targets_relation else None
        values = (
            row["type"],
            row["source_claim_id"],
            row["target_claim_id"],
            target_pk,
            co_premises.get(relation.id, ()),
        )
        same = by_ends.get(values)
        if same is not None and same[1] != relation.id:
            stored_as[relation.id] = same[1]
            pks[same[1]] = same[0]
            unchanged += 1
            continue
        old = stored.get(relation.id)
        if old is None:
            new_rows.append(tuple(row.values()))
        elif old[1:] == values:
            unchanged += 1
        else:
            changed_rows.append({**row, "_id": old[0]})
    target = (
        select(RELATIONS.c.id).where(RELATIONS.c.key == bindparam("target_key")).scalar_subquery()
    )
    if new_rows:
        # One statement a row, so that each sees the rows before it (the driver's
        # executemany steps them in order; a dialect that would batch rows into one
        # statement, psycopg2, is told to take them one at a time).
        _inserter(
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
    _write_co_premises(session, co_premises, new_linked, changed_rows)
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


def _write_co_premises(
    session: Session,
    co_premises: dict[str, tuple[int, ...]],
    new_keys: list[str],
    changed_rows: list[dict[str, Any]],
) -> None:
    """Write the co-premises of the new linked reasons, and those of every changed relation."""
    changed = [r["_id"] for r in changed_rows]
    for chunk in _chunks(changed):
        session.execute(delete(PREMISES).where(PREMISES.c.relation_id.in_(chunk)))
    pks = {**_ids_of(session, RELATIONS, new_keys), **{r["key"]: r["_id"] for r in changed_rows}}
    rows = [
        {"relation_id": pks[key], "ordinal": n, "claim_id": claim}
        for key in (*new_keys, *(r["key"] for r in changed_rows))
        for n, claim in enumerate(co_premises.get(key, ()), start=1)
    ]
    if rows:
        session.execute(insert(PREMISES), rows)


def _stored_co_premises(
    session: Session, relation_pks: Iterable[int]
) -> dict[int, tuple[int, ...]]:
    """Return relation primary key -> its co-premises' claim keys, for the linked among them."""
    found: dict[int, list[int]] = {}
    for chunk in _chunks(sorted(set(relation_pks))):
        query = (
            select(PREMISES.c.relation_id, PREMISES.c.claim_id)
            .where(PREMISES.c.relation_id.in_(chunk))
            .order_by(PREMISES.c.relation_id, PREMISES.c.ordinal)
        )
        for relation_pk, claim_pk in session.execute(query):
            found.setdefault(relation_pk, []).append(claim_pk)
    return {pk: tuple(claims) for pk, claims in found.items()}


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
    for chunk in _chunks(sorted(set(keys))):
        for key, *values in session.execute(select(*columns).where(table.c.key.in_(chunk))):
            found[key] = tuple(values)
    linked = _stored_co_premises(session, (values[0] for values in found.values()))
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
    sources = sorted({claims[r.source] for r in relations if not r.targets_relation})
    named = {r.id for r in relations}
    for chunk in [[]] if all_the_files else _chunks(sources):
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
    for chunk in _chunks(sorted(sources)):
        found += session.execute(select(*columns).where(table.c.source_claim_id.in_(chunk))).all()
    linked = _stored_co_premises(session, (row[0] for row in found))
    return {(t, s, c, r, linked.get(pk, ())): (pk, key) for pk, key, t, s, c, r in found}


def _claim_refs(relations: Iterable[Relation], claim_ids: dict[str, int]) -> list[str]:
    refs = {p for r in relations for p in r.premises}
    refs |= {r.target for r in relations if not r.targets_relation}
    return sorted(refs - claim_ids.keys())


def _known(session: Session, table: Table, keys: Sequence[str]) -> dict[str, int]:
    return _ids_of(session, table, list(keys))


# A relation's row as _relation_row gives it: an undercut names its target by key.
_RELATION_COLUMNS = ("key", "type", "source_claim_id", "target_claim_id", "target_key")


def _relation_row(
    relation: Relation, claims: dict[str, int], stored_as: dict[str, str]
) -> dict[str, Any]:
    """Return the relation's row (``_RELATION_COLUMNS``), an undercut's target named by the
    key it is stored under."""
    source = claims.get(relation.source)
    if source is None:
        raise _no_claim(relation, "from", relation.source)
    undercut = relation.type is RelationType.UNDERCUT
    target = None if undercut else claims.get(relation.target)
    if target is None and not undercut:
        raise _no_claim(relation, "to", relation.target)
    return {
        "key": relation.id,
        "type": relation.type.value,
        "source_claim_id": source,
        "target_claim_id": target,
        "target_key": stored_as.get(relation.target, relation.target) if undercut else None,
    }


def _no_claim(relation: Relation, field_name: str, key: str) -> EditRefused:
    return EditRefused(
        f"relation {relation.id!r}: {field_name!r} names {key!r}, "
        "which is no claim in the file or the store"
    )


def _merge_links(session: Session, corpus: Corpus, claim_ids: dict[str, int]) -> Tally:
    if not corpus.links:
        return Tally()
    claims = {**_known(session, CLAIMS, [k.claim for k in corpus.links]), **claim_ids}
    events = _known(session, EVENTS, [k.event for k in corpus.links])  # the file's are in by now
    pairs = set()
    for link in corpus.links:
        if link.claim not in claims:
            raise EditRefused(f"link of claim {link.claim!r}: no such claim in the file or store")
        if link.event not in events:
            raise EditRefused(
                f"link of claim {link.claim!r}: 'event' names {link.event!r}, "
                "which is no event in the file or the store"
            )
        pairs.add((claims[link.claim], events[link.event]))
    existing: set[tuple[int, int]] = set()
    for chunk in _chunks(sorted(pairs)):
        query = select(LINKS.c.claim_id, LINKS.c.event_id).where(
            tuple_(LINKS.c.claim_id, LINKS.c.event_id).in_(chunk)
        )
        existing.update((claim, event) for claim, event in session.execute(query))
    new = sorted(pairs - existing)
    if new:
        session.execute(insert(LINKS), [{"claim_id": c, "event_id": e} for c, e in new])
    return Tally(added=len(new), unchanged=len(existing))


def _chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """Return the items ``size`` at a time, taking each stretch from ``items`` as it goes."""
    taken = iter(items)
    while chunk := list(islice(taken, size)):
        yield chunk


def _event_row(event: Event) -> Row:
    """Return the event's values in EVENT_COLUMNS order."""
    start, end = event.start, event.end
    axis_start, axis_end = start.axis_bounds()
    return (
        event.id,
        event.title,
        event.description,
        event.category,
        start.to_edtf(),
        end.to_edtf() if end else None,
        axis_start,
        end.axis_end() if end else axis_end,
        dict(event.attributes),
    )


def _era_row(era: Era) -> dict[str, Any]:
    return {
        "key": era.id,
        "title": era.title,
        "start": era.start.to_edtf(),
        "end": era.end.to_edtf(),
        "axis_start": era.start.axis_start(),
        "axis_end": era.end.axis_end(),
    }


def _assessment_row(assessment: Assessment) -> dict[str, Any]:
    return {
        "key": assessment.id,
        "title": assessment.title,
        "author": assessment.author,
        "outlet": assessment.outlet,
        "published": assessment.published.to_edtf() if assessment.published else None,
        "kind": assessment.kind.value,
        "source": assessment.source,
    }


def _records(passages: tuple[Passage, ...], text: str | None) -> list[Any]:
    """Return the stored records of ``passages``, as they stand in the text they cite."""
    return [passage_record(p) for p in found_in(passages, text)]


def _claim_row(claim: Claim, ordinal: int, assessment_id: int, text: str | None) -> dict[str, Any]:
    x, y = claim.position if claim.position else (None, None)
    return {
        "key": claim.id,
        "assessment_id": assessment_id,
        "ordinal": ordinal,
        "title": claim.title,
        "text": claim.text,
        "role": claim.role.value,
        "locator": claim.locator,
        "x": x,
        "y": y,
        "placed_by_hand": claim.placed_by_hand,
        "assumption": claim.assumption.value if claim.assumption else None,
        "passages": _records(claim.passages, text) if claim.passages else [],
    }
