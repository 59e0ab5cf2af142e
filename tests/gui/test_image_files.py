"""PNG files written in bands: every row and the stream's checksum survive the joining."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from argline.gui.image_files import _adler32_joined, write_image

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
    # zlib checks the Adler-32 that was joined from the bands' own.
    data = path.read_bytes()
    assert len(zlib.decompress(_chunk(data, b"IDAT"))) == 1500 * (3000 * 3 + 1)


def test_checksums_of_pieces_join_into_the_checksum_of_the_whole() -> None:
    rng = random.Random(9)
    for _ in range(100):
        first, second = rng.randbytes(rng.randrange(3000)), rng.randbytes(rng.randrange(90_000))
        joined = _adler32_joined(zlib.adler32(first), zlib.adler32(second), len(second))
        assert joined == zlib.adler32(first + second)


def _chunk(png: bytes, kind: bytes) -> bytes:
    position, found = 8, b""
    while position < len(png):
        length, name = struct.unpack(">I4s", png[position : position + 8])
        if name == kind:
            found += png[position + 8 : position + 8 + length]
        position += 12 + length
    return found
