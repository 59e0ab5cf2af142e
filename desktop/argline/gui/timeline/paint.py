"""Draw a laid-out timeline frame with a QPainter: the one drawing code of screen and images.

Back to front: lane stripes, era bands, publication rules, density strips, events (bars,
brackets, disputed sources, glyphs, labels), publication marks, the axis. Everything is
at the positions the FrameLayout gives, so what is hit-tested is what was drawn.
"""

from __future__ import annotations

from bisect import bisect_left
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

from argline.gui.timeline.breaks import paint_axis_breaks, paint_break_bands, paint_break_gaps
from argline.gui.timeline.stamps import GlyphStamps
from argline.gui.timeline.style import (
    PUBLICATION_SHAPES,
    LaneInk,
    TimelineColours,
    TimelineFonts,
    glyph_outline,
    glyph_polygon,
    lane_inks,
)
from argline.layout.frame import (
    DensityStrip,
    FrameLayout,
    FrameMetrics,
    LaneBox,
    PlacedEvent,
    PlacedPublication,
)
from argline.layout.labels import LabelBoxes, label_boxes, line_around
from argline.layout.timeline_content import TimelineContent

if TYPE_CHECKING:
    from argline.gui.timeline.layer import EventsLayer

_NO_PEN = QPen(Qt.PenStyle.NoPen)
# Read once: a PySide enum member costs a microsecond to look up, and every bar needs it.
_ODD_EVEN = Qt.FillRule.OddEvenFill
_PLAIN_TEXT = Qt.TextFormat.PlainText
_UNTRANSFORMED = QTransform()
# Labels laid out as static text, by font and text: drawing one is then about twice as
# quick. Dropped wholesale when it grows past this many (a few megabytes).
_STATIC_TEXTS: dict[str, dict[str, QStaticText]] = {}
_STATIC_TEXT_LIMIT = 20_000


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
        _paint_layered_events(painter, frame, events_layer, colours, fonts, inks=inks, state=state)
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
    painter.setPen(_NO_PEN)
    painter.setBrush(ink.colour)
    painter.drawRects(rects)
    painter.restore()


def _bar_left(bar: tuple[float, float, int]) -> float:
    return bar[0]


def _bar_right(bar: tuple[float, float, int]) -> float:
    return bar[0] + bar[1]


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
            painter.setPen(_NO_PEN)
            painter.setBrush(colours.highlight if lit else colours.hover)
            painter.drawRoundedRect(box, 3, 3)
    _paint_marks(painter, events, colours, m.glyph, inks=inks, record=record)
    _paint_glyphs(painter, events, colours, m.glyph, inks=inks, state=state)
    _paint_labels(painter, events, colours, fonts, state.selected)


def _paint_layered_events(
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
    static = _static_texts(fonts.label)
    painter.setPen(colours.text)
    for placed in events:
        if not placed.label:
            continue
        text_top = placed.y - middle
        if placed.event in selected_events:
            back = QRectF(
                placed.label_x - 2, text_top - 1, placed.label_width + 4, ascent + descent + 2
            )
            painter.setPen(_NO_PEN)
            painter.setBrush(colours.selection)
            painter.drawRoundedRect(back, 2, 2)
            painter.setPen(colours.selection_text)
            painter.drawStaticText(QPointF(placed.label_x, text_top), static(placed.label))
            painter.setPen(colours.text)
        else:
            painter.drawStaticText(QPointF(placed.label_x, text_top), static(placed.label))


def _lane_of(placed: PlacedEvent) -> int:
    return placed.lane


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
        painter.setPen(_NO_PEN)
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
    static = _static_texts(fonts.label)
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
