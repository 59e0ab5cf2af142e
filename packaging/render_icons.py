"""Render resources/icons/argline.svg to the PNG sizes desktops and installers ask for.

Run after changing the SVG: ``python packaging/render_icons.py`` (needs PySide6 only).
The PNGs are committed, so neither a build nor a user needs this script.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(svg: Path, size: int, target: Path) -> None:
    """Draw the SVG into a transparent square PNG of ``size`` pixels."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"cannot write {target}")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in SIZES:
        # Small sizes get their own drawing: outlines and diagonals blur below 32 px.
        svg = ICONS / ("argline-small.svg" if size < 32 else "argline.svg")
        render(svg, size, ICONS / f"argline-{size}.png")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
