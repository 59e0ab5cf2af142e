"""Write a drawing to PNG, SVG or PDF, atomically: the same painter code as the screen.

Each view exposes a function that paints itself into a rectangle with a QPainter;
this module points that painter at a raster image, an SVG generator or a PDF
writer, chosen by the file's extension, and replaces the target file only once
the image is complete.
"""

from __future__ import annotations

import mmap
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from argline.gui.png_encoder import opaque_png
from argline.io.files import WriteFailed, write_atomically

Draw = Callable[[QPainter, QRectF], None]
IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
DEFAULT_DPI = 96
CSS_DPI = 96


def write_image(
    path: Path,
    draw: Draw,
    *,
    width: int,
    height: int,
    dpi: int = DEFAULT_DPI,
    title: str = "",
    background: QColor | None = None,
) -> None:
    """Draw into a ``width`` × ``height`` pixel image at ``path``; the suffix picks the format.

    The drawing goes over ``background`` (white by default), which a PNG keeps opaque.
    """
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise WriteFailed(f"cannot write {path}: the name must end in .png, .svg or .pdf")
    if width < 16 or height < 16 or width * height > 400_000_000:
        raise WriteFailed(f"cannot write {path}: {width}×{height} pixels is not a usable size")
    render = {".png": _png_bytes, ".svg": _svg_bytes, ".pdf": _pdf_bytes}[suffix]
    spec = _Spec(width, height, dpi, title, background or QColor("white"))
    write_atomically(path, render(draw, spec))


@dataclass(frozen=True, slots=True)
class _Spec:
    width: int
    height: int
    dpi: int
    title: str
    background: QColor

    @property
    def rect(self) -> QRectF:
        return QRectF(0, 0, self.width, self.height)


def _png_bytes(draw: Draw, spec: _Spec) -> bytes:
    # Images are drawn on paper, not glass: without alpha, RGB32 is drawn on and copied faster.
    pixels = _pixel_memory(spec.width * spec.height * 4)
    image = QImage(pixels, spec.width, spec.height, spec.width * 4, QImage.Format.Format_RGB32)
    image.fill(spec.background)
    dots_per_metre = round(spec.dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        draw(painter, spec.rect)
    finally:
        painter.end()
    return opaque_png(image)


def _pixel_memory(size: int) -> mmap.mmap | bytearray:
    """Return ``size`` bytes of memory for an image's pixels, in huge pages where Linux
    offers them: a fresh 8000 × 2000 image took 42 ms to fill, most of it faulting in
    16,000 pages of 4 KB one by one, and 4 ms in 2 MB pages."""
    advice = getattr(mmap, "MADV_HUGEPAGE", None)
    if advice is None:
        return bytearray(size)
    memory = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    memory.madvise(advice)
    return memory


def _svg_bytes(draw: Draw, spec: _Spec) -> bytes:
    content = QByteArray()
    buffer = QBuffer(content)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(spec.width, spec.height))
    # Its size is written in millimetres at this resolution: CSS's 96 pixels an inch, so
    # a viewer opens the drawing at the pixel size asked for (Qt's default, 72, is 4/3 big).
    generator.setResolution(CSS_DPI)
    generator.setViewBox(spec.rect)
    generator.setTitle(spec.title)
    generator.setDescription("Drawn by Argline")
    painter = QPainter(generator)
    try:
        painter.fillRect(spec.rect, spec.background)
        draw(painter, spec.rect)
    finally:
        painter.end()
    buffer.close()
    return bytes(content.data())


def _pdf_bytes(draw: Draw, spec: _Spec) -> bytes:
    # QPdfWriter writes to a file name; write into a private temporary file, then read it.
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "image.pdf"
        writer = QPdfWriter(str(target))
        writer.setResolution(spec.dpi)
        writer.setTitle(spec.title)
        writer.setCreator("Argline")
        inches = QSizeF(spec.width / spec.dpi, spec.height / spec.dpi)
        size = QPageSize(
            inches, QPageSize.Unit.Inch, "Argline", QPageSize.SizeMatchPolicy.ExactMatch
        )
        writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF()))
        painter = QPainter(writer)
        try:
            scale = painter.device().width() / spec.width
            painter.scale(scale, scale)
            painter.fillRect(spec.rect, spec.background)
            draw(painter, spec.rect)
        finally:
            painter.end()
        return target.read_bytes()
