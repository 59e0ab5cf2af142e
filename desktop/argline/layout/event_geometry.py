"""Where an event's glyph, bar or bracket, label and ghost dates go in its lane's row.

Packing a strip and cutting a frame from it both need an event's reach in pixels and the
room beside its marks for its title; they work it out here, once, the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from argline.layout.frame import FrameMetrics, PlacedEvent, PlacedSource
from argline.layout.labels import LabelBook, Slot, settle
from argline.layout.time_scale import TimeScale
from argline.layout.timeline_content import TimelineContent


def fit_label(
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


def drop_label(placed: PlacedEvent, half: float) -> None:
    """Leave the event unlabelled (its tooltip names it): it then takes only its marks."""
    placed.left, placed.right = _marks_reach(placed, half)
    placed.label, placed.label_width, placed.label_x = "", 0.0, placed.right


def event_placing(
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
