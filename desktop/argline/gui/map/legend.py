"""Draw the map's legend: what each status mark, line and head, and role stripe means.

The same function draws it on screen (a panel over the view, opened from the map's
toolbar, in a corner where it covers no card, else docked beside the map, else in a
small window of its own beside the view) and into
an exported image (always whole),
with the same marks the cards and edges use, in the same colours as the map it explains.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QLineF, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
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
    rows.append((None, "Relations (head at the claim argued about)"))
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
    for part in _role_rows():
        rows.append((_roles_sample, "  ".join(ROLE_NAMES[r] for r in part)))
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


def _role_rows() -> list[list[ClaimRole]]:
    roles = list(ClaimRole)
    return [roles[:3], roles[3:]]


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
    roles = max(
        sum(metrics.horizontalAdvance(ROLE_NAMES[r]) + 22 for r in part) for part in _role_rows()
    )
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
    role_rows = iter(_role_rows())
    for sample, text in _rows():
        baseline = y + (ROW + metrics.ascent() - metrics.descent()) / 2
        if sample is None:
            painter.setFont(bold)
            painter.setPen(ink)
            painter.drawText(QPointF(x, baseline), text)
        elif sample is _roles_sample:
            painter.setFont(font)
            left = x
            for role in next(role_rows):
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


CORNER_MARGIN = 8
DOCK_ROOM = 1.75  # the legend docks only in a view this many times as wide as itself


class LegendPanel(QWidget):
    """The legend over the map view, shown when asked for (the map's toolbar and menu).

    Open, it takes a corner of the view where it covers no card; when every corner holds
    one, it docks at the view's right edge, beside the map rather than over it (the view
    makes room: ``docked``), unless that would leave the map narrower than the legend:
    then it opens as a small window of its own beside the view (``floating``), over no
    card. Docked or floating, it stays so until closed: no to and fro as the map scrolls.
    It is drawn once into a pixmap: over the viewport it is
    repainted with every frame of a drag, and a pixmap keeps that cheap.
    """

    toggled = Signal(bool)  # True when the legend is open
    dockChanged = Signal(bool)  # True when it wants a strip of the view to itself

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.expanded = False
        self.docked = False
        self.floating = False
        self.setWindowTitle("Legend")
        self.setToolTip("What the marks, lines and stripes mean; click to close")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.resize(legend_size())
        self._pixmap: QPixmap | None = None
        self.colours = MapColours.light()
        self.hide()

    def set_colours(self, colours: MapColours) -> None:
        """Draw in ``colours`` from now on, those of the map under the panel."""
        if colours is not self.colours:
            self.colours = colours
            self._pixmap = None
            self.update()

    def set_expanded(self, expanded: bool) -> None:
        """Open or close the legend."""
        if expanded == self.expanded:
            return
        self.expanded = expanded
        if not expanded and self.floating:
            self.floating = False
            self.setWindowFlags(Qt.WindowType.Widget)  # back over the view, for next time
        self.setVisible(expanded)
        self.toggled.emit(expanded)

    def place(self, viewport: QRect, cards: Sequence[QRect]) -> None:
        """Put the open legend in the first corner of ``viewport`` (the view's coordinates)
        that covers none of ``cards`` (the viewport's), else dock it at the right edge, else
        float it beside the view."""
        docked = False
        if self.expanded and self.floating:
            self._float_beside(viewport)
        elif self.expanded:
            shown = [card.translated(viewport.topLeft()) for card in cards]
            corners = self._corners(viewport)
            covered = [sum(c.intersects(r) for r in shown) for c in corners]
            room = viewport.width() + (self.width() if self.docked else 0)
            if self.docked or (min(covered) and room >= DOCK_ROOM * self.width()):
                docked = True
                self.move(viewport.right() + 1, viewport.top())
                self.raise_()
            elif min(covered):  # a view too narrow to dock in: a window of its own
                self.floating = True
                self._float_beside(viewport)
            else:
                self.move(corners[covered.index(0)].topLeft())
                self.raise_()
        if docked != self.docked:
            self.docked = docked
            self.dockChanged.emit(docked)

    def _float_beside(self, viewport: QRect) -> None:
        """Show the legend as a tool window at the view's right, or its left, on screen."""
        view = self.parentWidget()
        if not self.isWindow():
            self.setWindowFlags(Qt.WindowType.Tool)
        top_left = view.mapToGlobal(viewport.topLeft())
        top_right = view.mapToGlobal(viewport.topRight())
        screen = view.screen().availableGeometry()
        x = top_right.x() + CORNER_MARGIN
        if x + self.width() > screen.right():
            x = max(screen.left(), top_left.x() - CORNER_MARGIN - self.width())
        y = min(max(top_left.y(), screen.top()), screen.bottom() - self.height())
        self.move(x, y)
        self.show()

    def _corners(self, viewport: QRect) -> list[QRect]:
        """Return where the legend would stand in each corner: bottom left first, as before."""
        inner = viewport.adjusted(CORNER_MARGIN, CORNER_MARGIN, -CORNER_MARGIN, -CORNER_MARGIN)
        left, top = inner.left(), inner.top()
        right = inner.right() - self.width() + 1
        bottom = inner.bottom() - self.height() + 1
        points = ((left, bottom), (right, bottom), (right, top), (left, top))
        return [QRect(QPoint(x, y), self.size()) for x, y in points]

    def mousePressEvent(self, event) -> None:
        self.set_expanded(False)
        event.accept()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
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
