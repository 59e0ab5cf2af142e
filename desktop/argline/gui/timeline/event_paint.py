"""Draw a frame's placed events with a QPainter: washes, bars, brackets, ghosts, glyphs, labels.

The frame painter (argline.gui.timeline.paint) and the screen's events layer
(argline.gui.timeline.layer) both draw events here, in passes by kind so that pens and
brushes are set once per kind; what the user picked out (PaintState) is drawn over them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QStaticText,
    QTransform,
)

from argline.gui.timeline.stamps import GlyphStamps
from argline.gui.timeline.style import (
    LaneInk,
    TimelineColours,
    TimelineFonts,
    glyph_outline,
    glyph_polygon,
)
from argline.layout.frame import FrameLayout, FrameMetrics, PlacedEvent
from argline.layout.labels import line_around

if TYPE_CHECKING:
    from argline.gui.timeline.layer import EventsLayer

NO_PEN = QPen(Qt.PenStyle.NoPen)
# Read once: a PySide enum member costs a microsecond to look up, and every bar needs it.
_ODD_EVEN = Qt.FillRule.OddEvenFill
_PLAIN_TEXT = Qt.TextFormat.PlainText
_UNTRANSFORMED = QTransform()
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
    # An image cannot be zoomed: there a lane counts what it leaves out, without the hint.
    on_screen: bool = True


def paint_events(
    painter: QPainter,
    events: list[PlacedEvent],
    m: FrameMetrics,
    colours: TimelineColours,
    fonts: TimelineFonts,
    *,
    inks: Sequence[LaneInk],
    state: PaintState,
) -> None:
    """Draw the events in passes (washes, bars and ghosts, glyphs, labels), so that pens
    and brushes are set once per kind rather than once per event."""
    record = state.record
    highlighted = state.highlighted
    # A layer's tiles have nothing picked out: no event needs looking at for a wash.
    washed = highlighted or state.drop_target is not None or state.hovered is not None
    for placed in events if washed else ():
        event = placed.event
        lit = event in highlighted or event == state.drop_target
        if lit or event == state.hovered:
            left = min(placed.left, placed.label_x) - 2
            box = QRectF(left, placed.top + 1, placed.right - left + 2, m.row_height - 2)
            painter.setPen(NO_PEN)
            painter.setBrush(colours.highlight if lit else colours.hover)
            painter.drawRoundedRect(box, 3, 3)
    _paint_marks(painter, events, colours, m.glyph, inks=inks, record=record)
    _paint_glyphs(painter, events, colours, m.glyph, inks=inks, state=state)
    _paint_labels(painter, events, colours, fonts, state.selected)


def paint_layered_events(
    painter: QPainter,
    frame: FrameLayout,
    layer: EventsLayer,
    colours: TimelineColours,
    fonts: TimelineFonts,
    *,
    inks: Sequence[LaneInk],
    state: PaintState,
) -> None:
    """Draw the events from the layer, leaving holes for what is drawn afresh over it: the
    picked-out and hovered events whole, and the labels refitted at the view's edge."""
    special = state.selected | state.highlighted | {state.hovered, state.drop_target}
    whole, relabelled, holes = [], [], []
    for placed in frame.events:
        was = placed.refitted_from
        if placed.event in special:
            whole.append(placed)
            left, right = min(placed.left, placed.label_x), placed.right
            if was is not None:
                left, right = min(left, was[0]), max(right, was[0] + was[1])
            holes.append((left - 3, placed.top, right + 3, placed.bottom))
        elif was is not None:
            # Its mark is as the layer drew it; a moved label goes where its row is empty.
            relabelled.append(placed)
            holes.append((was[0] - 1, placed.top, was[0] + was[1] + 1, placed.bottom))
    layer.draw(painter, frame, holes, inks)
    _paint_labels(painter, relabelled, colours, fonts, frozenset())
    paint_events(painter, whole, frame.metrics, colours, fonts, inks=inks, state=state)
    if state.record is not None:
        drawn = {placed.event for placed in whole}
        for placed in frame.events:
            if placed.event not in drawn:
                y = placed.y
                state.record.extend(("source", placed.event, s.x, y) for s in placed.sources)
                state.record.append(("event", placed.event, placed.x, y))


def _paint_marks(
    painter: QPainter,
    events: list[PlacedEvent],
    colours: TimelineColours,
    glyph: float,
    *,
    inks: Sequence[LaneInk],
    record: list[tuple[str, object, float, float]] | None,
) -> None:
    """Draw disputed sources' ghosts, spans' bars and coarse dates' brackets."""
    brackets: dict[int, list[QLineF]] = {}
    bars: dict[int, SpanBars] = {}
    reach = glyph * 0.45
    for placed in events:
        if placed.sources:
            _paint_sources(painter, placed, colours, glyph, record)
        if placed.span:
            lane_bars = bars.get(placed.lane)
            if lane_bars is None:
                lane_bars = bars[placed.lane] = SpanBars()
            lane_bars.add(placed, glyph)
        elif placed.coarse and placed.bar_right - placed.bar_left >= 3:
            # The faint bracket over the interval a date known to the month or year covers,
            # its line broken where the label is set into it.
            y, left, right = placed.y, placed.bar_left, placed.bar_right
            lines = brackets.setdefault(placed.lane, [])
            lines += (
                QLineF(a, y, b, y)
                for a, b in line_around(left, right, placed.label_x, placed.label_width)
            )
            lines += (
                QLineF(left, y - reach, left, y + reach),
                QLineF(right, y - reach, right, y + reach),
            )
    for lane, lane_bars in bars.items():
        lane_bars.paint(painter, colours, inks[lane])
    for lane, lines in brackets.items():
        painter.setPen(QPen(inks[lane].colour, 1.4))
        painter.drawLines(lines)


def _paint_glyphs(
    painter: QPainter,
    events: list[PlacedEvent],
    colours: TimelineColours,
    glyph: float,
    *,
    inks: Sequence[LaneInk],
    state: PaintState,
) -> None:
    """Draw each event's glyph, lane by lane: one brush per lane, one pen for most; copied
    from stamps (argline.gui.timeline.stamps) where the painter draws raster pixels."""
    record, selected_events = state.record, state.selected
    plain = QPen(colours.text, 1)
    painter.setPen(plain)
    stamps = GlyphStamps.for_painter(painter)
    brush_lane = -1
    ink = LaneInk("circle", colours.text, colours.text)
    outline = QPolygonF()
    for placed in sorted(events, key=_lane_of):
        event = placed.event
        y = placed.y
        selected = event in selected_events
        special = selected or placed.circa
        if placed.lane != brush_lane:
            brush_lane = placed.lane
            ink = inks[brush_lane]
            painter.setBrush(ink.colour)
            outline = glyph_outline(ink.symbol, glyph)
            if stamps is not None:
                stamps.take(_look(ink, glyph, plain), outline, ink.colour, plain)
        if special:
            pen = QPen(colours.selection if selected else colours.text, 2.2 if selected else 1)
            if placed.circa:
                pen.setStyle(Qt.PenStyle.DotLine)
            if stamps is None:
                painter.setPen(pen)
            else:
                stamps.take(_look(ink, glyph, pen), outline, ink.colour, pen)
        if stamps is None:
            painter.drawPolygon(outline.translated(placed.x, y))
        else:
            stamps.draw(painter, placed.x, y)
        if special:
            if stamps is None:
                painter.setPen(plain)
            else:
                stamps.take(_look(ink, glyph, plain), outline, ink.colour, plain)
        if record is not None:
            record.append(("event", event, placed.x, y))
    if stamps is not None:
        stamps.end(painter)


def _look(ink: LaneInk, glyph: float, pen: QPen) -> tuple[object, ...]:
    """Return what a glyph's stamp depends on: its shape, size, fill and pen."""
    return (
        ink.symbol,
        glyph,
        ink.colour.rgba(),
        pen.color().rgba(),
        pen.widthF(),
        pen.style().value,
    )


def _paint_labels(
    painter: QPainter,
    events: list[PlacedEvent],
    colours: TimelineColours,
    fonts: TimelineFonts,
    selected_events: frozenset[int],
) -> None:
    """Draw the labels, the selected ones on the selection's colour."""
    label_metrics = QFontMetricsF(fonts.label)
    ascent, descent = label_metrics.ascent(), label_metrics.descent()
    middle = (ascent + descent) / 2
    painter.setFont(fonts.label)
    static = static_texts(fonts.label)
    painter.setPen(colours.text)
    for placed in events:
        if not placed.label:
            continue
        text_top = placed.y - middle
        if placed.event in selected_events:
            back = QRectF(
                placed.label_x - 2, text_top - 1, placed.label_width + 4, ascent + descent + 2
            )
            painter.setPen(NO_PEN)
            painter.setBrush(colours.selection)
            painter.drawRoundedRect(back, 2, 2)
            painter.setPen(colours.selection_text)
            painter.drawStaticText(QPointF(placed.label_x, text_top), static(placed.label))
            painter.setPen(colours.text)
        else:
            painter.drawStaticText(QPointF(placed.label_x, text_top), static(placed.label))


def _lane_of(placed: PlacedEvent) -> int:
    return placed.lane


def static_texts(font: QFont) -> Callable[[str], QStaticText]:
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
            laid_out.setTextFormat(_PLAIN_TEXT)
            laid_out.prepare(_UNTRANSFORMED, font)
        return laid_out

    return static


class SpanBars:
    """A lane's spans' bars, drawn together: solid where known to the day, pale over an end
    known more coarsely, with a thin outline.

    Spans in a lane never overlap (each has its room in its row), so drawing every pale
    bar, then every outline, then every solid part draws what one span after another
    would, with three brush changes a lane rather than three a span.
    """

    __slots__ = ("outlines", "pale", "solid")

    def __init__(self) -> None:
        self.pale: list[QRectF] = []
        self.solid: list[QRectF] = []
        # The 0.8-px outlines filled as rings rather than stroked: the same pixels, but
        # Qt's antialiased stroker takes three times as long over a bar hundreds of
        # pixels long.
        self.outlines = QPainterPath()
        self.outlines.setFillRule(_ODD_EVEN)

    def add(self, placed: PlacedEvent, glyph: float) -> None:
        y, half = placed.y, glyph * 0.3
        left = placed.bar_left
        bar = QRectF(left, y - half, max(placed.bar_right - left, 1.0), 2 * half)
        self.pale.append(bar)
        self.outlines.addRect(bar.adjusted(-0.4, -0.4, 0.4, 0.4))
        self.outlines.addRect(bar.adjusted(0.4, 0.4, -0.4, -0.4))
        if placed.solid_right > placed.solid_left:
            solid = QRectF(
                placed.solid_left, y - half, placed.solid_right - placed.solid_left, 2 * half
            )
            self.solid.append(solid.intersected(bar))

    def paint(self, painter: QPainter, colours: TimelineColours, ink: LaneInk) -> None:
        painter.setPen(NO_PEN)
        painter.setBrush(ink.pale)
        painter.drawRects(self.pale)
        painter.setBrush(colours.text)
        painter.drawPath(self.outlines)
        if self.solid:
            painter.setBrush(ink.colour)
            painter.drawRects(self.solid)


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
