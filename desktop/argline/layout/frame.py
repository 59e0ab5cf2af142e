"""One laid-out frame of the timeline: what goes where, and what a point of it hits.

The screen and the image export draw the same FrameLayout, and the view answers hover,
clicks and tooltips from it, so what is hit is exactly what was drawn.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import gt

from argline.layout.ticks import AxisTicks
from argline.layout.time_scale import TimeScale
from argline.layout.timeline_content import EraBand, Publication, SourceMark


@dataclass(frozen=True, slots=True)
class FrameMetrics:
    """Sizes in pixels that follow the font and the output's resolution."""

    row_height: float = 20.0
    lane_header: float = 16.0
    density_height: float = 9.0
    axis_height: float = 40.0
    glyph: float = 9.0
    gap: float = 8.0
    pad: float = 4.0
    bin_width: float = 4.0
    min_lane_rows: int = 1


@dataclass(slots=True)
class PlacedSource:
    """A disputing source's date, drawn as a ghost mark joined to the accepted one."""

    mark: SourceMark
    x: float
    bar_left: float
    bar_right: float


@dataclass(slots=True)
class PlacedEvent:
    """An event in its row: a glyph at ``x``, a bar or bracket, a label to one side.

    ``bar_left``..``bar_right`` is a span's bar or the bracket over the interval a
    coarse date covers; ``solid_left``..``solid_right`` is the part known to the day.
    ``left``..``right`` is everything the event takes in its row, ghosts included.
    """

    event: int
    lane: int
    x: float
    bar_left: float
    bar_right: float
    solid_left: float
    solid_right: float
    label: str
    label_x: float
    label_width: float
    left: float
    right: float
    span: bool
    coarse: bool
    circa: bool
    sources: tuple[PlacedSource, ...] = ()
    row: int = 0
    top: float = 0.0
    bottom: float = 0.0
    # Set on a frame's copy whose label was moved or cut short at the view's right edge:
    # where the packed original's label was (its left and width, in the view's pixels).
    refitted_from: tuple[float, float] | None = None

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2

    def hits(self, x: float, y: float, reach: float) -> bool:
        """Tell whether a point falls on the glyph, bar or label (within ``reach`` pixels)."""
        if not self.top <= y <= self.bottom:
            return False
        on_label = self.label_x <= x <= self.label_x + self.label_width
        return on_label or _on_mark(x, self.x, self.bar_left, self.bar_right, reach)


class DensityStrip:
    """A lane's hidden events counted in pixel bins over a stretch wider than the view.

    Counted once per zoom and shared by the frames cut from that stretch, each of which
    sees it from its own ``offset`` (the stretch's pixel at the frame's left edge).
    """

    __slots__ = (
        "_bars",
        "_bins",
        "_lefts",
        "bin_width",
        "counts",
        "held",
        "origin",
        "top_count",
    )

    def __init__(self, origin: float, bin_width: float, counts: list[int]) -> None:
        """Bin ``k`` runs from ``origin + k * bin_width`` (the stretch's pixels) and holds
        ``counts[k]`` hidden events: kept as counts, the bins are made as (x, width, count)
        only when asked for (a hit test), not for every zoom."""
        self.origin, self.bin_width, self.counts = origin, bin_width, counts
        # The bins holding hidden events, picked without a loop: most of a narrow view's
        # hundreds of bins hold none.
        self.held = list(compress(range(len(counts)), map(gt, counts, repeat(0))))
        self.top_count = max(map(counts.__getitem__, self.held), default=0)
        self._bins: list[tuple[float, float, int]] | None = None
        self._lefts: list[float] = []
        self._bars: dict[float, list[tuple[float, float, int]]] = {}

    @property
    def bins(self) -> list[tuple[float, float, int]]:
        """Return (x, width, count) of each bin holding hidden events, by x."""
        if self._bins is None:
            origin, width, counts = self.origin, self.bin_width, self.counts
            self._bins = [(origin + k * width, width, counts[k]) for k in self.held]
            self._lefts = [b[0] for b in self._bins]
        return self._bins

    def within(self, left: float, right: float) -> list[tuple[float, float, int]]:
        """Return the bins from ``left`` to ``right`` (the stretch's pixels), by x."""
        bins = self.bins
        begin = bisect_left(self._lefts, left - self.bin_width) if bins else 0
        return bins[begin : bisect_left(self._lefts, right)]

    def bars(self, tallest: float) -> list[tuple[float, float, int]]:
        """Return (x, width, height) of the histogram's bars, at most ``tallest`` pixels high.

        Square-root heights, in whole pixels, against the stretch's fullest bin: one hidden
        event still shows, a thousand do not drown it, and heights stay put while the view
        pans. Neighbouring bins of one height are one bar: fewer to build and draw.
        """
        known = self._bars.get(tallest)
        if known is not None:
            return known
        counts, origin, width = self.counts, self.origin, self.bin_width
        top = self.top_count or 1
        # Heights worked out once per count: a strip of hundreds of bins holds few counts.
        height_of = {
            count: max(2, round(tallest * math.sqrt(count / top)))
            for count in set(map(counts.__getitem__, self.held))
        }

        def bar(first: int, last: int, height: int) -> tuple[float, float, int]:
            left = origin + first * width
            right = (
                left + max(width - 0.5, 1.0)
                if first == last
                else origin + last * width + width - 0.5
            )
            return (left, right - left, height)

        bars: list[tuple[float, float, int]] = []
        first = last = -2
        height = 0
        for k in self.held:
            this = height_of[counts[k]]
            if this == height and k == last + 1:
                last = k
                continue
            if height:
                bars.append(bar(first, last, height))
            first = last = k
            height = this
        if height:
            bars.append(bar(first, last, height))
        self._bars[tallest] = bars
        return bars


@dataclass(slots=True)
class LaneBox:
    """A lane's rectangle, its rows, and the histogram of events it had no room to show.

    ``density`` holds the histogram over the packed stretch, seen from ``density_offset``.
    """

    lane: int
    name: str
    top: float
    bottom: float
    rows_top: float
    rows: int
    in_view: int = 0
    shown: int = 0
    density: DensityStrip | None = None
    density_offset: float = 0.0
    width: float = 0.0

    @property
    def hidden(self) -> int:
        return self.in_view - self.shown

    @property
    def bins(self) -> list[tuple[float, float, int]]:
        """Return (x, width, count) of the bins in view where hidden events start."""
        if self.density is None or self.hidden <= 0:
            return []
        offset = self.density_offset
        return [(x - offset, w, c) for x, w, c in self.density.within(offset, offset + self.width)]


@dataclass(slots=True)
class PlacedEra:
    era: EraBand
    left: float
    right: float
    label: str
    label_x: float
    label_top: float


@dataclass(slots=True)
class PlacedPublication:
    """An assessment's publication date: a mark of its kind, a bracket if not to the day."""

    publication: Publication
    x: float
    bar_left: float
    bar_right: float
    top: float
    bottom: float
    label: str
    label_x: float
    label_width: float

    @property
    def y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def to_the_day(self) -> bool:
        return self.publication.end - self.publication.start <= 1.0


@dataclass(frozen=True, slots=True)
class Hit:
    """What lies under a point: an event, a source's ghost date, a publication, an era, or
    a density bin (``count`` events hidden from ``start`` to ``end``)."""

    kind: str
    event: int | None = None
    source: SourceMark | None = None
    publication: Publication | None = None
    era: EraBand | None = None
    lane: str = ""
    count: int = 0
    start: float = 0.0
    end: float = 0.0


@dataclass(frozen=True, slots=True)
class PlacedBreak:
    """An axis break of a collapsed scale, from ``left`` to ``right``, named on the axis by
    ``label`` (the years it hides) from ``label_x``, '' where it has no room."""

    left: float
    right: float
    label: str
    label_x: float
    label_width: float


@dataclass(slots=True)
class FrameLayout:
    """Everything one frame draws, in pixels of a ``scale.width`` × ``height`` rectangle."""

    scale: TimeScale
    height: float
    metrics: FrameMetrics
    ticks: AxisTicks
    era_top: float
    era_bottom: float
    lanes_top: float
    lanes_bottom: float
    lanes_height: float
    publications_top: float
    publications_bottom: float
    axis_top: float
    # The scale's name where it is not the chronological one, and its axis breaks.
    caption: str = ""
    breaks: tuple[PlacedBreak, ...] = ()
    lanes: list[LaneBox] = field(default_factory=list)
    events: list[PlacedEvent] = field(default_factory=list)
    eras: list[PlacedEra] = field(default_factory=list)
    publications: list[PlacedPublication] = field(default_factory=list)
    # The packed stretch the events were cut from (per lane, in its own pixels), where the
    # view's left edge falls in it, and its width: drawing may reuse what it drew of it.
    packed: list[list[PlacedEvent]] | None = None
    packed_offset: float = 0.0
    packed_width: float = 0.0

    def placed(self, event: int) -> PlacedEvent | None:
        """Return where the event is drawn in this frame, or None if it is not."""
        return next((p for p in self.events if p.event == event), None)

    def hit(self, x: float, y: float) -> Hit | None:
        """Return what the point falls on, the front-most first, or None."""
        reach = self.metrics.glyph / 2 + 2
        if self.lanes_top <= y <= self.lanes_bottom:
            found = self._event_hit(x, y, reach) or self._density_hit(x, y)
            if found is not None:
                return found
        elif self.publications_top <= y <= self.publications_bottom:
            for mark in self.publications:
                left, right = (
                    min(mark.bar_left, mark.x - reach),
                    max(mark.bar_right, mark.x + reach),
                )
                on_label = mark.label_x <= x <= mark.label_x + mark.label_width
                if mark.top <= y <= mark.bottom and (left <= x <= right or on_label):
                    return Hit("publication", publication=mark.publication)
        if self.era_top <= y <= self.lanes_bottom:
            for era in self.eras:
                if era.left <= x <= era.right:
                    return Hit("era", era=era.era)
        return None

    def _event_hit(self, x: float, y: float, reach: float) -> Hit | None:
        for placed in reversed(self.events):
            if not placed.top <= y <= placed.bottom:
                continue
            for source in placed.sources:
                if (
                    min(source.bar_left, source.x - reach)
                    <= x
                    <= max(source.bar_right, source.x + reach)
                ):
                    return Hit("source", event=placed.event, source=source.mark)
            if placed.hits(x, y, reach):
                return Hit("event", event=placed.event)
        return None

    def _density_hit(self, x: float, y: float) -> Hit | None:
        density = self.metrics.density_height
        for lane in self.lanes:
            if not lane.bottom - density <= y <= lane.bottom:
                continue
            for left, width, count in lane.bins:
                if left <= x < left + width:
                    start = self.scale.value_at(left)
                    end = self.scale.value_at(left + width)
                    return Hit("density", lane=lane.name, count=count, start=start, end=end)
        return None


def _on_mark(x: float, centre: float, bar_left: float, bar_right: float, reach: float) -> bool:
    """Tell whether ``x`` is on a glyph at ``centre`` or on its bar or bracket."""
    return min(bar_left, centre - reach) <= x <= max(bar_right, centre + reach)
