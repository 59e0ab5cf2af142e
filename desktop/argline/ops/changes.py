"""What an edit changed, and the edit that undoes it.

Every operation takes a session and returns an ``OpResult``: the ids it touched, by
kind, so each view can decide what to redraw (as Anki's ``OpChanges`` do), and the
inverse operation, so undo changes the store and not only the picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class Changes:
    """The ids that an operation added, changed or removed, by kind of item."""

    events: frozenset[str] = frozenset()
    eras: frozenset[str] = frozenset()
    assessments: frozenset[str] = frozenset()
    claims: frozenset[str] = frozenset()
    relations: frozenset[str] = frozenset()
    links: frozenset[tuple[str, str]] = frozenset()
    # Lanes by name whose mark changed (a lane new to the store comes with its events).
    lanes: frozenset[str] = frozenset()

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            events=self.events | other.events,
            eras=self.eras | other.eras,
            assessments=self.assessments | other.assessments,
            claims=self.claims | other.claims,
            relations=self.relations | other.relations,
            links=self.links | other.links,
            lanes=self.lanes | other.lanes,
        )

    def __bool__(self) -> bool:
        return any(
            (
                self.events,
                self.eras,
                self.assessments,
                self.claims,
                self.relations,
                self.links,
                self.lanes,
            )
        )


class Operation(Protocol):
    """An edit of the store: applied inside one transaction, with a label for Undo menus."""

    @property
    def label(self) -> str: ...

    def apply(self, session: Session) -> OpResult: ...


@dataclass(frozen=True, slots=True)
class OpResult:
    changes: Changes
    inverse: Operation


@dataclass(frozen=True, slots=True)
class Batch:
    """Several operations as one edit (one undo step): a multi-selection drag, a delete."""

    operations: tuple[Operation, ...]
    label: str = field(default="Edit")

    def apply(self, session: Session) -> OpResult:
        changes = Changes()
        inverses: list[Operation] = []
        for operation in self.operations:
            result = operation.apply(session)
            changes |= result.changes
            inverses.append(result.inverse)
        return OpResult(changes, Batch(tuple(reversed(inverses)), self.label))
