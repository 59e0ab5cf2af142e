"""Draw the key to the timeline's marks, as rows of sample and words that wrap to a width."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from argline.gui.timeline.style import (
    LANE_COLOURS,
    PUBLICATION_SHAPES,
    PUBLICATION_WORDS,
    TimelineColours,
    TimelineFonts,
    glyph_polygon,
)

Sample = Callable[[QPainter, float, float, TimelineColours, float], None]
_SAMPLE_WIDTH = 3.2  # in glyphs


def _point(painter: QPainter, x: float, y: float, colours: TimelineColours, g: float) -> None:
    painter.setPen(QPen(colours.text, 1))
    painter.setBrush(LANE_COLOURS[0])
    painter.drawPolygon(glyph_polygon("circle", x + 1.6 * g, y, g))


def _circa(painter: QPainter, x: float, y: float, colours: TimelineColours, g: float) -> None:
    painter.setPen(QPen(colours.text, 1, Qt.PenStyle.DotLine))
    painter.setBrush(LANE_COLOURS[0])
    painter.drawPolygon(glyph_polygon("circle", x + 1.6 * g, y, g))


def _span(painter: QPainter, x: float, y: float, colours: TimelineColours, g: float) -> None:
    pale = QColor(LANE_COLOURS[1])
    pale.setAlphaF(0.35)
    painter.setPen(QPen(colours.text, 0.8))
    painter.setBrush(pale)
    painter.drawRect(QRectF(x, y - 0.3 * g, 3.2 * g, 0.6 * g))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(LANE_COLOURS[1])
    painter.drawRect(QRectF(x + 0.8 * g, y - 0.3 * g, 1.6 * g, 0.6 * g))


def _bracket(painter: QPainter, x: float, y: float, colours: TimelineColours, g: float) -> None:
    painter.setPen(QPen(LANE_COLOURS[2], 1.4))
    reach = 0.45 * g
    right = x + 3.2 * g
    painter.drawLine(QLineF(x, y, right, y))
    painter.drawLine(QLineF(x, y - reach, x, y + reach))
    painter.drawLine(QLineF(right, y - reach, right, y + reach))
    painter.setPen(QPen(colours.text, 1))
    painter.setBrush(LANE_COLOURS[2])
    painter.drawPolygon(glyph_polygon("diamond", x + 1.6 * g, y, g))


def _disputed(painter: QPainter, x: float, y: float, colours: TimelineColours, g: float) -> None:
    painter.setPen(QPen(colours.text, 1.2, Qt.PenStyle.DashLine))
    painter.drawLine(QLineF(x + 0.5 * g, y, x + 2.7 * g, y))
    painter.setBrush(colours.background)
    painter.drawPolygon(glyph_polygon("diamond", x + 0.5 * g, y, g))
    painter.setPen(QPen(colours.text, 1))
    painter.setBrush(LANE_COLOURS[3])
    painter.drawPolygon(glyph_polygon("circle", x + 2.7 * g, y, g))


def _publication(kind: str) -> Sample:
    def sample(painter: QPainter, x: float, y: float, colours: TimelineColours, g: float) -> None:
        painter.setPen(QPen(colours.text, 1.2))
        painter.setBrush(colours.background)
        painter.drawPolygon(glyph_polygon(PUBLICATION_SHAPES[kind], x + 1.6 * g, y, g * 1.15))

    return sample


def _era(painter: QPainter, x: float, y: float, colours: TimelineColours, g: float) -> None:
    painter.fillRect(QRectF(x, y - 0.6 * g, 3.2 * g, 1.2 * g), colours.era_fills[0])
    painter.setPen(QPen(colours.muted, 1, Qt.PenStyle.DashLine))
    painter.drawLine(QLineF(x, y - 0.6 * g, x, y + 0.6 * g))
    painter.drawLine(QLineF(x + 3.2 * g, y - 0.6 * g, x + 3.2 * g, y + 0.6 * g))


def _density(painter: QPainter, x: float, y: float, colours: TimelineColours, g: float) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(LANE_COLOURS[4])
    for k, share in enumerate((0.3, 0.8, 1.0, 0.5, 0.2, 0.6)):
        height = share * g
        painter.drawRect(QRectF(x + k * 0.55 * g, y + 0.5 * g - height, 0.45 * g, height))


ENTRIES: tuple[tuple[Sample, str], ...] = (
    (_point, "event, known to the day"),
    (_bracket, "known to the month or year: a bracket over what the date covers"),
    (_span, "span: solid where known to the day"),
    (_circa, "~ circa (dotted outline), ? uncertain"),
    (_disputed, "disputed: a source's date (hollow, dashed) joined to the accepted one"),
    (_publication("forecast"), PUBLICATION_WORDS["forecast"]),
    (_publication("retrospective"), PUBLICATION_WORDS["retrospective"]),
    (_era, "era"),
    (_density, "too many events to draw: how many start there"),
)


def _entry_widths(fonts: TimelineFonts) -> list[float]:
    g = fonts.metrics.glyph
    return [_SAMPLE_WIDTH * g + fonts.metrics.pad * 2 + fonts.measure(t) for _, t in ENTRIES]


def _rows(width: float, fonts: TimelineFonts) -> list[list[int]]:
    gap = fonts.metrics.gap * 3
    rows: list[list[int]] = [[]]
    used = 0.0
    for n, entry_width in enumerate(_entry_widths(fonts)):
        if rows[-1] and used + gap + entry_width > width:
            rows.append([])
            used = 0.0
        used += (gap if rows[-1] else 0.0) + entry_width
        rows[-1].append(n)
    return rows


def legend_height(width: float, fonts: TimelineFonts) -> float:
    """Return the height the legend takes when wrapped to ``width`` pixels."""
    return len(_rows(width, fonts)) * fonts.metrics.row_height


def paint_legend(
    painter: QPainter, rect: QRectF, colours: TimelineColours, fonts: TimelineFonts
) -> None:
    """Draw the legend's entries left to right, wrapping within ``rect``."""
    g, row_height = fonts.metrics.glyph, fonts.metrics.row_height
    widths = _entry_widths(fonts)
    gap = fonts.metrics.gap * 3
    metrics = fonts.label_metrics
    painter.save()
    painter.setFont(fonts.label)
    y = rect.top() + row_height / 2
    for row in _rows(rect.width(), fonts):
        x = rect.left()
        for n in row:
            sample, words = ENTRIES[n]
            sample(painter, x, y, colours, g)
            painter.setPen(colours.text)
            baseline = y + (metrics.ascent() - metrics.descent()) / 2
            painter.drawText(
                QPointF(x + _SAMPLE_WIDTH * g + fonts.metrics.pad * 2, baseline), words
            )
            x += widths[n] + gap
        y += row_height
    painter.restore()
