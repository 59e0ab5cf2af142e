"""Draw the map's legend: what each status mark, line and head, and role stripe means.

The same function draws it on screen (an overlay panel over the view, opened from a
small button so that it covers no card) and into an exported image (always whole),
with the same marks the cards and edges use, in the same colours as the map it explains.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from argline.gui.map.marks import draw_relation, draw_status
from argline.gui.map.style import (
    ACROSS_WORDS,
    RELATION_WORDS,
    ROLE_NAMES,
    STATUS_WORDS,
    MapColours,
)
from argline.model.entities import ClaimRole, RelationType
from argline.model.evaluation import Status

ROW = 22.0
SAMPLE = 46.0
PAD = 10.0
MARK = 14.0

Sample = Callable[[QPainter, QRectF, MapColours], None]


def _rows() -> list[tuple[Sample | None, str]]:
    rows: list[tuple[Sample | None, str]] = [(None, "Status of a claim")]
    for status in Status:
        rows.append((_status_sample(status), STATUS_WORDS[status]))
    rows.append((_status_sample(Status.IN, assumed=True), "ring: an assumption fixes it"))
    rows.append((None, "Relations (the head is at the claim argued about)"))
    for kind in RelationType:
        rows.append((_relation_sample(kind), RELATION_WORDS[kind]))
    rows.append((_relation_sample(RelationType.SUPPORT, across=True), ACROSS_WORDS))
    rows.append(
        (
            _relation_sample(RelationType.SUPPORT, carrying=False),
            "faded, cut: undercut, does not carry",
        )
    )
    rows.append((None, "Roles (the stripe at a card's left)"))
    rows.append((_roles_sample, "  ".join(ROLE_NAMES[r] for r in ClaimRole)))
    return rows


def _status_sample(status: Status, *, assumed: bool = False) -> Sample:
    def draw(painter: QPainter, box: QRectF, colours: MapColours) -> None:
        centre = box.center()
        mark = QRectF(centre.x() - MARK / 2, centre.y() - MARK / 2, MARK, MARK)
        draw_status(painter, mark, status, assumed=assumed, colours=colours)

    return draw


def _relation_sample(kind: RelationType, *, carrying: bool = True, across: bool = False) -> Sample:
    def draw(painter: QPainter, box: QRectF, colours: MapColours) -> None:
        y = box.center().y()
        line = QLineF(QPointF(box.left() + 2, y), QPointF(box.right() - 2, y))
        if kind is RelationType.UNDERCUT:
            painter.setPen(QPen(colours.border, 1.5))
            painter.drawLine(QLineF(box.right() - 2, box.top(), box.right() - 2, box.bottom()))
        draw_relation(painter, line, kind, carrying=carrying, colours=colours, across=across)

    return draw


def _roles_sample(painter: QPainter, box: QRectF, colours: MapColours) -> None:
    pass  # the role names are drawn with their colours by the row itself


def legend_size() -> QSize:
    """Return the legend's size in pixels."""
    font = _font()
    metrics = QFontMetricsF(font)
    widest = max(
        metrics.horizontalAdvance(text) + (0 if sample is None else SAMPLE + 8)
        for sample, text in _rows()
        if sample is not _roles_sample
    )
    roles = sum(metrics.horizontalAdvance(ROLE_NAMES[r]) + 22 for r in ClaimRole)
    width = max(widest, roles)
    return QSize(int(width + 2 * PAD + 1), int(len(_rows()) * ROW + 2 * PAD + 1))


def _font() -> QFont:
    font = QFont()
    font.setPixelSize(12)
    return font


def draw_legend(painter: QPainter, origin: QPointF, colours: MapColours | None = None) -> None:
    """Draw the legend with its top-left corner at ``origin``, on a panel of the card colour.

    Without ``colours``, in the light colours of an export.
    """
    colours = colours or MapColours.light()
    ink = colours.ink
    size = legend_size()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    panel = QRectF(origin, QPointF(origin.x() + size.width(), origin.y() + size.height()))
    painter.setPen(QPen(colours.border, 1))
    painter.setBrush(colours.panel)
    painter.drawRoundedRect(panel, 6, 6)
    font = _font()
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetricsF(font)
    y = origin.y() + PAD
    x = origin.x() + PAD
    for sample, text in _rows():
        baseline = y + (ROW + metrics.ascent() - metrics.descent()) / 2
        if sample is None:
            painter.setFont(bold)
            painter.setPen(ink)
            painter.drawText(QPointF(x, baseline), text)
        elif sample is _roles_sample:
            painter.setFont(font)
            left = x
            for role in ClaimRole:
                painter.fillRect(QRectF(left, y + 4, 5, ROW - 8), colours.roles[role])
                painter.setPen(ink)
                painter.drawText(QPointF(left + 9, baseline), ROLE_NAMES[role])
                left += metrics.horizontalAdvance(ROLE_NAMES[role]) + 22
        else:
            sample(painter, QRectF(x, y + 2, SAMPLE, ROW - 4), colours)
            painter.setFont(font)
            painter.setPen(ink)
            painter.drawText(QPointF(x + SAMPLE + 8, baseline), text)
        y += ROW
    painter.restore()


BUTTON_TEXT = "Legend"


class LegendPanel(QWidget):
    """The legend in a corner of the map view: a small "Legend" button that opens the panel.

    Closed by default, so it covers no card; a click opens or closes it. The open panel
    is drawn once into a pixmap: it sits over the viewport, so it is repainted with
    every frame of a drag, and a pixmap keeps that cheap.
    """

    toggled = Signal(bool)  # True when the full legend is open

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.expanded = False
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Show or hide what the marks, lines and stripes mean")
        self.resize(self._button_size())
        self._pixmap: QPixmap | None = None
        self.colours = MapColours.light()

    def set_colours(self, colours: MapColours) -> None:
        """Draw in ``colours`` from now on, those of the map under the panel."""
        if colours is not self.colours:
            self.colours = colours
            self._pixmap = None
            self.update()

    def _button_size(self) -> QSize:
        metrics = QFontMetricsF(_font())
        return QSize(int(metrics.horizontalAdvance(BUTTON_TEXT + "  ▴") + 2 * PAD), 26)

    def set_expanded(self, expanded: bool) -> None:
        """Open (the full legend) or close (the small button) the panel."""
        if expanded == self.expanded:
            return
        self.expanded = expanded
        self.resize(legend_size() if expanded else self._button_size())
        self.update()
        self.toggled.emit(expanded)

    def mousePressEvent(self, event) -> None:
        self.set_expanded(not self.expanded)
        event.accept()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if not self.expanded:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self.colours.border, 1))
            painter.setBrush(self.colours.panel)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
            painter.setFont(_font())
            painter.setPen(self.colours.ink)
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, BUTTON_TEXT + "  ▴")
            painter.end()
            return
        ratio = self.devicePixelRatioF()
        if self._pixmap is None or self._pixmap.devicePixelRatio() != ratio:
            size = legend_size()
            pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            inner = QPainter(pixmap)
            draw_legend(inner, QPointF(0, 0), self.colours)
            inner.end()
            self._pixmap = pixmap
        painter.drawPixmap(0, 0, self._pixmap)
        painter.end()
