"""Return tidy-tree positions: each card centred over its children, subtrees packed tight.

Cards of one depth share a row; each subtree keeps the left and right edge of every
row it spans (its contour), and the next sibling subtree moves right until no row of
the two overlaps (Reingold and Tilford's idea, with cards of any width). Contours are
kept deepest row first, so adding a parent's row is an append, and two contours merge
by rewriting only the shorter one's rows: the whole layout stays near linear, with no
recursion however deep the tree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from argline.layout.map_graph import Card, MapGraph, Point, Spacing


class _Contour:
    """Row edges of a subtree, deepest first; a stored value plus ``shift`` is the coordinate."""

    __slots__ = ("left", "right", "shift")

    def __init__(self, half_width: float) -> None:
        self.left = [-half_width]
        self.right = [half_width]
        self.shift = 0.0

    def __len__(self) -> int:
        return len(self.left)


def tree_positions(cards: Sequence[Card], graph: MapGraph, spacing: Spacing) -> dict[str, Point]:
    """Return the top-left corner of every card of a forest, roots on the top row."""
    sizes = {card.id: card for card in cards}
    offsets: dict[str, float] = {}  # a card's centre relative to its parent's centre
    contours: dict[str, _Contour] = {}
    for card in reversed(graph.order):  # children before their parents
        kids = graph.children[card]
        half = sizes[card].width / 2
        if not kids:
            contours[card] = _Contour(half)
            continue
        merged = _place_side_by_side(kids, contours, offsets, spacing.horizontal)
        merged.left.append(-half - merged.shift)
        merged.right.append(half - merged.shift)
        contours[card] = merged
    _place_side_by_side(graph.roots, contours, offsets, spacing.trees)
    depth: dict[str, int] = {}
    centre: dict[str, float] = {}
    for card in graph.order:  # parents before their children
        parent = graph.first_parent[card]
        depth[card] = 0 if parent is None else depth[parent] + 1
        centre[card] = offsets[card] + (0.0 if parent is None else centre[parent])
    tops = _row_tops(depth, sizes, spacing.vertical)
    return {card: (centre[card] - sizes[card].width / 2, tops[depth[card]]) for card in graph.order}


def _place_side_by_side(
    kids: Sequence[str], contours: dict[str, _Contour], offsets: dict[str, float], gap: float
) -> _Contour:
    """Set each kid's offset from the middle of the row; return their merged contour."""
    merged = contours.pop(kids[0])
    positions = [0.0]
    for kid in kids[1:]:
        contour = contours.pop(kid)
        common = min(len(merged), len(contour))
        shift = max(
            merged.right[-1 - row] + merged.shift - contour.left[-1 - row] - contour.shift
            for row in range(common)
        )
        shift += gap
        positions.append(shift)
        merged = _merge(merged, contour, shift, common)
    middle = (positions[0] + positions[-1]) / 2
    for kid, position in zip(kids, positions, strict=True):
        offsets[kid] = position - middle
    merged.shift -= middle
    return merged


def _merge(left: _Contour, right: _Contour, shift: float, common: int) -> _Contour:
    # The right subtree's rows give the right edges, the left one's the left edges; the
    # deeper contour is kept and the other's ``common`` rows are written into it.
    right.shift += shift
    if len(right) > len(left):
        for row in range(1, common + 1):
            right.left[-row] = left.left[-row] + left.shift - right.shift
        return right
    for row in range(1, common + 1):
        left.right[-row] = right.right[-row] + right.shift - left.shift
    return left


def _row_tops(depth: Mapping[str, int], sizes: Mapping[str, Card], gap: float) -> list[float]:
    """Return the top of each row: rows as tall as their tallest card, ``gap`` apart."""
    heights = [0.0] * (max(depth.values(), default=0) + 1)
    for card, row in depth.items():
        heights[row] = max(heights[row], sizes[card].height)
    tops = [0.0]
    for height in heights[:-1]:
        tops.append(tops[-1] + height + gap)
    return tops
