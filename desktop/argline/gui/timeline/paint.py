"""Draw a laid-out timeline frame with a QPainter: the one drawing code of screen and images.

Back to front: lane stripes, era bands, publication rules, density strips, events (bars,
brackets, disputed sources, glyphs, labels), publication marks, the axis. Everything is
at the positions the FrameLayout gives, so what is hit-tested is what was drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QStaticText,
    QTransform,
)

from argline.gui.timeline.style import (
    PUBLICATION_SHAPES,
    SHAPES,
    TimelineColours,
    TimelineFonts,
    glyph_polygon,
)
from argline.layout.frame import FrameLayout, LaneBox, PlacedEvent, PlacedPublication
from argline.layout.timeline_content import TimelineContent

_NO_PEN = QPen(Qt.PenStyle.NoPen)
# Labels laid out as static text, by font and text: drawing one is then about twice as
# quick. Dropped wholesale when it grows past this many (a few megabytes).
_STATIC_TEXTS: dict[str, dict[str, QStaticText]] = {}
_STATIC_TEXT_LIMIT = 20_000


@dataclass(slots=True)
class PaintState:
    """What the user has picked out: by event position in the content, or publication id."""

    selected: frozenset[int] = frozenset()
    highlighted: frozenset[int] = frozenset()
    hovered: int | None = None
    drop_target: int | None = None
    marked_publication: str | None = None
    hovered_publication: str | None = None
    # Filled while drawing when a list is given: (kind, event or id, x, y), for tests and
    # for anyone asking what a frame showed.
    record: list[tuple[str, object, float, float]] | None = field(default=None)


def paint_frame(
    painter: QPainter,
    frame: FrameLayout,
    content: TimelineContent,
    colours: TimelineColours,
    fonts: TimelineFonts,
    *,
    state: PaintState,
) -> None:
    """Draw the frame into the rectangle (0, 0, frame.scale.width, frame.height)."""
    width = frame.scale.width
    antialiased = bool(painter.renderHints() & QPainter.RenderHint.Antialiasing)
    painter.save()
    painter.fillRect(QRectF(0, 0, width, frame.height), colours.background)
    lanes_clip = QRectF(0, frame.lanes_top, width, frame.lanes_bottom - frame.lanes_top)
    painter.setClipRect(lanes_clip)
    for box in frame.lanes:
        _paint_lane_box(painter, box, width, colours, fonts)
    painter.setPen(QPen(colours.grid, 1))
    for mark in frame.ticks.minor:
        painter.drawLine(QLineF(mark.x, frame.lanes_top, mark.x, frame.lanes_bottom))
    painter.setClipping(False)
    _paint_eras(painter, frame, colours, fonts)
    _paint_publication_rules(painter, frame, colours, state)
    painter.setClipRect(lanes_clip)
    # Upright rectangles on whole pixels: antialiasing would only cost time.
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    for box in frame.lanes:
        _paint_density(painter, box, colours)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
    _paint_events(painter, frame, content, colours, fonts, state=state)
    painter.setClipping(False)
    _paint_publications(painter, frame, colours, fonts, state)
    _paint_axis(painter, frame, colours, fonts)
    painter.restore()


def _paint_lane_box(
    painter: QPainter, box: LaneBox, width: float, colours: TimelineColours, fonts: TimelineFonts
) -> None:
    if box.lane % 2 == 0:
        painter.fillRect(QRectF(0, box.top, width, box.bottom - box.top), colours.stripe)
    painter.setPen(QPen(colours.grid, 1))
    painter.drawLine(QLineF(0, box.top, width, box.top))
    painter.setFont(fonts.small)
    ascent = QFontMetricsF(fonts.small).ascent()
    glyph = glyph_polygon(SHAPES[box.lane % len(SHAPES)], 8, box.top + 2 + ascent / 2, 8)
    painter.setPen(QPen(colours.text, 0.8))
    painter.setBrush(colours.lane(box.lane))
    painter.drawPolygon(glyph)
    name = box.name
    if box.hidden > 0:
        name += f"  ·  {box.hidden:,} not drawn here: zoom in"
    painter.setPen(colours.muted)
    painter.drawText(QPointF(16, box.top + 1 + ascent), name)


def _paint_eras(
    painter: QPainter, frame: FrameLayout, colours: TimelineColours, fonts: TimelineFonts
) -> None:
    if not frame.eras:
        return
    width = frame.scale.width
    painter.setFont(fonts.small)
    metrics = QFontMetricsF(fonts.small)
    row = frame.metrics.row_height
    for n, era in enumerate(frame.eras):
        left, right = max(era.left, -2.0), min(era.right, width + 2)
        fill = colours.era_fills[n % 2]
        band = QRectF(left, frame.era_top, right - left, frame.lanes_bottom - frame.era_top)
        painter.fillRect(band, fill)
        painter.setPen(QPen(colours.muted, 1, Qt.PenStyle.DashLine))
        for edge in (era.left, era.right):
            if 0 <= edge <= width:
                painter.drawLine(QLineF(edge, frame.era_top, edge, frame.lanes_bottom))
        if era.label:
            painter.setPen(colours.text)
            baseline = era.label_top + (row + metrics.ascent() - metrics.descent()) / 2
            painter.drawText(QPointF(era.label_x, baseline), era.label)


def _paint_publication_rules(
    painter: QPainter, frame: FrameLayout, colours: TimelineColours, state: PaintState
) -> None:
    """Draw a faint rule up from each publication mark, to read it against the events."""
    for mark in frame.publications:
        marked = mark.publication.id == state.marked_publication
        pen = QPen(colours.selection if marked else colours.muted, 2 if marked else 1)
        pen.setStyle(Qt.PenStyle.SolidLine if marked else Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLine(QLineF(mark.x, frame.lanes_top, mark.x, mark.top))


def _paint_density(painter: QPainter, box: LaneBox, colours: TimelineColours) -> None:
    """Draw the lane's hidden events as a histogram strip along its foot."""
    if not box.bins:
        return
    height = box.bottom - box.top
    strip = min(height / 3, 9.0) if height > 0 else 0
    top_count = max(bin_[2] for bin_ in box.bins)
    bottom = box.bottom - 1
    # Square-root heights, in whole pixels: one hidden event still shows, a thousand do not
    # drown it. Neighbouring bins of one height are one rectangle: fewer to build and draw.
    bars: list[QRectF] = []
    run_left = run_right = 0.0
    run_height = 0
    for left, width, count in box.bins:
        bar = max(2, round(strip * math.sqrt(count / top_count)))
        if bar == run_height and left <= run_right + 0.5:
            run_right = left + width - 0.5
            continue
        if run_height:
            bars.append(QRectF(run_left, bottom - run_height, run_right - run_left, run_height))
        run_left, run_right, run_height = left, left + max(width - 0.5, 1.0), bar
    bars.append(QRectF(run_left, bottom - run_height, run_right - run_left, run_height))
    painter.setPen(_NO_PEN)
    painter.setBrush(colours.lane(box.lane))
    painter.drawRects(bars)


def _paint_events(
    painter: QPainter,
    frame: FrameLayout,
    content: TimelineContent,
    colours: TimelineColours,
    fonts: TimelineFonts,
    *,
    state: PaintState,
) -> None:
    m = frame.metrics
    label_metrics = QFontMetricsF(fonts.label)
    ascent, descent = label_metrics.ascent(), label_metrics.descent()
    record = state.record
    painter.setFont(fonts.label)
    static = _static_texts(fonts.label)
    for placed in frame.events:
        event = placed.event
        y = placed.y
        lit = event in state.highlighted or event == state.drop_target
        if lit or event == state.hovered:
            wash = colours.highlight if lit else colours.hover
            left = min(placed.left, placed.label_x) - 2
            box = QRectF(left, placed.top + 1, placed.right - left + 2, m.row_height - 2)
            painter.setPen(_NO_PEN)
            painter.setBrush(wash)
            painter.drawRoundedRect(box, 3, 3)
        colour = colours.lane(placed.lane)
        if placed.sources:
            _paint_sources(painter, placed, colours, m.glyph, record)
        if placed.span:
            _paint_span(painter, placed, colour, colours, m.glyph)
        elif placed.coarse:
            _paint_bracket(painter, placed, colour, colours, m.glyph)
        selected = event in state.selected
        shape = SHAPES[placed.lane % len(SHAPES)]
        outline = QPen(colours.selection if selected else colours.text, 2.2 if selected else 1)
        if placed.circa:
            outline.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(outline)
        painter.setBrush(colour)
        painter.drawPolygon(glyph_polygon(shape, placed.x, y, m.glyph))
        if record is not None:
            record.append(("event", event, placed.x, y))
        if not placed.label:
            continue
        text_top = y - (ascent + descent) / 2
        if selected:
            back = QRectF(
                placed.label_x - 2,
                y - (ascent + descent) / 2 - 1,
                placed.label_width + 4,
                ascent + descent + 2,
            )
            painter.setPen(_NO_PEN)
            painter.setBrush(colours.selection)
            painter.drawRoundedRect(back, 2, 2)
            painter.setPen(colours.selection_text)
        else:
            painter.setPen(colours.text)
        painter.drawStaticText(QPointF(placed.label_x, text_top), static(placed.label))


def _static_texts(font: QFont) -> Callable[[str], QStaticText]:
    """Return a function giving each label laid out once in this font, then remembered."""
    key = font.key()
    known = _STATIC_TEXTS.get(key)
    if known is None:
        if len(_STATIC_TEXTS) > 8:
            _STATIC_TEXTS.clear()
        known = _STATIC_TEXTS[key] = {}
    if len(known) > _STATIC_TEXT_LIMIT:
        known.clear()

    def static(text: str) -> QStaticText:
        laid_out = known.get(text)
        if laid_out is None:
            laid_out = known[text] = QStaticText(text)
            laid_out.setTextFormat(Qt.TextFormat.PlainText)
            laid_out.prepare(QTransform(), font)
        return laid_out

    return static


def _paint_span(
    painter: QPainter, placed: PlacedEvent, colour: QColor, colours: TimelineColours, glyph: float
) -> None:
    """Draw a span's bar: solid where known to the day, pale over an end known more coarsely."""
    y, half = placed.y, glyph * 0.3
    pale = QColor(colour)
    pale.setAlphaF(0.35)
    painter.setPen(QPen(colours.text, 0.8))
    painter.setBrush(pale)
    bar = QRectF(placed.bar_left, y - half, max(placed.bar_right - placed.bar_left, 1.0), 2 * half)
    painter.drawRect(bar)
    if placed.solid_right > placed.solid_left:
        painter.setPen(_NO_PEN)
        painter.setBrush(colour)
        solid = QRectF(
            placed.solid_left, y - half, placed.solid_right - placed.solid_left, 2 * half
        )
        painter.drawRect(solid.intersected(bar))


def _paint_bracket(
    painter: QPainter, placed: PlacedEvent, colour: QColor, colours: TimelineColours, glyph: float
) -> None:
    """Draw the faint bracket over the interval a date known to the month or year covers."""
    y = placed.y
    left, right = placed.bar_left, placed.bar_right
    if right - left < 3:
        return
    reach = glyph * 0.45
    pen = QPen(colour, 1.4)
    painter.setPen(pen)
    painter.drawLine(QLineF(left, y, right, y))
    painter.drawLine(QLineF(left, y - reach, left, y + reach))
    painter.drawLine(QLineF(right, y - reach, right, y + reach))


def _paint_sources(
    painter: QPainter,
    placed: PlacedEvent,
    colours: TimelineColours,
    glyph: float,
    record: list[tuple[str, object, float, float]] | None,
) -> None:
    """Draw each disputing source's date as a hollow dashed ghost joined to the accepted date."""
    y = placed.y
    dashed = QPen(colours.text, 1.2, Qt.PenStyle.DashLine)
    for source in placed.sources:
        painter.setPen(dashed)
        painter.drawLine(QLineF(source.x, y, placed.x, y))
        if source.bar_right - source.bar_left >= 3:
            reach = glyph * 0.45
            painter.drawLine(QLineF(source.bar_left, y - reach, source.bar_left, y + reach))
            painter.drawLine(QLineF(source.bar_right, y - reach, source.bar_right, y + reach))
        painter.setBrush(colours.background)
        painter.drawPolygon(glyph_polygon("diamond", source.x, y, glyph))
        if record is not None:
            record.append(("source", placed.event, source.x, y))


def _paint_publications(
    painter: QPainter,
    frame: FrameLayout,
    colours: TimelineColours,
    fonts: TimelineFonts,
    state: PaintState,
) -> None:
    if not frame.publications:
        return
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
        painter.setPen(_NO_PEN)
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
        painter.drawLine(QLineF(mark.bar_left, y, mark.bar_right, y))
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
    painter.drawLine(QLineF(0, top, width, top))
    painter.setFont(fonts.label)
    tick = frame.metrics.pad + 2
    painter.setPen(QPen(colours.text, 1))
    for mark in frame.ticks.minor:
        painter.drawLine(QLineF(mark.x, top, mark.x, top + tick))
        if mark.label:
            painter.drawText(QPointF(mark.label_x, top + tick + ascent), mark.label)
    painter.setFont(fonts.bold)
    second = top + tick + metrics.height() + 2
    for mark in frame.ticks.major:
        if 0 <= mark.x <= width:
            painter.setPen(QPen(colours.text, 1.5))
            painter.drawLine(QLineF(mark.x, top, mark.x, second))
        if mark.label:
            painter.setPen(colours.text)
            painter.drawText(QPointF(mark.label_x, second + ascent), mark.label)
