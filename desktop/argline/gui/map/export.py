"""Write an argument map to PNG, SVG or PDF with the scene the screen draws, atomically.

Without ``assessment`` the image shows every assessment side by side (for the seed
corpus, the forecast beside the retrospective, their links drawn across). Without a
size the map is drawn at full size (one scene unit, one pixel), so every card's text
is as readable as on screen at 100%; a size scales the map to fit it. The legend
sits below the map. Images go into briefings: they are drawn in the light colours
(dark ink on white) whatever the screen's theme.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter

from argline.gui.image_files import Page, write_image
from argline.gui.map.content import map_content
from argline.gui.map.legend import draw_legend, legend_size
from argline.gui.map.scene import MapScene
from argline.gui.map.style import MapColours
from argline.io.files import WriteFailed
from argline.ops.evaluation import load_argument_state
from argline.store import Store

MARGIN = 40.0
LEGEND_GAP = 30.0


def export_map_image(
    store: Store,
    path: Path,
    *,
    assessment: str | None = None,
    width: int | None = None,
    height: int | None = None,
    dpi: int = 96,
    page: Page | None = None,
) -> None:
    """Draw the map of ``assessment`` (every assessment side by side if None) into ``path``;
    a PDF on ``page`` if given."""
    with store.reading() as session:
        state = load_argument_state(session)
    if assessment is not None:
        state.assessment(assessment)  # an unknown id raises StoreError naming it
        ids: tuple[str, ...] = (assessment,)
        title = state.assessment(assessment).title
    else:
        ids = tuple(a.id for a in state.assessments)
        title = "Argument maps"
    if not ids:
        raise WriteFailed(f"cannot write {path}: the database holds no assessment to draw")
    colours = MapColours.light()
    scene = MapScene(colours=colours)
    scene.interactive = False
    try:
        scene.show(map_content(state, ids, scene.measure))
        scene.setBackgroundBrush(QColor("white"))
        source = scene.itemsBoundingRect()
        legend = legend_size()
        natural_w = max(source.width(), legend.width()) + 2 * MARGIN
        natural_h = source.height() + LEGEND_GAP + legend.height() + 2 * MARGIN
        scale = 1.0
        if width is not None or height is not None:
            fits = [w / n for w, n in ((width, natural_w), (height, natural_h)) if w is not None]
            scale = min(fits)
        out_w = width if width is not None else round(natural_w * scale)
        out_h = height if height is not None else round(natural_h * scale)

        def draw(painter: QPainter, rect: QRectF) -> None:
            painter.save()
            painter.translate((rect.width() - natural_w * scale) / 2, 0)
            painter.scale(scale, scale)
            target = QRectF(MARGIN, MARGIN, source.width(), source.height())
            scene.render(painter, target, source)
            draw_legend(painter, QPointF(MARGIN, MARGIN + source.height() + LEGEND_GAP), colours)
            painter.restore()

        write_image(path, draw, width=out_w, height=out_h, dpi=dpi, title=title, page=page)
    finally:
        scene.clear()
        scene.deleteLater()
