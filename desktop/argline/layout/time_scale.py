"""The timeline's scale: which stretch of the axis a view shows, and where a date falls on it.

Axis values are days since 1970 (argline.model.calendar), so the same scale serves a single
day and deep time. A scale is a frozen value: zooming or panning returns a new one, so each frame is
drawn and hit-tested against one consistent scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from argline.model.calendar import days_from_civil

# A day fills the view at the closest zoom with room to see its hours; the view stays
# within the years a HistoricalDate can hold (±10^12), so every tick can be labelled.
MIN_SPAN_DAYS = 0.25
AXIS_FIRST = float(days_from_civil(-(10**12) + 1, 1, 1))
AXIS_LAST = float(days_from_civil(10**12, 1, 1))
MAX_SPAN_DAYS = AXIS_LAST - AXIS_FIRST


@dataclass(frozen=True, slots=True)
class TimeScale:
    """Maps the axis stretch from ``start`` to ``end`` (days) onto ``width`` pixels."""

    start: float
    end: float
    width: float

    def __post_init__(self) -> None:
        if not self.end > self.start or not self.width > 0:
            raise ValueError(f"empty scale: {self.start}..{self.end} over {self.width} px")

    @property
    def span(self) -> float:
        return self.end - self.start

    @property
    def days_per_pixel(self) -> float:
        return (self.end - self.start) / self.width

    def x(self, value: float) -> float:
        """Return the pixel position of an axis value (outside 0..width when off screen)."""
        return (value - self.start) * self.width / (self.end - self.start)

    def value_at(self, x: float) -> float:
        """Return the axis value under a pixel position."""
        return self.start + x * (self.end - self.start) / self.width

    def zoomed(
        self, factor: float, about_x: float, *, shortest: float = MIN_SPAN_DAYS
    ) -> TimeScale:
        """Return the scale magnified by ``factor`` (>1 zooms in) keeping ``about_x`` still.

        The span stays between ``shortest`` (a quarter of a day, or what a quarter of a day
        takes there on a warped scale) and the whole axis, so a zoom that hits the limit
        keeps the point under the pointer where it was.
        """
        anchor = self.value_at(about_x)
        span = min(max(self.span / factor, shortest), MAX_SPAN_DAYS)
        return _within_axis(anchor - about_x / self.width * span, span, self.width)

    def panned(self, pixels: float) -> TimeScale:
        """Return the scale moved so that the content slides ``pixels`` to the right."""
        return _within_axis(self.start - pixels * self.days_per_pixel, self.span, self.width)

    @classmethod
    def fitting(cls, start: float, end: float, width: float, *, margin: float = 0.03) -> TimeScale:
        """Return a scale showing ``start``..``end`` with a ``margin`` (share of width) each side.

        A single instant or a stretch shorter than the closest zoom is centred at that zoom.
        """
        span = max(end - start, MIN_SPAN_DAYS * (1 - 2 * margin))
        span = min(span / (1 - 2 * margin), MAX_SPAN_DAYS)
        return _within_axis((start + end) / 2 - span / 2, span, width)


def _within_axis(start: float, span: float, width: float) -> TimeScale:
    """Return the scale of ``span`` days from ``start``, slid back inside the axis if beyond."""
    start = min(max(start, AXIS_FIRST), AXIS_LAST - span)
    return TimeScale(start, start + span, width)
