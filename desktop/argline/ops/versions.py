"""No lost update: an edit made on top of a version someone else has replaced is refused.

Events, assessments, claims and lanes carry a version counter (SQLAlchemy's
``version_id_col``): every UPDATE adds one and matches only the version it read.
An edit may also name the version its user was looking at (``expected_version``,
from the snapshot); the inverse of every edit names the version the edit left, so
an undo of something overwritten since is refused the same way. The refusal shows
the other version, so the user sees what they would have overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from argline.model.entities import Assessment, Claim, Event
from argline.model.lanes import Lane, LaneMark
from argline.ops.changes import Batch, Operation
from argline.ops.errors import EditConflict
from argline.ops.queries import assessment_snapshot, claim_snapshot, load_events
from argline.store.schema import AssessmentRow, ClaimRow, EventRow, LaneRow

_SEEN = "argline_versions_seen"
# The rows that carry a version counter.
VersionedRow = EventRow | AssessmentRow | ClaimRow | LaneRow
# The rows a transaction checked: (model, id) -> (kind, version read).
Seen = dict[tuple[type[VersionedRow], str], tuple[str, int]]


def check_version(session: Session, row: VersionedRow, expected: int | None, *, kind: str) -> None:
    """Raise EditConflict unless ``row`` is still at the ``expected`` version.

    Whoever commits a change between this check and this transaction's UPDATE makes
    that UPDATE match no row (the version counter), which ``ops.running.run`` turns
    into the same refusal. A row already checked in this transaction (by an earlier
    step of the same Batch, which changed it) is not checked again.
    """
    seen: Seen = versions_seen(session)
    token = (type(row), row.key)
    if token in seen:
        return
    seen[token] = (kind, row.version)
    if expected is not None and row.version != expected:
        raise conflict(session, row, kind=kind)


def overtaken(session: Session, seen: Seen) -> EditConflict:
    """Return the refusal of a transaction whose UPDATE found a row changed meanwhile."""
    for (model, key), (kind, version) in seen.items():
        # A select of one of several row classes is typed as of their base.
        found = session.scalar(select(model).where(model.key == key))
        row = cast("VersionedRow | None", found)
        if row is None:
            return EditConflict(
                f"{kind} {key!r} was deleted by someone else meanwhile; your change was not saved",
                kind=kind,
                item_id=key,
            )
        if row.version != version:
            return conflict(session, row, kind=kind)
    return EditConflict(
        "someone else changed the same item at the same moment; nothing was saved. "
        "Reload it and try again.",
        kind="item",
        item_id="",
    )


def versions_seen(session: Session) -> Seen:
    """Return the rows this transaction checked, with the versions it read (for ``overtaken``)."""
    seen: Seen = session.info.setdefault(_SEEN, {})
    return seen


def conflict(session: Session, row: VersionedRow, *, kind: str) -> EditConflict:
    """Return the refusal of an edit of ``row``, showing the version now in the store."""
    key = row.key
    current = _snapshot(session, row)
    return EditConflict(
        f"{kind} {key!r} was changed by someone else meanwhile; your change was not saved. "
        f"Now (version {row.version}): {describe(current)}",
        kind=kind,
        item_id=key,
        current=current,
    )


def describe(item: Event | Claim | Assessment | Lane | None) -> str:
    """Return the other version in a few words, for the refusal's message."""
    if item is None:
        return "deleted"
    if isinstance(item, Lane):
        return f"“{_short(item.name)}” drawn as {item.mark.describe()}"
    if isinstance(item, Claim):
        return f"“{_short(item.text)}” ({item.role.value})"
    if isinstance(item, Event):
        end = f" to {item.end.display()}" if item.end else ""
        return f"“{_short(item.title)}”, {item.start.display()}{end}"
    return f"“{_short(item.title)}” by {item.author or 'no author'}"


def _snapshot(session: Session, row: VersionedRow) -> Event | Claim | Assessment | Lane | None:
    if isinstance(row, LaneRow):
        return Lane(row.name, LaneMark(row.symbol, row.colour))
    if isinstance(row, ClaimRow):
        assessment = session.get(AssessmentRow, row.assessment_id)
        return claim_snapshot(row, assessment.key if assessment else "")
    if isinstance(row, EventRow):
        found = load_events(session, [row.key])
        return found[0] if found else None
    return assessment_snapshot(row)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# An item named by its kind and id, as Changes name them.
Item = tuple[str, str]


def versions_expected(operation: Operation) -> dict[Item, int]:
    """Return the versions an edit expects: of an inverse, the versions its edit left.

    An edit that names versions has ``versions_expected()`` and ``expecting(versions)``
    (the same edit expecting those); a Batch is all of its steps.
    """
    if isinstance(operation, Batch):
        found: dict[Item, int] = {}
        for step in operation.operations:
            found.update(versions_expected(step))
        return found
    named = getattr(operation, "versions_expected", None)
    return named() if named is not None else {}


def rebased(operation: Operation, left: Mapping[Item, int]) -> Operation:
    """Return ``operation`` expecting, of each item it names, the version ``left`` gives.

    An undo history records the version each of its own edits left on an item (the
    versions its inverse expects). An inverse made earlier expects the version of its
    day; undoing a later edit of the same item has moved the counter since, by this
    user's own hand. Rebased on what the history itself left, the check still refuses
    whatever someone else did meanwhile.
    """
    if isinstance(operation, Batch):
        return replace(operation, operations=tuple(rebased(o, left) for o in operation.operations))
    expecting = getattr(operation, "expecting", None)
    return expecting(left) if expecting is not None else operation


def one_version(kind: str, key: str, version: int | None) -> dict[Item, int]:
    """Return what an edit of one item expects: its version, if it names one."""
    return {} if version is None else {(kind, key): version}


def versions_of(
    kind: str, keys: Sequence[str], versions: Sequence[int | None] | None
) -> dict[Item, int]:
    """Return what an edit of several items of one kind expects, in the order of ``keys``."""
    if versions is None:
        return {}
    return {(kind, k): v for k, v in zip(keys, versions, strict=True) if v is not None}


def others_left(
    kind: str, keys: Sequence[str], versions: Sequence[int | None] | None, left: Mapping[Item, int]
) -> tuple[int | None, ...] | None:
    """Return ``versions``, each item's replaced by the one ``left`` gives, if it gives one."""
    if versions is None:
        return None
    return tuple(left.get((kind, k), v) for k, v in zip(keys, versions, strict=True))
