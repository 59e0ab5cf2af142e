"""Glyphs copied from stamps look as the polygons drawn in place; vectors stay vectors."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator

from argline.gui.timeline.stamps import GlyphStamps
from argline.gui.timeline.style import glyph_outline
from argline.model.lanes import COLOURS

SHAPES = ("circle", "square", "diamond", "triangle", "inverted", "hexagon", "star")


def _pens() -> list[QPen]:
    circa = QPen(QColor("#1b1b1b"), 1)
    circa.setStyle(Qt.PenStyle.DotLine)
    return [QPen(QColor("#1b1b1b"), 1), circa, QPen(QColor("#0072B2"), 2.2)]


def _glyphs(*, stamped: bool, dx: float = 0.0, dy: float = 0.0) -> QImage:
    """Draw every shape with every pen at fractional positions, as the timeline would."""
    image = QImage(420, 200, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(dx, dy)  # as a tile's painter is moved to its lane's rows
    stamps = GlyphStamps.for_painter(painter) if stamped else None
    places = random.Random(7)
    for n, shape in enumerate(SHAPES):
        outline = glyph_outline(shape, 9.0)
        brush = QColor(COLOURS[n % len(COLOURS)])
        for k, pen in enumerate(_pens()):
            painter.setPen(pen)
            painter.setBrush(brush)
            if stamps is not None:
                stamps.take((shape, 9.0, brush.rgba(), k), outline, brush, pen)
            for _ in range(6):
                x = 12 + 56 * n + places.uniform(0, 30)
                y = 12 + 60 * k + places.uniform(0, 30)
                if stamps is not None:
                    stamps.draw(painter, x, y)
                else:
                    painter.drawPolygon(outline.translated(x, y))
    if stamps is not None:
        stamps.end(painter)
    painter.end()
    return image


def _far_apart(one: QImage, other: QImage) -> tuple[int, int]:
    """Return how many pixels are inked in either, and how many differ by over a tint."""
    inked = differing = 0
    white = QColor("white").rgb()
    for y in range(one.height()):
        for x in range(one.width()):
            a, b = one.pixel(x, y), other.pixel(x, y)
            if a == white and b == white:
                continue
            inked += 1
            ca, cb = QColor(a), QColor(b)
            differing += (
                max(
                    abs(ca.red() - cb.red()),
                    abs(ca.green() - cb.green()),
                    abs(ca.blue() - cb.blue()),
                )
                > 48
            )
    return inked, differing


def test_a_stamped_glyph_looks_as_the_polygon_drawn_in_place(qapp) -> None:
    for dx, dy in ((0.0, 0.0), (-3.0, 17.37)):
        inked, differing = _far_apart(
            _glyphs(stamped=True, dx=dx, dy=dy), _glyphs(stamped=False, dx=dx, dy=dy)
        )
        assert inked > 5000
        # Only a few edge pixels of a glyph moved by under a sixteenth of a pixel.
        assert differing / inked < 0.02


def test_vector_and_scaled_outputs_draw_their_glyphs_as_shapes(qapp, tmp_path: Path) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(tmp_path / "glyphs.svg"))
    vector = QPainter(generator)
    assert GlyphStamps.for_painter(vector) is None
    vector.end()
    image = QImage(40, 40, QImage.Format.Format_ARGB32_Premultiplied)
    scaled = QPainter(image)
    scaled.scale(2, 2)  # an export drawn larger than the view
    assert GlyphStamps.for_painter(scaled) is None
    scaled.end()
