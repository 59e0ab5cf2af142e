"""Axis ticks on every time scale: calendar ticks piece by piece, event dates, distances.

A chronological scale is ticked by argline.layout.ticks. A collapsed one is ticked piece
by piece, each at its own zoom, as if each piece were a chronological view of its own; a
sequential one at the dates of its events (as many as fit, in order); a logarithmic one
at round distances from its reference ("1 year before", "10 years before").
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace

from argline.layout.ticks import AxisTicks, Measure, Tick, TickUnit, axis_ticks
from argline.layout.time_scale import TimeScale
from argline.layout.time_warp import LogWarp, Piece, ScaleKind, TimeWarp
from argline.model.calendar import date_at_axis
from argline.model.dates import HistoricalDate, Precision

EVENTS = TickUnit("events", 1, "event", 1.0)
DISTANCES = TickUnit("distances", 1, "distance", 1.0)

_YEAR = 365.2425
_MIN_TICK_PIXELS = 12.0
# Round distances from the reference, in days, with their words.
_DISTANCES = (
    (1.0, "1 day"),
    (7.0, "1 week"),
    (_YEAR / 12, "1 month"),
    (_YEAR / 4, "3 months"),
    (_YEAR, "1 year"),
    *((m * 10**e * _YEAR, f"{m * 10**e:,} years") for e in range(7) for m in (2, 5, 10)),
)


def warped_ticks(
    warp: TimeWarp,
    scale: TimeScale,
    measure: Measure,
    dates: Sequence[tuple[float, str, int]] = (),
    *,
    gap: float = 8.0,
    pad: float = 3.0,
) -> AxisTicks:
    """Return the ticks of a frame on ``scale`` (in the warp's units).

    ``dates``: the sequential scale's labels, (units, text, 0) in order, one per distinct start.
    """
    kind = warp.kind
    if kind is ScaleKind.SEQUENTIAL:
        return _labelled(EVENTS, scale, measure, dates, gap=gap, pad=pad)
    if isinstance(warp, LogWarp):
        return _labelled(DISTANCES, scale, measure, _distances(warp, scale), gap=gap, pad=pad)
    if not warp.pieces:
        return axis_ticks(_in_days(warp, scale), measure, gap=gap, pad=pad)
    return _piecewise(warp, scale, measure, gap, pad)


def _in_days(warp: TimeWarp, scale: TimeScale) -> TimeScale:
    return TimeScale(warp.day(scale.start), warp.day(scale.end), scale.width)


def _piecewise(
    warp: TimeWarp, scale: TimeScale, measure: Measure, gap: float, pad: float
) -> AxisTicks:
    """Tick each piece in view as a chronological view of its own width."""
    minor: list[Tick] = []
    major: list[Tick] = []
    widest: tuple[float, AxisTicks] | None = None
    for piece in _pieces_in_view(warp.pieces, scale):
        left, right = max(scale.x(piece.start), 0.0), min(scale.x(piece.end), scale.width)
        if right - left < 1.0:
            continue
        first = _day_in(piece, scale.value_at(left))
        last = _day_in(piece, scale.value_at(right))
        own = axis_ticks(TimeScale(first, last, right - left), measure, gap=gap, pad=pad)
        minor += [_moved(tick, left, piece, warp) for tick in own.minor]
        major += [_moved(tick, left, piece, warp) for tick in own.major]
        if widest is None or right - left > widest[0]:
            widest = (right - left, own)
    if widest is None:
        return axis_ticks(_in_days(warp, scale), measure, gap=gap, pad=pad)
    return AxisTicks(widest[1].unit, tuple(minor), tuple(major))


def _pieces_in_view(pieces: Sequence[Piece], scale: TimeScale) -> Iterable[Piece]:
    # The first piece reaches back, and the last on, as far as the view goes.
    for n, piece in enumerate(pieces):
        start = -math.inf if n == 0 else piece.start
        end = math.inf if n == len(pieces) - 1 else piece.end
        if end > scale.start and start < scale.end:
            yield replace(piece, start=max(start, scale.start), end=min(end, scale.end))


def _day_in(piece: Piece, unit: float) -> float:
    return piece.first_day + (unit - piece.start) * piece.days_per_unit


def _moved(tick: Tick, left: float, piece: Piece, warp: TimeWarp) -> Tick:
    return replace(tick, value=warp.units(tick.value), x=tick.x + left, label_x=tick.label_x + left)


def _distances(warp: LogWarp, scale: TimeScale) -> list[tuple[float, str, int]]:
    """Return the round distances in view, in units, by place: before, the reference, after;
    each with its rank (the reference's date first, then powers of ten of days, months and
    years)."""
    year, month, day = date_at_axis(warp.reference)[:3]
    marks = [
        (
            warp.units(warp.reference),
            HistoricalDate(year, month, day, precision=Precision.DAY).display(),
            -1,
        )
    ]
    for days, words in _DISTANCES:
        rank = 0 if words.lstrip("1,0 ") in {"day", "month", "year", "years"} else 1
        marks.append((warp.units(warp.reference - days), f"{words} before", rank))
        marks.append((warp.units(warp.reference + days), f"{words} after", rank))
    marks.sort()
    return [mark for mark in marks if scale.start <= mark[0] <= scale.end]


def _labelled(
    unit: TickUnit,
    scale: TimeScale,
    measure: Measure,
    marks: Sequence[tuple[float, str, int]],
    *,
    gap: float,
    pad: float,
) -> AxisTicks:
    """Return ticks at ``marks`` (units, label, rank) in view, in order. Labels are placed
    rank by rank (lowest first), each where it keeps clear of those placed; more marks than fit
    a tick each 12 pixels apart are taken evenly."""
    first = bisect_left(marks, (scale.start,))
    last = bisect_right(marks, (scale.end, "\uffff"))
    most = max(int(scale.width / _MIN_TICK_PIXELS), 1)
    shown = marks[first : last : max(math.ceil((last - first) / most), 1)]
    taken: list[tuple[float, float]] = []  # the labels placed, left to right, gaps included
    labelled: dict[int, float] = {}
    for n in sorted(range(len(shown)), key=lambda n: shown[n][2]):
        value, text, _ = shown[n]
        left, width = scale.x(value) + pad, measure(text)
        right = left + width + gap
        k = bisect_left(taken, (left,))
        clear = (k == 0 or taken[k - 1][1] <= left) and (k == len(taken) or right <= taken[k][0])
        if clear and left + width <= scale.width:
            taken.insert(k, (left, right))
            labelled[n] = width
    ticks = tuple(
        Tick(
            value,
            scale.x(value),
            text if n in labelled else "",
            scale.x(value) + pad,
            labelled.get(n, 0.0),
        )
        for n, (value, text, _) in enumerate(shown)
    )
    return AxisTicks(unit, ticks, ())
