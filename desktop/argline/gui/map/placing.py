"""The edits that store where cards stand: after a drag, and after Tidy.

Both name the versions of the claims as the map showed them, so a card someone else
has moved since is not overwritten (team mode).
"""

from __future__ import annotations

from collections.abc import Collection

# The edits and ORM queries import SQLAlchemy, which the first window is drawn
# without: each function here imports those it uses when the user first acts.
from argline.gui.map.scene import MapScene
from argline.layout.map_layout import Card, arrange
from argline.ops.changes import Batch, Operation
from argline.ops.evaluation import ArgumentState


def drag_operation(scene: MapScene, state: ArgumentState, moved: list[str]) -> Operation | None:
    """Return the edit that stores the moved cards as placed by hand.

    The other cards of their maps that have no stored position are pinned where they
    stand, so that nothing else jumps and reopening shows the map as it was left.
    """
    from argline.ops.claim_edits import MoveClaims
    from argline.ops.map_edits import PlaceClaims

    content = scene.content
    if content is None:
        return None
    shifts = {column.assessment.id: column.shift for column in content.columns}
    claims = {c.id: c for c in state.claims}
    touched = {content.owner[c] for c in moved}
    moves = []
    pins = []
    for claim_id, card in scene.cards.items():
        owner = content.owner[claim_id]
        dx, dy = shifts[owner]
        where = (card.x() - dx, card.y() - dy)
        if claim_id in moved:
            moves.append((claim_id, where))
        elif owner in touched and claims[claim_id].position is None:
            pins.append((claim_id, where))
    label = "Move claim" if len(moved) == 1 else f"Move {len(moved)} claims"
    move = MoveClaims(
        tuple(moves),
        True,
        label=label,
        expected_versions=tuple(claims[c].version for c, _ in moves),
    )
    if not pins:
        return move
    seen = tuple(claims[c].version for c, _ in pins)
    return Batch((PlaceClaims(tuple(pins), False, expected_versions=seen), move), label)


def tidy_operation(
    scene: MapScene, state: ArgumentState, assessments: Collection[str]
) -> Operation | None:
    """Return the edit that lays out again every shown card not placed by hand."""
    from argline.ops.map_edits import PlaceClaims

    moves: list[tuple[str, tuple[float, float] | None]] = []
    relations = list(scene.content.relations) if scene.content else []
    for assessment in state.assessments:
        if assessment.id not in assessments:
            continue
        shown = [c for c in assessment.claims if c.id in scene.cards]
        cards = [
            Card(c.id, scene.cards[c.id].face.width, scene.cards[c.id].face.height) for c in shown
        ]
        fixed = {c.id: c.position for c in shown if c.placed_by_hand and c.position}
        placed = arrange(cards, relations, fixed)
        moves += [(c.id, placed[c.id]) for c in shown if c.id not in fixed]
    if not moves:
        return None
    claims = {c.id: c for c in state.claims}
    seen = tuple(claims[c].version for c, _ in moves)
    return PlaceClaims(tuple(moves), placed_by_hand=False, label="Tidy", expected_versions=seen)
