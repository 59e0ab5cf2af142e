"""No lost update: an edit made on top of a version someone else has replaced is refused.

Events, assessments and claims carry a version counter (SQLAlchemy's
``version_id_col``): every UPDATE adds one and matches only the version it read.
An edit may also name the version its user was looking at (``expected_version``,
from the snapshot); the inverse of every edit names the version the edit left, so
an undo of something overwritten since is refused the same way. The refusal shows
the other version, so the user sees what they would have overwritten.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from argline.model.entities import Assessment, Claim, Event
from argline.ops.errors import EditRefused
from argline.ops.queries import assessment_snapshot, claim_snapshot, load_events
from argline.store.schema import AssessmentRow, Base, ClaimRow, EventRow

_CHECKED = "argline_checked_versions"


class EditConflict(EditRefused):
    """Someone else changed (or deleted) the item since; nothing of this edit was saved.

    ``current`` is the other version as a snapshot (None when it was deleted), for the
    view to show and reload.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        item_id: str,
        current: Event | Claim | Assessment | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.item_id = item_id
        self.current = current


def check_version(session: Session, row: Base, expected: int | None, *, kind: str) -> None:
    """Raise EditConflict unless ``row`` is still at the ``expected`` version.

    On PostgreSQL the row is re-read with a row lock, so no other client can change it
    between this check and the commit. A row already checked in this transaction (an
    earlier step of the same Batch) is not checked again: that step changed it.
    """
    if expected is None:
        return
    checked: set[tuple[str, int]] = session.info.setdefault(_CHECKED, set())
    token = (row.__tablename__, row.id)  # type: ignore[attr-defined]
    if token in checked:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.refresh(row, with_for_update=True)
    checked.add(token)
    version = row.version  # type: ignore[attr-defined]
    if version != expected:
        raise conflict(session, row, kind=kind)


def conflict(session: Session, row: Base, *, kind: str) -> EditConflict:
    """Return the refusal of an edit of ``row``, showing the version now in the store."""
    key = row.key  # type: ignore[attr-defined]
    current = _snapshot(session, row)
    return EditConflict(
        f"{kind} {key!r} was changed by someone else meanwhile; your change was not saved. "
        f"Now (version {row.version}): {describe(current)}",  # type: ignore[attr-defined]
        kind=kind,
        item_id=key,
        current=current,
    )


def describe(item: Event | Claim | Assessment | None) -> str:
    """Return the other version in a few words, for the refusal's message."""
    if item is None:
        return "deleted"
    if isinstance(item, Claim):
        return f"“{_short(item.text)}” ({item.role.value})"
    if isinstance(item, Event):
        end = f" to {item.end.display()}" if item.end else ""
        return f"“{_short(item.title)}”, {item.start.display()}{end}"
    return f"“{_short(item.title)}” by {item.author or 'no author'}"


def _snapshot(session: Session, row: Base) -> Event | Claim | Assessment | None:
    if isinstance(row, ClaimRow):
        assessment = session.get(AssessmentRow, row.assessment_id)
        return claim_snapshot(row, assessment.key if assessment else "")
    if isinstance(row, EventRow):
        found = load_events(session, [row.key])
        return found[0] if found else None
    if isinstance(row, AssessmentRow):
        return assessment_snapshot(row)
    return None


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
