"""Find rows by their exchange-format id, refusing unknown ids with a clear message."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from argline.ops.errors import EditRefused
from argline.store.schema import AssessmentRow, ClaimRow, EventRow, LaneRow, RelationRow

# The rows named by an exchange-format id that edits look up (a constrained TypeVar, so
# that each row's own key column is typed).
RowT = TypeVar("RowT", EventRow, AssessmentRow, ClaimRow, RelationRow, LaneRow)


def row_by_key(session: Session, model: type[RowT], key: str, kind: str) -> RowT:
    """Return the row of ``model`` whose id is ``key``; raise EditRefused when there is none."""
    row = session.scalar(select(model).where(model.key == key))
    if row is None:
        raise EditRefused(f"there is no {kind} {key!r}")
    return row


def refuse_taken(session: Session, model: type[RowT], key: str, kind: str) -> None:
    """Raise EditRefused when an item of this kind already has the id ``key``."""
    if session.scalar(select(model.id).where(model.key == key)) is not None:
        raise EditRefused(f"a {kind} with the id {key!r} exists already")
