"""Return positions for the cards of argument maps: pure geometry, sizes come in as numbers.

A fresh map is laid out as a tree when it is one, or nearly (a claim with several
parents, all in one tree, sits under the first); in layers otherwise. Cards that
already have a place keep it, and the rest are placed around them (*Tidy*).
Positions are top-left corners in the map's own frame; a side-by-side view shifts
each map by the offset ``columns`` gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from argline.layout.layered_layout import layered_positions
from argline.layout.map_graph import Card, MapGraph, Point, Spacing
from argline.layout.tidy import place_around
from argline.layout.tree_layout import tree_positions
from argline.model.entities import Relation

__all__ = ["Card", "MapGraph", "Point", "Spacing", "arrange", "columns", "lay_out"]

Box = tuple[float, float, float, float]  # left, top, right, bottom


def lay_out(
    cards: Sequence[Card], relations: Iterable[Relation], spacing: Spacing | None = None
) -> dict[str, Point]:
    """Return a fresh layout of every card: a tidy tree, or layers when claims share reasons."""
    spacing = spacing or Spacing()
    graph = MapGraph([card.id for card in cards], relations)
    return _fresh(cards, graph, spacing)


def arrange(
    cards: Sequence[Card],
    relations: Iterable[Relation],
    fixed: Mapping[str, Point],
    spacing: Spacing | None = None,
) -> dict[str, Point]:
    """Return a position for every card: ``fixed`` cards stay, the others go around them."""
    spacing = spacing or Spacing()
    graph = MapGraph([card.id for card in cards], relations)
    ideal = _fresh(cards, graph, spacing)
    if not fixed:
        return ideal
    return place_around(cards, graph, ideal, fixed, margin=spacing.horizontal / 2)


def _fresh(cards: Sequence[Card], graph: MapGraph, spacing: Spacing) -> dict[str, Point]:
    if not cards:
        return {}
    if graph.is_tree_like():
        return tree_positions(cards, graph, spacing)
    return layered_positions(cards, graph, spacing)


def columns(boxes: Sequence[Box | None], gap: float) -> list[Point]:
    """Return the shift of each map that puts them side by side, ``gap`` apart, tops aligned.

    An empty map (``None``) takes no width.
    """
    shifts: list[Point] = []
    right = 0.0
    for box in boxes:
        if box is None:
            shifts.append((right, 0.0))
            continue
        left, top, box_right, _ = box
        dx = right - left
        shifts.append((dx, -top))
        right = box_right + dx + gap
    return shifts
