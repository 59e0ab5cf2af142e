"""Draw the marks of a claim's status and of each kind of relation's head, for cards and legend.

Each status has its own shape as well as its own colour — a circle with a tick
(in), a square with a cross (out), a diamond with a question mark (undecided) — and
each relation its own head: a filled arrow (support), a bar (attack), a ring
(undercut). A claim whose status an assumption fixes gets a second ring round its mark.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from argline.gui.map.style import LINE_WIDTH, STATUS_COLOURS, MapColours, relation_pen
from argline.model.entities import RelationType
from argline.model.evaluation import Status

HEAD_LENGTH = 13.0
HEAD_HALF_WIDTH = 6.5
RING_RADIUS = 6.0


def draw_status(
    painter: QPainter,
    box: QRectF,
    status: Status,
    *,
    assumed: bool = False,
    colours: MapColours | None = None,
) -> None:
    """Draw the mark of ``status`` inside ``box`` (a square); ``colours`` by default: light."""
    colour = STATUS_COLOURS[status]
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    centre = box.center()
    half = box.width() / 2
    painter.setPen(QPen(QColor("#1b1b1b"), 1.0))
    painter.setBrush(colour)
    if status is Status.IN:
        painter.drawEllipse(centre, half, half)
    elif status is Status.OUT:
        painter.drawRect(box.adjusted(1, 1, -1, -1))
    else:
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), box.top()),
                    QPointF(box.right(), centre.y()),
                    QPointF(centre.x(), box.bottom()),
                    QPointF(box.left(), centre.y()),
                ]
            )
        )
    glyph = QPen(QColor("#ffffff") if status is not Status.UNDECIDED else QColor("#1b1b1b"), 2.0)
    glyph.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(glyph)
    s = half * 0.45
    if status is Status.IN:
        painter.drawPolyline(
            QPolygonF(
                [
                    QPointF(centre.x() - s, centre.y()),
                    QPointF(centre.x() - s * 0.2, centre.y() + s * 0.8),
                    QPointF(centre.x() + s, centre.y() - s * 0.8),
                ]
            )
        )
    elif status is Status.OUT:
        painter.drawLine(QLineF(centre.x() - s, centre.y() - s, centre.x() + s, centre.y() + s))
        painter.drawLine(QLineF(centre.x() - s, centre.y() + s, centre.x() + s, centre.y() - s))
    else:
        font = painter.font()
        font.setPixelSize(int(box.height() * 0.6))
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "?")
    if assumed:
        painter.setPen(QPen((colours or MapColours.light()).ink, 1.2))  # round it, on the card
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, half + 3.5, half + 3.5)
    painter.restore()


def draw_relation(
    painter: QPainter,
    line: QLineF,
    kind: RelationType,
    *,
    carrying: bool,
    colours: MapColours | None = None,
    across: bool = False,
) -> None:
    """Draw a relation along ``line``, its head at ``line.p2()``, shortened to fit the head;
    ``across`` in the style of a link between two assessments."""
    if line.length() < 1:
        return
    colours = colours or MapColours.light()
    pen = relation_pen(kind, carrying=carrying, colours=colours, across=across)
    unit = (line.p2() - line.p1()) / line.length()
    normal = QPointF(-unit.y(), unit.x())
    tip = line.p2()
    back = {
        RelationType.SUPPORT: HEAD_LENGTH - 1,
        RelationType.ATTACK: 2.0,
        RelationType.UNDERCUT: 2 * RING_RADIUS,
    }[kind]
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawLine(QLineF(line.p1(), tip - unit * min(back, line.length())))
    head, fill = _head_pen(kind, carrying, colours, across)
    painter.setPen(head)
    if kind is RelationType.SUPPORT:
        painter.setBrush(fill)
        base = tip - unit * HEAD_LENGTH
        painter.drawPolygon(
            QPolygonF([tip, base + normal * HEAD_HALF_WIDTH, base - normal * HEAD_HALF_WIDTH])
        )
    elif kind is RelationType.ATTACK:
        bar = tip - unit * 1.6
        painter.drawLine(QLineF(bar + normal * 8, bar - normal * 8))
    else:
        painter.setBrush(fill)
        painter.drawEllipse(tip - unit * RING_RADIUS, RING_RADIUS, RING_RADIUS)
    if not carrying:
        _draw_break(painter, line, unit, normal, pen.color())


@cache
def _head_pen(
    kind: RelationType, carrying: bool, colours: MapColours, across: bool
) -> tuple[QPen, QBrush]:
    """Return the pen and fill of a relation's head, made once per theme (edges paint every
    drag frame)."""
    colour = relation_pen(kind, carrying=carrying, colours=colours, across=across).color()
    head = QPen(colour, LINE_WIDTH)
    head.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    if kind is RelationType.ATTACK:
        head.setWidthF(3.2)
        head.setCapStyle(Qt.PenCapStyle.FlatCap)
    # An undercut's ring is hollow: filled with the ground it sits on.
    fill = QBrush(colours.background) if kind is RelationType.UNDERCUT else QBrush(colour)
    return head, fill


def _draw_break(
    painter: QPainter, line: QLineF, unit: QPointF, normal: QPointF, colour: QColor
) -> None:
    # Two short slashes across the middle: "this relation is cut", readable in greyscale.
    middle = line.center()
    solid = QColor(colour)
    solid.setAlphaF(1.0)
    pen = QPen(solid, 2.0)
    painter.setPen(pen)
    slant = normal * 7 + unit * 3
    for offset in (-3.5, 3.5):
        centre = middle + unit * (offset + 14)
        painter.drawLine(QLineF(centre - slant, centre + slant))
