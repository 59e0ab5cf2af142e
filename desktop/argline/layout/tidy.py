"""Return positions for the cards not yet placed, around the cards that keep theirs.

Each free card goes where the automatic layout would put it relative to its parent,
wherever that parent now stands; if that spot overlaps a card already there, the
nearest free spot is taken, searched in widening rings. A grid of buckets answers
"what is near this rectangle" in constant time, so thousands of cards tidy quickly.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from functools import cache

from argline.layout.map_graph import Card, MapGraph, Point

BUCKET = 256.0
STEP = 24.0
MAX_RINGS = 120


class _Occupied:
    """Rectangles already placed, bucketed by a coarse grid for overlap queries."""

    def __init__(self, margin: float) -> None:
        self.margin = margin
        self.buckets: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(
            list
        )
        self.bottom = 0.0

    def _cells(
        self, left: float, top: float, right: float, bottom: float
    ) -> Iterator[tuple[int, int]]:
        for i in range(math.floor(left / BUCKET), math.floor(right / BUCKET) + 1):
            for j in range(math.floor(top / BUCKET), math.floor(bottom / BUCKET) + 1):
                yield i, j

    def add(self, left: float, top: float, width: float, height: float) -> None:
        box = (left, top, left + width, top + height)
        for cell in self._cells(*box):
            self.buckets[cell].append(box)
        self.bottom = max(self.bottom, top + height)

    def is_free(self, left: float, top: float, width: float, height: float) -> bool:
        m = self.margin
        box = (left - m, top - m, left + width + m, top + height + m)
        for cell in self._cells(*box):
            for other in self.buckets.get(cell, ()):
                if (
                    box[0] < other[2]
                    and other[0] < box[2]
                    and box[1] < other[3]
                    and other[1] < box[3]
                ):
                    return False
        return True


def place_around(
    cards: Sequence[Card],
    graph: MapGraph,
    ideal: Mapping[str, Point],
    fixed: Mapping[str, Point],
    margin: float,
) -> dict[str, Point]:
    """Return a position for every card: ``fixed`` ones as given, the rest near ``ideal``."""
    sizes = {card.id: card for card in cards}
    occupied = _Occupied(margin)
    placed: dict[str, Point] = {}
    for card, (x, y) in fixed.items():
        if card in sizes:
            placed[card] = (x, y)
            occupied.add(x, y, sizes[card].width, sizes[card].height)
    fallback = _typical_shift(fixed, ideal)
    for card in graph.order:  # parents first: children follow where their parent went
        if card in placed:
            continue
        parent = graph.first_parent[card]
        shift = (
            _shift_of(parent, placed, ideal) if parent else _shift_below(card, graph, fixed, ideal)
        )
        x, y = ideal[card]
        size = sizes[card]
        spot = _nearest_free(occupied, x + (shift or fallback)[0], y + (shift or fallback)[1], size)
        placed[card] = spot
        occupied.add(*spot, size.width, size.height)
    return placed


def _shift_of(card: str, placed: Mapping[str, Point], ideal: Mapping[str, Point]) -> Point:
    return placed[card][0] - ideal[card][0], placed[card][1] - ideal[card][1]


def _shift_below(
    card: str, graph: MapGraph, fixed: Mapping[str, Point], ideal: Mapping[str, Point]
) -> Point | None:
    """Return how far the nearest fixed card below ``card`` moved from its ideal place."""
    frontier = [card]
    seen = {card}
    while frontier:
        following = []
        for current in frontier:
            if current in fixed:
                return _shift_of(current, fixed, ideal)
            for child in graph.children[current]:
                if child not in seen:
                    seen.add(child)
                    following.append(child)
        frontier = following
    return None


def _typical_shift(fixed: Mapping[str, Point], ideal: Mapping[str, Point]) -> Point:
    shifts = [_shift_of(card, fixed, ideal) for card in fixed if card in ideal]
    if not shifts:
        return 0.0, 0.0
    from statistics import median  # some 3 ms to import: not before the first paint

    return median(s[0] for s in shifts), median(s[1] for s in shifts)


def _nearest_free(occupied: _Occupied, x: float, y: float, size: Card) -> Point:
    """Return the free spot nearest (x, y), searched in rings of growing radius."""
    for ring in range(MAX_RINGS):
        for dx, dy in _ring(ring):
            if occupied.is_free(x + dx * STEP, y + dy * STEP, size.width, size.height):
                return x + dx * STEP, y + dy * STEP
    # A crowded neighbourhood: below everything is always free.
    return x, occupied.bottom + occupied.margin * 2


@cache
def _ring(radius: int) -> tuple[tuple[int, int], ...]:
    """Return the grid steps at Chebyshev distance ``radius``, nearest first, rows before."""
    if radius == 0:
        return ((0, 0),)
    steps = [
        (dx, dy)
        for dx in range(-radius, radius + 1)
        for dy in range(-radius, radius + 1)
        if max(abs(dx), abs(dy)) == radius
    ]
    # Sideways and downwards first: a child moved aside reads better than one moved up.
    return tuple(sorted(steps, key=lambda s: (s[0] ** 2 + (s[1] * 2) ** 2, s[1] < 0, abs(s[0]))))
