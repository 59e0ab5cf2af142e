"""Lay out one frame: the bands from top to bottom, then each lane's visible events in rows.

Top to bottom: era labels, one lane per category, the assessments' publication marks,
the axis. Within a lane, events overlapping the view arrive by start from the index;
each takes the first row where its glyph, bar, label and ghost dates overlap nothing.
When every row is taken at a point, the walk skips to where a row frees up: what it
passes over is counted into the lane's density strip instead of being visited.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection
from itertools import pairwise

from argline.layout.frame import (
    FrameLayout,
    FrameMetrics,
    LaneBox,
    PlacedEra,
    PlacedEvent,
    PlacedPublication,
    PlacedSource,
)
from argline.layout.labels import ELLIPSIS, LabelBook, Measure, elide
from argline.layout.lanes import LanePacker
from argline.layout.ticks import axis_ticks
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
    events that find no room go to its density strip. ``pinned`` events (the selection)
    are placed first in their lanes, so they are shown wherever they are in view.
    ``scroll`` moves the lanes up when even one row per lane needs more height than the
    frame has.
    """
    m = metrics
    measure = labels.measure
    era_rows = _era_rows(content)
    publication_rows = min(2, len(content.publications))
    axis_top = height - m.axis_height
    publications_top = axis_top
    if publication_rows:
        publications_top -= m.lane_header + publication_rows * m.row_height
    era_bottom = era_rows * m.row_height
    lane_count = len(content.lane_names)
    fixed = m.lane_header + m.density_height
    available = publications_top - era_bottom
    total_rows = max(0, int((available - lane_count * fixed) // m.row_height))
    least = max(1, m.min_lane_rows)
    # Rows are shared by what each lane needs at this zoom over the whole corpus, not in
    # view: the lanes keep their heights while the view pans.
    item_days = (m.glyph + m.pad + labels.typical_width() + m.gap) * scale.days_per_pixel
    # The estimate counts starts, not ghost dates or long bars: half as much again leaves
    # room for them.
    needed = [index.rows_needed(lane, item_days, MAX_LANE_ROWS) for lane in range(lane_count)]
    demand = [max(least, min(MAX_LANE_ROWS, n + n // 2)) for n in needed]
    allotted = share_rows(demand, total_rows, least)
    frame = FrameLayout(
        scale=scale,
        height=height,
        metrics=m,
        ticks=axis_ticks(scale, measure, gap=m.gap, pad=m.pad),
        era_top=0.0,
        era_bottom=era_bottom,
        lanes_top=era_bottom,
        lanes_bottom=publications_top,
        lanes_height=0.0,
        publications_top=publications_top,
        publications_bottom=axis_top,
        axis_top=axis_top,
    )
    pinned_by_lane: dict[int, list[int]] = defaultdict(list)
    for event in sorted(pinned, key=content.starts.__getitem__):
        if content.starts[event] < scale.end and content.ends[event] > scale.start:
            pinned_by_lane[content.lanes[event]].append(event)
    packed = [
        _pack_lane(
            frame,
            lane,
            allotted[lane],
            content=content,
            index=index,
            labels=labels,
            pinned=pinned_by_lane.get(lane, ()),
        )
        for lane in range(lane_count)
    ]
    used = sum(allotted) * m.row_height + lane_count * fixed
    # Spare height is shared among the lanes, so that they fill the view.
    extra = max(0.0, available - used) / max(lane_count, 1)
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
        shown = [_in_row(p, box, m) for p in packed[lane]]
        frame.events.extend(shown)
        box.shown = len(shown)
        box.in_view = index.count(lane, scale.start, scale.end)
        if box.hidden > 0:
            box.bins = _hidden_bins(frame, box, content, index, shown)
    frame.lanes_height = top + scroll - era_bottom
    _place_eras(frame, content, era_rows, measure)
    _place_publications(frame, content, publication_rows, measure)
    return frame


def share_rows(demand: list[int], total: int, least: int = 1) -> list[int]:
    """Return the rows each lane gets: what it asks for if all fit, else a fair share.

    Every lane gets at least ``least``; beyond that the rows are filled level by level, so a
    lane asking for few gets them all and the crowded lanes split what is left.
    """
    if sum(demand) <= total:
        return list(demand)
    given = [least] * len(demand)
    left = total - least * len(demand)
    while left > 0:
        wanting = [k for k, d in enumerate(demand) if given[k] < d]
        if not wanting:
            break
        for k in wanting[:left]:
            given[k] += 1
        left -= min(left, len(wanting))
    return given


def _era_rows(content: TimelineContent) -> int:
    """Return 2 when eras overlap (their labels may need a second row), else 1; 0 if none."""
    eras = content.eras
    if not eras:
        return 0
    overlapping = any(a.end > b.start for a, b in pairwise(eras))
    return 2 if overlapping else 1


def _pack_lane(
    frame: FrameLayout,
    lane: int,
    rows: int,
    *,
    content: TimelineContent,
    index: TimelineIndex,
    labels: LabelBook,
    pinned: Collection[int],
) -> list[PlacedEvent]:
    """Return the lane's visible events placed in up to ``rows`` rows, skipping what cannot fit."""
    m, scale = frame.metrics, frame.scale
    packer = LanePacker(rows, m.gap)
    placed: list[PlacedEvent] = []
    for event in pinned:
        candidate = _event_geometry(content, event, scale, labels, m)
        row = packer.reserve(candidate.left, candidate.right)
        if row is not None:
            candidate.row = row
            placed.append(candidate)
    walk = index.walk(lane, scale.start, scale.end)
    starts, ends, x_of = content.starts, content.ends, scale.x
    half = m.glyph / 2
    while (event := walk.next()) is not None:
        if event in pinned:
            continue
        # An item reaches at least to half a glyph left of its middle (labels and ghost
        # dates only reach further): left of where the first row frees up, it cannot fit,
        # and is passed over without working out where it would go.
        free = packer.next_free()
        if x_of((starts[event] + ends[event]) / 2) - half < free:
            walk.skip_to(scale.value_at(free) - _SKIP_SLACK_DAYS)
            continue
        candidate = _event_geometry(content, event, scale, labels, m)
        row = packer.place(candidate.left, candidate.right)
        if row is None:
            # Events after this one reach as far left of their start as it does (half a
            # glyph; a label's width too near the right edge, where labels go left), so
            # none starting before this value can fit: pass over them in one bisect.
            reach = max(scale.x(content.starts[event]) - candidate.left, 0.0)
            walk.skip_to(scale.value_at(packer.next_free() + reach) - _SKIP_SLACK_DAYS)
            continue
        candidate.row = row
        placed.append(candidate)
    return placed


def _event_geometry(
    content: TimelineContent,
    event: int,
    scale: TimeScale,
    labels: LabelBook,
    m: FrameMetrics,
) -> PlacedEvent:
    """Return where the event's glyph, bar or bracket, label and ghost dates go in its row."""
    start, end = content.starts[event], content.ends[event]
    span = content.end_texts[event] is not None
    certainty = content.certainty(event)
    label, label_width = labels.label(event)
    half = m.glyph / 2
    bar_left, bar_right = scale.x(start), scale.x(end)
    # Coarser than a day: drawn as a bracket over what the date covers, not as its 1st day.
    coarse = not span and end - start > 1.0
    if span:
        x = bar_left
        solid_left, solid_right = scale.x(certainty.solid_from), scale.x(certainty.solid_to)
        # After the bar, else before it; a bar running across the view carries it inside.
        label_x = bar_right + m.pad
        if label_x + label_width > scale.width:
            before = bar_left - half - m.pad - label_width
            label_x = before if before >= 0 else max(bar_left, 0.0) + m.pad
    else:
        x = scale.x((start + end) / 2)
        if not coarse:
            bar_left = bar_right = x
        solid_left = solid_right = x
        label_x = x + half + m.pad
        flipped = x - half - m.pad - label_width
        if label_x + label_width > scale.width and flipped >= 0:
            label_x = flipped
    left = min(bar_left, x - half, label_x)
    right = max(bar_right, x + half, label_x + label_width)
    sources = tuple(
        PlacedSource(
            mark, scale.x((mark.start + mark.end) / 2), scale.x(mark.start), scale.x(mark.end)
        )
        for mark in content.disputes.get(event, ())
    )
    for source in sources:
        left = min(left, source.bar_left, source.x - half)
        right = max(right, source.bar_right, source.x + half)
    return PlacedEvent(
        event=event,
        lane=content.lanes[event],
        x=x,
        bar_left=bar_left,
        bar_right=bar_right,
        solid_left=solid_left,
        solid_right=solid_right,
        label=label,
        label_x=label_x,
        label_width=label_width,
        left=left,
        right=right,
        span=span,
        coarse=coarse,
        circa=certainty.circa,
        sources=sources,
    )


def _in_row(placed: PlacedEvent, box: LaneBox, m: FrameMetrics) -> PlacedEvent:
    placed.top = box.rows_top + placed.row * m.row_height
    placed.bottom = placed.top + m.row_height
    return placed


def _hidden_bins(
    frame: FrameLayout,
    box: LaneBox,
    content: TimelineContent,
    index: TimelineIndex,
    placed: list[PlacedEvent],
) -> list[tuple[float, float, int]]:
    """Return (x, width, count) of each pixel bin where events start that are not shown.

    Bins lie on a grid fixed to the axis at this zoom, so they stay put while the view pans.
    """
    scale, width = frame.scale, frame.metrics.bin_width
    step = width * scale.days_per_pixel
    first = math.floor(scale.start / step) * step
    offset = scale.x(first)
    count = int((scale.width - offset) // width) + 1
    edges = [first + k * step for k in range(count + 1)]
    counts = index.starts_per_bin(box.lane, edges)
    for shown in placed:
        start = content.starts[shown.event]
        if first <= start:
            k = int((scale.x(start) - offset) // width)
            if k < count:
                counts[k] -= 1
    return [(offset + k * width, width, c) for k, c in enumerate(counts) if c > 0]


def _place_eras(frame: FrameLayout, content: TimelineContent, rows: int, measure: Measure) -> None:
    """Place each era band in view, its label kept inside the band and inside the view."""
    if not rows:
        return
    m, scale = frame.metrics, frame.scale
    packer = LanePacker(rows, m.gap)
    for era in content.eras:
        left, right = scale.x(era.start), scale.x(era.end)
        if right < 0 or left > scale.width:
            continue
        label_x = max(left, 0.0) + m.pad
        room = min(right, scale.width) - m.pad - label_x
        label = elide(era.title, min(room, 2 * m.max_label), measure) if room > 0 else ""
        if label.endswith(ELLIPSIS) and len(label) < 6:
            label = ""  # a stub like "Co…" says nothing; the tooltip names the era
        row = packer.place(label_x, label_x + measure(label)) if label else None
        frame.eras.append(
            PlacedEra(
                era,
                left,
                right,
                label if row is not None else "",
                label_x,
                frame.era_top + (row or 0) * m.row_height,
            )
        )


def _place_publications(
    frame: FrameLayout, content: TimelineContent, rows: int, measure: Measure
) -> None:
    """Place each publication mark in view; its label only where a row has room for it."""
    if not rows:
        return
    m, scale = frame.metrics, frame.scale
    half = m.glyph / 2
    packer = LanePacker(rows, m.gap)
    rows_top = frame.publications_top + m.lane_header
    for publication in content.publications:
        left, right = scale.x(publication.start), scale.x(publication.end)
        x = (left + right) / 2
        if x + half < 0 or x - half > scale.width:
            continue
        label = elide(publication.title, m.max_label, measure)
        label_width = measure(label)
        label_x = x + half + m.pad
        if label_x + label_width > scale.width and x - half - m.pad - label_width >= 0:
            label_x = x - half - m.pad - label_width
        mark_left, mark_right = min(left, x - half), max(right, x + half)
        row = packer.place(min(mark_left, label_x), max(mark_right, label_x + label_width))
        if row is None:
            label, label_width = "", 0.0
            row = packer.place(mark_left, mark_right)
        if row is None:
            row = 0
        top = rows_top + row * m.row_height
        frame.publications.append(
            PlacedPublication(
                publication, x, left, right, top, top + m.row_height, label, label_x, label_width
            )
        )
