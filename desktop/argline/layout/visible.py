"""Which events a frame shows, found by bisecting sorted arrays, never by visiting them all.

Each lane keeps its events in start order, and those longer than a day in tiers by length
(a month, a year, a decade, …), each tier sorted by start. An event overlaps the view
[v0, v1) when it starts before v1 and ends after v0; within a tier nothing longer than the
tier's longest event exists, so its visible events all start in [v0 − longest, v1): two
bisects find them, and only the few that start in the left margin need their end checked
(events of a day or less, in the lane's own list, from a day before v0). Those that
start in view are a stretch of the lane's own list, walked without the tiers: a view
starting before the lane's first event (the whole timeline, as an image shows it) needs
no tiers at all, and an image's index need not make them.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, islice, repeat
from operator import call, le, sub
from typing import TypeVar

from argline.layout.splice import Splice

_T = TypeVar("_T", int, float)
# Tier bounds for events whose median length is a day (a day and its times, a month, a
# year, a decade, a century, longer); axis values in other units (a warped scale's) scale
# them by their events' median length. Events up to the first bound are found in the
# lane's own list and have no tier: most events are of a day (two thirds of a million
# here), and their tier took half the time.
_TIER_LIMITS = (1.5, 32.0, 367.0, 3660.0, 36530.0, math.inf)
# Tables for bytes.translate: the k-th maps byte k to 1 and every other byte to 0.
_ONE_AT = tuple(bytes(k) + b"\x01" + bytes(255 - k) for k in range(len(_TIER_LIMITS)))
# Lengths sampled to find the median.
_SAMPLED = 1001


class _Tier:
    """Some events of one lane (all of them, or one length class), in start order.

    They are named by ``ranks``, their places in the lane's own list: by them the tiers
    merge back into the lane's order, and the walk finds the events themselves.
    """

    __slots__ = ("ends", "longest", "ranks", "starts")

    def __init__(
        self,
        starts: array[float],
        ends: array[float],
        ranks: Sequence[int],
        longest: float | None = None,
    ) -> None:
        """``longest``: the longest event's days, when known (else they are measured)."""
        self.starts, self.ends, self.ranks = starts, ends, ranks
        self.longest = max(map(sub, ends, starts), default=0) if longest is None else longest


def _dealt(lanes: Sequence[int], values: Iterable[_T], columns: list[array[_T]]) -> list[array[_T]]:
    """Append each value to the column of its lane, in turn; return the columns.

    By map, not a loop over the events nor a sort by lane: 0.12 s less at 1,000,000.
    """
    appends: list[Callable[[_T], None]] = [column.append for column in columns]
    deque(map(call, map(appends.__getitem__, lanes), values), maxlen=0)
    return columns


def _tier_limits(starts: Sequence[float], ends: Sequence[float]) -> tuple[float, ...]:
    """Return the tier bounds for these events: a day's, times their median length."""
    step = max(len(starts) // _SAMPLED, 1)
    lengths = sorted(map(sub, islice(ends, 0, None, step), islice(starts, 0, None, step)))
    median = lengths[len(lengths) // 2] if lengths else 1.0
    return tuple(limit * median for limit in _TIER_LIMITS) if median > 0 else _TIER_LIMITS


def _number(numbered: tuple[int, _Tier]) -> int:
    return numbered[0]


class VisibleWalk:
    """Walks the events of one lane that overlap the view, by start; can skip ahead.

    First come the few that start by the view's first day and reach into it (picked from
    the tiers), then those starting in view: a stretch of the lane's own list, walked
    with one cursor and skipped along by one bisect.
    """

    __slots__ = ("_before", "_before_starts", "_events", "_next", "_position", "_starts", "_stop")

    def __init__(
        self,
        events: Sequence[int],
        whole: _Tier,
        tiers: Sequence[_Tier],
        span: tuple[float, float],
        shortest: float,
    ) -> None:
        """Walk [v0, v1) = ``span``; ``tiers`` hold the lane's events longer than
        ``shortest`` (none are needed when none of the lane's events starts by ``v0``)."""
        v0, v1 = span
        self._events, self._starts = events, whole.starts
        # An event starting after v0 ends after it too: in view if it starts before v1.
        self._position = bisect_right(whole.starts, v0)
        self._stop = bisect_left(whole.starts, v1, self._position)
        # Events of a day or less reach into view only from the day before it: those are
        # looked at in the lane's own list, and the tiers hold only longer events.
        short = range(bisect_left(whole.starts, v0 - shortest), self._position)
        before = [rank for rank in short if whole.ends[rank] > v0]
        before += [
            tier.ranks[k]
            for tier in tiers
            for k in range(
                bisect_left(tier.starts, v0 - tier.longest),
                bisect_left(tier.starts, v0 - shortest),
            )
            if tier.ends[k] > v0
        ]
        # By rank, the lane's own order: all of them start before the stretch that follows.
        before.sort()
        self._before = before
        self._before_starts = [whole.starts[rank] for rank in before]
        self._next = 0

    def next(self) -> int | None:
        """Return the next visible event (by start), or None when the lane has no more."""
        k = self._next
        if k < len(self._before):
            self._next = k + 1
            return self._events[self._before[k]]
        position = self._position
        if position < self._stop:
            self._position = position + 1
            return self._events[position]
        return None

    def skip_to(self, value: float) -> None:
        """Pass over every event starting before ``value`` (they are hidden, not lost)."""
        if self._next < len(self._before):
            self._next = bisect_left(self._before_starts, value, self._next)
        self._position = bisect_left(self._starts, value, self._position, self._stop)


class TimelineIndex:
    """Each lane's events in start order, with sorted ends, and in tiers by length."""

    def __init__(
        self,
        starts: Sequence[float],
        ends: Sequence[float],
        lanes: Sequence[int],
        lane_count: int,
    ) -> None:
        """Index the events, each lane's tiers left until a view first needs them or
        ``index_next_lane`` makes them: a view of everything (the first frame, an image of
        the whole timeline) needs none, and at 1,000,000 events they take 0.3 s."""
        if not len(starts) == len(ends) == len(lanes):
            raise ValueError("starts, ends and lanes differ in length")
        positions: Sequence[int] = range(len(starts))
        if not all(map(le, starts, islice(starts, 1, None))):
            positions = sorted(positions, key=starts.__getitem__)
            starts = list(map(starts.__getitem__, positions))
            ends = list(map(ends.__getitem__, positions))
            lanes = list(map(lanes.__getitem__, positions))
        # Each event's position, start and end dealt to its lane, in start order.
        self._events = _dealt(lanes, positions, [array("l") for _ in range(lane_count)])
        lane_starts = _dealt(lanes, starts, [array("d") for _ in range(lane_count)])
        lane_ends = _dealt(lanes, ends, [array("d") for _ in range(lane_count)])
        self._whole = [
            _Tier(starts_, ends_, range(len(starts_)))
            for starts_, ends_ in zip(lane_starts, lane_ends, strict=True)
        ]
        self._lane_ends = [array("d", sorted(whole.ends)) for whole in self._whole]
        self._limits = _tier_limits(starts, ends)
        self._tiers: list[list[_Tier] | None] = [None] * lane_count
        self._tightest: dict[tuple[int, int], float] = {}

    def index_next_lane(self) -> bool:
        """Make the tiers of the first lane still without them; return False when every
        lane has its tiers. A window calls it while idle, so that zooming in rarely waits."""
        lane = next((lane for lane, tiers in enumerate(self._tiers) if tiers is None), None)
        if lane is None:
            return False
        self._tiers_of(lane)
        return True

    def follow(
        self,
        splice: Splice,
        old_lanes: Sequence[int],
        starts: Sequence[float],
        ends: Sequence[float],
        lanes: Sequence[int],
    ) -> None:
        """Follow a splice of the columns indexed (``starts``, ``ends`` and ``lanes`` are the
        new ones; ``old_lanes`` the lanes before): every lane's positions move by the kept
        stretches, and only the lanes that lost or gained events are indexed again, from
        their own events (a few milliseconds a lane, not the store's 70 at 100,000 events).
        """
        lost: dict[int, list[int]] = defaultdict(list)
        gained: dict[int, list[int]] = defaultdict(list)
        for position in splice.removed:
            lost[old_lanes[position]].append(position)
        for position in splice.inserted:
            gained[lanes[position]].append(position)
        for lane, events in enumerate(self._events):
            kept = splice.follow(events)
            if lane not in lost and lane not in gained:
                self._events[lane] = kept
                continue
            removed = [bisect_left(events, position) for position in lost.get(lane, ())]
            for position in gained.get(lane, ()):
                insort(kept, position)
            inserted = [bisect_left(kept, position) for position in gained.get(lane, ())]
            self._events[lane] = kept
            self._reindex(lane, Splice.of(len(events), removed, inserted), starts, ends)

    def _reindex(
        self, lane: int, splice: Splice, starts: Sequence[float], ends: Sequence[float]
    ) -> None:
        """Index the lane's events again after a splice of its own list (``splice``, by rank)."""
        events, old = self._events[lane], self._whole[lane]
        added = [events[rank] for rank in splice.inserted]
        lane_starts, lane_ends = array("d"), array("d")
        splice.fill(lane_starts, old.starts, [starts[event] for event in added])
        splice.fill(lane_ends, old.ends, [ends[event] for event in added])
        whole = self._whole[lane] = _Tier(lane_starts, lane_ends, range(len(events)))
        by_end = self._lane_ends[lane]
        for rank in splice.removed:
            del by_end[bisect_left(by_end, old.ends[rank])]
        for rank in splice.inserted:
            insort(by_end, whole.ends[rank])
        self._tightest = {key: known for key, known in self._tightest.items() if key[0] != lane}
        tiers = self._tiers[lane]
        if tiers is not None:
            self._tiers[lane] = self._tiers_spliced(tiers, splice, whole)

    def _tier_number(self, length: float) -> int:
        return bisect_left(self._limits, length)

    def _tiers_spliced(self, tiers: list[_Tier], splice: Splice, whole: _Tier) -> list[_Tier]:
        """Return a lane's tiers after a splice of its list: a tier that kept its events
        keeps its arrays, its ranks moved; only those that lost or gained one are made anew."""
        gained: dict[int, list[int]] = defaultdict(list)
        for rank in splice.inserted:
            if number := self._tier_number(whole.ends[rank] - whole.starts[rank]):
                gained[number].append(rank)
        spliced: list[tuple[int, _Tier]] = []
        for tier in tiers:
            number = self._tier_number(tier.ends[0] - tier.starts[0])
            moved = splice.follow(array("l", tier.ranks))
            if len(moved) == len(tier.ranks) and number not in gained:
                spliced.append((number, _Tier(tier.starts, tier.ends, moved, tier.longest)))
            else:
                gained[number].extend(moved)
        for number, ranks in gained.items():
            if not ranks:
                continue  # the tier's last event went: a lane indexed afresh would not have it
            ranks.sort()
            chosen = _Tier(
                array("d", map(whole.starts.__getitem__, ranks)),
                array("d", map(whole.ends.__getitem__, ranks)),
                array("l", ranks),
            )
            spliced.append((number, chosen))
        spliced.sort(key=_number)
        return [tier for _, tier in spliced]

    def extent(self) -> tuple[float, float] | None:
        """Return the first start and the last end of all the events, or None when none."""
        firsts = [whole.starts[0] for whole in self._whole if whole.starts]
        lasts = [ends[-1] for ends in self._lane_ends if ends]
        return (min(firsts), max(lasts)) if firsts else None

    @property
    def lane_count(self) -> int:
        return len(self._whole)

    def walk(self, lane: int, v0: float, v1: float) -> VisibleWalk:
        """Return a walk over the lane's events overlapping [v0, v1), by start."""
        whole = self._whole[lane]
        if not whole.starts or v0 < whole.starts[0]:
            # Nothing starts before the view: no tiers are needed to find what reaches in.
            return VisibleWalk(self._events[lane], whole, (), (v0, v1), self._limits[0])
        tiers = self._tiers_of(lane)
        return VisibleWalk(self._events[lane], whole, tiers, (v0, v1), self._limits[0])

    def _tiers_of(self, lane: int) -> list[_Tier]:
        """Return the lane's events longer than a day in tiers by length, split off its list
        once (from lists: picking from an array would make each of its items anew, for every
        tier)."""
        tiers = self._tiers[lane]
        if tiers is None:
            whole = self._whole[lane]
            starts, ends = whole.starts.tolist(), whole.ends.tolist()
            ranks = list(whole.ranks)
            numbers = bytes(map(bisect_left, repeat(self._limits), map(sub, ends, starts)))
            tiers = self._tiers[lane] = []
            for number in sorted(set(numbers) - {0}):  # no tier of the shortest (see the walk)
                chosen = numbers.translate(_ONE_AT[number])
                tiers.append(
                    _Tier(
                        array("d", compress(starts, chosen)),
                        array("d", compress(ends, chosen)),
                        array("l", compress(ranks, chosen)),
                    )
                )
        return tiers

    def count(self, lane: int, v0: float, v1: float) -> int:
        """Return how many of the lane's events overlap [v0, v1)."""
        # Every event ending by v0 started before v1: those starting before v1 less those.
        return bisect_left(self._whole[lane].starts, v1) - bisect_right(self._lane_ends[lane], v0)

    def starts_per_bin(self, lane: int, edges: Sequence[float]) -> list[int]:
        """Return how many of the lane's events start in each bin between consecutive edges.

        When fewer events start between the edges than there are bins, each start is put
        in its bin; otherwise each edge is bisected.
        """
        starts = self._whole[lane].starts
        bins = len(edges) - 1
        first = bisect_left(starts, edges[0])
        last = bisect_left(starts, edges[-1], first)
        if last - first > bins or bins < 1:
            # Only the edges between the first and the last start need bisecting: the bins
            # before and after those hold nothing.
            if bins < 1:
                return []
            low = max(bisect_right(edges, starts[first]) - 1, 0)
            high = min(bisect_left(edges, starts[last - 1]) + 1, bins)
            # Hundreds of edges a lane: bisected and differenced by map, not a loop.
            positions = list(
                map(bisect_left, repeat(starts), edges[low : high + 1], repeat(first), repeat(last))
            )
            inside = list(map(sub, islice(positions, 1, None), positions))
            return [0] * low + inside + [0] * (bins - high)
        counts = [0] * bins
        for k in map(bisect_right, repeat(edges), islice(starts, first, last)):
            counts[k - 1] += 1
        return counts

    def rows_needed(self, lane: int, stretch: float, most: int) -> int:
        """Return how many rows (at most ``most``) the lane's busiest stretch needs, anywhere.

        Items taking ``stretch`` days from their start need as many rows as the most starts
        that fall within ``stretch`` of each other, over the whole lane: a property of the
        zoom, not of the view, so lanes keep their heights while the view pans.
        """
        count = len(self._whole[lane].starts)
        low, high = min(1, count), min(most, count)
        if high > low and self._stretch_holding(lane, high) < stretch:
            return high  # a crowded lane at a wide zoom, as a whole-timeline image has
        while low < high:
            middle = (low + high + 1) // 2
            if self._stretch_holding(lane, middle) < stretch:
                low = middle
            else:
                high = middle - 1
        return low

    def _stretch_holding(self, lane: int, count: int) -> float:
        """Return the shortest stretch of days in which ``count`` of the lane's events start."""
        key = (lane, count)
        known = self._tightest.get(key)
        if known is None:
            starts = self._whole[lane].starts
            known = self._tightest[key] = (
                min(map(sub, starts[count - 1 :], starts)) if count > 1 else 0.0
            )
        return known
