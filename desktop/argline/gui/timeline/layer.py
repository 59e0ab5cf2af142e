"""The events of a packed stretch drawn once, in tiles, and copied into each frame.

While the view pans at one zoom its frames are cut from the same packed stretch, so the
events look the same from frame to frame, only moved: each tile of the stretch is drawn
once, when it is first in view of a frame after the stretch's first (that one is drawn
straight into the view: a stretch seen once, as a wheel zoom passes, needs no tiles),
and later frames copy the tiles (a copy of an image costs far less than drawing a
hundred labels). What changes from frame to frame is
drawn afresh over holes left in the copy: the selected, lit and hovered events, and
those whose label the view's right edge moved or cut short.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QRegion

from argline.gui.timeline.event_paint import PaintState, paint_events
from argline.gui.timeline.paint import DensityRects
from argline.gui.timeline.style import LaneInk, TimelineColours, TimelineFonts
from argline.layout.frame import DensityStrip, FrameLayout, PlacedEvent

# Tiles this many pixels wide: about a third of a view, so panning draws a little at a time.
_TILE = 512


class EventsLayer:
    """One packed stretch's events as drawn at one scroll, size and look, tile by tile."""

    __slots__ = (
        "_by_tile",
        "_colours",
        "_density",
        "_fonts",
        "_inks",
        "_key",
        "_metrics",
        "_origin",
        "_packed",
        "_packed_width",
        "_rows_top",
        "_tiles",
    )

    def __init__(
        self,
        frame: FrameLayout,
        colours: TimelineColours,
        fonts: TimelineFonts,
        ratio: float,
    ) -> None:
        self._packed = frame.packed
        self._colours, self._fonts, self._metrics = colours, fonts, frame.metrics
        self._key = _key(frame, ratio)
        # Each tile: the image it is part of, and its first column there.
        self._tiles: dict[int, tuple[QImage, int]] = {}
        self._by_tile: dict[int, list[PlacedEvent]] | None = None
        # Each lane's density bars as rectangles, built when first drawn.
        self._density: dict[int, DensityRects] = {}
        # The lanes' inks the tiles were drawn with: other marks draw them again.
        self._inks: Sequence[LaneInk] = ()
        self._rows_top = {box.lane: box.rows_top for box in frame.lanes}
        # The tiles are laid so that a frame where the stretch was first seen needs as few
        # as its width allows, the spare width shared either side: panning a little either
        # way draws none.
        width = frame.scale.width
        spare = math.ceil(width / _TILE) * _TILE - width
        self._origin = round(frame.packed_offset - spare / 2)
        self._packed_width = frame.packed_width

    def _events_by_tile(self) -> dict[int, list[PlacedEvent]]:
        """Return the stretch's events in each tile they reach into: sorted when the first
        tiles are drawn, as a stretch seen in one frame only never needs them."""
        if self._by_tile is not None:
            return self._by_tile
        by_tile: dict[int, list[PlacedEvent]] = {}
        self._by_tile = by_tile
        if self._packed is None:
            return by_tile
        origin = self._origin
        least = math.floor(-origin / _TILE)
        most = max(math.floor((self._packed_width - origin) / _TILE), least)
        for lane in self._rows_top:
            for placed in self._packed[lane]:
                first = max(math.floor((placed.left - 3 - origin) / _TILE), least)
                last = min(math.floor((placed.right + 3 - origin) / _TILE), most)
                for k in range(first, last + 1):
                    by_tile.setdefault(k, []).append(placed)
        return by_tile

    def serves(
        self, frame: FrameLayout, colours: TimelineColours, fonts: TimelineFonts, ratio: float
    ) -> bool:
        """Tell whether the frame is cut from this layer's stretch and drawn as it was."""
        return (
            frame.packed is self._packed
            and colours is self._colours
            and fonts is self._fonts
            and _key(frame, ratio) == self._key
        )

    def density_rects(self, lane: int, density: DensityStrip, tallest: float) -> DensityRects:
        """Return the lane's density bars (its strip's, which this layer's stretch holds) as
        rectangles ``tallest`` pixels high at most: built once, moved into place each frame."""
        known = self._density.get(lane)
        if known is None or known.tallest != tallest:
            known = self._density[lane] = DensityRects.of(density, tallest)
        return known

    def draw(
        self,
        painter: QPainter,
        frame: FrameLayout,
        holes: list[tuple[float, float, float, float]],
        inks: Sequence[LaneInk],
    ) -> None:
        """Copy the tiles in view into the frame, but for the holes (left, top, right, bottom),
        drawing those missing with the lanes' ``inks``."""
        if inks is not self._inks:
            self._tiles.clear()
            self._inks = inks
        offset, width, origin = frame.packed_offset, frame.scale.width, self._origin
        top, bottom = frame.lanes_top, frame.lanes_bottom
        ratio = self._key[-1]
        painter.save()
        if holes:
            region = QRegion(QRect(0, math.floor(top), math.ceil(width), math.ceil(bottom - top)))
            for left, hole_top, right, hole_bottom in holes:
                region -= QRegion(
                    QRectF(left, hole_top, right - left, hole_bottom - hole_top).toAlignedRect()
                )
            painter.setClipRegion(region, Qt.ClipOperation.IntersectClip)
        # On whole pixels: an image put between pixels is resampled, many times slower to
        # copy, for a shift of under half a pixel.
        shift = round(offset)
        first = math.floor((shift - origin) / _TILE)
        shown = range(first, max(math.ceil((shift + width - origin) / _TILE), first + 1))
        missing = [k for k in shown if k not in self._tiles]
        if missing:
            self._draw_tiles(missing, top, bottom, ratio)
        for k in shown:
            image, column = self._tiles[k]
            source = QRect(column, 0, math.ceil(_TILE * ratio), image.height())
            painter.drawImage(QPoint(origin + k * _TILE - shift, round(top)), image, source)
        painter.restore()

    def _draw_tiles(self, missing: list[int], top: float, bottom: float, ratio: float) -> None:
        """Draw each run of neighbouring missing tiles as one image, as a frame at a new zoom
        needs: each event is drawn once, not once per tile it reaches into (tiles cut
        through a third of a dense view's items, and a long bar crosses them all)."""
        runs: list[list[int]] = []
        for k in missing:
            if runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            else:
                runs.append([k])
        by_tile = self._events_by_tile()
        tile_pixels = math.ceil(_TILE * ratio)
        for run in runs:
            image = QImage(
                tile_pixels * len(run),
                max(math.ceil((bottom - top) * ratio), 1),
                QImage.Format.Format_ARGB32_Premultiplied,
            )
            image.setDevicePixelRatio(ratio)
            image.fill(Qt.GlobalColor.transparent)
            # Each event once (a long one reaches into several tiles), by lane.
            by_lane: dict[int, dict[int, PlacedEvent]] = defaultdict(dict)
            for k in run:
                for placed in by_tile.get(k, ()):
                    by_lane[placed.lane][placed.event] = placed
            if by_lane:
                painter = QPainter(image)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
                painter.translate(-(self._origin + run[0] * _TILE), -round(top))
                for lane, placed_in_lane in by_lane.items():
                    # The stretch's events sit in their lane's rows: below its first row here.
                    painter.save()
                    painter.translate(0, self._rows_top[lane])
                    paint_events(
                        painter,
                        list(placed_in_lane.values()),
                        self._metrics,
                        self._colours,
                        self._fonts,
                        inks=self._inks,
                        state=PaintState(),
                    )
                    painter.restore()
                painter.end()
            for n, k in enumerate(run):
                self._tiles[k] = (image, n * tile_pixels)


def _key(frame: FrameLayout, ratio: float) -> tuple[object, ...]:
    rows = tuple((box.lane, box.rows_top) for box in frame.lanes)
    return (frame.lanes_top, frame.lanes_bottom, rows, ratio)
