"""Return the routes of a map's relations: polylines that pass behind no card they do not join.

Each relation first tries the shape a reader expects: a straight line between two
rows, a hung card's path out of its left side and up the spine gap, a link across
maps along its lane in the gutter. A shape that would cross a card it does not join
is dropped for a path found by A* over a coarse grid of the free space near the two
cards (widened until one is found), with bends costing extra (``grid_search``). A grid
of buckets answers "which cards lie here" (``card_index``), so checking a shape costs
a few look-ups.

Arrowheads that share a target end at points of their own: the relations entering
one side of a card share that side out, in the order of their sources along it
(``Ports``), so arrows that run together still show which head is whose.

A linked reason is drawn as Rationale draws co-premises: a short stem up from each
premise to a bar just above them, and one arrow from the bar's middle (its *joint*)
to the target; a premise whose stem would cross a card is joined by a searched path.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from argline.layout.card_index import Cards
from argline.layout.grid_search import CELL, grid_path
from argline.layout.map_graph import Point
from argline.layout.route_geometry import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Box,
    Polyline,
    Side,
    corners,
    halfway,
)

SPINE = 18.0  # how far left of a hung card its route runs up: half the gap between columns
SIDE_ENTRY_GAP = 100.0  # a card further below its target than this leaves by its side
CORNER_INSET = 18.0  # ports and exits stay this far from a card's corners
WINDOW = 120.0  # the search looks this far round the two cards first, then wider
MAX_CELLS = 20_000  # a wider search would be slow: such routes take a lane instead
STUB = 9.0  # how far a route to a lane runs beside its card before turning
DETOUR = 14.0  # how far below or above its card a route to a lane runs along the row gap
GAP_DETOUR = 8.0  # how far below or above a card in its way it runs instead
MAX_HEIGHTS = 24  # row gaps tried for a route to a lane
JOINT_RISE = 14.0  # how far above (or below) its premises a linked reason's bar runs
# Ends further apart than this (some 60 screens at 100%) keep the expected shape, unchecked:
# no eye follows a path round the cards between, and checking it walks every bucket it
# passes, which made a random map of 10,000 claims take a minute to draw.
FAR = 100_000.0


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
        if _apart(source, target) > FAR:
            return shapes[0]
        for shape in shapes:
            if not self.cards.crossed(shape, ends):
                return shape
        start, outward = _exit(source, end, _opposite(inward))
        found = self._search(
            start, outward=outward, end=end, inward=inward, source=source, target=target, ends=ends
        )
        return found or self._bypass(link, source, target, end, ends) or shapes[0]

    def route_linked(self, link: Link, premises: Sequence[Box], target: Box) -> list[Polyline]:
        """Return a linked reason's drawing: first the arrow from the joint into ``target``,
        then each premise's path to the joint (``premises`` where they stand now)."""
        meet = joint(premises, target)
        below = meet[1] > max(box[3] for box in premises)
        arrow = self.route(link, _point_box(meet), target)
        stems = []
        for premise, box in zip(link.sources, premises, strict=True):
            x = (box[0] + box[2]) / 2
            stem = corners([(x, box[3] if below else box[1]), (x, meet[1]), meet])
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
        if _apart(source, (*point, *point)) > FAR or not self.cards.crossed(straight, ends):
            return straight
        side = UP if above else _side_towards(source, point)
        start, outward = _exit(source, point, side)
        found = self._search(
            start, outward=outward, end=point, inward=None, source=source, target=None, ends=ends
        )
        return found or self._bypass(link, source, (*point, *point), point, ends) or straight

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
            found = grid_path(
                self.cards, window, start, outward=outward, end=end, inward=inward, ends=ends
            )
            if found is not None:
                return found
            margin *= 2

    def _bypass(
        self, link: Link, source: Box, target: Box, end: Point, ends: Collection[str]
    ) -> Polyline | None:
        """Return a route along a lane down which no card stands: the gutter between two
        maps, or beside every card between the two heights; each end reaches the lane
        along the row gap that crosses fewest cards. None when that lane is over ``FAR``
        away, in a wide row of cards."""
        lane = link.lane
        if lane is None:
            top, bottom = min(source[1], target[1]), max(source[3], target[3])
            low, high = self.cards.reach(top, bottom) or (source[0], source[2])
            middle = (source[0] + source[2] + target[0] + target[2]) / 4
            lane = low - SPINE if middle - low <= high - middle else high + SPINE
            if abs(lane - middle) > FAR:
                return None
        out = self._leg(source, lane, None, ends)
        into = self._leg(target, lane, _port_level(target, end), ends)
        return corners(out + into[::-1])

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


def _apart(a: Box, b: Box) -> float:
    """Return how far apart two rectangles stand, across or down, whichever is more."""
    return max(a[0] - b[2], b[0] - a[2], a[1] - b[3], b[1] - a[3], 0.0)


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
