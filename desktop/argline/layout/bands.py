"""The bands above and below the lanes: eras' labels at the top, publications at the foot.

Both are few (tens, not thousands) and placed afresh for every frame: each label goes
into the first of its band's rows where it overlaps nothing, or is left out. A title is
cut short only where the room it has in view is shorter than it is.
"""

from __future__ import annotations

import math
from itertools import pairwise

from argline.layout.frame import FrameLayout, PlacedEra, PlacedPublication
from argline.layout.labels import Measure, Slot, settle
from argline.layout.lanes import LanePacker
from argline.layout.timeline_content import TimelineContent


def era_row_count(content: TimelineContent) -> int:
    """Return 2 when eras overlap (their labels may need a second row), else 1; 0 if none."""
    eras = content.eras
    if not eras:
        return 0
    overlapping = any(a.end > b.start for a, b in pairwise(eras))
    return 2 if overlapping else 1


def place_eras(frame: FrameLayout, content: TimelineContent, rows: int, measure: Measure) -> None:
    """Place each era band in view, its label kept inside the band, inside the view and
    off the breaks of a collapsed scale: in the first stretch of the band that holds it
    whole, else cut to the widest."""
    if not rows:
        return
    m, scale = frame.metrics, frame.scale
    packer = LanePacker(rows, m.gap)
    for era in content.eras:
        left, right = scale.x(era.start), scale.x(era.end)
        if right < 0 or left > scale.width:
            continue
        stretches = _unbroken(max(left, 0.0), min(right, scale.width), frame)
        slots: list[Slot] = [(a + m.pad, b - m.pad, False) for a, b in stretches]
        label, label_width, label_x = settle(
            era.title,
            measure(era.title),
            slots or [(left + m.pad, left + m.pad, False)],
            low=-math.inf,
            high=math.inf,
            measure=measure,
        )
        row = packer.place(label_x, label_x + label_width) if label else None
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


def _unbroken(left: float, right: float, frame: FrameLayout) -> list[tuple[float, float]]:
    """Return the stretches of ``left``..``right`` that no axis break covers, in order."""
    stretches = []
    for gap in sorted(frame.breaks, key=lambda placed: placed.left):
        if gap.left > left:
            stretches.append((left, min(gap.left, right)))
        left = max(left, gap.right)
        if left >= right:
            return stretches
    stretches.append((left, right))
    return stretches


def place_publications(
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
        # Beside the mark and its bracket (a month's publication spans the month): to the
        # right, else to the left; where the bracket leaves room on neither side, inside it
        # beside the mark (the painter breaks the bracket's line for it).
        bracketed = publication.end - publication.start > 1.0
        if bracketed:
            mark_left, mark_right = min(left, x - half), max(right, x + half)
        else:
            mark_left, mark_right = x - half, x + half
        slots: list[Slot] = [
            (mark_right + m.pad, math.inf, False),
            (-math.inf, mark_left - m.pad, True),
        ]
        if bracketed:
            slots += [
                (x + half + m.pad, right - m.pad, False),
                (left + m.pad, x - half - m.pad, True),
            ]
        label, label_width, label_x = settle(
            publication.title,
            measure(publication.title),
            slots,
            low=0.0,
            high=scale.width,
            measure=measure,
        )
        row = (
            packer.place(min(mark_left, label_x), max(mark_right, label_x + label_width))
            if label
            else None
        )
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
