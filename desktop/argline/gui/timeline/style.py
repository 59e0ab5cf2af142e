"""Return the colours, fonts, shapes and sizes the timeline draws with, on screen and in images.

Each lane is drawn with the mark stored with it (argline.model.lanes): a glyph shape of
its own and a colour of Okabe and Ito's palette, safe for colour-blind readers. Every
glyph has an outline in the text colour, and the kinds
of mark differ by line style (a source's disputed date is dashed and hollow; a bracket
is thin, a span is a bar), so the timeline printed in greyscale reads the same. Text and
background come from the widget's palette, so a dark theme gets light text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette, QPolygonF

from argline.layout.frame import FrameMetrics
from argline.model.lanes import COLOURS, LaneMark

# The lanes' palette as colours: the legend's samples of kinds of mark are drawn in them.
LANE_COLOURS = tuple(QColor(colour) for colour in COLOURS)
PUBLICATION_SHAPES = {"forecast": "forward", "retrospective": "backward", "other": "square"}
PUBLICATION_WORDS = {
    "forecast": "forecast published",
    "retrospective": "retrospective published",
    "other": "assessment published",
}
HIGHLIGHT = QColor("#F0E442")  # Okabe–Ito yellow: a wash behind lit-up events
BASE_PIXELS = 12


@dataclass(frozen=True, slots=True)
class TimelineColours:
    """The colours of one drawing: its text, background and accents."""

    background: QColor
    text: QColor
    muted: QColor
    stripe: QColor
    grid: QColor
    selection: QColor
    selection_text: QColor
    highlight: QColor
    hover: QColor
    era_fills: tuple[QColor, QColor]

    @classmethod
    def from_palette(cls, palette: QPalette) -> TimelineColours:
        """Return colours that read on the palette's background, light or dark."""
        background = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        return cls._on(
            background,
            text,
            palette.color(QPalette.ColorRole.Highlight),
            palette.color(QPalette.ColorRole.HighlightedText),
        )

    @classmethod
    def light(cls) -> TimelineColours:
        """Return the colours of an exported image: dark text on white paper."""
        return cls._on(QColor("#ffffff"), QColor("#1b1b1b"), QColor("#0072B2"), QColor("#ffffff"))

    @classmethod
    def _on(
        cls, background: QColor, text: QColor, selection: QColor, selection_text: QColor
    ) -> TimelineColours:
        dark = background.lightnessF() < 0.5
        return cls(
            background=background,
            text=text,
            muted=_mix(text, background, 0.4),
            stripe=_mix(text, background, 0.96 if not dark else 0.93),
            grid=_mix(text, background, 0.85),
            selection=selection,
            selection_text=selection_text,
            highlight=_alpha(HIGHLIGHT, 0.55 if not dark else 0.45),
            hover=_mix(text, background, 0.88),
            era_fills=(
                _alpha(QColor("#56B4E9"), 0.13 if not dark else 0.2),
                _alpha(QColor("#E69F00"), 0.13 if not dark else 0.2),
            ),
        )


@dataclass(frozen=True, slots=True)
class LaneInk:
    """A lane's mark as drawn: its glyph's shape, its colour, and the colour pale (spans)."""

    symbol: str
    colour: QColor
    pale: QColor


@lru_cache(maxsize=16)
def lane_inks(marks: tuple[LaneMark, ...]) -> tuple[LaneInk, ...]:
    """Return the inks of lanes with these marks, in their order: made once per set of
    marks, so that a drawing of the same lanes is handed the very same inks."""
    return tuple(
        LaneInk(mark.symbol, QColor(mark.colour), _alpha(QColor(mark.colour), 0.35))
        for mark in marks
    )


@dataclass(frozen=True, slots=True)
class TimelineFonts:
    """The fonts of a drawing and the frame sizes that follow from them."""

    label: QFont
    small: QFont
    bold: QFont
    heading: QFont
    metrics: FrameMetrics
    label_metrics: QFontMetricsF

    @classmethod
    def scaled(cls, base: QFont | None = None, *, factor: float = 1.0) -> TimelineFonts:
        """Return fonts of ``BASE_PIXELS × factor`` pixels, so every output lays out alike."""
        label = QFont(base) if base is not None else QFont()
        label.setPixelSize(max(6, round(BASE_PIXELS * factor)))
        small = QFont(label)
        small.setPixelSize(max(5, round((BASE_PIXELS - 1.5) * factor)))
        bold = QFont(label)
        bold.setBold(True)
        heading = QFont(label)
        heading.setPixelSize(max(8, round(18 * factor)))
        heading.setBold(True)
        height = QFontMetricsF(label).height()
        small_height = QFontMetricsF(small).height()
        row = max(math.ceil(height + 6 * factor), math.ceil(18 * factor))
        metrics = FrameMetrics(
            row_height=row,
            lane_header=math.ceil(small_height + 3 * factor),
            density_height=round(9 * factor),
            axis_height=math.ceil(2 * height + 14 * factor),
            glyph=round(9 * factor),
            gap=round(8 * factor),
            pad=round(4 * factor),
            bin_width=max(2.0, round(4 * factor)),
        )
        return cls(label, small, bold, heading, metrics, QFontMetricsF(label))

    def measure(self, text: str) -> float:
        return self.label_metrics.horizontalAdvance(text)


def glyph_polygon(shape: str, x: float, y: float, size: float) -> QPolygonF:
    """Return the outline of a glyph of ``size`` pixels centred on (x, y)."""
    return glyph_outline(shape, size).translated(x, y)


@cache
def glyph_outline(shape: str, size: float) -> QPolygonF:
    """Return the outline of a glyph of ``size`` pixels centred on (0, 0), made once: a
    lane's glyphs are this moved into place."""
    r = size / 2
    if shape == "square":
        r *= 0.88
        points = [(-r, -r), (r, -r), (r, r), (-r, r)]
    elif shape == "diamond":
        r *= 1.2
        points = [(0, -r), (r, 0), (0, r), (-r, 0)]
    elif shape == "triangle":
        r *= 1.15
        points = [(0, -r), (r, r * 0.8), (-r, r * 0.8)]
    elif shape == "inverted":
        r *= 1.15
        points = [(0, r), (r, -r * 0.8), (-r, -r * 0.8)]
    elif shape == "forward":
        r *= 1.15
        points = [(-r * 0.8, -r), (r, 0), (-r * 0.8, r)]
    elif shape == "backward":
        r *= 1.15
        points = [(r * 0.8, -r), (-r, 0), (r * 0.8, r)]
    elif shape == "hexagon":
        points = [(r * math.cos(a), r * math.sin(a)) for a in _angles(6, 0.0)]
    elif shape == "star":
        r *= 1.25
        points = [
            (radius * math.cos(a), radius * math.sin(a))
            for k, a in enumerate(_angles(10, -math.pi / 2))
            for radius in (r if k % 2 == 0 else r * 0.45,)
        ]
    else:  # circle: an octagon close enough at glyph size, and as quick as a polygon
        points = [(r * math.cos(a), r * math.sin(a)) for a in _angles(16, 0.0)]
    return QPolygonF([QPointF(dx, dy) for dx, dy in points])


def _angles(count: int, first: float) -> list[float]:
    return [first + 2 * math.pi * k / count for k in range(count)]


def _mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    keep = 1 - share_of_b
    return QColor.fromRgbF(
        a.redF() * keep + b.redF() * share_of_b,
        a.greenF() * keep + b.greenF() * share_of_b,
        a.blueF() * keep + b.blueF() * share_of_b,
    )


def _alpha(colour: QColor, alpha: float) -> QColor:
    result = QColor(colour)
    result.setAlphaF(alpha)
    return result
