"""Write a drawing to PNG, SVG or PDF, atomically: the same painter code as the screen.

Each view exposes a function that paints itself into a rectangle with a QPainter;
this module points that painter at a raster image, an SVG generator or a PDF
writer, chosen by the file's extension, and replaces the target file only once
the image is complete.

A PDF is one page: the picture's own size, or a sheet of paper (A4 or Letter) with the
picture fitted inside its margins. An SVG names its fonts as CSS does, a font stack
ending in a generic family, since viewers know nothing of Qt's aliases ("Sans Serif").
"""

from __future__ import annotations

import math
import mmap
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator

from argline.gui.png_encoder import opaque_png
from argline.io.files import WriteFailed, write_atomically

Draw = Callable[[QPainter, QRectF], None]
IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
DEFAULT_DPI = 96
CSS_DPI = 96
PAGE_MARGIN_POINTS = 36.0  # half an inch all round


class Paper(Enum):
    """A sheet a PDF can be printed on; the command line takes its name in lower case."""

    A4 = QPageSize.PageSizeId.A4
    LETTER = QPageSize.PageSizeId.Letter


@dataclass(frozen=True, slots=True)
class Page:
    """A PDF's page: ``paper`` the right way round, the picture fitted inside margins."""

    paper: Paper
    landscape: bool = True


# The pages an export dialog offers, by the names it shows; None is the picture's own size.
PAGE_CHOICES: dict[str, Page | None] = {
    "The picture's own size": None,
    "A4 landscape": Page(Paper.A4),
    "A4 portrait": Page(Paper.A4, landscape=False),
    "Letter landscape": Page(Paper.LETTER),
    "Letter portrait": Page(Paper.LETTER, landscape=False),
}


def write_image(
    path: Path,
    draw: Draw,
    *,
    width: int,
    height: int,
    dpi: int = DEFAULT_DPI,
    title: str = "",
    background: QColor | None = None,
    page: Page | None = None,
) -> None:
    """Draw into a ``width`` × ``height`` pixel image at ``path``; the suffix picks the format.

    The drawing goes over ``background`` (white by default), which a PNG keeps opaque.
    A PDF is on ``page``, or without one on a page of the picture's own size.
    """
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise WriteFailed(f"cannot write {path}: the name must end in .png, .svg or .pdf")
    if page is not None and suffix != ".pdf":
        raise WriteFailed(f"cannot write {path}: a paper size is for a PDF, not a {suffix} image")
    if width < 16 or height < 16 or width * height > 400_000_000:
        raise WriteFailed(f"cannot write {path}: {width}×{height} pixels is not a usable size")
    render = {".png": _png_bytes, ".svg": _svg_bytes, ".pdf": _pdf_bytes}[suffix]
    spec = _Spec(width, height, dpi, title, background or QColor("white"), page)
    write_atomically(path, render(draw, spec))


@dataclass(frozen=True, slots=True)
class _Spec:
    width: int
    height: int
    dpi: int
    title: str
    background: QColor
    page: Page | None

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
    return _FONT_FAMILY.sub(_css_font_family, bytes(content.data()))


# QSvgGenerator writes each family as Qt names it, between double quotes (the text between
# tags has its quotes escaped, so it never matches).
_FONT_FAMILY = re.compile(rb'font-family="([^"]*)"')
# Qt's (and fontconfig's) names for the generic families, and fonts to try before them.
_GENERIC_NAMES = {"sans serif": "sans-serif", "serif": "serif", "monospace": "monospace"}
_FALLBACKS = {
    "sans-serif": ("Helvetica Neue", "Arial"),
    "serif": ("Georgia", "Times New Roman"),
    "monospace": ("Menlo", "Consolas"),
}


def _css_font_family(match: re.Match[bytes]) -> bytes:
    stack = css_font_stack(match.group(1).decode())
    return b'font-family="' + escape(stack, {'"': "&quot;"}).encode() + b'"'


@cache
def css_font_stack(family: str) -> str:
    """Return the CSS font stack for a Qt font family: the family (unless it is one of Qt's
    aliases), the font Qt draws it with, common fonts of its kind, its generic family; for
    "Sans Serif" here ``'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif``."""
    info = QFontInfo(QFont(family))
    drawn = info.family()
    generic = _GENERIC_NAMES.get(family.lower())
    if generic is None:
        lowered = drawn.lower()
        serif = "serif" in lowered and "sans" not in lowered
        generic = "monospace" if info.fixedPitch() else "serif" if serif else "sans-serif"
    names: list[str] = []
    for name in (family, drawn, *_FALLBACKS[generic]):
        # A name starting with a dot is a system's private one (macOS's ".AppleSystemUIFont").
        if name.lower() not in _GENERIC_NAMES and not name.startswith(".") and name not in names:
            names.append(name)
    return ", ".join([*(_css_name(name) for name in names), generic])


def _css_name(family: str) -> str:
    """Return a family's name as CSS writes it: quoted unless it is one plain word."""
    if family.replace("-", "").isalnum():
        return family
    return "'" + family.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _pdf_bytes(draw: Draw, spec: _Spec) -> bytes:
    # QPdfWriter writes to a file name; write into a private temporary file, then read it.
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "image.pdf"
        layout = _page_layout(spec)
        writer = QPdfWriter(str(target))
        writer.setResolution(_pdf_resolution(spec, layout))
        writer.setTitle(spec.title)
        writer.setCreator("Argline")
        writer.setPageLayout(layout)
        painter = QPainter(writer)
        try:
            # The picture as large as the page's printable area allows, in its middle: on a
            # page of its own size, at its own size.
            device = painter.device()
            scale = min(device.width() / spec.width, device.height() / spec.height)
            painter.translate(
                (device.width() - spec.width * scale) / 2,
                (device.height() - spec.height * scale) / 2,
            )
            painter.scale(scale, scale)
            painter.fillRect(spec.rect, spec.background)
            draw(painter, spec.rect)
        finally:
            painter.end()
        return target.read_bytes()


def _page_layout(spec: _Spec) -> QPageLayout:
    """Return the PDF's page: the paper asked for, with margins, or the picture's size."""
    if spec.page is None:
        inches = QSizeF(spec.width / spec.dpi, spec.height / spec.dpi)
        size = QPageSize(
            inches, QPageSize.Unit.Inch, "Argline", QPageSize.SizeMatchPolicy.ExactMatch
        )
        return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF())
    orientation = (
        QPageLayout.Orientation.Landscape
        if spec.page.landscape
        else QPageLayout.Orientation.Portrait
    )
    margin = PAGE_MARGIN_POINTS
    return QPageLayout(
        QPageSize(spec.page.paper.value),
        orientation,
        QMarginsF(margin, margin, margin, margin),
        QPageLayout.Unit.Point,
    )


def _pdf_resolution(spec: _Spec, layout: QPageLayout) -> int:
    """Return the PDF's dots per inch: the image's own, or on paper as many as make the
    picture fit the printable area at its own size, so that it is drawn as on screen (a
    map drawn smaller would leave its cards' text out) and only the paper makes it small."""
    if spec.page is None:
        return spec.dpi
    printable = layout.paintRect(QPageLayout.Unit.Point)
    return math.ceil(max(spec.width / printable.width(), spec.height / printable.height()) * 72)
