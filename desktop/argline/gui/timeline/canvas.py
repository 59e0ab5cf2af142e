"""What the timeline shows: the store's events loaded, on a chosen scale, laid out, painted.

The widget's interaction (argline.gui.timeline.view) sits on top of this: here the content
is read and refreshed, the scale chosen at open, and each paint lays out a frame
(argline.layout.arrange) for the current scale and draws it (argline.gui.timeline.paint).
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from argline.gui.shortcuts import NEW_EVENT
from argline.gui.timeline.event_paint import PaintState
from argline.gui.timeline.frames import TimelineFrames
from argline.gui.timeline.layer import EventsLayer
from argline.gui.timeline.packing import TimelinePacker
from argline.gui.timeline.paint import paint_frame
from argline.gui.timeline.style import TimelineColours, TimelineFonts
from argline.layout.frame import FrameLayout
from argline.layout.scaled import on_scale, warp_for
from argline.layout.time_scale import TimeScale
from argline.layout.time_warp import LogWarp, ScaleKind
from argline.layout.timeline_content import TimelineContent, empty_content
from argline.model.collector import paused_cycle_collector
from argline.ops.plain_reads import Reader
from argline.ops.timeline_data import (
    read_changed_events,
    read_outline,
    read_timeline,
    read_timeline_counted,
)

# The view a store without events opens on: 1900 to 2030.
_EMPTY_RANGE = (-25567.0, 21915.0)
# Beyond this many events no frame labels them all, so no other scale is tried at open.
_LABELLED_AT_MOST = 1000
# Ids whose positions are noted in one idle turn (some 15 ms when packed).
_POSITIONS_A_TURN = 20_000
# Zooming out stops where everything is in view with this margin (a share of the width).
FIT_MARGIN = 0.03
EMPTY_HINT = (
    f"No events yet: right-click a date, or Insert ▸ New Event ({NEW_EVENT}), or File ▸ Import…"
)


class TimelineCanvas(QWidget):
    """The timeline's content, scale and frame, painted; ``scaleChanged`` carries the
    ScaleKind now on whenever it is chosen or set."""

    scaleChanged = Signal(object)  # the ScaleKind now on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(240, 160)
        self._reader: Reader | None = None
        self._fonts = TimelineFonts.scaled(self.font())
        self._colours = TimelineColours.from_palette(self.palette())
        self._frames = TimelineFrames(empty_content(), self._fonts)
        # The content in days, as read and spliced; the frames hold it on the scale shown.
        self._days = self._frames.content
        self._time_scale = ScaleKind.LINEAR
        self._reference: str | None = None
        # Zooming in needs each lane's tiers (argline.layout.visible), and a selection the
        # events' positions: made a lane or some ids a turn while the window is idle,
        # after the first frame, so opening does not wait.
        self._indexing = QTimer(self)
        self._indexing.setInterval(0)
        self._indexing.timeout.connect(self._index_while_idle)
        self._range = _EMPTY_RANGE
        self._choosing_scale = False  # the scale is chosen for the width until the user acts
        self._scroll = 0.0
        self._selected: list[str] = []
        self._highlighted: frozenset[str] = frozenset()
        self._marked: str | None = None
        self._hovered: int | None = None
        self._hovered_publication: str | None = None
        self._drop_target: int | None = None
        self._frame: FrameLayout | None = None
        self._frame_key: tuple | None = None
        self._events_layer: EventsLayer | None = None
        self.packer = TimelinePacker(self)

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
                content, changes = read_timeline_counted(cursor)
            self.packer.read(content, changes)
            self._show(content)

    def _shown_anew(self) -> None:
        """Forget what pointed at events of the content shown before: gone ones, positions."""
        content = self.content
        self._selected = [key for key in self._selected if content.position(key) is not None]
        self._hovered = self._drop_target = None
        self._invalidate()
        self._indexing.start()

    def _index_while_idle(self) -> None:
        if not self._frames.index.index_next_lane() and not self.content.note_positions(
            _POSITIONS_A_TURN
        ):
            self._indexing.stop()

    @property
    def content(self) -> TimelineContent:
        return self._frames.content

    def fit_all(self) -> None:
        """Show everything the store holds: events, eras, publications, disputed dates."""
        extent = self.content.extent() or _EMPTY_RANGE
        self._set_scale(TimeScale.fitting(*extent, self._width(), margin=FIT_MARGIN))

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
