"""The interactive timeline: the canvas answering the pointer, the wheel and the keys.

Hover, clicks, tooltips and drops are answered from the frame the canvas painted
(argline.gui.timeline.canvas), so what is hit is what is drawn; wheel, gestures and keys
zoom and pan it, and clicks select. Events are named by their ids in every signal and
method: the view keeps no ORM objects, only the columns it loaded.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from argline.gui.timeline.canvas import FIT_MARGIN, TimelineCanvas
from argline.gui.timeline.tooltips import describe, literal
from argline.layout.frame import Hit
from argline.layout.pointed_date import pointed_date
from argline.layout.time_scale import MIN_SPAN_DAYS, TimeScale
from argline.model.dates import HistoricalDate
from argline.model.lanes import LaneMark

CLAIM_MIME = "application/x-argline-claim"
# One wheel notch (120 eighths of a degree) zooms by this factor; keys by the next.
_WHEEL_NOTCH_FACTOR = 1.25
_KEY_ZOOM_FACTOR = 1.6
# Arrow keys move the view by this share of its width.
_KEY_PAN_SHARE = 0.125
# A press that moves less than this many pixels is a click, not a drag.
_CLICK_SLOP = 4


class TimelineView(TimelineCanvas):
    """The store's events on a time axis, in lanes by category, zoomable from centuries to a day.

    Signals carry event ids: ``selectionChanged`` (only on the user's clicks and keys),
    ``editRequested`` (double-click) and ``claimDropped(claim id, event id)``;
    ``menuAsked`` carries the point right-clicked, for the window to offer what it can.
    """

    selectionChanged = Signal(list)
    editRequested = Signal(str)
    claimDropped = Signal(str, str)
    menuAsked = Signal(QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self._anchor: str | None = None
        self._press: QPointF | None = None
        self._dragging = False

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

    # --- zooming, panning, hitting -------------------------------------------------------

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
            widest = TimeScale.fitting(*extent, self._width(), margin=FIT_MARGIN)
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
