"""A relation drawn between cards, or from a card onto the middle of the relation it undercuts.

The line runs between the cards' borders along the line joining their centres, so
it follows the cards wherever they are dragged: a card calls ``adjust`` on its edges
whenever it moves (as in Qt's elastic nodes example), and an edge passes the call on
to the undercuts that point at its middle.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from argline.gui.map.card import ClaimCard
from argline.gui.map.marks import draw_relation
from argline.gui.map.style import SELECTION
from argline.model.entities import Relation

PICK_WIDTH = 12.0
END_GRAB = 16.0  # how near an end of a selected relation a press must be to reconnect it


class RelationEdge(QGraphicsItem):
    """A support, attack or undercut; drawn faded and cut when an undercut makes it fail."""

    def __init__(self, relation: Relation, source: ClaimCard, target: ClaimCard | RelationEdge):
        super().__init__()
        self.relation = relation
        self.source = source
        self.target = target
        self.carrying = True
        self.undercuts: list[RelationEdge] = []
        self.line = QLineF()
        self.dragging_end: str | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(-1)
        source.edges.append(self)
        if isinstance(target, RelationEdge):
            target.undercuts.append(self)
            self.setZValue(-0.5)
        else:
            target.edges.append(self)
        self.adjust()

    @property
    def id(self) -> str:
        return self.relation.id

    def detach(self) -> None:
        """Forget the cards and relation this edge hangs on, before it leaves the scene."""
        if self in self.source.edges:
            self.source.edges.remove(self)
        owner = (
            self.target.undercuts if isinstance(self.target, RelationEdge) else self.target.edges
        )
        if self in owner:
            owner.remove(self)

    def show_carrying(self, carrying: bool) -> None:
        if carrying != self.carrying:
            self.carrying = carrying
            self.update()

    def middle(self) -> QPointF:
        return self.line.center()

    def adjust(self) -> None:
        """Recompute the line from the cards' current places; undercuts of it follow."""
        source = self.source.scene_frame()
        if isinstance(self.target, RelationEdge):
            end = self.target.middle()
            if end.y() < source.top():  # leave by the top: clear of the cards beside it
                start = QPointF(_clamp(end.x(), source), source.top())
            else:
                start = _border_point(source, end)
        else:
            target = self.target.scene_frame()
            if target.bottom() < source.top():
                # From the top of the lower card to the bottom of the upper one: the line
                # stays between the two rows, so it never crosses a card in either.
                start = QPointF(_clamp(target.center().x(), source), source.top())
                end = QPointF(_clamp(source.center().x(), target), target.bottom())
            else:
                start = _border_point(source, target.center())
                end = _border_point(target, source.center())
        line = QLineF(start, end)
        if line != self.line:
            self.prepareGeometryChange()
            self.line = line
        for undercut in self.undercuts:
            undercut.adjust()

    def boundingRect(self) -> QRectF:
        margin = 12.0
        return (
            QRectF(self.line.p1(), self.line.p2())
            .normalized()
            .adjusted(-margin, -margin, margin, margin)
        )

    def shape(self) -> QPainterPath:
        path = QPainterPath(self.line.p1())
        path.lineTo(self.line.p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(PICK_WIDTH)
        return stroker.createStroke(path)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if option.state & QStyle.StateFlag.State_Selected:
            halo = QPen(SELECTION.lighter(170), 8.0)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(halo)
            painter.drawLine(self.line)
        draw_relation(painter, self.line, self.relation.type, carrying=self.carrying)

    # A selected relation can be reconnected by dragging one of its ends onto another card.
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        end = self._end_at(event.scenePos()) if self.isSelected() else None
        if event.button() == Qt.MouseButton.LeftButton and end:
            self.dragging_end = end
            self.scene().begin_reconnection(self, end, event.scenePos())  # type: ignore[attr-defined]
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.dragging_end:
            self.scene().drag_connection(event.scenePos())  # type: ignore[attr-defined]
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.dragging_end:
            self.dragging_end = None
            self.scene().end_connection(event.scenePos(), event.screenPos())  # type: ignore[attr-defined]
            return
        super().mouseReleaseEvent(event)

    def _end_at(self, point: QPointF) -> str | None:
        if QLineF(point, self.line.p2()).length() <= END_GRAB:
            return "target"
        if QLineF(point, self.line.p1()).length() <= END_GRAB:
            return "source"
        return None


def _clamp(x: float, rect: QRectF, inset: float = 18.0) -> float:
    """Return ``x`` moved inside ``rect``'s width, ``inset`` from its corners."""
    if rect.width() <= 2 * inset:
        return rect.center().x()
    return min(max(x, rect.left() + inset), rect.right() - inset)


def _border_point(rect: QRectF, towards: QPointF) -> QPointF:
    """Return where the line from ``rect``'s centre to ``towards`` leaves ``rect``."""
    centre = rect.center()
    dx, dy = towards.x() - centre.x(), towards.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    half_w, half_h = rect.width() / 2, rect.height() / 2
    scale = min(
        half_w / abs(dx) if dx else float("inf"),
        half_h / abs(dy) if dy else float("inf"),
    )
    scale = min(scale, 1.0)
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)
