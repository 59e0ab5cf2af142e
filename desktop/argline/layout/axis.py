"""A frame's axis on its content's scale: the ticks, the breaks, and which scale is on."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from argline.layout.frame import PlacedBreak
from argline.layout.ticks import AxisTicks, Measure, Tick
from argline.layout.time_scale import TimeScale
from argline.layout.time_warp import AxisBreak, ScaleKind
from argline.layout.timeline_content import TimelineContent
from argline.layout.warped_ticks import warped_ticks
from argline.model.dates import HistoricalDate

# A sequential axis labels at most one event date per this many pixels.
_DATE_PIXELS = 12.0


@dataclass(frozen=True, slots=True)
class FrameAxis:
    ticks: AxisTicks
    breaks: tuple[PlacedBreak, ...]
    caption: str


def frame_axis(
    content: TimelineContent, scale: TimeScale, measure: Measure, *, gap: float, pad: float
) -> FrameAxis:
    """Return the axis of a frame of ``content`` on ``scale`` (in the content's units)."""
    warp = content.warp
    kind = warp.kind
    dates = _dates_in_view(content, scale) if kind is ScaleKind.SEQUENTIAL else ()
    ticks = warped_ticks(warp, scale, measure, dates, gap=gap, pad=pad)
    breaks = _placed_breaks(warp.breaks, scale, measure, gap)
    named = [(b.label_x - gap, b.label_x + b.label_width + gap) for b in breaks if b.label]
    caption = "" if kind is ScaleKind.LINEAR else f"{kind.label} scale"
    # The caption ends the axis's second row, where the context labels give way to it.
    caption_from = scale.width - pad - measure(caption) - gap
    ticks = replace(
        ticks,
        minor=_clear_of(ticks.minor, named),
        major=_clear_of(ticks.major, [*named, *([(caption_from, math.inf)] if caption else [])]),
    )
    return FrameAxis(ticks, breaks, caption)


def _placed_breaks(
    hidden: Sequence[AxisBreak], scale: TimeScale, measure: Measure, gap: float
) -> tuple[PlacedBreak, ...]:
    """Place the breaks in view, each named under its middle where the names keep apart:
    what a break hides is said before any tick label near it."""
    placed: list[PlacedBreak] = []
    free_from = -math.inf
    for stretch in hidden:
        left, right = scale.x(stretch.start), scale.x(stretch.end)
        if right <= 0 or left >= scale.width:
            continue
        width = measure(stretch.label)
        label_x = min(max((left + right - width) / 2, 0.0), scale.width - width)
        if label_x >= free_from:
            placed.append(PlacedBreak(left, right, stretch.label, label_x, width))
            free_from = label_x + width + gap
        else:
            placed.append(PlacedBreak(left, right, "", label_x, 0.0))
    return tuple(placed)


def _clear_of(ticks: tuple[Tick, ...], taken: Sequence[tuple[float, float]]) -> tuple[Tick, ...]:
    """Return the ticks, unlabelled where their label would run into a stretch taken."""
    if not taken:
        return ticks

    def runs_into(tick: Tick) -> bool:
        right = tick.label_x + tick.label_width
        return any(tick.label_x < end and start < right for start, end in taken)

    return tuple(
        replace(tick, label="", label_width=0.0) if tick.label and runs_into(tick) else tick
        for tick in ticks
    )


def _dates_in_view(content: TimelineContent, scale: TimeScale) -> list[tuple[float, str, int]]:
    """Return the dates of the events starting in view, one per start, as many as fit."""
    starts = content.starts
    first = bisect_left(starts, scale.start)
    last = bisect_right(starts, scale.end)
    step = max(round((last - first) / max(scale.width / _DATE_PIXELS, 1.0)), 1)
    dates: list[tuple[float, str, int]] = []
    for position in range(first, last, step):
        start = starts[position]
        if not dates or dates[-1][0] != start:
            dates.append((start, _display(content.start_texts[position]), 0))
    return dates


@lru_cache(maxsize=4096)
def _display(edtf: str) -> str:
    return HistoricalDate.from_edtf(edtf).display()
