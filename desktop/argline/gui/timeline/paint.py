"""Draw a laid-out timeline frame with a QPainter: the one drawing code of screen and images.

Back to front: lane stripes, era bands, publication rules, density strips, events (bars,
brackets, disputed sources, glyphs, labels: argline.gui.timeline.event_paint),
publication marks, the axis. Everything is at the positions the FrameLayout gives, so
what is hit-tested is what was drawn.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from argline.gui.timeline.breaks import paint_axis_breaks, paint_break_bands, paint_break_gaps
from argline.gui.timeline.event_paint import (
    NO_PEN,
    PaintState,
    paint_events,
    paint_layered_events,
    static_texts,
)
from argline.gui.timeline.style import (
    PUBLICATION_SHAPES,
    LaneInk,
    TimelineColours,
    TimelineFonts,
    glyph_polygon,
    lane_inks,
)
from argline.layout.frame import DensityStrip, FrameLayout, LaneBox, PlacedPublication
from argline.layout.labels import LabelBoxes, label_boxes, line_around
from argline.layout.timeline_content import TimelineContent

if TYPE_CHECKING:
    from argline.gui.timeline.layer import EventsLayer


@dataclass(frozen=True, slots=True)
class DensityRects:
    """A density strip's bars as rectangles on its foot, ``tallest`` pixels high at most,
    with their left and right ends (the stretch's pixels) to pick those in view."""

    tallest: float
    rects: list[QRectF]
    lefts: list[float]
    rights: list[float]

    @classmethod
    def of(cls, density: DensityStrip, tallest: float) -> DensityRects:
        bars = density.bars(tallest)
        return cls(
            tallest,
            [QRectF(x, -h, w, h) for x, w, h in bars],
            [x for x, _, _ in bars],
            [x + w for x, w, _ in bars],
        )


def paint_frame(
    painter: QPainter,
    frame: FrameLayout,
    content: TimelineContent,
    colours: TimelineColours,
    fonts: TimelineFonts,
    *,
    state: PaintState,
    events_layer: EventsLayer | None = None,
) -> None:
    """Draw the frame into the rectangle (0, 0, frame.scale.width, frame.height).

    With an ``events_layer`` (the screen's), the events come from what it drew of the
    packed stretch before, except those picked out, hovered or refitted at the edge, which
    are drawn afresh over the holes left for them.
    """
    width = frame.scale.width
    inks = lane_inks(content.lane_marks)
    antialiased = bool(painter.renderHints() & QPainter.RenderHint.Antialiasing)
    painter.save()
    painter.fillRect(QRectF(0, 0, width, frame.height), colours.background)
    lanes_clip = QRectF(0, frame.lanes_top, width, frame.lanes_bottom - frame.lanes_top)
    painter.setClipRect(lanes_clip)
    for box in frame.lanes:
        _paint_lane_box(painter, box, width, colours)
    painter.setPen(QPen(colours.grid, 1))
    lanes_top, lanes_bottom = frame.lanes_top, frame.lanes_bottom
    # Upright lines break where they would strike through a label.
    boxes = label_boxes(frame, fonts.measure)
    # Upright hairlines: on whole pixels, crisp, and three times quicker than antialiased.
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.drawLines(_upright(boxes, [m.x for m in frame.ticks.minor], lanes_top, lanes_bottom))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
    painter.setClipping(False)
    _paint_eras(painter, frame, colours, fonts, boxes)
    paint_break_bands(painter, frame, colours)
    _paint_publication_rules(painter, frame, colours, state, boxes)
    painter.setClipRect(lanes_clip)
    for box in frame.lanes:  # over the grid and the eras, so no hairline crosses a name
        _paint_lane_name(painter, box, inks[box.lane], colours, fonts, on_screen=state.on_screen)
    # Upright rectangles on whole pixels: antialiasing would only cost time.
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for box in frame.lanes:
        _paint_density(painter, box, inks[box.lane], events_layer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
    if events_layer is None:
        paint_events(painter, frame.events, frame.metrics, colours, fonts, inks=inks, state=state)
    else:
        paint_layered_events(painter, frame, events_layer, colours, fonts, inks=inks, state=state)
    paint_break_gaps(painter, frame, colours)
    painter.setClipping(False)
    _paint_publications(painter, frame, colours, fonts, state)
    _paint_axis(painter, frame, colours, fonts)
    paint_axis_breaks(painter, frame, colours, fonts)
    painter.restore()


def _paint_lane_box(
    painter: QPainter, box: LaneBox, width: float, colours: TimelineColours
) -> None:
    if box.lane % 2 == 0:
        painter.fillRect(QRectF(0, box.top, width, box.bottom - box.top), colours.stripe)
    painter.setPen(QPen(colours.grid, 1))
    antialiased = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.drawLine(QLineF(0, box.top, width, box.top))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)


def _paint_lane_name(
    painter: QPainter,
    box: LaneBox,
    ink: LaneInk,
    colours: TimelineColours,
    fonts: TimelineFonts,
    *,
    on_screen: bool,
) -> None:
    painter.setFont(fonts.small)
    ascent = QFontMetricsF(fonts.small).ascent()
    glyph = glyph_polygon(ink.symbol, 8, box.top + 2 + ascent / 2, 8)
    painter.setPen(QPen(colours.text, 0.8))
    painter.setBrush(ink.colour)
    painter.drawPolygon(glyph)
    name = box.name
    if box.hidden > 0:
        name += f"  ·  {box.hidden:,} not drawn here" + (": zoom in" if on_screen else "")
    painter.setPen(colours.muted)
    painter.drawText(QPointF(16, box.top + 1 + ascent), name)


def _upright(boxes: LabelBoxes, xs: list[float], top: float, bottom: float) -> list[QLineF]:
    """Return the upright lines at ``xs`` from ``top`` to ``bottom``, in the pieces that
    cross no label."""
    return [QLineF(x, a, x, b) for x, a, b in boxes.pieces(xs, top, bottom)]


def _paint_eras(
    painter: QPainter,
    frame: FrameLayout,
    colours: TimelineColours,
    fonts: TimelineFonts,
    boxes: LabelBoxes,
) -> None:
    if not frame.eras:
        return
    width = frame.scale.width
    # In the labels' font, which the layout measured them with.
    painter.setFont(fonts.label)
    metrics = QFontMetricsF(fonts.label)
    row = frame.metrics.row_height
    for n, era in enumerate(frame.eras):
        left, right = max(era.left, -2.0), min(era.right, width + 2)
        fill = colours.era_fills[n % 2]
        band = QRectF(left, frame.era_top, right - left, frame.lanes_bottom - frame.era_top)
        painter.fillRect(band, fill)
        painter.setPen(QPen(colours.muted, 1, Qt.PenStyle.DashLine))
        edges = [edge for edge in (era.left, era.right) if 0 <= edge <= width]
        painter.drawLines(_upright(boxes, edges, frame.era_top, frame.lanes_bottom))
        if era.label:
            painter.setPen(colours.text)
            baseline = era.label_top + (row + metrics.ascent() - metrics.descent()) / 2
            painter.drawText(QPointF(era.label_x, baseline), era.label)


def _paint_publication_rules(
    painter: QPainter,
    frame: FrameLayout,
    colours: TimelineColours,
    state: PaintState,
    boxes: LabelBoxes,
) -> None:
    """Draw a faint rule up from each publication mark, to read it against the events."""
    for mark in frame.publications:
        marked = mark.publication.id == state.marked_publication
        pen = QPen(colours.selection if marked else colours.muted, 2 if marked else 1)
        pen.setStyle(Qt.PenStyle.SolidLine if marked else Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLines(_upright(boxes, [mark.x], frame.lanes_top, mark.top))


def _paint_density(
    painter: QPainter, box: LaneBox, ink: LaneInk, layer: EventsLayer | None
) -> None:
    """Draw the lane's hidden events as a histogram strip along its foot."""
    density = box.density
    if density is None or box.hidden <= 0 or not density.top_count:
        return
    height = box.bottom - box.top
    tallest = min(height / 3, 9.0) if height > 0 else 0
    # Only the bars in view: those of the rest of the stretch would only be clipped away.
    offset = box.density_offset
    if layer is not None:
        # The bars of the whole packed stretch, built once by the layer drawing that
        # stretch, and moved into place.
        known = layer.density_rects(box.lane, density, tallest)
        first = bisect_left(known.rights, offset)
        last = bisect_left(known.lefts, offset + box.width)
        rects = known.rects[first:last]
    else:
        # A frame drawn once: only the bars it shows are made.
        bars = density.bars(tallest)
        first = bisect_left(bars, offset, key=_bar_right)
        last = bisect_left(bars, offset + box.width, key=_bar_left)
        rects = [QRectF(x, -h, w, h) for x, w, h in bars[first:last]]
    painter.save()
    painter.translate(-offset, box.bottom - 1)
    painter.setPen(NO_PEN)
    painter.setBrush(ink.colour)
    painter.drawRects(rects)
    painter.restore()


def _bar_left(bar: tuple[float, float, int]) -> float:
    return bar[0]


def _bar_right(bar: tuple[float, float, int]) -> float:
    return bar[0] + bar[1]


def _paint_publications(
    painter: QPainter,
    frame: FrameLayout,
    colours: TimelineColours,
    fonts: TimelineFonts,
    state: PaintState,
) -> None:
    if frame.publications_bottom <= frame.publications_top:
        return  # no assessment has a date: no lane (one out of view still keeps it)
    m = frame.metrics
    metrics = QFontMetricsF(fonts.small)
    painter.setFont(fonts.small)
    painter.setPen(colours.muted)
    painter.drawText(
        QPointF(16, frame.publications_top + 1 + metrics.ascent()), "Assessments published"
    )
    for mark in frame.publications:
        _paint_publication(painter, mark, colours, fonts, state=state, glyph=m.glyph)


def _paint_publication(
    painter: QPainter,
    mark: PlacedPublication,
    colours: TimelineColours,
    fonts: TimelineFonts,
    *,
    state: PaintState,
    glyph: float,
) -> None:
    y = mark.y
    publication = mark.publication
    marked = publication.id == state.marked_publication
    if marked or publication.id == state.hovered_publication:
        painter.setPen(NO_PEN)
        painter.setBrush(colours.highlight if marked else colours.hover)
        left = min(mark.bar_left, mark.x - glyph, mark.label_x) - 2
        right = max(mark.bar_right, mark.x + glyph, mark.label_x + mark.label_width) + 2
        painter.drawRoundedRect(
            QRectF(left, mark.top + 1, right - left, mark.bottom - mark.top - 2), 3, 3
        )
    ink = colours.selection if marked else colours.text
    if not mark.to_the_day and mark.bar_right - mark.bar_left >= 3:
        reach = glyph * 0.45
        painter.setPen(QPen(ink, 1.2))
        # Its line broken where its label sits inside it.
        pieces = line_around(mark.bar_left, mark.bar_right, mark.label_x, mark.label_width)
        painter.drawLines([QLineF(a, y, b, y) for a, b in pieces])
        painter.drawLine(QLineF(mark.bar_left, y - reach, mark.bar_left, y + reach))
        painter.drawLine(QLineF(mark.bar_right, y - reach, mark.bar_right, y + reach))
    shape = PUBLICATION_SHAPES.get(publication.kind, "square")
    painter.setPen(QPen(ink, 2.2 if marked else 1.2))
    painter.setBrush(colours.background)
    painter.drawPolygon(glyph_polygon(shape, mark.x, y, glyph * 1.15))
    if state.record is not None:
        state.record.append(("publication", publication.id, mark.x, y))
    if mark.label:
        metrics = QFontMetricsF(fonts.label)
        painter.setFont(fonts.label)
        painter.setPen(colours.text)
        baseline = y + (metrics.ascent() - metrics.descent()) / 2
        painter.drawText(QPointF(mark.label_x, baseline), mark.label)


def _paint_axis(
    painter: QPainter, frame: FrameLayout, colours: TimelineColours, fonts: TimelineFonts
) -> None:
    width = frame.scale.width
    top = frame.axis_top
    metrics = QFontMetricsF(fonts.label)
    ascent = metrics.ascent()
    painter.fillRect(QRectF(0, top, width, frame.height - top), colours.background)
    painter.setPen(QPen(colours.text, 1))
    antialiased = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.drawLine(QLineF(0, top, width, top))
    painter.setFont(fonts.label)
    tick = frame.metrics.pad + 2
    minor = frame.ticks.minor
    painter.drawLines([QLineF(mark.x, top, mark.x, top + tick) for mark in minor])
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
    # Tick labels repeat from frame to frame ("1990", "Mar"): laid out once, as labels are.
    static = static_texts(fonts.label)
    for mark in minor:
        if mark.label:
            painter.drawStaticText(QPointF(mark.label_x, top + tick), static(mark.label))
    painter.setFont(fonts.bold)
    second = top + tick + metrics.height() + 2
    for mark in frame.ticks.major:
        if 0 <= mark.x <= width:
            painter.setPen(QPen(colours.text, 1.5))
            painter.drawLine(QLineF(mark.x, top, mark.x, second))
        if mark.label:
            painter.setPen(colours.text)
            painter.drawText(QPointF(mark.label_x, second + ascent), mark.label)
