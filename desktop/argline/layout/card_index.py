"""Which cards lie where: the map's card rectangles bucketed by a coarse grid.

A route's shape is checked against the cards it passes and a search is blocked by the
cards in its window; bucketing them makes each of those questions a few look-ups
instead of a look at every card of a map of thousands.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence

from argline.layout.map_graph import Point
from argline.layout.route_geometry import Box

BUCKET = 256.0


class Cards:
    """The cards' rectangles, bucketed by a coarse grid for "what lies here" queries."""

    def __init__(self, boxes: Mapping[str, Box]) -> None:
        self.boxes = dict(boxes)
        self._buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
        self._rows: dict[int, tuple[float, float]] = {}  # a row of buckets: its cards' reach
        rows = self._rows
        for card, box in self.boxes.items():
            left, top, right, bottom = box
            for cell in _cells(box):
                self._buckets[cell].append(card)
            for j in range(math.floor(top / BUCKET), math.floor(bottom / BUCKET) + 1):
                low, high = rows.get(j, (left, right))
                rows[j] = (min(low, left), max(high, right))

    def reach(self, top: float, bottom: float) -> tuple[float, float] | None:
        """Return the least left and greatest right of the cards near heights ``top``-``bottom``."""
        rows = [
            self._rows[j]
            for j in range(math.floor(top / BUCKET), math.floor(bottom / BUCKET) + 1)
            if j in self._rows
        ]
        if not rows:
            return None
        return min(low for low, _ in rows), max(high for _, high in rows)

    def within(self, area: Box) -> Iterator[tuple[str, Box]]:
        """Yield each card whose rectangle meets ``area``, once."""
        seen: set[str] = set()
        for cell in _cells(area):
            for card in self._buckets.get(cell, ()):
                if card not in seen:
                    seen.add(card)
                    box = self.boxes[card]
                    if _meets(box, area):
                        yield card, box

    def crossed(self, points: Sequence[Point], ends: Collection[str]) -> bool:
        """Tell whether the polyline through ``points`` crosses a card not in ``ends``."""
        return next(self.crossings(points, ends), None) is not None

    def crossings(self, points: Sequence[Point], ends: Collection[str]) -> Iterator[Box]:
        """Yield the rectangle of each card not in ``ends`` that the polyline crosses."""
        boxes = self.boxes
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            low_x, high_x, low_y, high_y = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
            seen: set[str] = set()
            for cell in _segment_cells(ax, ay, bx, by):
                for card in self._buckets.get(cell, ()):
                    box = boxes[card]
                    if (  # most cards in the strip lie beside the segment: cheap to tell
                        box[2] <= low_x + 1
                        or box[0] >= high_x - 1
                        or box[3] <= low_y + 1
                        or box[1] >= high_y - 1
                        or card in seen
                        or card in ends
                    ):
                        continue
                    seen.add(card)
                    if _segment_crosses(ax, ay, bx, by, box):
                        yield box


def _segment_cells(ax: float, ay: float, bx: float, by: float) -> Iterator[tuple[int, int]]:
    """Yield the buckets segment a-b passes through: per column, the rows it spans there
    (a long slanting segment meets a strip of buckets, not its whole bounding box)."""
    if ax > bx:
        ax, ay, bx, by = bx, by, ax, ay
    first, last = math.floor(ax / BUCKET), math.floor(bx / BUCKET)
    slope = (by - ay) / (bx - ax) if bx > ax else 0.0
    for i in range(first, last + 1):
        x0, x1 = max(ax, i * BUCKET), min(bx, (i + 1) * BUCKET)
        y0, y1 = (ay, by) if first == last else (ay + slope * (x0 - ax), ay + slope * (x1 - ax))
        for j in range(math.floor(min(y0, y1) / BUCKET), math.floor(max(y0, y1) / BUCKET) + 1):
            yield i, j


def _cells(box: Box) -> Iterator[tuple[int, int]]:
    left, top, right, bottom = box
    for i in range(math.floor(left / BUCKET), math.floor(right / BUCKET) + 1):
        for j in range(math.floor(top / BUCKET), math.floor(bottom / BUCKET) + 1):
            yield i, j


def _meets(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _segment_crosses(ax: float, ay: float, bx: float, by: float, box: Box) -> bool:
    """Tell whether segment a-b passes through ``box``'s inside (touching its border is not)."""
    left, top, right, bottom = box[0] + 1, box[1] + 1, box[2] - 1, box[3] - 1
    dx, dy = bx - ax, by - ay
    low, high = 0.0, 1.0
    for p, q in ((-dx, ax - left), (dx, right - ax), (-dy, ay - top), (dy, bottom - ay)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return True
