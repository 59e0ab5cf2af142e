"""Write a drawing to PNG, SVG or PDF, atomically: the same painter code as the screen.

Each view exposes a function that paints itself into a rectangle with a QPainter;
this module points that painter at a raster image, an SVG generator or a PDF
writer, chosen by the file's extension, and replaces the target file only once
the image is complete.
"""

from __future__ import annotations

import mmap
import os
import struct
import tempfile
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
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
# An opaque PNG's own encoder uses zlib's level 2: on a drawing of flat colours it is no
# slower than level 1 (whose short matches end sooner) and its files are a tenth smaller.
_DEFLATE_LEVEL = 2
# Its rows are copied as RGB and deflated in bands of about this many bytes.
_BAND_BYTES = 4 << 20
_ADLER_BASE = 65521


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
    pixels = _pixel_memory(spec.width * spec.height * 4)
    image = QImage(
        pixels,
        spec.width,
        spec.height,
        spec.width * 4,
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


def _pixel_memory(size: int) -> mmap.mmap | bytearray:
    """Return ``size`` bytes of memory for an image's pixels, in huge pages where Linux
    offers them: a fresh 64 MB image took 40 ms to fill, most of it faulting in 16,000
    pages of 4 KB one by one, and 10 ms in 2 MB pages."""
    advice = getattr(mmap, "MADV_HUGEPAGE", None)
    if advice is None:
        return bytearray(size)
    memory = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    memory.madvise(advice)
    return memory


def _opaque_png(image: QImage, dots_per_metre: int) -> bytes:
    """Return an opaque image as an 8-bit RGB PNG, its rows unfiltered and deflated in bands.

    Each band of rows is copied as RGB into a small buffer and deflated on a thread (zlib
    lets go of the GIL) while the next band is copied, as pigz does: a band is still in the
    processor's cache when it is deflated, and a few buffers serve the whole image, where
    one for all its rows (48 MB at 8000 × 2000) took longer to allocate than to fill.
    """
    width, height = image.width(), image.height()
    # PNG rows each start with a filter byte (0: none). The pixels are copied as RGB into a
    # buffer whose rows are one byte longer, starting one byte in, so the zero bytes fall
    # between them: the buffer is the PNG's data as it stands, with no rows to join.
    row = width * 3 + 1
    band = max(_BAND_BYTES // row, 1)
    tops = range(0, height, band)
    workers = min(len(tops), os.cpu_count() or 1)
    buffers = [bytearray(band * row) for _ in range(min(len(tops), workers + 1))]

    def deflate(last: bool, data: memoryview) -> tuple[bytes, int, int]:
        packer = zlib.compressobj(_DEFLATE_LEVEL, zlib.DEFLATED, -15)
        # A sync flush ends a band on a byte boundary, so the bands join into one stream.
        flushed = packer.compress(data) + packer.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)
        return flushed, zlib.adler32(data), len(data)

    bands: list[Future[tuple[bytes, int, int]]] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for number, top in enumerate(tops):
            if number >= len(buffers):
                bands[number - len(buffers)].result()  # its buffer is free again
            rows = min(band, height - top)
            data = memoryview(buffers[number % len(buffers)])[: rows * row]
            rgb = QImage(data[1:], width, rows, row, QImage.Format.Format_RGB888)
            copier = QPainter(rgb)
            copier.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            copier.drawImage(0, 0, image, 0, top, width, rows)
            copier.end()
            del rgb
            bands.append(pool.submit(deflate, top + rows == height, data))
        parts = [future.result() for future in bands]
    checksum = 1
    for _, part_checksum, length in parts:
        checksum = _adler32_joined(checksum, part_checksum, length)
    # zlib's header (deflate, 32 KB window, fast), the data, and its Adler-32.
    stream = b"".join((b"\x78\x5e", *(part[0] for part in parts), struct.pack(">I", checksum)))
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


def _adler32_joined(first: int, second: int, second_length: int) -> int:
    """Return the Adler-32 of two pieces of data joined, from theirs (zlib's
    adler32_combine, which Python does not offer), so that each band is summed on its thread."""
    remainder = second_length % _ADLER_BASE
    low = first & 0xFFFF
    high = (
        remainder * low + (first >> 16) + (second >> 16) + _ADLER_BASE - remainder
    ) % _ADLER_BASE
    low = (low + (second & 0xFFFF) + _ADLER_BASE - 1) % _ADLER_BASE
    return low | (high << 16)


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
