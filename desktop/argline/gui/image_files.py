"""Write a drawing to PNG, SVG or PDF, atomically: the same painter code as the screen.

Each view exposes a function that paints itself into a rectangle with a QPainter;
this module points that painter at a raster image, an SVG generator or a PDF
writer, chosen by the file's extension, and replaces the target file only once
the image is complete.
"""

from __future__ import annotations

import os
import struct
import tempfile
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageWriter,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator

from argline.io.files import WriteFailed, write_atomically

Draw = Callable[[QPainter, QRectF], None]
IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
DEFAULT_DPI = 96
CSS_DPI = 96
# Qt's PNG writer takes 0–100 and maps it to zlib's levels 0–9 (× 9 / 91): 12 is level 1,
# the fastest that still compresses (an 8000 × 2000 drawing: 3 MB in 0.47 s, not 1.2 s).
_PNG_COMPRESSION = 12
# An opaque PNG's pixels are deflated in about this many slices, one per thread.
_DEFLATE_SLICES = 4


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
    """Draw into a ``width`` × ``height`` pixel image at ``path``; the suffix picks the format."""
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
    # An opaque background needs no alpha channel: RGB32 is drawn on and encoded faster.
    opaque = spec.background.alpha() == 255
    image = QImage(
        spec.width,
        spec.height,
        QImage.Format.Format_RGB32 if opaque else QImage.Format.Format_ARGB32_Premultiplied,
    )
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
    if opaque:
        return _opaque_png(image, dots_per_metre)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    # zlib's fastest level: a drawing of flat colours compresses well even so.
    writer.setCompression(_PNG_COMPRESSION)
    if not writer.write(image):
        raise WriteFailed(f"the PNG could not be encoded: {writer.errorString()}")
    return bytes(buffer.data().data())


def _opaque_png(image: QImage, dots_per_metre: int) -> bytes:
    """Return an opaque image as an 8-bit RGB PNG, its rows unfiltered and deflated at
    zlib's fastest level in slices on several threads (zlib lets go of the GIL), as pigz
    does: 0.3 s for 8000 × 2000 where Qt's writer takes 0.5 s on one."""
    width, height = image.width(), image.height()
    row = width * 3
    # PNG rows each start with a filter byte (0: none). The pixels are copied as RGB into a
    # buffer whose rows are one byte longer, starting one byte in, so the zero bytes fall
    # between them: the buffer is the PNG's data as it stands, with no rows to join.
    buffer = bytearray(height * (row + 1))
    rgb = QImage(memoryview(buffer)[1:], width, height, row + 1, QImage.Format.Format_RGB888)
    copier = QPainter(rgb)
    copier.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    copier.drawImage(0, 0, image)
    copier.end()
    del rgb
    raw = memoryview(buffer)
    step = max(len(raw) // _DEFLATE_SLICES + 1, 1 << 20)
    slices = [raw[k : k + step] for k in range(0, len(raw), step)]

    def deflate(numbered: tuple[int, memoryview]) -> bytes:
        number, data = numbered
        packer = zlib.compressobj(1, zlib.DEFLATED, -15)
        last = number == len(slices) - 1
        # A sync flush ends a slice on a byte boundary, so the slices join into one stream.
        return packer.compress(data) + packer.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)

    with ThreadPoolExecutor(max_workers=min(len(slices), os.cpu_count() or 1)) as pool:
        checksum = pool.submit(zlib.adler32, raw)
        deflated = b"".join(pool.map(deflate, enumerate(slices)))
        # zlib's header (deflate, 32 KB window, fastest), the data, and its Adler-32.
        stream = b"\x78\x01" + deflated + struct.pack(">I", checksum.result())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    physical = struct.pack(">IIB", dots_per_metre, dots_per_metre, 1)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _png_chunk(b"IHDR", header),
            _png_chunk(b"pHYs", physical),
            _png_chunk(b"IDAT", stream),
            _png_chunk(b"IEND", b""),
        )
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


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
