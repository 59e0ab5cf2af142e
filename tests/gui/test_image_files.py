"""PNG files: every pixel drawn reads back through Qt, whatever the size and its bands."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from argline.gui.image_files import write_image
from argline.gui.png_encoder import opaque_png

pytestmark = pytest.mark.usefixtures("qapp")


def test_a_png_of_many_bands_reads_back_pixel_for_pixel(tmp_path: Path) -> None:
    rng = random.Random(5)
    boxes = [
        (QRectF(rng.randrange(3000), rng.randrange(1500), 40, 9), QColor(rng.randrange(1 << 24)))
        for _ in range(300)
    ]

    def draw(painter: QPainter, rect: QRectF) -> None:
        for box, colour in boxes:
            painter.fillRect(box, colour)

    path = tmp_path / "boxes.png"
    write_image(path, draw, width=3000, height=1500, background=QColor("white"))
    expected = QImage(3000, 1500, QImage.Format.Format_RGB32)
    expected.fill(QColor("white"))
    painter = QPainter(expected)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw(painter, QRectF(0, 0, 3000, 1500))
    painter.end()
    assert QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32) == expected
    # The bands are one zlib stream: it ends once, with the checksum of every row.
    data = path.read_bytes()
    assert len(zlib.decompress(_chunk(data, b"IDAT"))) == 1500 * (3000 * 3 + 1)


@pytest.mark.parametrize(
    ("width", "height"),
    [(16, 16), (1, 1), (3001, 465), (3001, 466), (700, 2000)],
    ids=["small", "one pixel", "one band", "a band and a row", "tall"],
)
def test_noise_reads_back_pixel_for_pixel(width: int, height: int) -> None:
    rng = random.Random(width * height)
    # Random red, green and blue in every pixel, the unused fourth byte set as Qt sets it.
    pixels = bytearray(rng.randbytes(width * height * 4))
    pixels[3::4] = b"\xff" * (width * height)
    image = QImage(bytes(pixels), width, height, width * 4, QImage.Format.Format_RGB32).copy()
    image.setDotsPerMeterX(5906)
    image.setDotsPerMeterY(3780)
    decoded = QImage.fromData(opaque_png(image), "PNG")
    assert (decoded.width(), decoded.height()) == (width, height)
    assert decoded.convertToFormat(QImage.Format.Format_RGB32) == image
    assert (decoded.dotsPerMeterX(), decoded.dotsPerMeterY()) == (5906, 3780)


def _chunk(png: bytes, kind: bytes) -> bytes:
    position, found = 8, b""
    while position < len(png):
        length, name = struct.unpack(">I4s", png[position : position + 8])
        if name == kind:
            found += png[position + 8 : position + 8 + length]
        position += 12 + length
    return found
