"""Draw a collapsed scale's axis breaks, and the name of any scale but the chronological.

A break is a band of the background across the eras and lanes, edged by dashed rules,
so that an era or a span crossing it is seen broken, never short; on the axis it is a
pair of slanted strokes, named by the years it hides.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from argline.gui.timeline.style import TimelineColours, TimelineFonts
from argline.layout.frame import FrameLayout

# The slanted strokes of a break on the axis: their lean and their half-height, in pixels.
_LEAN, _REACH = 3.0, 5.0


def paint_break_bands(painter: QPainter, frame: FrameLayout, colours: TimelineColours) -> None:
    """Blank each break's band behind the events (their labels may cross it)."""
    if not frame.breaks:
        return
    painter.save()
    painter.setPen(QPen(colours.muted, 1, Qt.PenStyle.DashLine))
    top, bottom = frame.era_top, frame.axis_top
    for placed in frame.breaks:
        painter.fillRect(
            QRectF(placed.left, top, placed.right - placed.left, bottom - top), colours.background
        )
        painter.drawLine(QLineF(placed.left, top, placed.left, bottom))
        painter.drawLine(QLineF(placed.right, top, placed.right, bottom))
    painter.restore()


def paint_break_gaps(painter: QPainter, frame: FrameLayout, colours: TimelineColours) -> None:
    """Cut each span's bar where it crosses a break, so that it reads as broken."""
    if not frame.breaks:
        return
    reach = frame.metrics.glyph / 2
    for placed in frame.events:
        for gap in frame.breaks:
            if placed.bar_left < gap.left and placed.bar_right > gap.right:
                y = placed.y
                painter.fillRect(
                    QRectF(gap.left + 1, y - reach, gap.right - gap.left - 2, 2 * reach),
                    colours.background,
                )


def paint_axis_breaks(
    painter: QPainter, frame: FrameLayout, colours: TimelineColours, fonts: TimelineFonts
) -> None:
    """Draw the breaks on the axis line with their names, and the scale's caption."""
    top = frame.axis_top
    metrics = QFontMetricsF(fonts.label)
    painter.save()
    painter.setFont(fonts.label)
    for placed in frame.breaks:
        painter.fillRect(
            QRectF(placed.left, top - 1, placed.right - placed.left, 3), colours.background
        )
        painter.setPen(QPen(colours.text, 1.2))
        for x in (placed.left, placed.right):
            painter.drawLine(QLineF(x - _LEAN, top + _REACH, x + _LEAN, top - _REACH))
        if placed.label:
            painter.setPen(colours.text)
            baseline = top + frame.metrics.pad + 2 + metrics.ascent()
            painter.drawText(QPointF(placed.label_x, baseline), placed.label)
    if frame.caption:
        painter.setPen(colours.muted)
        width = metrics.horizontalAdvance(frame.caption)
        baseline = frame.height - metrics.descent() - 2
        painter.drawText(
            QPointF(frame.scale.width - width - frame.metrics.pad, baseline), frame.caption
        )
    painter.restore()
