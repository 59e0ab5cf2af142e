"""Event labels as the timeline writes them: precision marks added, long titles elided.

Widths come from a measure function (a font's, on screen or in an export), so labels are
laid out the same way everywhere and tested without a screen.
"""

from __future__ import annotations

from collections.abc import Callable

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


class LabelBook:
    """Remembers each event's label and width: a frame measures only events new to it."""

    __slots__ = ("_content", "_known", "_typical", "max_width", "measure")

    def __init__(self, content: TimelineContent, measure: Measure, max_width: float) -> None:
        self._content = content
        self._known: dict[int, tuple[str, float]] = {}
        self._typical: float | None = None
        self.measure = measure
        self.max_width = max_width

    def label(self, event: int) -> tuple[str, float]:
        """Return the event's label as drawn and its width in pixels."""
        known = self._known.get(event)
        if known is None:
            text = full_label(self._content, event)
            text = elide(text, self.max_width, self.measure)
            known = self._known[event] = (text, self.measure(text))
        return known

    def typical_width(self) -> float:
        """Return about how wide a label is, from the titles' mean length (measured once)."""
        if self._typical is None:
            content = self._content
            sample = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            letter = self.measure(sample) / len(sample)
            mean = content.title_letters() / len(content) if len(content) else 0.0
            self._typical = min(mean * letter, self.max_width)
        return self._typical


def full_label(content: TimelineContent, event: int) -> str:
    """Return the event's title with its circa and uncertainty marks, before any eliding."""
    certainty = content.certainty(event)
    text = content.titles[event]
    if certainty.circa:
        text = CIRCA_MARK + text
    return text + UNCERTAIN_MARK if certainty.uncertain else text
