"""Lay out frames: the bands from top to bottom, each lane's events cut from its strip.

Top to bottom: era labels, one lane per category, the assessments' publication marks,
the axis. The lanes are packed once per zoom over a stretch wider than the view (strip),
and each frame at that zoom is cut from it: panning moves what was packed rather than
packing again, so events keep their rows and the density strip its bins.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Collection
from itertools import islice

from argline.layout.axis import frame_axis
from argline.layout.bands import place_eras, place_publications
from argline.layout.event_geometry import fit_label
from argline.layout.frame import FrameLayout, FrameMetrics, LaneBox, PlacedEvent, PlacedSource
from argline.layout.labels import LabelBook
from argline.layout.strip import (
    MAX_LANE_ROWS,
    PackedStrip,
    lane_fixed_height,
    left_edge,
    pack_strip,
    publications_band_top,
)
from argline.layout.time_scale import TimeScale
from argline.layout.timeline_content import TimelineContent
from argline.layout.visible import TimelineIndex


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
    publications_top = publications_band_top(height, m, strip.publication_rows)
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
    fixed = lane_fixed_height(m)
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
    stop = bisect_left(packed, width + offset, key=left_edge)
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
            fit_label(copy, last_right[copy.row], width, labels=labels, m=m, half=half)
        last_right[copy.row] = max(last_right[copy.row], copy.right)
        shown.append(copy)
    return shown, in_time
