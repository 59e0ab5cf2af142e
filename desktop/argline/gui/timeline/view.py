"""The interactive timeline: one widget painting only the visible part of the store's events.

Each paint lays out a frame (argline.layout.arrange) for the current scale and draws it
(argline.gui.timeline.paint); hover, clicks, tooltips and drops are answered from the
same frame, so what is hit is what is drawn. Events are named by their ids in every
signal and method: the view keeps no ORM objects, only the columns it loaded.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from argline.gui.shortcuts import NEW_EVENT
from argline.gui.timeline.frames import TimelineFrames
from argline.gui.timeline.layer import EventsLayer
from argline.gui.timeline.paint import PaintState, paint_frame
from argline.gui.timeline.style import TimelineColours, TimelineFonts
from argline.gui.timeline.tooltips import describe, literal
from argline.layout.frame import FrameLayout, Hit
from argline.layout.pointed_date import pointed_date
from argline.layout.scaled import on_scale, warp_for
from argline.layout.time_scale import MIN_SPAN_DAYS, TimeScale
from argline.layout.time_warp import LogWarp, ScaleKind
from argline.layout.timeline_content import TimelineContent, empty_content
from argline.model.collector import paused_cycle_collector
from argline.model.dates import HistoricalDate
from argline.model.lanes import LaneMark
from argline.ops.plain_reads import Reader
from argline.ops.timeline_data import read_changed_events, read_outline, read_timeline

CLAIM_MIME = "application/x-argline-claim"
# One wheel notch (120 eighths of a degree) zooms by this factor; keys by the next.
_WHEEL_NOTCH_FACTOR = 1.25
_KEY_ZOOM_FACTOR = 1.6
# Arrow keys move the view by this share of its width.
_KEY_PAN_SHARE = 0.125
# A press that moves less than this many pixels is a click, not a drag.
_CLICK_SLOP = 4
# The view a store without events opens on: 1900 to 2030.
_EMPTY_RANGE = (-25567.0, 21915.0)
# Beyond this many events no frame labels them all, so no other scale is tried at open.
_LABELLED_AT_MOST = 1000
# Zooming out stops where everything is in view with this margin (a share of the width).
_FIT_MARGIN = 0.03
EMPTY_HINT = (
    f"No events yet: right-click a date, or Insert ▸ New Event ({NEW_EVENT}), or File ▸ Import…"
)


class TimelineView(QWidget):
    """The store's events on a time axis, in lanes by category, zoomable from centuries to a day.

    Signals carry event ids: ``selectionChanged`` (only on the user's clicks and keys),
    ``editRequested`` (double-click) and ``claimDropped(claim id, event id)``;
    ``menuAsked`` carries the point right-clicked, for the window to offer what it can.
    """

    selectionChanged = Signal(list)
    editRequested = Signal(str)
    claimDropped = Signal(str, str)
    menuAsked = Signal(QPoint)
    scaleChanged = Signal(object)  # the ScaleKind now on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setMinimumSize(240, 160)
        self._reader: Reader | None = None
        self._fonts = TimelineFonts.scaled(self.font())
        self._colours = TimelineColours.from_palette(self.palette())
        self._frames = TimelineFrames(empty_content(), self._fonts)
        # The content in days, as read and spliced; the frames hold it on the scale shown.
        self._days = self._frames.content
        self._time_scale = ScaleKind.LINEAR
        self._reference: str | None = None
        # Zooming in needs each lane's tiers (argline.layout.visible): made one lane a
        # turn while the window is idle, after the first frame, so opening does not wait.
        self._indexing = QTimer(self)
        self._indexing.setInterval(0)
        self._indexing.timeout.connect(self._index_while_idle)
        self._range = _EMPTY_RANGE
        self._choosing_scale = False  # the scale is chosen for the width until the user acts
        self._scroll = 0.0
        self._selected: list[str] = []
        self._anchor: str | None = None
        self._highlighted: frozenset[str] = frozenset()
        self._marked: str | None = None
        self._hovered: int | None = None
        self._hovered_publication: str | None = None
        self._drop_target: int | None = None
        self._press: QPointF | None = None
        self._dragging = False
        self._frame: FrameLayout | None = None
        self._frame_key: tuple | None = None
        self._events_layer: EventsLayer | None = None

    # --- loading -----------------------------------------------------------------------

    def load(self, reader: Reader) -> None:
        """Read what the timeline shows from the store, in one short read, and fit it all,
        on the scale that labels the most events at this size: the chronological one when
        it labels them all, else the collapsed or the sequential one if either labels more.

        Until the user moves the view or picks a scale, the choice is made again whenever
        the view's width changes: a window lays out its docks after it loads.
        """
        self._reader = reader
        self._time_scale, self._reference = ScaleKind.LINEAR, None
        self._read_content()
        self._scroll = 0.0
        self._choosing_scale = True
        self._choose_scale()

    def _choose_scale(self) -> None:
        if self._time_scale is not ScaleKind.LINEAR:
            self._put_on(ScaleKind.LINEAR)
        self.fit_all()
        count = len(self._days)
        labelled = {ScaleKind.LINEAR: self._labelled()}
        if 0 < count <= _LABELLED_AT_MOST and labelled[ScaleKind.LINEAR] < count:
            for kind in (ScaleKind.COLLAPSED, ScaleKind.SEQUENTIAL):
                self._put_on(kind)
                self.fit_all()
                labelled[kind] = self._labelled()
                if labelled[kind] == count:
                    break
            best = max(labelled, key=labelled.__getitem__)  # the first of the most
            if best is not self._time_scale:
                self._put_on(best)
                self.fit_all()
        self.scaleChanged.emit(self._time_scale)

    @property
    def time_scale(self) -> ScaleKind:
        return self._time_scale

    @property
    def days_content(self) -> TimelineContent:
        """The content in days, whatever the scale shown (an export puts it on its own)."""
        return self._days

    def reference_day(self) -> float | None:
        """Return the day a logarithmic scale counts from, or None (the last event's)."""
        warp = self.content.warp
        return warp.reference if isinstance(warp, LogWarp) else None

    def set_time_scale(self, kind: ScaleKind, reference: str | None = None) -> None:
        """Show the timeline on another scale, fitted; a logarithmic one counts from the
        event ``reference`` (else the first selected, else the last event)."""
        self._choosing_scale = False
        self._put_on(kind, reference)
        self.fit_all()
        self.scaleChanged.emit(kind)

    def _put_on(self, kind: ScaleKind, reference: str | None = None) -> None:
        if kind is ScaleKind.LOG:
            reference = reference or next(iter(self._selected), None) or self._reference
        self._time_scale, self._reference = kind, reference
        self._show(self._days)

    def _show(self, days: TimelineContent) -> None:
        """Hold the content in days and show it on the current scale, indexed anew."""
        self._days = days
        reference = None
        if self._reference is not None and (position := days.position(self._reference)) is not None:
            reference = days.starts[position]
        warp = warp_for(days, self._time_scale, reference)
        self._frames = TimelineFrames(on_scale(days, warp), self._fonts)
        self._shown_anew()

    def _labelled(self) -> int:
        """Return how many events the frame in view draws with their whole titles."""
        titles = self.content.titles
        return sum(placed.label == titles[placed.event] for placed in self._layout().events)

    def show_content(self, content: TimelineContent) -> None:
        """Show the timeline read again (other clients' changes), keeping the visible range,
        the selection and the highlight."""
        if self._reader is not None:
            with paused_cycle_collector():
                self._show(content)
            self.update()

    def show_changes(self, events: Collection[str], *, outline: bool = False) -> None:
        """Read again what an edit changed: these events (edited, added or deleted) and, with
        ``outline``, the eras, publications, disputed dates and lanes' marks; the rest stays
        as it was.

        The changed events are read by id and spliced into the content held, and the index
        follows lane by lane: what a whole read and index would show, at a few events' cost.
        """
        if self._reader is None:
            return
        with self._reader.plain_reading() as cursor:
            content = read_outline(cursor, self._days) if outline else self._days
            spliced = read_changed_events(cursor, content, events) if events else None
            if events and spliced is None:
                content = read_timeline(cursor)  # the lanes changed: index them all anew
        if self._time_scale is not ScaleKind.LINEAR:
            # Another scale bends around what is drawn: made again from the content in days.
            self._show(spliced[0] if spliced is not None else content)
            return
        if spliced is not None:
            self._frames.take(*spliced)
        elif events:
            self._frames = TimelineFrames(content, self._fonts)
        else:
            self._frames.take(content)
        self._days = self._frames.content
        self._shown_anew()

    def _read_content(self) -> None:
        assert self._reader is not None
        # Reading and indexing make many objects and no reference cycles: no use
        # collecting meanwhile.
        with paused_cycle_collector():
            with self._reader.plain_reading() as cursor:
                content = read_timeline(cursor)
            self._show(content)

    def _shown_anew(self) -> None:
        """Forget what pointed at events of the content shown before: gone ones, positions."""
        content = self.content
        self._selected = [key for key in self._selected if content.position(key) is not None]
        self._hovered = self._drop_target = None
        self._invalidate()
        self._indexing.start()

    def _index_while_idle(self) -> None:
        if not self._frames.index.index_next_lane():
            self._indexing.stop()

    @property
    def content(self) -> TimelineContent:
        return self._frames.content

    # --- the interface the window uses ---------------------------------------------------

    def title_of(self, event_id: str) -> str | None:
        """Return the title of the event with this id, or None if the timeline has none."""
        position = self.content.position(event_id)
        return None if position is None else self.content.titles[position]

    def select_events(self, ids: Iterable[str]) -> None:
        """Select these events (unknown ids are ignored), without emitting selectionChanged."""
        content = self.content
        self._selected = list(dict.fromkeys(k for k in ids if content.position(k) is not None))
        self._anchor = self._selected[-1] if self._selected else None
        self._invalidate()

    def selected_events(self) -> list[str]:
        return list(self._selected)

    def highlight_events(self, ids: Iterable[str]) -> None:
        """Light these events up (apart from the selection); no ids clears the highlight."""
        highlighted = frozenset(ids)
        if highlighted != self._highlighted:
            self._highlighted = highlighted
            # Lit events are placed first, so the frame is laid out again.
            self._invalidate()

    def highlighted_events(self) -> list[str]:
        return sorted(self._highlighted)

    def reveal(self, ids: Iterable[str]) -> None:
        """Pan, and zoom out if need be, so that these events are in view; no signal."""
        extent = self._extent_of(ids)
        if extent is None:
            return
        self._choosing_scale = False
        first, last = extent
        start, end = self._range
        if first >= start and last <= end:
            return
        span = end - start
        if last - first <= span * 0.9:
            scale = self._scale()
            self._set_scale(scale.panned(self.width() / 2 - scale.x((first + last) / 2)))
        else:
            self._set_scale(TimeScale.fitting(first, last, self._width()))

    def mark_assessment(self, assessment_id: str | None) -> None:
        """Emphasise that assessment's publication mark (None: no mark is emphasised)."""
        self._marked = assessment_id
        self.update()

    def zoom_in(self) -> None:
        self._zoom(_KEY_ZOOM_FACTOR, self.width() / 2)

    def zoom_out(self) -> None:
        self._zoom(1 / _KEY_ZOOM_FACTOR, self.width() / 2)

    def fit_all(self) -> None:
        """Show everything the store holds: events, eras, publications, disputed dates."""
        extent = self.content.extent() or _EMPTY_RANGE
        self._set_scale(TimeScale.fitting(*extent, self._width(), margin=_FIT_MARGIN))

    def fit_selection(self) -> None:
        """Show the selected events as large as they fit; nothing selected: fit all."""
        extent = self._extent_of(self._selected)
        if extent is None:
            self.fit_all()
            return
        self._choosing_scale = False
        self._set_scale(TimeScale.fitting(*extent, self._width(), margin=0.1))

    def visible_range(self) -> tuple[float, float]:
        """Return the first and last axis values (days since 1970) in view."""
        day = self.content.warp.day
        return day(self._range[0]), day(self._range[1])

    def tick_unit(self) -> str:
        """Return the name of the axis's tick unit at this zoom: 'decade', 'month', 'day'…"""
        return self._layout().ticks.unit.name

    def date_at(self, x: float) -> HistoricalDate:
        """Return the date under a pixel column, as precise as this zoom lets the user aim."""
        scale, day = self._scale(), self.content.warp.day
        # Days a pixel takes here: on scales other than the chronological, it varies.
        days_per_pixel = day(scale.value_at(x + 0.5)) - day(scale.value_at(x - 0.5))
        return pointed_date(day(scale.value_at(x)), days_per_pixel)

    def lane_at(self, y: float) -> str:
        """Return the name of the lane drawn at this height, or "" where there is none."""
        return next((lane.name for lane in self._layout().lanes if lane.top <= y < lane.bottom), "")

    def lane_named_at(self, point: QPoint) -> str | None:
        """Return the lane whose name's row (above its events) is at this point, or None."""
        y = point.y()
        return next((box.name for box in self._layout().lanes if box.top <= y < box.rows_top), None)

    def lane_mark(self, lane: str) -> LaneMark:
        """Return the mark a lane of the timeline is drawn with."""
        content = self.content
        return content.lane_marks[content.lane_names.index(lane)]

    def event_at(self, point: QPoint) -> str | None:
        """Return the id of the event drawn at this point of the widget, or None."""
        hit = self._hit(QPointF(point))
        if hit is None or hit.event is None or hit.kind not in {"event", "source"}:
            return None
        return self.content.keys[hit.event]

    def sizeHint(self) -> QSize:
        return QSize(900, 420)

    # --- scale and frame -----------------------------------------------------------------

    def _width(self) -> float:
        return float(max(self.width(), 1))

    def _scale(self) -> TimeScale:
        return TimeScale(*self._range, self._width())

    def _set_scale(self, scale: TimeScale) -> None:
        self._range = (scale.start, scale.end)
        self._invalidate()

    def _zoom(self, factor: float, about_x: float) -> None:
        self._choosing_scale = False
        scale, warp = self._scale(), self.content.warp
        # The closest zoom shows a quarter of a day about the pointer, whatever the scale.
        day = warp.day(scale.value_at(about_x))
        shortest = warp.units(day + MIN_SPAN_DAYS / 2) - warp.units(day - MIN_SPAN_DAYS / 2)
        zoomed = scale.zoomed(factor, about_x, shortest=shortest)
        extent = self.content.extent()
        if factor < 1 and extent is not None:
            # Zooming out stops at everything in view, with a margin.
            widest = TimeScale.fitting(*extent, self._width(), margin=_FIT_MARGIN)
            if zoomed.span >= widest.span:
                zoomed = widest
        self._set_scale(zoomed)

    def _pan(self, pixels: float) -> None:
        self._choosing_scale = False
        self._set_scale(self._scale().panned(pixels))

    def _scroll_by(self, pixels: float) -> None:
        frame = self._layout()
        room = frame.lanes_bottom - frame.lanes_top
        limit = max(0.0, frame.lanes_height - room)
        scroll = min(max(self._scroll + pixels, 0.0), limit)
        if scroll != self._scroll:
            self._scroll = scroll
            self._invalidate()

    def _invalidate(self) -> None:
        self._frame = None
        self.update()

    def _selected_positions(self) -> tuple[int, ...]:
        content = self.content
        return tuple(p for k in self._selected if (p := content.position(k)) is not None)

    def _highlighted_positions(self) -> tuple[int, ...]:
        content = self.content
        return tuple(p for k in sorted(self._highlighted) if (p := content.position(k)) is not None)

    def _pinned(self) -> tuple[int, ...]:
        """Return the events drawn wherever they are in view: the selection, then the lit."""
        return tuple(dict.fromkeys((*self._selected_positions(), *self._highlighted_positions())))

    def _layout(self) -> FrameLayout:
        """Return the frame for the current scale, size, selection and scroll (laid out once)."""
        key = (
            self._range,
            self.width(),
            self.height(),
            self._scroll,
            tuple(self._selected),
            self._highlighted,
        )
        if self._frame is None or key != self._frame_key:
            self._frame = self._frames.arrange(
                self._scale(),
                float(max(self.height(), 1)),
                pinned=self._pinned(),
                scroll=self._scroll,
            )
            self._frame_key = key
        return self._frame

    def _hit(self, point: QPointF) -> Hit | None:
        return self._layout().hit(point.x(), point.y())

    def _extent_of(self, ids: Iterable[str]) -> tuple[float, float] | None:
        content = self.content
        positions = [p for k in ids if (p := content.position(k)) is not None]
        if not positions:
            return None
        first = min(content.starts[p] for p in positions)
        last = max(content.ends[p] for p in positions)
        for p in positions:
            for mark in content.disputes.get(p, ()):
                first, last = min(first, mark.start), max(last, mark.end)
        return first, last

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        frame = self._layout()
        content = self.content
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        state = PaintState(
            selected=frozenset(self._selected_positions()),
            highlighted=frozenset(self._highlighted_positions()),
            hovered=self._hovered,
            drop_target=self._drop_target,
            marked_publication=self._marked,
            hovered_publication=self._hovered_publication,
        )
        ratio = painter.device().devicePixelRatioF()
        layer = self._events_layer
        if layer is None or not layer.serves(frame, self._colours, self._fonts, ratio):
            # A new stretch (a new zoom, height or selection): its first frame is drawn
            # straight into the view, as an image is, for drawing its tiles and copying
            # them would cost a third more; they are drawn when a later frame reuses it.
            self._events_layer = EventsLayer(frame, self._colours, self._fonts, ratio)
            layer = None
        paint_frame(
            painter, frame, content, self._colours, self._fonts, state=state, events_layer=layer
        )
        if not len(content):
            painter.setPen(self._colours.muted)
            painter.setFont(self._fonts.label)
            middle = frame.lanes_top + (frame.lanes_bottom - frame.lanes_top) / 2
            painter.drawText(QPointF(16, middle), EMPTY_HINT)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The visible range is kept: a wider window shows the same years, larger. Until
        # the user moves the view, the scale and the fit are chosen again for the width.
        self._frame = None
        super().resizeEvent(event)
        if self._choosing_scale and event.size().width() != event.oldSize().width():
            self._choose_scale()

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.FontChange:
            self._fonts = TimelineFonts.scaled(self.font())
            self._frames = self._frames.with_fonts(self._fonts)
            self._invalidate()
        elif kind == QEvent.Type.PaletteChange:
            self._colours = TimelineColours.from_palette(self.palette())
            self.update()
        super().changeEvent(event)

    # --- pointer -------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._press = event.position()
        self._dragging = False
        key = self.event_at(event.position().toPoint())
        if key is not None:
            self._press = None
            self._click(key, event.modifiers())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            moved = point - self._press
            if self._dragging or abs(moved.x()) + abs(moved.y()) >= _CLICK_SLOP:
                self._dragging = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self._press = point
                self._pan(moved.x())
                self._scroll_by(-moved.y())
            return
        self._hover(point)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        clicked_empty = self._press is not None and not self._dragging
        self._press = None
        self._dragging = False
        self._hover(event.position())
        if clicked_empty and self._selected and not _extending(event.modifiers()):
            self._selected, self._anchor = [], None
            self._invalidate()
            self.selectionChanged.emit([])

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        key = self.event_at(event.position().toPoint())
        if key is not None and event.button() == Qt.MouseButton.LeftButton:
            self.editRequested.emit(key)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hovered is not None or self._hovered_publication is not None:
            self._hovered = self._hovered_publication = None
            self.update()
        super().leaveEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        modifiers = event.modifiers()
        if modifiers & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
            # Shift (or Alt) with the wheel scrolls the lanes; some systems turn it sideways.
            steps = (delta.y() or delta.x()) / 120
            self._scroll_by(-steps * self._fonts.metrics.row_height * 3)
        elif delta.y():
            self._zoom(_WHEEL_NOTCH_FACTOR ** (delta.y() / 120), event.position().x())
        elif delta.x():
            pixels = event.pixelDelta().x() or delta.x() / 120 * self.width() * 0.05
            self._pan(pixels)
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self._hit(QPointF(event.pos()))
            text = describe(hit, self.content) if hit is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), literal(text), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if kind == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent):
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self._zoom(1.0 + event.value(), event.position().x())
                return True
            if event.gestureType() == Qt.NativeGestureType.SmartZoomNativeGesture:
                self.fit_all()
                return True
        return super().event(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menuAsked.emit(event.pos())  # the window decides what a right-click offers
        event.accept()

    def _hover(self, point: QPointF) -> None:
        hit = self._hit(point)
        event = hit.event if hit is not None and hit.kind in {"event", "source"} else None
        publication = hit.publication.id if hit is not None and hit.publication else None
        if event != self._hovered or publication != self._hovered_publication:
            self._hovered, self._hovered_publication = event, publication
            self.update()
        pointing = event is not None
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if pointing else Qt.CursorShape.OpenHandCursor
        )

    def _click(self, key: str, modifiers: Qt.KeyboardModifier) -> None:
        """Select on a click: alone, or Ctrl toggles one, or Shift extends from the anchor."""
        content = self.content
        if modifiers & Qt.KeyboardModifier.ShiftModifier and self._anchor is not None:
            first, last = sorted((content.position(self._anchor), content.position(key)))
            between = [content.keys[p] for p in range(first, last + 1)]
            chosen = list(dict.fromkeys([*self._selected, *between]))
        elif modifiers & Qt.KeyboardModifier.ControlModifier:
            if key in self._selected:
                chosen = [k for k in self._selected if k != key]
            else:
                chosen = [*self._selected, key]
            self._anchor = key
        else:
            chosen = [key]
            self._anchor = key
        if chosen != self._selected:
            self._selected = chosen
            self._invalidate()
            self.selectionChanged.emit(list(chosen))

    # --- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if text in {"+", "="}:
            self.zoom_in()
        elif text in {"-", "_", "−"}:
            self.zoom_out()
        elif key in {Qt.Key.Key_0, Qt.Key.Key_Home}:
            self.fit_all()
        elif key == Qt.Key.Key_F:
            self.fit_selection()
        elif key == Qt.Key.Key_Left:
            self._pan(self.width() * _KEY_PAN_SHARE)
        elif key == Qt.Key.Key_Right:
            self._pan(-self.width() * _KEY_PAN_SHARE)
        elif key == Qt.Key.Key_Up:
            self._scroll_by(-self._fonts.metrics.row_height * 2)
        elif key == Qt.Key.Key_Down:
            self._scroll_by(self._fonts.metrics.row_height * 2)
        elif key == Qt.Key.Key_Escape and self._selected:
            self._selected, self._anchor = [], None
            self._invalidate()
            self.selectionChanged.emit([])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- dropping claims -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CLAIM_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not event.mimeData().hasFormat(CLAIM_MIME):
            event.ignore()
            return
        key = self.event_at(event.position().toPoint())
        target = self.content.position(key) if key is not None else None
        if target != self._drop_target:
            self._drop_target = target
            self.update()
        if key is None:
            event.ignore()
        else:
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: QEvent) -> None:
        if self._drop_target is not None:
            self._drop_target = None
            self.update()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        self._drop_target = None
        self.update()
        mime = event.mimeData()
        key = self.event_at(event.position().toPoint())
        if key is None or not mime.hasFormat(CLAIM_MIME):
            event.ignore()
            return
        claim = bytes(mime.data(CLAIM_MIME).data()).decode("utf-8", errors="replace").strip()
        if not claim:
            event.ignore()
            return
        event.acceptProposedAction()
        self.claimDropped.emit(claim, key)


def _extending(modifiers: Qt.KeyboardModifier) -> bool:
    return bool(
        modifiers & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    )
