"""The shapes a map's routes are made of: card rectangles, sides, polylines.

Shared by the obstacle index (``card_index``), the grid search (``grid_search``) and
the router (``edge_routes``), and by the map's drawing, which takes a route's middle
for the undercuts aimed at it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from argline.layout.map_graph import Point

Box = tuple[float, float, float, float]  # left, top, right, bottom
Polyline = list[Point]

# The side of a card a route leaves or enters by, as the direction it heads out.
UP, DOWN, LEFT, RIGHT = (0.0, -1.0), (0.0, 1.0), (-1.0, 0.0), (1.0, 0.0)
Side = tuple[float, float]


def corners(points: Polyline) -> Polyline:
    """Return ``points`` without repeats and without points in the middle of a straight run."""
    kept: Polyline = []
    for point in points:
        if kept and point == kept[-1]:
            continue
        if len(kept) >= 2:
            (ax, ay), (bx, by) = kept[-2], kept[-1]
            if (bx - ax) * (point[1] - by) == (by - ay) * (point[0] - bx):
                kept[-1] = point
                continue
        kept.append(point)
    return kept


def halfway(points: Sequence[Point]) -> Point:
    """Return the point halfway along the polyline through ``points``, by length."""
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(points)]
    remaining = sum(lengths) / 2
    for (a, b), length in zip(itertools.pairwise(points), lengths, strict=True):
        if remaining <= length and length > 0:
            t = remaining / length
            return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        remaining -= length
    return points[-1]
