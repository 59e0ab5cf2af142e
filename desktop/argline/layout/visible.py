"""Which events a frame shows, found by bisecting sorted arrays, never by visiting them all.

Each lane keeps its events in tiers by length (a day, a month, a year, a decade, …), each
tier sorted by start. An event overlaps the view [v0, v1) when it starts before v1 and
ends after v0; within a tier nothing longer than the tier's longest event exists, so
its visible events all start in [v0 − longest, v1): two bisects find them, and only the
few that start in the left margin need their end checked.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from itertools import islice, pairwise

# Tier bounds in days: a day (and its times), a month, a year, a decade, a century, longer.
_TIER_LIMITS = (1.5, 32.0, 367.0, 3660.0, 36530.0, math.inf)


class _Tier:
    """Events of one lane and length class, in start order."""

    __slots__ = ("ends", "events", "longest", "starts")

    def __init__(self, events: list[int], starts: Sequence[float], ends: Sequence[float]) -> None:
        events.sort(key=starts.__getitem__)
        self.events = array("l", events)
        self.starts = array("d", (starts[i] for i in events))
        self.ends = array("d", (ends[i] for i in events))
        self.longest = max((e - s for s, e in zip(self.starts, self.ends, strict=True)), default=0)


class VisibleWalk:
    """Walks the events of one lane that overlap the view, by start; can skip ahead."""

    __slots__ = ("_cursors", "_v0")

    def __init__(self, tiers: Sequence[_Tier], v0: float, v1: float) -> None:
        self._v0 = v0
        # One cursor per tier: [tier, next position, end position].
        self._cursors: list[list] = []
        for tier in tiers:
            begin = bisect_left(tier.starts, v0 - tier.longest)
            stop = bisect_left(tier.starts, v1)
            if begin < stop:
                self._cursors.append([tier, begin, stop])

    def next(self) -> int | None:
        """Return the next visible event (by start), or None when the lane has no more."""
        cursors, v0 = self._cursors, self._v0
        while True:
            chosen = None
            first = math.inf
            for cursor in cursors:
                position = cursor[1]
                if position < cursor[2] and cursor[0].starts[position] < first:
                    chosen, first = cursor, cursor[0].starts[position]
            if chosen is None:
                return None
            tier, position = chosen[0], chosen[1]
            chosen[1] = position + 1
            if tier.ends[position] > v0:
                return tier.events[position]

    def skip_to(self, value: float) -> None:
        """Pass over every event starting before ``value`` (they are hidden, not lost)."""
        for cursor in self._cursors:
            cursor[1] = max(cursor[1], bisect_left(cursor[0].starts, value, cursor[1], cursor[2]))


class TimelineIndex:
    """Sorted start/end arrays per lane and length tier, built once per loaded timeline."""

    def __init__(
        self,
        starts: Sequence[float],
        ends: Sequence[float],
        lanes: Sequence[int],
        lane_count: int,
    ) -> None:
        buckets: list[list[list[int]]] = [[[] for _ in _TIER_LIMITS] for _ in range(lane_count)]
        for event, (start, end, lane) in enumerate(zip(starts, ends, lanes, strict=True)):
            buckets[lane][bisect_left(_TIER_LIMITS, end - start)].append(event)
        self._lanes = [[_Tier(b, starts, ends) for b in tiers if b] for tiers in buckets]
        self._lane_starts = [
            array("d", sorted(s for tier in tiers for s in tier.starts)) for tiers in self._lanes
        ]

    @property
    def lane_count(self) -> int:
        return len(self._lanes)

    def walk(self, lane: int, v0: float, v1: float) -> VisibleWalk:
        """Return a walk over the lane's events overlapping [v0, v1), by start."""
        return VisibleWalk(self._lanes[lane], v0, v1)

    def count(self, lane: int, v0: float, v1: float) -> int:
        """Return how many of the lane's events overlap [v0, v1)."""
        total = 0
        for tier in self._lanes[lane]:
            begin = bisect_left(tier.starts, v0 - tier.longest)
            inside = bisect_left(tier.starts, v0)
            total += bisect_left(tier.starts, v1) - inside
            # Started in the margin: visible only if still running at v0.
            total += sum(1 for end in islice(tier.ends, begin, inside) if end > v0)
        return total

    def starts_per_bin(self, lane: int, edges: Sequence[float]) -> list[int]:
        """Return how many of the lane's events start in each bin between consecutive edges."""
        starts = self._lane_starts[lane]
        positions = [bisect_left(starts, edge) for edge in edges]
        return [b - a for a, b in pairwise(positions)]
