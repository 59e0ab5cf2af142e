"""Return what a map shows: which claims and relations, where each card stands, what is hidden.

One or two assessments are shown; relations whose two ends are shown are drawn (in
a side-by-side view that includes the links across), and so are undercuts of drawn
relations. Cards keep their stored positions; the others are laid out around them.
A collapsed claim hides every claim below it. Card sizes come from ``measure``, so
the layout works on numbers only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from argline.gui.map.card_face import CardFace
from argline.layout.edge_routes import Link, Router
from argline.layout.map_layout import Card, MapGraph, Point, Spacing, arrange, columns
from argline.model.entities import Assessment, Claim, Relation
from argline.model.evaluation import Evaluation
from argline.model.relation_order import targets_first
from argline.ops.evaluation import ArgumentState

COLUMN_GAP = 220.0
SPACING = Spacing()

Measure = Callable[[Claim, int], CardFace]


@dataclass(frozen=True, slots=True)
class Column:
    """One assessment's map: its title, and the shift from its own frame to the scene."""

    assessment: Assessment
    shift: Point
    box: tuple[float, float, float, float] | None  # left, top, right, bottom in the scene


@dataclass(frozen=True, slots=True)
class MapContent:
    """Everything a map scene draws, with scene positions (top-left corners) for cards."""

    columns: tuple[Column, ...]
    claims: dict[str, Claim]
    faces: dict[str, CardFace]
    positions: dict[str, Point]
    relations: tuple[Relation, ...]  # supports and attacks first, undercuts after their targets
    evaluation: Evaluation
    hidden_below: dict[str, int]  # a collapsed claim's id -> how many cards it hides
    owner: dict[str, str]  # claim id -> assessment id
    router: Router  # the edges' routes go round the cards it holds


def map_content(
    state: ArgumentState,
    assessment_ids: Sequence[str],
    measure: Measure,
    *,
    collapsed: Iterable[str] = (),
) -> MapContent:
    """Return the content of a view of ``assessment_ids`` (unknown ids are left out)."""
    known = {a.id: a for a in state.assessments}
    chosen = [known[i] for i in assessment_ids if i in known]
    owner = {c.id: a.id for a in chosen for c in a.claims}
    drawn = _drawn_relations(state.relations, owner)
    hidden, hidden_below = _collapse(chosen, drawn, set(collapsed))
    elsewhere = _links_elsewhere(state.relations, owner, {c.id for c in state.claims})
    claims: dict[str, Claim] = {}
    faces: dict[str, CardFace] = {}
    local: list[dict[str, Point]] = []
    for assessment in chosen:
        shown = [c for c in assessment.claims if c.id not in hidden]
        for claim in shown:
            claims[claim.id] = claim
            faces[claim.id] = measure(claim, elsewhere.get(claim.id, 0))
        cards = [Card(c.id, faces[c.id].width, faces[c.id].height) for c in shown]
        fixed = {c.id: c.position for c in shown if c.position is not None}
        inside = _inside(drawn, owner, assessment.id)
        local.append(arrange(cards, inside, fixed, SPACING))
    boxes = [_box(p, faces) for p in local]
    # The first map stays in its own frame, so that growing it (a card dragged past its
    # left or top edge) never moves the cards already on screen; the others follow it.
    shifts = columns(boxes, COLUMN_GAP)
    if shifts:
        first_dx, first_dy = shifts[0]
        shifts = [(dx - first_dx, dy - first_dy) for dx, dy in shifts]
    positions: dict[str, Point] = {}
    result_columns = []
    for assessment, placed, box, (dx, dy) in zip(chosen, local, boxes, shifts, strict=True):
        for claim_id, (x, y) in placed.items():
            positions[claim_id] = (x + dx, y + dy)
        moved = None if box is None else (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
        result_columns.append(Column(assessment, (dx, dy), moved))
    visible = _visible(drawn, claims)
    return MapContent(
        columns=tuple(result_columns),
        claims=claims,
        faces=faces,
        positions=positions,
        relations=visible,
        evaluation=state.evaluation,
        hidden_below=hidden_below,
        owner=owner,
        router=_router(positions, faces, visible, owner),
    )


def _router(
    positions: dict[str, Point],
    faces: dict[str, CardFace],
    relations: Iterable[Relation],
    owner: dict[str, str],
) -> Router:
    """Return the router round the cards, its ports shared out by where they stand (built
    with the content: on the layout's thread for a large map)."""
    boxes = {}
    for claim_id, (x, y) in positions.items():
        face = faces[claim_id]
        boxes[claim_id] = (x, y, x + face.width, y + face.height)
    links = [
        Link(
            r.id,
            r.source,
            r.target,
            across=owner[r.source] != owner[r.target],
            co_sources=r.co_premises,
        )
        for r in relations
        if not r.targets_relation
    ]
    return Router(boxes, links)


def _drawn_relations(relations: Iterable[Relation], owner: dict[str, str]) -> dict[str, Relation]:
    """Return the relations whose ends are all shown, targets before their undercuts.

    Undercuts are taken each after the one it targets (``targets_first``), in one pass:
    taking those whose targets are drawn in rounds, one round per link of an undercut
    chain, was quadratic.
    """
    drawn: dict[str, Relation] = {}
    undercuts = []
    for relation in relations:
        if not all(premise in owner for premise in relation.premises):
            continue
        if relation.targets_relation:
            undercuts.append(relation)
        elif relation.target in owner:
            drawn[relation.id] = relation
    for relation in targets_first(undercuts):
        if relation.target in drawn:
            drawn[relation.id] = relation
    return drawn


def _inside(drawn: dict[str, Relation], owner: dict[str, str], assessment: str) -> list[Relation]:
    """Return the drawn relations that lie inside one assessment's map (not links across):
    an undercut does when it starts there and what it undercuts lies inside too."""
    inside: dict[str, Relation] = {}
    for relation in drawn.values():  # targets before their undercuts
        if owner[relation.source] != assessment:
            continue
        if (
            relation.target in inside
            if relation.targets_relation
            else (owner[relation.target] == assessment)
        ):
            inside[relation.id] = relation
    return list(inside.values())


def _visible(drawn: dict[str, Relation], claims: dict[str, Claim]) -> tuple[Relation, ...]:
    """Return the drawn relations whose claims are all shown (none hidden by a collapse),
    and undercuts of those."""
    visible: dict[str, Relation] = {}
    for relation in drawn.values():  # targets before their undercuts
        if not all(premise in claims for premise in relation.premises):
            continue
        if relation.target in (visible if relation.targets_relation else claims):
            visible[relation.id] = relation
    return tuple(visible.values())


def _links_elsewhere(
    relations: Iterable[Relation], owner: dict[str, str], all_claims: set[str]
) -> dict[str, int]:
    """Count, per shown claim, its supports and attacks with claims not shown here."""
    counts: dict[str, int] = {}
    for relation in relations:
        if relation.targets_relation:
            continue
        for premise in relation.premises:
            ends = (premise, relation.target)
            for here, there in (ends, ends[::-1]):
                if here in owner and there not in owner and there in all_claims:
                    counts[here] = counts.get(here, 0) + 1
    return counts


def _collapse(
    chosen: list[Assessment], drawn: dict[str, Relation], collapsed: set[str]
) -> tuple[set[str], dict[str, int]]:
    """Return the claims hidden below collapsed ones, and how many each collapsed one hides."""
    hidden: set[str] = set()
    hidden_below: dict[str, int] = {}
    if not collapsed:
        return hidden, hidden_below
    for assessment in chosen:
        ids = [c.id for c in assessment.claims]
        graph = MapGraph(ids, drawn.values())
        for claim_id in ids:
            if claim_id not in collapsed or claim_id in hidden:
                continue
            below: set[str] = set()
            frontier = [claim_id]
            while frontier:
                card = frontier.pop()
                for child in graph.children[card]:
                    if child not in below and child != claim_id:
                        below.add(child)
                        frontier.append(child)
            hidden |= below
            hidden_below[claim_id] = len(below)
    for claim_id in list(hidden_below):
        if claim_id in hidden:  # inside another collapsed subtree: its own count is not shown
            del hidden_below[claim_id]
    return hidden, hidden_below


def _box(
    positions: dict[str, Point], faces: dict[str, CardFace]
) -> tuple[float, float, float, float] | None:
    if not positions:
        return None
    left = min(x for x, _ in positions.values())
    top = min(y for _, y in positions.values())
    right = max(x + faces[c].width for c, (x, _) in positions.items())
    bottom = max(y + faces[c].height for c, (_, y) in positions.items())
    return left, top, right, bottom
