"""Time scales for clustered history: where each date sits along the axis, scale by scale.

History comes in clusters (the seed corpus: a few events in the 1800s, a dozen in
2014–2018), and a linear axis squeezes the clusters to give the empty stretches their
width. Beside the chronological scale, the timeline design space of Brehmer et al. (IEEE
TVCG 2017) has a *collapsed* scale (long empty stretches shrunk to a marked break), a
*sequential* one (events in order, evenly spaced) and a *logarithmic* one (time before or
after a reference moment). Each is a warp: a strictly increasing map from axis days to
the units a view shows linearly, so that zooming, panning, packing and hit-testing work
on warped values as they do on days, and order (hence every event's position) is kept.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from heapq import merge
from itertools import pairwise
from typing import Protocol

from argline.model.calendar import date_at_axis, days_from_civil
from argline.model.dates import HistoricalDate


class ScaleKind(Enum):
    """The scales a timeline offers; the values are the command line's words."""

    LINEAR = "linear"
    COLLAPSED = "collapsed"
    SEQUENTIAL = "sequential"
    LOG = "log"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ScaleKind.LINEAR: "Chronological",
    ScaleKind.COLLAPSED: "Collapsed",
    ScaleKind.SEQUENTIAL: "Sequential",
    ScaleKind.LOG: "Logarithmic",
}

# Collapsed: an empty stretch longer than this share of everything drawn becomes a break,
# each break takes this share of the axis (all of them, at most the next), and a piece at
# least the last share.
_BREAK_OVER = 1 / 20
_BREAK_SHARE = 0.03
_BREAKS_AT_MOST = 0.2
_LEAST_PIECE = 1 / 20
_SECOND = 1 / 86_400
# Logarithmic: distances are counted from a day, so that the reference's own day and the
# next ones are told apart, and the units are scaled to read like days near it.
_LOG_DAY = 1.0


@dataclass(frozen=True, slots=True)
class AxisBreak:
    """An empty stretch shrunk on a collapsed scale: from ``start`` to ``end`` in units,
    hiding the days from ``first_day`` to ``last_day`` (in which no event is drawn)."""

    start: float
    end: float
    first_day: float
    last_day: float

    @property
    def label(self) -> str:
        """Name the whole years hidden ("1868–1974"), or "…" when it hides less than one."""
        year, month, day = date_at_axis(self.first_day)[:3]
        first = (
            year
            if (month, day) == (1, 1) and self.first_day == math.floor(self.first_day)
            else year + 1
        )
        last = date_at_axis(self.last_day)[0] - 1
        if first > last:
            return "…"
        if first == last:
            return HistoricalDate(first).display()
        return f"{HistoricalDate(first).display()}–{HistoricalDate(last).display()}"


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the axis shown at one zoom of its own: days ``first_day``..``last_day``
    linearly over units ``start``..``end`` (ticks on it follow that zoom)."""

    start: float
    end: float
    first_day: float
    last_day: float

    @property
    def days_per_unit(self) -> float:
        return (self.last_day - self.first_day) / (self.end - self.start)


class TimeWarp(Protocol):
    """A strictly increasing map from axis days to the units a view shows linearly."""

    @property
    def kind(self) -> ScaleKind: ...

    @property
    def breaks(self) -> tuple[AxisBreak, ...]:
        """The empty stretches shrunk (a collapsed scale's), in order."""
        ...

    @property
    def pieces(self) -> tuple[Piece, ...]:
        """The stretches each shown at a zoom of its own, in order (none: one zoom)."""
        ...

    def units(self, day: float) -> float:
        """Return where the day falls in units."""
        ...

    def day(self, unit: float) -> float:
        """Return the day at a place in units (the inverse of ``units``)."""
        ...


class KnotWarp:
    """A warp through knots, linear between them and beyond them: the chronological,
    collapsed and sequential scales are all of this kind."""

    __slots__ = ("_days", "_units", "breaks", "kind", "pieces")

    def __init__(
        self,
        kind: ScaleKind,
        days: Sequence[float],
        units: Sequence[float],
        breaks: Sequence[AxisBreak] = (),
        pieces: Sequence[Piece] = (),
    ) -> None:
        """``days`` and ``units`` are the knots, both strictly increasing, two at least."""
        if len(days) != len(units) or len(days) < 2:
            raise ValueError("a warp needs two knots or more, as many days as units")
        if not (_increasing(days) and _increasing(units)):
            raise ValueError("a warp's knots must increase")
        self.kind = kind
        self._days, self._units = array("d", days), array("d", units)
        self.breaks = tuple(breaks)
        self.pieces = tuple(pieces)

    def units(self, day: float) -> float:
        return _through(day, self._days, self._units)

    def day(self, unit: float) -> float:
        return _through(unit, self._units, self._days)


class LogWarp:
    """Days before or after a reference day on a logarithmic scale, mirrored about it:
    a day, a week, a year and a century from the reference are told apart alike."""

    __slots__ = ("reference",)
    kind = ScaleKind.LOG
    breaks: tuple[AxisBreak, ...] = ()
    pieces: tuple[Piece, ...] = ()

    def __init__(self, reference: float) -> None:
        self.reference = reference

    def units(self, day: float) -> float:
        distance = day - self.reference
        return math.copysign(math.log1p(abs(distance) / _LOG_DAY), distance)

    def day(self, unit: float) -> float:
        return self.reference + math.copysign(math.expm1(abs(unit)) * _LOG_DAY, unit)


def identity(kind: ScaleKind = ScaleKind.LINEAR) -> KnotWarp:
    """Return the warp that leaves days as they are (a scale with nothing to reshape)."""
    return KnotWarp(kind, (0.0, 1.0), (0.0, 1.0))


def _increasing(values: Sequence[float]) -> bool:
    return all(a < b for a, b in pairwise(values))


LINEAR = identity()


def _through(value: float, xs: array[float], ys: array[float]) -> float:
    """Return ``value`` carried from the xs to the ys of the knots, linearly, the first and
    last stretches going on beyond the knots."""
    k = min(max(bisect_right(xs, value) - 1, 0), len(xs) - 2)
    x0, x1, y0, y1 = xs[k], xs[k + 1], ys[k], ys[k + 1]
    return y0 + (value - x0) * (y1 - y0) / (x1 - x0)


def collapsed(intervals: Iterable[tuple[float, float]]) -> KnotWarp:
    """Return the collapsed scale of what is drawn (``intervals`` of days, by start).

    Stretches drawn close together make pieces; an empty stretch longer than a twentieth
    of everything becomes a break of fixed width. Each piece reaches out to whole years
    where its neighbours leave room, and is as wide as its share of what is drawn (a
    twentieth at the least): a cluster of many events in a few years gets the room its
    labels need, and a lone event in a long piece does not.
    """
    runs: list[list[float]] = []
    counts: list[int] = []
    ordered = list(intervals)
    if not ordered:
        return identity(ScaleKind.COLLAPSED)
    first, last = ordered[0][0], max(end for _, end in ordered)
    longest_gap = max((last - first) * _BREAK_OVER, 1.0)
    for start, end in ordered:
        if runs and start - runs[-1][1] <= longest_gap:
            runs[-1][1] = max(runs[-1][1], end)
            counts[-1] += 1
        else:
            runs.append([start, max(end, start + 1.0)])
            counts.append(1)
    if len(runs) < 2:
        return identity(ScaleKind.COLLAPSED)
    _to_whole_years(runs)
    total = last - first
    breaks_share = min(_BREAK_SHARE * (len(runs) - 1), _BREAKS_AT_MOST)
    weights = [max(count / len(ordered), _LEAST_PIECE) for count in counts]
    room = total * (1 - breaks_share)
    gap = total * breaks_share / (len(runs) - 1)
    days: list[float] = []
    units: list[float] = []
    pieces: list[Piece] = []
    breaks: list[AxisBreak] = []
    unit = first
    for n, ((start, end), weight) in enumerate(zip(runs, weights, strict=True)):
        if n:
            breaks.append(AxisBreak(unit, unit + gap, runs[n - 1][1], start))
            unit += gap
        width = room * weight / sum(weights)
        pieces.append(Piece(unit, unit + width, start, end))
        days += (start, end)
        units += (unit, unit + width)
        unit += width
    return KnotWarp(ScaleKind.COLLAPSED, days, units, breaks, pieces)


def _to_whole_years(runs: list[list[float]]) -> None:
    """Widen each run to the first day of its first year and of the year after its last,
    by a quarter of the empty stretch beside it at the most (so breaks stay breaks)."""
    for n, run in enumerate(runs):
        start, end = run
        year_start = float(days_from_civil(date_at_axis(start)[0], 1, 1))
        last_year = date_at_axis(end - _SECOND)[0]  # the year of the run's last second
        year_end = float(days_from_civil(last_year + 1, 1, 1))
        room_before = (start - runs[n - 1][1]) / 4 if n else math.inf
        room_after = (runs[n + 1][0] - end) / 4 if n + 1 < len(runs) else math.inf
        run[0] = max(year_start, start - room_before)
        run[1] = min(year_end, end + room_after)


def sequential(starts: Sequence[float]) -> KnotWarp:
    """Return the sequential scale of events starting at ``starts`` (in order): each
    distinct start one step after the one before; spans and eras fall between by date."""
    distinct = [start for n, start in enumerate(starts) if not n or start != starts[n - 1]]
    if len(distinct) < 2:
        return identity(ScaleKind.SEQUENTIAL)
    step = (distinct[-1] - distinct[0]) / (len(distinct) - 1)
    units = [distinct[0] + n * step for n in range(len(distinct))]
    return KnotWarp(ScaleKind.SEQUENTIAL, distinct, units)


def drawn_intervals(
    starts: Sequence[float], ends: Sequence[float], marks: Iterable[tuple[float, float]]
) -> Iterable[tuple[float, float]]:
    """Return the intervals a timeline draws, by start: its events (``starts`` in order)
    and other marks (publications, disputed dates) in any order."""
    return merge(zip(starts, ends, strict=True), sorted(marks))
