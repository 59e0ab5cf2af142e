"""Events' glyphs drawn once into small images and copied into place, on raster outputs.

A frame at a new zoom draws hundreds of glyphs, each an antialiased polygon with an
outline: rasterising one costs about four times as much as copying a small image. Each
lane's glyph is drawn once per eighth-of-a-pixel offset (64 images at most, made as
positions need them), and each event's glyph is the copy for its position's offset, so
it lands within a sixteenth of a pixel of where the polygon would. Vector outputs (SVG,
PDF) and scaled or turned painters get the polygons themselves.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

# Offsets a glyph is drawn at, per pixel, across and down.
_STEPS = 8
# Sheets kept, by look: dropped wholesale past this many (each holds 64 small images).
_SHEETS_LIMIT = 256
_SHEETS: dict[tuple[object, ...], tuple[int, list[QImage | None]]] = {}
# Widgets, pixmaps and images (QInternal::Widget, Pixmap, Image): pixels, not vectors.
_PIXELS = frozenset({1, 2, 3})


class GlyphStamps:
    """Copies of one glyph (outline, fill and pen) for a painter that only moves what it draws."""

    __slots__ = (
        "_antialiased",
        "_brush",
        "_dx",
        "_dy",
        "_left_x",
        "_left_y",
        "_margin",
        "_outline",
        "_pen",
        "_sheet",
    )

    def __init__(self, painter: QPainter, dx: float, dy: float) -> None:
        self._dx, self._dy = dx, dy
        self._left_x = self._left_y = 0
        self._antialiased = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        self._outline = QPolygonF()
        self._pen = QPen()
        self._brush = QColor()
        self._margin = 0
        self._sheet: list[QImage | None] = []

    @classmethod
    def for_painter(cls, painter: QPainter) -> GlyphStamps | None:
        """Return stamps for this painter, or None where its output is not raster pixels
        that it reaches by a move alone (there a copy would not be the polygon).

        Until ``end``, the painter draws in its device's whole pixels (its own transform
        set aside): an image put between pixels would be resampled or put a pixel off.
        """
        # By the kind of device, as a number, and the transform by its parts: ordering
        # PySide's enums (transform.type() > TxTranslate) crashed this PySide.
        device = painter.device()
        if device is None or device.devType() not in _PIXELS:
            return None
        transform = painter.deviceTransform()
        if transform.isScaling() or transform.isRotating() or not transform.isAffine():
            return None
        painter.save()
        painter.resetTransform()
        # What is left is where the device's pixels start (a widget drawn into another's).
        left = painter.deviceTransform()
        if left.dx() != round(left.dx()) or left.dy() != round(left.dy()):
            painter.restore()
            return None
        stamps = cls(painter, transform.dx(), transform.dy())
        stamps._left_x, stamps._left_y = round(left.dx()), round(left.dy())
        return stamps

    def end(self, painter: QPainter) -> None:
        """Give the painter back its own transform."""
        painter.restore()

    def take(self, key: tuple[object, ...], outline: QPolygonF, brush: QColor, pen: QPen) -> None:
        """Stamp this outline, filled with ``brush`` and drawn with ``pen``, from now on;
        ``key`` names that look (shape, size, colours, pen) among all stamps made."""
        self._outline, self._brush, self._pen = outline, brush, pen
        full = (*key, self._antialiased)
        known = _SHEETS.get(full)
        if known is None:
            if len(_SHEETS) >= _SHEETS_LIMIT:
                _SHEETS.clear()
            bounds = outline.boundingRect()
            reach = max(-bounds.left(), bounds.right(), -bounds.top(), bounds.bottom())
            margin = math.ceil(reach + pen.widthF() / 2) + 2
            known = _SHEETS[full] = (margin, [None] * (_STEPS * _STEPS))
        self._margin, self._sheet = known

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        """Draw the glyph centred on (x, y)."""
        across, down = round((x + self._dx) * _STEPS), round((y + self._dy) * _STEPS)
        column, step_x = divmod(across, _STEPS)
        row, step_y = divmod(down, _STEPS)
        phase = step_y * _STEPS + step_x
        stamp = self._sheet[phase]
        if stamp is None:
            stamp = self._sheet[phase] = self._stamp(step_x / _STEPS, step_y / _STEPS)
        margin = self._margin
        painter.drawImage(
            QPoint(column - margin - self._left_x, row - margin - self._left_y), stamp
        )

    def _stamp(self, offset_x: float, offset_y: float) -> QImage:
        """Return the glyph drawn with its centre ``offset`` past a pixel's corner."""
        side = 2 * self._margin + 2
        image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self._antialiased)
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        centre = self._margin + 0.0
        painter.drawPolygon(self._outline.translated(centre + offset_x, centre + offset_y))
        painter.end()
        return image
