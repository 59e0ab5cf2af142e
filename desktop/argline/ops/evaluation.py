"""Evaluate the store's argument maps: the one code path of the map and ``argline evaluate``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from argline.model.collector import paused_cycle_collector
from argline.model.entities import Assessment, Claim, Relation
from argline.model.evaluation import Evaluation, evaluate
from argline.ops.plain_reads import read_assessments, read_relations
from argline.store.cursor import Cursor, session_cursor
from argline.store.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class ArgumentState:
    """Every assessment with its claims, every relation, and which claims stand."""

    assessments: tuple[Assessment, ...]
    relations: tuple[Relation, ...]
    evaluation: Evaluation

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for a in self.assessments for c in a.claims)

    def assessment(self, assessment_id: str) -> Assessment:
        """Return the assessment with this id; raise StoreError naming it when there is none."""
        for assessment in self.assessments:
            if assessment.id == assessment_id:
                return assessment
        raise StoreError(f"there is no assessment {assessment_id!r}")


def load_argument_state(session: Session) -> ArgumentState:
    """Return all claims and relations, evaluated together: attacks cross assessments."""
    with session_cursor(session) as cursor:
        return read_argument_state(cursor)


def read_argument_state(cursor: Cursor) -> ArgumentState:
    """Return what ``load_argument_state`` does, read with any driver's cursor.

    The cycle collector waits: the snapshots and the evaluation's nodes form no cycles,
    and its passes over them took a third of the time of 100,000 claims.
    """
    with paused_cycle_collector():
        assessments = read_assessments(cursor)
        relations = read_relations(cursor)
        claims = [c for a in assessments for c in a.claims]
        return ArgumentState(assessments, relations, evaluate(claims, relations))


def claim_statuses(session: Session, *, assessment: str | None = None) -> list[tuple[str, str]]:
    """Return ``(claim id, "in" | "out" | "undecided")`` for every claim, in map order.

    With ``assessment``, only that assessment's claims, still evaluated against every
    attack in the store. An unknown assessment id raises StoreError.
    """
    state = load_argument_state(session)
    chosen = (state.assessment(assessment),) if assessment else state.assessments
    statuses = state.evaluation.claims  # every claim read is evaluated
    return [(c.id, statuses[c.id].value) for a in chosen for c in a.claims]
