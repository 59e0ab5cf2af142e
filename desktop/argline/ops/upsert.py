"""Write many rows of one table at once, by key: insert the new, update those that differ.

The merge of a corpus (``ops.merge``) goes through here for every kind of item. Rows
go in with SQLAlchemy Core ``insert()`` executed over many rows at once: the ORM's
``add_all`` is several times slower for 100,000 events. Rows whose content is
unchanged are not touched, so importing the same file twice leaves every version
counter as the first import left it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import JSON, Column, Dialect, Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement, Insert

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

Row = tuple[Any, ...]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def upsert_named(
    session: Session, table: Table, rows: list[dict[str, Any]]
) -> tuple[dict[str, int], Tally]:
    """Return what ``upsert`` does for rows given as dicts of column name → value."""
    if not rows:
        return {}, Tally()
    return upsert(
        session, table, tuple(rows[0]), [tuple(r.values()) for r in rows], [r["key"] for r in rows]
    )


def upsert(
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
    insert_rows = inserter(session, table, columns, constants)
    looked_up: list[str] = []  # the new keys whose primary keys are wanted
    added = 0
    changed_rows: list[dict[str, Any]] = []
    unchanged = 0
    for stretch in chunks(rows, _ROWS_AT_ONCE):
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
    ids.update(ids_of(session, table, looked_up))
    if extra is not None:  # then looked_up holds the new keys that have extra rows
        _replace_source_dates(session, ids, extra, looked_up, changed_rows)
    return ids, Tally(added, len(changed_rows), unchanged)


def inserter(
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
    for chunk in chunks(keys):
        for row in session.execute(select(*selected).where(table.c.key.in_(chunk))):
            found[row[0]] = (row[1], tuple(row[2:]))
    return found


def ids_of(session: Session, table: Table, keys: Sequence[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    if len(keys) > CHUNK:  # one scan of (key, id) beats many IN (...) lists of parameters
        wanted = set(keys)
        query = select(table.c.key, table.c.id)
        return {key: pk for key, pk in session.execute(query) if key in wanted}
    for chunk in chunks(keys):
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
    for chunk in chunks(changed):
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


def known(session: Session, table: Table, keys: Sequence[str]) -> dict[str, int]:
    return ids_of(session, table, list(keys))


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """Return the items ``size`` at a time, taking each stretch from ``items`` as it goes."""
    taken = iter(items)
    while chunk := list(islice(taken, size)):
        yield chunk
