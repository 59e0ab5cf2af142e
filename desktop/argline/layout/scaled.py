"""A timeline's content put on a time scale: every axis value carried through its warp.

The window reads and splices the content in days (argline.ops.timeline_data); a scale
other than the chronological one is a copy whose starts, ends, eras, publications and
disputed dates are in the warp's units. Order is kept, so positions, ids and titles are
shared with the content in days, and every frame is packed and hit-tested as on days.
"""

from __future__ import annotations

from array import array
from dataclasses import replace

from argline.layout.time_warp import (
    LINEAR,
    LogWarp,
    ScaleKind,
    TimeWarp,
    collapsed,
    drawn_intervals,
    sequential,
)
from argline.layout.timeline_content import SourceMark, TimelineContent


def warp_for(content: TimelineContent, kind: ScaleKind, reference: float | None = None) -> TimeWarp:
    """Return the warp of ``kind`` for this content (in days): a logarithmic one about
    ``reference`` (days), else about the last event's start."""
    if kind is ScaleKind.COLLAPSED:
        marks = [(p.start, p.end) for p in content.publications]
        marks += [(m.start, m.end) for found in content.disputes.values() for m in found]
        return collapsed(drawn_intervals(content.starts, content.ends, marks))
    if kind is ScaleKind.SEQUENTIAL:
        return sequential(content.starts)
    if kind is ScaleKind.LOG:
        if reference is None:
            reference = content.starts[-1] if len(content.starts) else 0.0
        return LogWarp(reference)
    return LINEAR


def on_scale(content: TimelineContent, warp: TimeWarp) -> TimelineContent:
    """Return the content (in days) with its axis values in the warp's units."""
    if warp is LINEAR:
        return content
    units = warp.units
    return replace(
        content,
        starts=array("d", map(units, content.starts)),
        ends=array("d", map(units, content.ends)),
        eras=tuple(replace(e, start=units(e.start), end=units(e.end)) for e in content.eras),
        publications=tuple(
            replace(p, start=units(p.start), end=units(p.end)) for p in content.publications
        ),
        disputes={
            position: tuple(_mark_on(mark, warp) for mark in marks)
            for position, marks in content.disputes.items()
        },
        warp=warp,
        _certainty={},
    )


def _mark_on(mark: SourceMark, warp: TimeWarp) -> SourceMark:
    return replace(mark, start=warp.units(mark.start), end=warp.units(mark.end))
