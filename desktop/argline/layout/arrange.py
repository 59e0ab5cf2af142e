"""Lay out frames: the bands from top to bottom, then each lane's events in rows.

Top to bottom: era labels, one lane per category, the assessments' publication marks,
the axis. Within a lane, events arrive by start from the index; each takes the first row
where its glyph, bar, label and ghost dates overlap nothing. When every row is taken at
a point, the walk skips to where a row frees up: what it passes over is counted into the
lane's density strip instead of being visited.

The lanes are packed once per zoom over a stretch wider than the view (a PackedStrip),
and each frame at that zoom is cut from it: panning moves what was packed rather than
packing again, so events keep their rows and the density strip its bins.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from itertools import islice, repeat
from operator import add, mul

from argline.layout.axis import frame_axis
from argline.layout.bands import era_row_count, place_eras, place_publications
from argline.layout.frame import (
    DensityStrip,
    FrameLayout,
    FrameMetrics,
    LaneBox,
    PlacedEvent,
    PlacedSource,
)
from argline.layout.labels import LabelBook, Slot, settle
from argline.layout.lanes import LanePacker
from argline.layout.time_scale import TimeScale
from argline.layout.timeline_content import TimelineContent
from argline.layout.visible import TimelineIndex

# A point's glyph sits mid-day, its left edge up to half a day after its start: skipping
# goes back a day so as not to pass over an event that would still fit.
_SKIP_SLACK_DAYS = 1.0


# However tall the view, a lane gets no more rows than this: beyond, a density strip reads better.
MAX_LANE_ROWS = 16


def arrange_frame(
    content: TimelineContent,
    index: TimelineIndex,
    scale: TimeScale,
    *,
    height: float,
    metrics: FrameMetrics,
    labels: LabelBook,
    pinned: Collection[int] = (),
    scroll: float = 0.0,
) -> FrameLayout:
    """Return the layout of one frame of ``scale.width`` × ``height`` pixels.

    The rows the view has are shared out by what each lane needs at this zoom (anywhere in
    the corpus, so that panning keeps them); each lane is packed into its rows, and the
    events that find no room go to its density strip. ``pinned`` events (the selection and
    the lit events) are placed first in their lanes, so they are drawn, labelled, wherever
    they are in view, however crowded their lane. ``scroll`` moves the lanes up when even
    one row per lane needs more height than the frame has.
    """
    strip = pack_strip(
        content,
        index,
        scale,
        reach=(scale.start, scale.end),
        height=height,
        metrics=metrics,
        labels=labels,
        pinned=pinned,
    )
    return frame_from_strip(strip, content, index, scale, labels=labels, scroll=scroll)


@dataclass(slots=True)
class PackedStrip:
    """A zoom's lanes packed once over a stretch at least as wide as the view.

    Frames at the same zoom, height and pins whose view lies inside the stretch are cut
    from it (frame_from_strip), so panning costs no packing: events keep their rows, and
    the density bins, counted once, stay on their grid.
    """

    scale: TimeScale
    view_width: float
    height: float
    metrics: FrameMetrics
    pinned: tuple[int, ...]
    allotted: list[int]
    era_rows: int
    publication_rows: int
    # Per lane, in the strip's pixels: the placed events by left edge, each at its row's
    # height below the lane's first row (a frame puts its copies below its lane boxes'
    # rows_top); the hidden events' histogram.
    events: list[list[PlacedEvent]]
    density: list[DensityStrip]

    def same_zoom(self, scale: TimeScale) -> bool:
        """Tell whether the scale shows as many days per pixel as the strip was packed at."""
        dpp = self.scale.days_per_pixel
        return abs(scale.days_per_pixel - dpp) <= dpp * 1e-9 and scale.width == self.view_width

    def serves(self, scale: TimeScale, height: float, pinned: tuple[int, ...]) -> bool:
        """Tell whether a frame of this scale, height and pins can be cut from the strip."""
        own = self.scale
        return (
            self.same_zoom(scale)
            and height == self.height
            and pinned == self.pinned
            and own.start <= scale.start
            and scale.end <= own.end
        )


def pack_strip(
    content: TimelineContent,
    index: TimelineIndex,
    scale: TimeScale,
    *,
    reach: tuple[float, float],
    height: float,
    metrics: FrameMetrics,
    labels: LabelBook,
    pinned: Collection[int] = (),
) -> PackedStrip:
    """Return the lanes packed from ``reach[0]`` to ``reach[1]`` (days) at ``scale``'s zoom.

    ``reach`` should hold the view; rows are shared as for a frame of ``scale``'s size.
    Labels that would run past the view's right end go before their marks there, as in
    a frame packed on its own; further right, past the end of the strip.
    """
    m = metrics
    dpp = scale.days_per_pixel
    first, last = min(reach[0], scale.start), max(reach[1], scale.end)
    own = TimeScale(first, last, (last - first) / dpp)
    era_rows = era_row_count(content)
    publication_rows = min(2, len(content.publications))
    lane_count = len(content.lane_names)
    available = _publications_top(height, m, publication_rows) - era_rows * m.row_height
    total_rows = max(0, int((available - lane_count * _fixed(m)) // m.row_height))
    least = max(1, m.min_lane_rows)
    # Rows are shared by what each lane needs at this zoom over the whole corpus, not in
    # view: the lanes keep their heights while the view pans.
    item_days = (m.glyph + m.pad + labels.typical_width() + m.gap) * dpp
    # The estimate counts starts, not ghost dates or long bars: half as much again leaves
    # room for them.
    needed = [index.rows_needed(lane, item_days, MAX_LANE_ROWS) for lane in range(lane_count)]
    demand = [max(least, min(MAX_LANE_ROWS, n + n // 2)) for n in needed]
    pinned_by_lane: dict[int, list[int]] = defaultdict(list)
    for event in sorted(pinned, key=content.starts.__getitem__):
        pinned_by_lane[content.lanes[event]].append(event)
    firm = [least] * lane_count  # rows a lane gets before any other lane gets more
    for lane, pins in pinned_by_lane.items():
        # Pinned events ask for the rows they need side by side, in view or not, so that
        # the lane keeps its height while the view pans; they get them before the rest.
        firm[lane] = max(least, _rows_for(pins, content, scale, labels, m))
        demand[lane] = max(demand[lane], firm[lane])
    allotted = share_rows(demand, total_rows, least, firm=firm)
    events: list[list[PlacedEvent]] = []
    density: list[DensityStrip] = []
    bins = _Bins.of(own, m)
    for lane in range(lane_count):
        packed = _pack_lane(
            own,
            m,
            lane,
            allotted[lane],
            content=content,
            index=index,
            labels=labels,
            pinned=[
                event
                for event in pinned_by_lane.get(lane, ())
                if content.starts[event] < own.end and content.ends[event] > own.start
            ],
            edge=own.x(scale.end),
            view_left=own.x(scale.start),
        )
        packed.sort(key=_left_edge)
        events.append(packed)
        density.append(_hidden_bins(own, bins, lane, content=content, index=index, placed=packed))
    return PackedStrip(
        scale=own,
        view_width=scale.width,
        height=height,
        metrics=m,
        pinned=tuple(pinned),
        allotted=allotted,
        era_rows=era_rows,
        publication_rows=publication_rows,
        events=events,
        density=density,
    )


def frame_from_strip(
    strip: PackedStrip,
    content: TimelineContent,
    index: TimelineIndex,
    scale: TimeScale,
    *,
    labels: LabelBook,
    scroll: float = 0.0,
) -> FrameLayout:
    """Return the frame of ``scale`` (which the strip serves) cut from the packed strip."""
    m, height = strip.metrics, strip.height
    measure = labels.measure
    axis_top = height - m.axis_height
    publications_top = _publications_top(height, m, strip.publication_rows)
    era_bottom = strip.era_rows * m.row_height
    axis = frame_axis(content, scale, measure, gap=m.gap, pad=m.pad)
    frame = FrameLayout(
        scale=scale,
        height=height,
        metrics=m,
        ticks=axis.ticks,
        caption=axis.caption,
        breaks=axis.breaks,
        era_top=0.0,
        era_bottom=era_bottom,
        lanes_top=era_bottom,
        lanes_bottom=publications_top,
        lanes_height=0.0,
        publications_top=publications_top,
        publications_bottom=axis_top,
        axis_top=axis_top,
    )
    allotted = strip.allotted
    lane_count = len(allotted)
    fixed = _fixed(m)
    available = publications_top - era_bottom
    used = sum(allotted) * m.row_height + lane_count * fixed
    # Spare height is shared among the lanes, so that they fill the view.
    extra = max(0.0, available - used) / max(lane_count, 1)
    offset = strip.scale.x(scale.start)
    top = era_bottom - scroll
    for lane, rows in enumerate(allotted):
        lane_height = fixed + rows * m.row_height + extra
        box = LaneBox(
            lane, content.lane_names[lane], top, top + lane_height, top + m.lane_header, rows
        )
        top += lane_height
        if box.bottom <= frame.lanes_top or box.top >= frame.lanes_bottom:
            continue
        frame.lanes.append(box)
        shown, in_time = _cut(
            strip.events[lane], offset, scale, box.rows_top, content=content, labels=labels, m=m
        )
        frame.events.extend(shown)
        box.shown = in_time
        box.in_view = index.count(lane, scale.start, scale.end)
        box.density, box.density_offset, box.width = strip.density[lane], offset, scale.width
    frame.lanes_height = top + scroll - era_bottom
    frame.packed, frame.packed_offset, frame.packed_width = strip.events, offset, strip.scale.width
    place_eras(frame, content, strip.era_rows, measure)
    place_publications(frame, content, strip.publication_rows, measure)
    return frame


def _fixed(m: FrameMetrics) -> float:
    """Return the height every lane takes besides its rows: its header and density strip."""
    return m.lane_header + m.density_height


def _publications_top(height: float, m: FrameMetrics, publication_rows: int) -> float:
    top = height - m.axis_height
    if publication_rows:
        top -= m.lane_header + publication_rows * m.row_height
    return top


def _left_edge(placed: PlacedEvent) -> float:
    return placed.left


def _cut(
    packed: list[PlacedEvent],
    offset: float,
    scale: TimeScale,
    rows_top: float,
    *,
    content: TimelineContent,
    labels: LabelBook,
    m: FrameMetrics,
) -> tuple[list[PlacedEvent], int]:
    """Return copies, in the view's pixels and in their rows below ``rows_top``, of the
    strip's events drawn in the view, and how many of them fall in the view's dates (the
    rest only reach into it, as a label).

    A label running past the view's right edge goes before its glyph (or bar) when its row
    has room there, as a frame packed on its own would put it; else it is cut short.
    """
    v0, v1, width = scale.start, scale.end, scale.width
    starts, ends = content.starts, content.ends
    half, row_height = m.glyph / 2, m.row_height
    # Where each row's items so far end (pinned ones may overlap: the furthest).
    last_right = [-math.inf] * MAX_LANE_ROWS
    shown = []
    in_time = 0
    # By left edge: past the view's right edge nothing more is drawn in it.
    stop = bisect_left(packed, width + offset, key=_left_edge)
    for p in islice(packed, stop):
        if p.right <= offset:
            continue
        event = p.event
        in_time += starts[event] < v1 and ends[event] > v0
        top = rows_top + p.row * row_height
        copy = PlacedEvent(
            event,
            p.lane,
            p.x - offset,
            p.bar_left - offset,
            p.bar_right - offset,
            p.solid_left - offset,
            p.solid_right - offset,
            p.label,
            p.label_x - offset,
            p.label_width,
            p.left - offset,
            p.right - offset,
            p.span,
            p.coarse,
            p.circa,
            tuple(
                PlacedSource(s.mark, s.x - offset, s.bar_left - offset, s.bar_right - offset)
                for s in p.sources
            )
            if p.sources
            else (),
            p.row,
            top,
            top + row_height,
        )
        if copy.label and copy.label_x + copy.label_width > width:
            copy.refitted_from = (copy.label_x, copy.label_width)
            _fit_label(copy, last_right[copy.row], width, labels=labels, m=m, half=half)
        last_right[copy.row] = max(last_right[copy.row], copy.right)
        shown.append(copy)
    return shown, in_time


def _fit_label(
    placed: PlacedEvent,
    before: float,
    width: float,
    *,
    labels: LabelBook,
    m: FrameMetrics,
    half: float,
) -> None:
    """Settle anew, within the view, a label running past the view's right edge: before
    the mark, inside its bar or bracket, or else cut short to the widest room.

    ``before`` is where the previous item in the row ends: the label may not reach it.
    """
    left, right = _marks_reach(placed, half)
    label, label_width = labels.label(placed.event)
    slots = _label_slots(
        placed.x,
        placed.bar_left,
        placed.bar_right,
        left=left,
        right=right,
        span=placed.span,
        bracketed=placed.coarse and not placed.sources,
        m=m,
    )
    placed.label, placed.label_width, placed.label_x = settle(
        label, label_width, slots, low=max(before + m.gap, 0.0), high=width, measure=labels.measure
    )
    placed.left = min(left, placed.label_x)
    placed.right = max(right, placed.label_x + placed.label_width)


def _marks_reach(placed: PlacedEvent, half: float) -> tuple[float, float]:
    """Return how far left and right the event's glyph, bar or bracket and ghosts reach."""
    left = min(placed.bar_left, placed.x - half)
    right = max(placed.bar_right, placed.x + half)
    for source in placed.sources:
        left = min(left, source.bar_left, source.x - half)
        right = max(right, source.bar_right, source.x + half)
    return left, right


def _drop_label(placed: PlacedEvent, half: float) -> None:
    """Leave the event unlabelled (its tooltip names it): it then takes only its marks."""
    placed.left, placed.right = _marks_reach(placed, half)
    placed.label, placed.label_width, placed.label_x = "", 0.0, placed.right


def share_rows(
    demand: list[int], total: int, least: int = 1, *, firm: list[int] | None = None
) -> list[int]:
    """Return the rows each lane gets: what it asks for if all fit, else a fair share.

    Every lane gets at least ``least``, and its ``firm`` rows (those its lit events need
    side by side) where all of those fit; beyond that the rows are filled level by level,
    so a lane asking for few gets them all and the crowded lanes split what is left.
    """
    if sum(demand) <= total:
        return list(demand)
    given = [least] * len(demand)
    if firm is not None and sum(firm) <= total:
        given = [max(least, rows) for rows in firm]
    left = total - sum(given)
    while left > 0:
        wanting = [k for k, d in enumerate(demand) if given[k] < d]
        if not wanting:
            break
        for k in wanting[:left]:
            given[k] += 1
        left -= min(left, len(wanting))
    return given


def _rows_for(
    events: list[int],
    content: TimelineContent,
    scale: TimeScale,
    labels: LabelBook,
    m: FrameMetrics,
) -> int:
    """Return how many rows (at most MAX_LANE_ROWS) these events take side by side."""
    if len(events) == 1:
        return 1
    packer = LanePacker(MAX_LANE_ROWS, m.gap)
    geometry = _placing(content, scale, labels, m)
    rows = 0
    for event in events[: MAX_LANE_ROWS * 8]:  # a long selection: its first ones suffice
        placed = geometry(event)
        rows = max(rows, packer.reserve_anyway(placed.left, placed.right) + 1)
    return rows


def _pack_lane(
    scale: TimeScale,
    m: FrameMetrics,
    lane: int,
    rows: int,
    *,
    content: TimelineContent,
    index: TimelineIndex,
    labels: LabelBook,
    pinned: Collection[int],
    edge: float | None = None,
    view_left: float = 0.0,
) -> list[PlacedEvent]:
    """Return the lane's events in ``scale``'s view placed in up to ``rows`` rows, skipping
    what cannot fit, each at its row's height below the lane's first row."""
    packer = LanePacker(rows, m.gap)
    place, next_free = packer.place, packer.next_free
    geometry = _placing(content, scale, labels, m, edge=edge, view_left=view_left)
    row_height = m.row_height
    placed: list[PlacedEvent] = []
    half = m.glyph / 2
    for pin in pinned:
        candidate = geometry(pin)
        row = packer.reserve(candidate.left, candidate.right)
        if row is None:
            # No row has room for it whole: it is drawn all the same, but its label would
            # cover another pinned event's, so it goes without.
            _drop_label(candidate, half)
            row = packer.reserve_anyway(candidate.left, candidate.right)
        candidate.row = row
        candidate.top = candidate.row * row_height
        candidate.bottom = candidate.top + row_height
        placed.append(candidate)
    walk = index.walk(lane, scale.start, scale.end)
    walk_next, skip_to = walk.next, walk.skip_to
    starts, ends, end_texts = content.starts, content.ends, content.end_texts
    # Pixels worked out as scale.x and scale.value_at do, operation for operation (so to the
    # same bits), without a call for each of the events walked past.
    origin, width, days = scale.start, scale.width, scale.end - scale.start
    reserved = set(pinned)
    free = next_free()
    while (event := walk_next()) is not None:
        if event in reserved:
            continue
        # An item reaches at least to half a glyph left of its middle (labels and ghost
        # dates only reach further): left of where the first row frees up, it cannot fit,
        # and is passed over without working out where it would go.
        start, end = starts[event], ends[event]
        if ((start + end) / 2 - origin) * width / days - half < free:
            skip_to(origin + free * days / width - _SKIP_SLACK_DAYS)
            continue
        if end - start > 1.0:
            # A bar reaches from its start less half a glyph, a bracket from its start: if
            # that cannot fit, neither can the whole, and its label need not be measured.
            first = (start - origin) * width / days
            near = first - half if end_texts[event] is not None else first
            if near < free:
                reach = max(first - near, 0.0)
                skip_to(origin + (free + reach) * days / width - _SKIP_SLACK_DAYS)
                continue
        candidate = geometry(event)
        row = place(candidate.left, candidate.right)
        if row is None:
            # Events after this one reach as far left of their start as it does (half a
            # glyph; a label's width too near the right edge, where labels go left), so
            # none starting before this value can fit: pass over them in one bisect.
            reach = max(scale.x(start) - candidate.left, 0.0)
            skip_to(scale.value_at(free + reach) - _SKIP_SLACK_DAYS)
            continue
        candidate.row = row
        candidate.top = row * row_height
        candidate.bottom = candidate.top + row_height
        placed.append(candidate)
        free = next_free()
    return placed


def _placing(
    content: TimelineContent,
    scale: TimeScale,
    labels: LabelBook,
    m: FrameMetrics,
    *,
    edge: float | None = None,
    view_left: float = 0.0,
) -> Callable[[int], PlacedEvent]:
    """Return a function giving where an event's glyph, bar or bracket, label and ghost
    dates go in its row (row 0: the packer gives it its row).

    A label goes beside what its event draws, never across it: after it, else before it if
    it would run past ``edge`` (pixels; default the scale's right end) while the mark is left
    of the edge; it goes nowhere left of ``view_left`` (the view's left end, in pixels), where
    it would be cut short when first drawn. Only where the mark is in view and no side has
    room for the whole title is it cut short, to the widest room.
    """
    starts, ends, end_texts, lanes = content.starts, content.ends, content.end_texts, content.lanes
    certainty_of, disputes, label_of = content.certainty, content.disputes, labels.label
    measure = labels.measure
    # Pixels worked out as scale.x does, operation for operation (so to the same bits): a
    # frame at a new zoom places hundreds of events, and a call for each pixel adds up.
    origin, width, days = scale.start, scale.width, scale.end - scale.start
    half, pad = m.glyph / 2, m.pad
    edge = width if edge is None else edge

    def geometry(event: int) -> PlacedEvent:
        start, end = starts[event], ends[event]
        span = end_texts[event] is not None
        certainty = certainty_of(event)
        label, label_width = label_of(event)
        bar_left = (start - origin) * width / days
        bar_right = (end - origin) * width / days
        # Coarser than a day: drawn as a bracket over what the date covers, not its 1st day.
        coarse = not span and end - start > 1.0
        if span:
            x = bar_left
            solid_left = (certainty.solid_from - origin) * width / days
            solid_right = (certainty.solid_to - origin) * width / days
        else:
            x = ((start + end) / 2 - origin) * width / days
            if not coarse:
                bar_left = bar_right = x
            solid_left = solid_right = x
        left = min(bar_left, x - half)
        right = max(bar_right, x + half)
        marks = disputes.get(event)
        sources: tuple[PlacedSource, ...] = ()
        if marks:
            sources = tuple(
                PlacedSource(
                    mark,
                    ((mark.start + mark.end) / 2 - origin) * width / days,
                    (mark.start - origin) * width / days,
                    (mark.end - origin) * width / days,
                )
                for mark in marks
            )
            for source in sources:
                left = min(left, source.bar_left, source.x - half)
                right = max(right, source.bar_right, source.x + half)
        # Most labels go where their first slot puts them (see _label_slots): a bracket's
        # inside after its glyph, else just after all the event draws; the rest are
        # settled among the slots.
        limit = edge if left <= edge else width
        inside = x + half + pad
        if coarse and not marks and inside + label_width <= min(bar_right - pad, limit):
            label_x = inside
        elif (label_x := right + pad) + label_width > limit:
            label, label_width, label_x = settle(
                label,
                label_width,
                _label_slots(
                    x,
                    bar_left,
                    bar_right,
                    left=left,
                    right=right,
                    span=span,
                    bracketed=coarse and not marks,
                    m=m,
                ),
                low=view_left,
                high=limit,
                measure=measure,
                fallback=None if right >= view_left and left <= edge else label_x,
            )
        # By position: a dataclass takes its fields three times quicker so than by keyword.
        return PlacedEvent(
            event,
            lanes[event],
            x,
            bar_left,
            bar_right,
            solid_left,
            solid_right,
            label,
            label_x,
            label_width,
            min(left, label_x),
            max(right, label_x + label_width),
            span,
            coarse,
            certainty.circa,
            sources,
        )

    return geometry


def _label_slots(
    x: float,
    bar_left: float,
    bar_right: float,
    *,
    left: float,
    right: float,
    span: bool,
    bracketed: bool,
    m: FrameMetrics,
) -> list[Slot]:
    """Return the stretches beside an event's marks (``left``..``right`` with its ghosts)
    where its label may go, ends left open (±inf) for the caller's bounds.

    After the marks, else before them; a bar may carry its label inside, after its glyph; a
    bracket (a date known to the month or year, with no ghost dates) may hold its label
    inside, after its glyph or before it, where the painter breaks the bracket's line.
    """
    half, pad, inf = m.glyph / 2, m.pad, math.inf
    slots: list[Slot] = [(right + pad, inf, False), (-inf, left - pad, True)]
    if span:
        slots.append((x + half + pad, inf, False))
    elif bracketed:
        slots.insert(0, (x + half + pad, bar_right - pad, False))
        slots.append((bar_left + pad, x - half - pad, True))
    return slots


@dataclass(frozen=True, slots=True)
class _Bins:
    """The density strips' pixel bins at a zoom: the same for every lane of a stretch.

    Bins lie on a grid fixed to the axis at this zoom, so they stay put while the view pans:
    bin ``k`` runs from day ``edges[k]`` to ``edges[k + 1]``, from pixel ``offset + k *
    width``.
    """

    first: float
    offset: float
    width: float
    count: int
    edges: list[float]

    @classmethod
    def of(cls, scale: TimeScale, m: FrameMetrics) -> _Bins:
        width = m.bin_width
        step = width * scale.days_per_pixel
        first = math.floor(scale.start / step) * step
        offset = scale.x(first)
        count = int((scale.width - offset) // width) + 1
        # first + k * step, for each k: hundreds of edges, made without a loop.
        edges = list(map(add, repeat(first), map(mul, range(count + 1), repeat(step))))
        return cls(first, offset, width, count, edges)


def _hidden_bins(
    scale: TimeScale,
    bins: _Bins,
    lane: int,
    *,
    content: TimelineContent,
    index: TimelineIndex,
    placed: list[PlacedEvent],
) -> DensityStrip:
    """Return the lane's density strip: how many events that are not placed start in each
    of the ``bins``."""
    first, offset, width, count = bins.first, bins.offset, bins.width, bins.count
    counts = index.starts_per_bin(lane, bins.edges)
    starts = content.starts
    # Pixels worked out as scale.x does, to the same bits, without a call for each event.
    origin, pixels, days = scale.start, scale.width, scale.end - scale.start
    for shown in placed:
        start = starts[shown.event]
        if first <= start:
            k = int(((start - origin) * pixels / days - offset) // width)
            if k < count:
                counts[k] -= 1
    return DensityStrip(offset, width, counts)
