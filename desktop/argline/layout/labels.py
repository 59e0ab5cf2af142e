"""Event labels as the timeline writes them: precision marks added, titles whole, and
where upright lines break so as not to strike through a label.

A title is elided only where the room beside its mark is shorter than it is
(event_geometry and bands work that out); widths come from a measure function (a font's,
on screen or in an export), so labels are laid out the same way everywhere and tested
without a screen.
"""

from __future__ import annotations

import math
from bisect import insort
from collections.abc import Callable, Iterable

from argline.layout.frame import FrameLayout
from argline.layout.timeline_content import TimelineContent

Measure = Callable[[str], float]
ELLIPSIS = "…"
# Circa dates read "~ Title", as EDTF writes circa; uncertain ones end in "?".
CIRCA_MARK = "~ "
UNCERTAIN_MARK = "?"


def elide(text: str, width: float, measure: Measure) -> str:
    """Return ``text`` cut at the end with '…' so that it measures at most ``width``.

    Returns '' when not even the ellipsis fits. Cuts at a character boundary found by
    bisection, so a long title costs a dozen measurements, once.
    """
    if measure(text) <= width:
        return text
    if measure(ELLIPSIS) > width:
        return ""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle].rstrip() + ELLIPSIS) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


# Where a label may go beside what it names, by preference: (left end, right end, and
# whether it sits against the right end rather than the left), in pixels of its row.
Slot = tuple[float, float, bool]


def settle(
    label: str,
    label_width: float,
    slots: list[Slot],
    *,
    low: float,
    high: float,
    measure: Measure,
    fallback: float | None = None,
) -> tuple[str, float, float]:
    """Return the label, its width and its left end: in the first slot that holds it whole,
    none reaching past ``high`` nor (a slot against its right end) left of ``low``; else
    whole from ``fallback`` if given (an event out of view); else cut short to the widest
    slot, or left out where only a stub would fit."""
    widest, widest_room = slots[0], -math.inf
    for start, end, against_right in slots:
        a = max(start, low) if against_right else start
        b = min(end, high)
        if b - a >= label_width:
            return label, label_width, b - label_width if against_right else a
        if b - a > widest_room:
            widest, widest_room = (a, b, against_right), b - a
    if fallback is not None:
        return label, label_width, fallback
    a, b, against_right = widest
    text = elide(label, max(widest_room, 0.0), measure)
    if text.endswith(ELLIPSIS) and len(text) < 6:
        text = ""  # a stub like "Hel…" says nothing; the tooltip names the event
    text_width = measure(text) if text else 0.0
    return text, text_width, b - text_width if against_right else a


class LabelBook:
    """Remembers each event's label and width: a frame measures only events new to it."""

    __slots__ = ("_content", "_known", "_typical", "measure")

    def __init__(self, content: TimelineContent, measure: Measure) -> None:
        self._content = content
        self._known: dict[int, tuple[str, float]] = {}
        self._typical: float | None = None
        self.measure = measure

    def label(self, event: int) -> tuple[str, float]:
        """Return the event's whole label and its width in pixels."""
        known = self._known.get(event)
        if known is None:
            text = full_label(self._content, event)
            known = self._known[event] = (text, self.measure(text))
        return known

    def typical_width(self) -> float:
        """Return about how wide a label is, from the titles' mean length (measured once)."""
        if self._typical is None:
            content = self._content
            sample = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            letter = self.measure(sample) / len(sample)
            mean = content.title_letters() / len(content) if len(content) else 0.0
            self._typical = mean * letter
        return self._typical


def full_label(content: TimelineContent, event: int) -> str:
    """Return the event's title with its circa and uncertainty marks, before any eliding."""
    certainty = content.certainty(event)
    text = content.titles[event]
    if certainty.circa:
        text = CIRCA_MARK + text
    return text + UNCERTAIN_MARK if certainty.uncertain else text


# An upright line breaks this many pixels either side of a label it would cross.
LINE_CLEARANCE = 2.0


class LabelBoxes:
    """A frame's label rectangles (left, top, right, bottom), for the upright lines that
    must not strike through them.

    The grid's hairlines, eras' edges and publications' rules are drawn in the pieces
    ``pieces`` gives, each broken where it would cross a label (by LINE_CLEARANCE).
    """

    __slots__ = ("_boxes",)

    def __init__(self, boxes: Iterable[tuple[float, float, float, float]]) -> None:
        pad = LINE_CLEARANCE
        # By left end, widened by the clearance: (left, top, right, bottom).
        self._boxes = sorted(
            (left - pad, top, right + pad, bottom) for left, top, right, bottom in boxes
        )

    def pieces(
        self, xs: Iterable[float], top: float, bottom: float
    ) -> list[tuple[float, float, float]]:
        """Return the pieces (x, top, bottom) of the upright lines at ``xs`` from ``top`` to
        ``bottom`` that cross no label, each line's from top to bottom.

        One sweep from left to right over the lines and the labels, so that each line
        looks only at the labels it crosses (kept by their tops).
        """
        boxes = self._boxes
        count, taken = len(boxes), 0
        # The labels the sweep is over: (top, bottom, right), by top.
        crossing: list[tuple[float, float, float]] = []
        pieces = []
        for x in sorted(xs):
            while taken < count and boxes[taken][0] < x:
                _, box_top, right, box_bottom = boxes[taken]
                insort(crossing, (box_top, box_bottom, right))
                taken += 1
            crossing = [box for box in crossing if box[2] > x]
            piece_top = top
            for box_top, box_bottom, _ in crossing:
                if box_bottom <= piece_top or box_top >= bottom:
                    continue
                if box_top > piece_top:
                    pieces.append((x, piece_top, box_top))
                piece_top = box_bottom
            if piece_top < bottom:
                pieces.append((x, piece_top, bottom))
        return pieces


def line_around(
    left: float, right: float, label_x: float, label_width: float
) -> list[tuple[float, float]]:
    """Return the pieces of a level line from ``left`` to ``right`` (a bracket's) that leave
    the label at ``label_x`` clear, by LINE_CLEARANCE and a pixel."""
    gap_left = label_x - LINE_CLEARANCE - 1
    gap_right = label_x + label_width + LINE_CLEARANCE + 1
    if not label_width or gap_right <= left or gap_left >= right:
        return [(left, right)]
    return [(a, b) for a, b in ((left, gap_left), (gap_right, right)) if b > a]


def label_boxes(frame: FrameLayout, measure: Measure) -> LabelBoxes:
    """Return the rectangles of the frame's labels: events' (as far as the lanes show them),
    eras' and publications'. ``measure`` is the one the frame was laid out with."""
    top, bottom = frame.lanes_top, frame.lanes_bottom
    boxes = [
        (p.label_x, max(p.top, top), p.label_x + p.label_width, min(p.bottom, bottom))
        for p in frame.events
        if p.label and p.top < bottom and p.bottom > top
    ]
    row = frame.metrics.row_height
    boxes += [
        (e.label_x, e.label_top, e.label_x + measure(e.label), e.label_top + row)
        for e in frame.eras
        if e.label
    ]
    boxes += [
        (p.label_x, p.top, p.label_x + p.label_width, p.bottom)
        for p in frame.publications
        if p.label
    ]
    return LabelBoxes(boxes)
