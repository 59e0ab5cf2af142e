"""Return the routes of a map's relations: polylines that pass behind no card they do not join.

Each relation first tries the shape a reader expects: a straight line between two
rows, a hung card's path out of its left side and up the spine gap, a link across
maps along its lane in the gutter. A shape that would cross a card it does not join
is dropped for a path found by A* over a coarse grid of the free space near the two
cards (widened until one is found), with bends costing extra. A grid of buckets
answers "which cards lie here", so checking a shape costs a few look-ups.

Arrowheads that share a target end at points of their own: the relations entering
one side of a card share that side out, in the order of their sources along it
(``Ports``), so arrows that run together still show which head is whose.

A linked reason is drawn as Rationale draws co-premises: a short stem up from each
premise to a bar just above them, and one arrow from the bar's middle (its *joint*)
to the target; a premise whose stem would cross a card is joined by a searched path.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from argline.layout.map_graph import Point

Box = tuple[float, float, float, float]  # left, top, right, bottom
Polyline = list[Point]

BUCKET = 256.0
SPINE = 18.0  # how far left of a hung card its route runs up: half the gap between columns
SIDE_ENTRY_GAP = 100.0  # a card further below its target than this leaves by its side
LEAD = 16.0  # the straight last stretch before a card, where the head is drawn
CORNER_INSET = 18.0  # ports and exits stay this far from a card's corners
CELL = 10.0  # the search grid's step: a row gap of 22 px keeps a free row of cells
CLEARANCE = 4.0  # how near a found path may pass a card
WINDOW = 120.0  # the search looks this far round the two cards first, then wider
BEND = 3.0  # what a turn costs, in cells of length
MAX_CELLS = 20_000  # a wider search would be slow: such routes take a lane instead
STUB = 9.0  # how far a route to a lane runs beside its card before turning
DETOUR = 14.0  # how far below or above its card a route to a lane runs along the row gap
GAP_DETOUR = 8.0  # how far below or above a card in its way it runs instead
MAX_HEIGHTS = 24  # row gaps tried for a route to a lane
JOINT_RISE = 14.0  # how far above (or below) its premises a linked reason's bar runs

# The side of a card a route leaves or enters by, as the direction it heads out.
UP, DOWN, LEFT, RIGHT = (0.0, -1.0), (0.0, 1.0), (-1.0, 0.0), (1.0, 0.0)
Side = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Link:
    """A relation as the router sees it: ids of its ends, and whether it joins two maps."""

    id: str
    source: str
    target: str  # a card's id, or the id of the relation an undercut points at
    across: bool = False  # between two assessments' maps: it leaves and enters by the sides
    lane: float | None = None  # where a link across maps runs down the gutter
    co_sources: tuple[str, ...] = ()  # a linked reason's other premises

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.source, *self.co_sources)


def joint(premises: Sequence[Box], target: Box) -> Point:
    """Return where a linked reason's premises meet: midway along them, just above their
    tops (below their bottoms when the target lies below them)."""
    centres = [(box[0] + box[2]) / 2 for box in premises]
    x = (min(centres) + max(centres)) / 2
    if target[1] >= max(box[3] for box in premises):
        return x, max(box[3] for box in premises) + JOINT_RISE
    return x, min(box[1] for box in premises) - JOINT_RISE


def _point_box(point: Point) -> Box:
    return (point[0], point[1], point[0], point[1])


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


class Ports:
    """Where each relation enters its target: the side facing its source, spread along it."""

    def __init__(self, cards: Mapping[str, Box], links: Iterable[Link]) -> None:
        by_side: dict[tuple[str, Side], list[tuple[float, float, str]]] = defaultdict(list)
        for link in links:
            if link.target not in cards or not all(s in cards for s in link.sources):
                continue
            target = cards[link.target]
            source = cards[link.source]
            if link.co_sources:
                source = _point_box(joint([cards[s] for s in link.sources], target))
            side = _entry_side(source, target, link.across)
            cx, cy = (source[0] + source[2]) / 2, (source[1] + source[3]) / 2
            along, across = (cx, cy) if side[0] == 0 else (cy, cx)
            by_side[(link.target, side)].append((along, across, link.id))
        self._slots: dict[str, tuple[int, int]] = {}
        for entering in by_side.values():
            entering.sort()
            for index, (_, _, link_id) in enumerate(entering):
                self._slots[link_id] = (index, len(entering))

    def port(self, link: Link, source: Box, target: Box) -> tuple[Point, Side]:
        """Return where ``link`` enters ``target`` and the direction it heads out of it there."""
        side = _entry_side(source, target, link.across)
        index, count = self._slots.get(link.id, (0, 1))
        share = (index + 1) / (count + 1)
        left, top, right, bottom = target
        if side[0] == 0:
            x = _along(left, right, share)
            return (x, bottom if side == DOWN else top), side
        y = _along(top, bottom, share)
        return (right if side == RIGHT else left, y), side


def _along(low: float, high: float, share: float) -> float:
    """Return the point ``share`` of the way from ``low`` to ``high``, clear of the corners."""
    inset = min(CORNER_INSET, (high - low) / 2)
    return low + inset + (high - low - 2 * inset) * share


def _entry_side(source: Box, target: Box, across: bool) -> Side:
    """Return the side of ``target`` facing ``source``, as the direction out of it."""
    apart = source[0] > target[2] or target[0] > source[2]
    if (across and apart) or not (target[3] <= source[1] or source[3] <= target[1]):
        return RIGHT if source[0] > (target[0] + target[2]) / 2 else LEFT
    return DOWN if target[3] <= source[1] else UP


class Router:
    """Routes for the relations of one drawing of a map: cards, their ports, and the search."""

    def __init__(self, boxes: Mapping[str, Box], links: Iterable[Link]) -> None:
        self.cards = Cards(boxes)
        self.ports = Ports(self.cards.boxes, links)

    def route(self, link: Link, source: Box, target: Box) -> Polyline:
        """Return the polyline from ``source`` into ``target``, its last stretch into the port.

        ``source`` and ``target`` are the two cards' rectangles where they stand now (one
        may be on its way in a drag); the other cards are taken where the router has them.
        """
        end, inward = self.ports.port(link, source, target)
        # A linked reason's arrow leaves its joint, outside every card: it joins only its target.
        ends = {link.target} if link.co_sources else {link.source, link.target}
        shapes = _expected_shapes(link, source, target, end, inward)
        for shape in shapes:
            if not self.cards.crossed(shape, ends):
                return shape
        start, outward = _exit(source, end, _opposite(inward))
        found = self._search(
            start, outward=outward, end=end, inward=inward, source=source, target=target, ends=ends
        )
        return found or self._bypass(link, source, target, end, ends)

    def route_linked(self, link: Link, premises: Sequence[Box], target: Box) -> list[Polyline]:
        """Return a linked reason's drawing: first the arrow from the joint into ``target``,
        then each premise's path to the joint (``premises`` where they stand now)."""
        meet = joint(premises, target)
        below = meet[1] > max(box[3] for box in premises)
        arrow = self.route(link, _point_box(meet), target)
        stems = []
        for premise, box in zip(link.sources, premises, strict=True):
            x = (box[0] + box[2]) / 2
            stem = _corners([(x, box[3] if below else box[1]), (x, meet[1]), meet])
            if self.cards.crossed(stem, {premise}):  # behind a co-premise, it would join it
                stem = self.route_to_point(Link(link.id, premise, link.target), box, meet)
            stems.append(stem)
        return [arrow, *stems]

    def route_to_point(self, link: Link, source: Box, point: Point) -> Polyline:
        """Return the polyline of an undercut: from ``source`` to ``point`` on another route."""
        above = point[1] < source[1]
        start = (_clamp(point[0], source), source[1]) if above else _border_point(source, point)
        ends = {link.source}
        straight = [start, point]
        if not self.cards.crossed(straight, ends):
            return straight
        side = UP if above else _side_towards(source, point)
        start, outward = _exit(source, point, side)
        found = self._search(
            start, outward=outward, end=point, inward=None, source=source, target=None, ends=ends
        )
        return found or self._bypass(link, source, (*point, *point), point, ends)

    def _search(
        self,
        start: Point,
        *,
        outward: Side,
        end: Point,
        inward: Side | None,
        source: Box,
        target: Box | None,
        ends: Collection[str],
    ) -> Polyline | None:
        """Return a path found on the grid near the two ends, or None when none is near."""
        xs = [start[0], end[0], source[0], source[2]]
        ys = [start[1], end[1], source[1], source[3]]
        if target is not None:
            xs += [target[0], target[2]]
            ys += [target[1], target[3]]
        margin = WINDOW
        while True:
            window = (min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin)
            cells = (window[2] - window[0]) * (window[3] - window[1]) / CELL**2
            if cells > MAX_CELLS:
                return None
            found = _grid_path(
                self.cards, window, start, outward=outward, end=end, inward=inward, ends=ends
            )
            if found is not None:
                return found
            margin *= 2

    def _bypass(
        self, link: Link, source: Box, target: Box, end: Point, ends: Collection[str]
    ) -> Polyline:
        """Return a route along a lane down which no card stands: the gutter between two
        maps, or beside every card between the two heights; each end reaches the lane
        along the row gap that crosses fewest cards."""
        lane = link.lane
        if lane is None:
            top, bottom = min(source[1], target[1]), max(source[3], target[3])
            low, high = self.cards.reach(top, bottom) or (source[0], source[2])
            middle = (source[0] + source[2] + target[0] + target[2]) / 4
            lane = low - SPINE if middle - low <= high - middle else high + SPINE
        out = self._leg(source, lane, None, ends)
        into = self._leg(target, lane, _port_level(target, end), ends)
        return _corners(out + into[::-1])

    def _leg(self, card: Box, lane: float, level: float | None, ends: Collection[str]) -> Polyline:
        """Return the points from ``card``'s side facing ``lane`` to the lane: straight out
        when that is clear, else beside the card and along the row gap above or below it
        (or above or below a card in the way) that crosses fewest cards."""
        left, top, right, bottom = card
        rightwards = lane > (left + right) / 2
        side = right if rightwards else left
        stub = side + (STUB if rightwards else -STUB)
        if level is None:
            level = min(top + 24.0, (top + bottom) / 2)
        start = (side, level)
        straight = [start, (lane, level)]
        blocking = list(self.cards.crossings(straight, ends))
        if not blocking:
            return straight
        heights = {bottom + DETOUR, top - DETOUR}
        for other in blocking:
            heights |= {other[3] + GAP_DETOUR, other[1] - GAP_DETOUR}
        best, fewest = straight, len(blocking)
        for y in sorted(heights, key=lambda y: abs(y - level))[:MAX_HEIGHTS]:
            shape = [start, (stub, level), (stub, y), (lane, y)]
            crossed = sum(1 for _ in self.cards.crossings(shape, ends))
            if crossed < fewest:
                best, fewest = shape, crossed
                if not crossed:
                    break
        return best


def _port_level(target: Box, end: Point) -> float:
    """Return the height at which a route along a lane enters ``target``'s side: the port's
    own when it is on a side, else as far down the side as the port is along the edge (so
    ports apart stay apart)."""
    left, top, right, bottom = target
    if end[0] in (left, right):
        return end[1]
    share = (end[0] - left) / (right - left) if right > left else 0.5
    return _along(top, bottom, share)


def _expected_shapes(
    link: Link, source: Box, target: Box, end: Point, inward: Side
) -> list[Polyline]:
    """Return the routes a reader expects for this pair of cards, the likeliest first."""
    left, top, right, bottom = source
    if inward[0] != 0:  # side by side, or across maps: leave by the side facing the target
        exit_x = right if inward == LEFT else left
        level = min(top + 24.0, (top + bottom) / 2)
        start = (exit_x, level)
        lane = link.lane
        if lane is None or not min(exit_x, end[0]) < lane < max(exit_x, end[0]):
            lane = (exit_x + end[0]) / 2
        bent = [start, (lane, level), (lane, end[1]), end]
        return [bent, [start, end]] if link.across else [[start, end], bent]
    if inward == UP:  # the target is below: leave by the bottom
        return [[(_clamp(end[0], source), bottom), end]]
    straight = [(_clamp(end[0], source), top), end]
    gap = top - target[3]
    if gap <= SIDE_ENTRY_GAP:
        return [straight]
    # A card hung in a column leaves by its left side and runs up the spine gap.
    level = top + min((bottom - top) / 2, 24.0)
    spine = left - SPINE
    turn = target[3] + min(36.0, gap / 2)
    hung = [(left, level), (spine, level), (spine, turn), (end[0], turn), end]
    return [hung, straight]


def _exit(source: Box, towards: Point, side: Side) -> tuple[Point, Side]:
    """Return where a searched route leaves ``source`` by ``side``, aimed at ``towards``."""
    left, top, right, bottom = source
    if side == UP:
        return (_clamp(towards[0], source), top), side
    if side == DOWN:
        return (_clamp(towards[0], source), bottom), side
    level = min(max(towards[1], top + CORNER_INSET), bottom - CORNER_INSET)
    if bottom - top < 2 * CORNER_INSET:
        level = (top + bottom) / 2
    return (right if side == RIGHT else left, level), side


def _opposite(side: Side) -> Side:
    return (-side[0], -side[1])


def _side_towards(box: Box, point: Point) -> Side:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    dx, dy = point[0] - cx, point[1] - cy
    if abs(dx) * (box[3] - box[1]) > abs(dy) * (box[2] - box[0]):
        return RIGHT if dx > 0 else LEFT
    return DOWN if dy > 0 else UP


def _clamp(x: float, box: Box) -> float:
    """Return ``x`` moved inside ``box``'s width, clear of its corners."""
    left, right = box[0], box[2]
    if right - left <= 2 * CORNER_INSET:
        return (left + right) / 2
    return min(max(x, left + CORNER_INSET), right - CORNER_INSET)


def _border_point(box: Box, towards: Point) -> Point:
    """Return where the line from ``box``'s centre to ``towards`` leaves ``box``."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    half_w, half_h = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf, 1.0)
    return cx + dx * scale, cy + dy * scale


def _grid_path(
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
    return _corners(head + cells[1:-1] + tail)


def _corners(points: Polyline) -> Polyline:
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


def route_all(boxes: Mapping[str, Box], links: Sequence[Link]) -> dict[str, Polyline]:
    """Return every link's route, where the cards stand in ``boxes``; undercuts aim at the
    middles of the routes they target (so links come targets first). A linked reason's
    route is its arrow from the joint; ``Router.route_linked`` gives its stems too."""
    router = Router(boxes, links)
    routes: dict[str, Polyline] = {}
    for link in links:
        source = boxes.get(link.source)
        if source is None:
            continue
        if link.co_sources and link.target in boxes:
            if all(s in boxes for s in link.co_sources):
                premises = [boxes[s] for s in link.sources]
                routes[link.id] = router.route_linked(link, premises, boxes[link.target])[0]
        elif link.target in boxes:
            routes[link.id] = router.route(link, source, boxes[link.target])
        elif link.target in routes:
            routes[link.id] = router.route_to_point(link, source, halfway(routes[link.target]))
    return routes
