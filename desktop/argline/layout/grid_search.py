"""Find a route round the cards when no expected shape is clear: A* over a coarse grid.

The router (``edge_routes``) falls back to this search, on a window of the free space
round the two cards that it widens until a path is found; bends cost extra, so a found
route turns as seldom as it can.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection

from argline.layout.card_index import Cards
from argline.layout.map_graph import Point
from argline.layout.route_geometry import Box, Polyline, Side, corners

CELL = 10.0  # the search grid's step: a row gap of 22 px keeps a free row of cells
CLEARANCE = 4.0  # how near a found path may pass a card
BEND = 3.0  # what a turn costs, in cells of length


def grid_path(
    cards: Cards,
    window: Box,
    start: Point,
    *,
    outward: Side,
    end: Point,
    inward: Side | None,
    ends: Collection[str],
) -> Polyline | None:
    """Return the cheapest path of grid steps from ``start`` to ``end`` round the cards in
    ``window`` (the two joined cards included: a route does not run across its own), or
    None when the window holds none. The grid is laid on ``start``."""
    ox = start[0] - math.floor((start[0] - window[0]) / CELL) * CELL
    oy = start[1] - math.floor((start[1] - window[1]) / CELL) * CELL
    width = int((window[2] - ox) / CELL) + 1
    height = int((window[3] - oy) / CELL) + 1
    blocked = bytearray(width * height)
    for _, (left, top, right, bottom) in cards.within(window):
        i0 = max(0, math.ceil((left - CLEARANCE - ox) / CELL))
        i1 = min(width - 1, math.floor((right + CLEARANCE - ox) / CELL))
        j0 = max(0, math.ceil((top - CLEARANCE - oy) / CELL))
        j1 = min(height - 1, math.floor((bottom + CLEARANCE - oy) / CELL))
        if i0 > i1:
            continue
        run = b"\x01" * (i1 - i0 + 1)
        for j in range(j0, j1 + 1):
            blocked[j * width + i0 : j * width + i1 + 1] = run

    lead = 1

    def cell_of(point: Point, side: Side | None) -> int | None:
        # The cell ``lead`` steps out of the card's side (the point itself for a relation's
        # middle), kept free: the route starts or ends its search there.
        dx, dy = (int(side[0]) * lead, int(side[1]) * lead) if side else (0, 0)
        i, j = round((point[0] - ox) / CELL) + dx, round((point[1] - oy) / CELL) + dy
        if not (0 <= i < width and 0 <= j < height):
            return None
        blocked[j * width + i] = 0
        return j * width + i

    first = cell_of(start, outward)
    last = cell_of(end, inward)
    if first is None or last is None:
        return None
    found = _a_star(blocked, width, first, last, _direction(outward))
    if found is None:
        return None
    points = [(ox + (c % width) * CELL, oy + (c // width) * CELL) for c in found]
    return _straightened(start, points, end, inward)


_STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def _direction(side: Side) -> int:
    return _STEPS.index((int(side[0]), int(side[1])))


def _a_star(
    blocked: bytearray, width: int, first: int, last: int, heading: int
) -> list[int] | None:
    """Return the cells of the cheapest path (steps of one, turns cost ``BEND``), or None."""
    goal_i, goal_j = last % width, last // width
    size = len(blocked)
    offsets = (1, -1, width, -width)
    best: dict[int, float] = {first * 4 + heading: 0.0}
    came: dict[int, int] = {}
    queue = [(0.0, 0.0, first * 4 + heading)]
    while queue:  # among equal guesses, the path furthest along first
        _, behind, state = heapq.heappop(queue)
        cost = -behind
        cell, facing = divmod(state, 4)
        if cell == last:
            path = [cell]
            while state in came:
                state = came[state]
                if state // 4 != path[-1]:
                    path.append(state // 4)
            return path[::-1]
        if cost > best.get(state, math.inf):
            continue
        i = cell % width
        for turn, offset in enumerate(offsets):
            if turn ^ 1 == facing:  # no turning back
                continue
            nxt = cell + offset
            if not 0 <= nxt < size or blocked[nxt]:
                continue
            ni = nxt % width
            if abs(ni - i) > 1:  # stepped off the row's end
                continue
            step = cost + 1.0 + (BEND if turn != facing else 0.0)
            key = nxt * 4 + turn
            if step < best.get(key, math.inf):
                best[key] = step
                came[key] = state
                guess = abs(ni - goal_i) + abs(nxt // width - goal_j)
                heapq.heappush(queue, (step + guess, -step, key))
    return None


def _straightened(start: Point, cells: Polyline, end: Point, inward: Side | None) -> Polyline:
    """Return the route through the grid path's corners, joined square to its two ends."""
    last = cells[-1]
    head = [start, cells[0]]
    if inward is None:
        tail = [last, end]
    elif inward[0] == 0:  # into a top or bottom side: the last stretch is vertical
        tail = [last, (end[0], last[1]), end]
    else:
        tail = [last, (last[0], end[1]), end]
    return corners(head + cells[1:-1] + tail)
