"""Labels on the seed timeline, as laid out (no pixels): none overlaps another, no line
strikes through one, and a title is cut short only where it has no room to be whole.

Frames are those of a wheel sweep (×1.25 a notch, from everything to a day about the
Helsinki summit), at two window sizes, with and without the summit's week lit, and on
every scale.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from argline.io.seed import load_seed
from argline.layout.arrange import arrange_frame, frame_from_strip
from argline.layout.frame import FrameLayout, FrameMetrics, PlacedEvent
from argline.layout.labels import (
    ELLIPSIS,
    LINE_CLEARANCE,
    LabelBook,
    full_label,
    label_boxes,
)
from argline.layout.scaled import on_scale, warp_for
from argline.layout.strip import pack_strip
from argline.layout.time_scale import TimeScale
from argline.layout.time_warp import ScaleKind
from argline.layout.timeline_content import TimelineContent
from argline.layout.visible import TimelineIndex
from argline.model.dates import HistoricalDate
from argline.ops.timeline_data import load_timeline
from argline.store import Store

SUMMIT_WEEK = ("helsinki-summit-2018", "putin-fox-interview", "putin-invited-washington")
# Frames of 1024×600 and 1600×900, and the timeline's pane in windows of those sizes.
SIZES = [(1024, 600), (1600, 900), (372, 271), (948, 418)]
# A frame's lines must clear a label by more than rounding: a pixel's share.
SLACK = 1e-6


def measure(text: str) -> float:
    """A monospaced stand-in for a font: 7 pixels a character."""
    return 7.0 * len(text)


Box = tuple[str, float, float, float, float]  # what, left, top, right, bottom


@pytest.fixture(scope="module")
def seed_days(tmp_path_factory: pytest.TempPathFactory) -> TimelineContent:
    """The seed's timeline in days, read once: these tests lay it out, and store nothing."""
    store = Store.open(tmp_path_factory.mktemp("labels") / "seed.argline")
    try:
        load_seed(store)
        with store.reading() as session:
            return load_timeline(session)
    finally:
        store.close()


def _seed(days: TimelineContent, kind: ScaleKind = ScaleKind.LINEAR) -> TimelineContent:
    """Return the seed's timeline on ``kind`` of scale (its axis in that scale's units)."""
    return on_scale(days, warp_for(days, kind))


def _sweep(content: TimelineContent, width: float) -> Iterator[TimeScale]:
    """Yield the scales of a wheel sweep from everything down to a day about 16 July 2018."""
    extent = content.extent()
    assert extent is not None
    summit = content.warp.units(HistoricalDate(2018, 7, 16, precision=6).axis_start() + 0.5)
    scale = TimeScale.fitting(*extent, width)
    while True:
        yield scale
        if scale.span <= 1.0:
            return
        scale = scale.zoomed(1.25, scale.x(summit))


def _frames(content: TimelineContent, size: tuple[int, int], pinned: tuple[int, ...]):
    """Yield each frame of the sweep twice: packed for itself (as an image is) and cut from
    a strip packed wider than the view (as the window does)."""
    index = TimelineIndex(content.starts, content.ends, content.lanes, len(content.lane_names))
    labels = LabelBook(content, measure)
    metrics = FrameMetrics()
    width, height = size
    for scale in _sweep(content, width):
        yield arrange_frame(
            content, index, scale, height=height, metrics=metrics, labels=labels, pinned=pinned
        )
        span = scale.span
        strip = pack_strip(
            content,
            index,
            scale,
            reach=(scale.start - span * 0.1, scale.end + span * 0.1),
            height=height,
            metrics=metrics,
            labels=labels,
            pinned=pinned,
        )
        yield frame_from_strip(strip, content, index, scale, labels=labels)


def _label_boxes(frame: FrameLayout) -> list[Box]:
    """Return every label's rectangle: events', eras' and publications'."""
    # Events are drawn clipped to the lanes (which scroll when they need more height).
    top, bottom = frame.lanes_top, frame.lanes_bottom
    boxes: list[Box] = [
        (
            f"event {p.event} {p.label!r}",
            p.label_x,
            max(p.top, top),
            p.label_x + p.label_width,
            min(p.bottom, bottom),
        )
        for p in frame.events
        if p.label and p.top < bottom and p.bottom > top
    ]
    row = frame.metrics.row_height
    boxes += [
        (f"era {e.era.id}", e.label_x, e.label_top, e.label_x + measure(e.label), e.label_top + row)
        for e in frame.eras
        if e.label
    ]
    boxes += [
        (f"publication {p.publication.id}", p.label_x, p.top, p.label_x + p.label_width, p.bottom)
        for p in frame.publications
        if p.label
    ]
    return boxes


def _overlap(a: Box, b: Box) -> bool:
    return a[1] < b[3] - SLACK and b[1] < a[3] - SLACK and a[2] < b[4] and b[2] < a[4]


def _pins(content: TimelineContent, lit: bool) -> tuple[int, ...]:
    if not lit:
        return ()
    return tuple(p for key in SUMMIT_WEEK if (p := content.position(key)) is not None)


@pytest.mark.parametrize("lit", [False, True], ids=["plain", "summit-lit"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("kind", list(ScaleKind), ids=lambda k: k.value)
def test_no_two_labels_overlap_at_any_zoom(
    seed_days: TimelineContent, size, lit: bool, kind: ScaleKind
) -> None:
    content = _seed(seed_days, kind)
    pinned = _pins(content, lit)
    for frame in _frames(content, size, pinned):
        boxes = _label_boxes(frame)
        for a, b in itertools.combinations(boxes, 2):
            assert not _overlap(a, b), (frame.scale.span, a, b)
        # A lit event in view is drawn, however crowded its lane (if the lane is in view:
        # lanes scroll when the frame is too short for them all).
        shown_lanes = {box.lane for box in frame.lanes}
        for pin in pinned:
            start, end = content.starts[pin], content.ends[pin]
            in_view = start < frame.scale.end and end > frame.scale.start
            if content.end_texts[pin] is None:
                # A point in time is drawn at the middle of what its date covers: a day
                # is wide about a logarithmic scale's reference.
                in_view = frame.scale.start <= (start + end) / 2 <= frame.scale.end
            if in_view and content.lanes[pin] in shown_lanes:
                assert frame.placed(pin) is not None, (frame.scale.span, content.keys[pin])


def _bracketed(placed: PlacedEvent) -> bool:
    """Tell whether the painter draws a bracket over what the event's date covers."""
    return placed.coarse and placed.bar_right - placed.bar_left >= 3


@pytest.mark.parametrize("lit", [False, True], ids=["plain", "summit-lit"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("kind", list(ScaleKind), ids=lambda k: k.value)
def test_no_line_strikes_through_a_label(
    seed_days: TimelineContent, size, lit: bool, kind: ScaleKind
) -> None:
    content = _seed(seed_days, kind)
    for frame in _frames(content, size, _pins(content, lit)):
        boxes = _label_boxes(frame)
        # A bracket's ends, and its line where the label is not set into it.
        for placed in frame.events:
            if not placed.label:
                continue
            label_left = placed.label_x
            label_right = label_left + placed.label_width
            ends = [placed.bar_left, placed.bar_right] if _bracketed(placed) else []
            for source in placed.sources:
                ends += [source.bar_left, source.bar_right, source.x]
            for x in ends:
                assert not label_left < x < label_right, (frame.scale.span, placed)
            for source in placed.sources:
                # The dashed line from a source's date to the accepted one.
                low, high = sorted((source.x, placed.x))
                assert label_right <= low + SLACK or label_left >= high - SLACK, placed
        # The grid's hairlines, the eras' edges and the publications' rules, as drawn.
        drawn = label_boxes(frame, measure)
        lines = [(tick.x, frame.lanes_top, frame.lanes_bottom) for tick in frame.ticks.minor]
        lines += [
            (x, frame.era_top, frame.lanes_bottom) for e in frame.eras for x in (e.left, e.right)
        ]
        lines += [(p.x, frame.lanes_top, p.top) for p in frame.publications]
        for x, top, bottom in lines:
            pieces = drawn.pieces([x], top, bottom)
            reach = LINE_CLEARANCE
            near = [b for b in boxes if b[1] - reach < x < b[3] + reach and b[2] < bottom]
            if not [b for b in near if top < b[4]]:
                assert pieces == [(x, top, bottom)], (frame.scale.span, x)
            crossing = [b for b in boxes if b[1] < x < b[3]]
            for _, piece_top, piece_bottom in pieces:
                assert top <= piece_top < piece_bottom <= bottom
                for box in crossing:
                    assert not (box[2] < piece_bottom and piece_top < box[4]), (
                        frame.scale.span,
                        ("line", x, piece_top, piece_bottom),
                        box,
                    )


def _room(placed: PlacedEvent, frame: FrameLayout) -> float:
    """Return the widest stretch beside the event's marks that its label could take: in
    view, and clear of everything else in its row."""
    m, width = frame.metrics, frame.scale.width
    half, pad, gap = m.glyph / 2, m.pad, m.gap
    lefts = [placed.x - half] + [min(s.bar_left, s.x - half) for s in placed.sources]
    rights = [placed.x + half] + [max(s.bar_right, s.x + half) for s in placed.sources]
    if placed.span or _bracketed(placed):
        lefts.append(placed.bar_left)
        rights.append(placed.bar_right)
    others = [
        q
        for q in frame.events
        if (q.lane, q.row) == (placed.lane, placed.row) and q.event != placed.event
    ]

    def free(low: float, high: float) -> float:
        for q in others:
            if q.right + gap > low and q.left - gap < high:
                if q.left <= low:
                    return 0.0
                high = q.left - gap
        return high - low

    stretches = [(max(rights) + pad, width), (0.0, min(lefts) - pad)]
    if placed.span:  # a bar's label may ride inside it
        stretches.append((max(placed.x + half, 0.0) + pad, width))
    if _bracketed(placed) and not placed.sources:  # or be set into a bracket
        stretches.append((placed.x + half + pad, min(placed.bar_right, width) - pad))
        stretches.append((max(placed.bar_left, 0.0) + pad, placed.x - half - pad))
    return max(free(low, high) for low, high in stretches)


@pytest.mark.parametrize("lit", [False, True], ids=["plain", "summit-lit"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_title_is_cut_only_where_it_has_no_room(
    seed_days: TimelineContent, size, lit: bool
) -> None:
    content = _seed(seed_days)
    for frame in _frames(content, size, _pins(content, lit)):
        m, width = frame.metrics, frame.scale.width
        for placed in frame.events:
            full = full_label(content, placed.event)
            if placed.label == full:
                continue
            assert not placed.label or placed.label.endswith(ELLIPSIS), placed
            assert measure(full) > _room(placed, frame), (frame.scale.span, full, placed)
        for era in frame.eras:
            room = min(era.right, width) - max(era.left, 0.0) - 2 * m.pad
            if era.label != era.era.title:
                assert measure(era.era.title) > room, (frame.scale.span, era)
            if room >= measure(era.era.title):
                assert era.label == era.era.title, (frame.scale.span, era)
        for mark in frame.publications:
            title = mark.publication.title
            if mark.label != title:
                half, pad = m.glyph / 2, m.pad
                beside = max(
                    width - max(mark.bar_right, mark.x + half) - pad,
                    min(mark.bar_left, mark.x - half) - pad,
                )
                inside = max(
                    min(mark.bar_right, width) - pad - (mark.x + half + pad),
                    mark.x - half - pad - max(mark.bar_left, 0.0) - pad,
                )
                assert measure(title) > max(beside, inside), (frame.scale.span, mark)
