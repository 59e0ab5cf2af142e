"""Axis ticks that follow the zoom: the finest calendar unit whose labels fit side by side.

Units run from hours through days, months and years to a billion years; years step 1, 2,
5 × 10^k and are labelled as people count them (100 BC, AD 100, no year zero). Month,
day and hour ticks carry a second, coarser row of labels (the year, the month, the day)
so that "16" is never read without knowing which month it is in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from argline.layout.time_scale import TimeScale
from argline.model.calendar import (
    MONTH_NAMES,
    date_at_axis,
    days_from_civil,
    days_in_month,
)
from argline.model.dates import HistoricalDate

Measure = Callable[[str], float]

# Units with more ticks than one per this many pixels are not tried: their labels cannot fit.
_MIN_TICK_PIXELS = 12.0
_YEAR_DAYS = 365.2425
# Beyond ten thousand years BC, dates display the year's magnitude (HistoricalDate.display).
_DEEP_BC = 10_000


@dataclass(frozen=True, slots=True)
class TickUnit:
    """A spacing of axis ticks: ``step`` hours, days, months or years."""

    kind: str
    step: int
    name: str
    days: float
    long_names: bool = False


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick at axis ``value`` (pixel ``x``); its label starts at ``label_x`` ('' if left out)."""

    value: float
    x: float
    label: str
    label_x: float
    label_width: float


@dataclass(frozen=True, slots=True)
class AxisTicks:
    """The ticks of one frame: the chosen unit, its ticks, and the coarser context row."""

    unit: TickUnit
    minor: tuple[Tick, ...]
    major: tuple[Tick, ...]


def _year_unit_name(step: int) -> str:
    names = {1: "year", 10: "decade", 100: "century", 1000: "millennium"}
    return names.get(step, f"{step:,} years")


def _ladder() -> tuple[TickUnit, ...]:
    units = [
        TickUnit("hours", s, "hour" if s == 1 else f"{s} hours", s / 24) for s in (1, 3, 6, 12)
    ]
    units += [TickUnit("days", s, "day" if s == 1 else f"{s} days", s) for s in (1, 2, 5, 10)]
    for step in (1, 3, 6):
        name = "month" if step == 1 else f"{step} months"
        # Full month names where they fit, else the three-letter forms.
        units.append(TickUnit("months", step, name, step * _YEAR_DAYS / 12, long_names=True))
        units.append(TickUnit("months", step, name, step * _YEAR_DAYS / 12))
    for exponent in range(13):
        for mantissa in (1, 2, 5):
            step = mantissa * 10**exponent
            if step <= 10**12:
                units.append(TickUnit("years", step, _year_unit_name(step), step * _YEAR_DAYS))
    return tuple(units)


LADDER = _ladder()


def axis_ticks(
    scale: TimeScale, measure: Measure, *, gap: float = 8.0, pad: float = 3.0
) -> AxisTicks:
    """Return the ticks of the finest unit whose labels, each ``pad`` right of its tick, keep
    ``gap`` pixels apart; labels that would run past the right edge are left out."""
    for unit in LADDER:
        if scale.span / unit.days > scale.width / _MIN_TICK_PIXELS:
            continue
        minor = _fitting_ticks(unit, scale, measure, gap, pad)
        if minor is not None:
            return AxisTicks(unit, minor, _major_ticks(unit, scale, measure, gap, pad))
    unit = LADDER[-1]
    bare = tuple(Tick(v, scale.x(v), "", scale.x(v), 0.0) for v in _tick_values(unit, scale))
    return AxisTicks(unit, bare, ())


def _fitting_ticks(
    unit: TickUnit, scale: TimeScale, measure: Measure, gap: float, pad: float
) -> tuple[Tick, ...] | None:
    """Return the unit's ticks with labels, or None as soon as two labels would overlap."""
    ticks: list[Tick] = []
    free_from = -math.inf
    for value in _tick_values(unit, scale):
        x = scale.x(value)
        if x < free_from:
            return None
        label = _minor_label(unit, value)
        width = measure(label)
        if x + pad + width > scale.width:
            # Cut off at the right edge: the tick stays, its label is left out.
            ticks.append(Tick(value, x, "", x + pad, 0.0))
            free_from = x + pad
            continue
        ticks.append(Tick(value, x, label, x + pad, width))
        free_from = x + pad + width + gap
    return tuple(ticks)


def _major_ticks(
    unit: TickUnit, scale: TimeScale, measure: Measure, gap: float, pad: float
) -> tuple[Tick, ...]:
    """Return the context row: the period holding the left edge keeps its label in view."""
    if unit.kind == "years":
        return ()
    values = list(_context_values(unit.kind, scale))
    ticks = []
    free_from = 0.0
    for index, value in enumerate(values):
        x = scale.x(value)
        label = _context_label(unit.kind, value)
        width = measure(label)
        label_x = max(x, 0.0) + pad
        if index + 1 < len(values):
            # Slide out with the next period's label rather than overlap it.
            label_x = min(label_x, scale.x(values[index + 1]) - gap - width)
        fits = label_x >= free_from and label_x + width <= scale.width
        ticks.append(Tick(value, x, label if fits else "", label_x, width if fits else 0.0))
        if fits:
            free_from = label_x + width + gap
    return tuple(ticks)


def _tick_values(unit: TickUnit, scale: TimeScale) -> Iterator[float]:
    """Yield the axis values of the unit's ticks from the left edge to the right edge."""
    start, end = scale.start, scale.end
    step = unit.step
    if unit.kind == "hours":
        hour = math.ceil(start * 24 / step) * step
        while hour / 24 <= end:
            yield hour / 24
            hour += step
    elif unit.kind == "days":
        if step == 1:
            for day in range(math.ceil(start), math.floor(end) + 1):
                yield float(day)
            return
        # Days 1, 1+step, … of each month, stepped to rather than each day visited; a last
        # one too close to the next month's 1st is skipped.
        least_room = math.ceil(0.75 * step)
        for year, month in _months_from(start, end):
            first = days_from_civil(year, month, 1)
            length = days_in_month(year, month)
            for number in range(1, length + 1, step):
                day = first + number - 1
                if start <= day <= end and length + 1 - number >= least_room:
                    yield float(day)
    elif unit.kind == "months":
        for year, month in _months_from(start, end):
            if (month - 1) % step == 0:
                value = float(days_from_civil(year, month, 1))
                if value >= start:
                    yield value
    else:
        for year in _years_labelled(start, end, step):
            value = float(days_from_civil(year, 1, 1))
            if start <= value <= end:
                yield value


def _months_from(start: float, end: float) -> Iterator[tuple[int, int]]:
    """Yield (year, month) from the month holding ``start`` to the one holding ``end``."""
    year, month = date_at_axis(start)[:2]
    last = date_at_axis(end)[:2]
    while (year, month) <= last:
        yield year, month
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)


def _years_labelled(start: float, end: float, step: int) -> Iterator[int]:
    """Yield astronomical years from start to end whose label is a multiple of ``step``.

    After Christ the label is the year; before, it is the count of years BC, so the ticks
    read 200 BC, 100 BC, AD 100 — there is no year zero to label.
    """
    first, last = date_at_axis(start)[0], date_at_axis(end)[0]
    if days_from_civil(first, 1, 1) < start:
        first += 1
    if step == 1:
        yield from range(first, last + 1)
        return
    if first <= 0:
        # Years BC from the earliest: their counts fall as the years go by.
        largest, smallest = _bc_count(first), _bc_count(min(last, 0))
        count = largest - largest % step
        while count >= max(smallest, step):
            yield 1 - count if count < _DEEP_BC else -count
            count -= step
    bottom = max(first, 1)
    year = -(-bottom // step) * step
    while year <= last:
        yield year
        year += step


def _bc_count(year: int) -> int:
    """Return how the year BC is counted in labels (astronomical 0 is 1 BC)."""
    return 1 - year if year > -_DEEP_BC else -year


def _year_text(year: int) -> str:
    return HistoricalDate(year).display()


def _minor_label(unit: TickUnit, value: float) -> str:
    year, month, day, hour, _, _ = date_at_axis(value)
    if unit.kind == "hours":
        return f"{hour:02d}:00"
    if unit.kind == "days":
        return str(day)
    if unit.kind == "months":
        name = MONTH_NAMES[month - 1]
        return name if unit.long_names else name[:3]
    return _year_text(year)


def _context_values(kind: str, scale: TimeScale) -> Iterator[float]:
    """Yield the starts of the coarser periods overlapping the view, the first one included."""
    if kind == "months":
        first, last = date_at_axis(scale.start)[0], date_at_axis(scale.end)[0]
        for year in range(first, last + 1):
            yield float(days_from_civil(year, 1, 1))
    elif kind == "days":
        for year, month in _months_from(scale.start, scale.end):
            yield float(days_from_civil(year, month, 1))
    else:
        for day in range(math.floor(scale.start), math.floor(scale.end) + 1):
            yield float(day)


def _context_label(kind: str, value: float) -> str:
    year, month, day = date_at_axis(value)[:3]
    if kind == "months":
        return _year_text(year)
    if kind == "days":
        return f"{MONTH_NAMES[month - 1]} {_year_text(year)}"
    return f"{day} {MONTH_NAMES[month - 1]} {_year_text(year)}"
