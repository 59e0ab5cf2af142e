"""A relation drawn between cards, or from a card onto the middle of the relation it undercuts.

The route depends only on where the two cards stand, so it follows them wherever
they are dragged: a card calls ``adjust`` on its edges whenever it moves (as in Qt's
elastic nodes example), and an edge passes the call on to the undercuts that point
at its middle. A card one row below the card it argues about is joined top to
bottom; a card hung further down (in a column of many) leaves by its left side, up
the spine gap beside its column; a link between two assessments' maps is a curve
from one card's facing side to the other's, so it reads across the gap between maps.
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
from argline.gui.map.style import SELECTION, relation_pen
from argline.model.entities import Relation

PICK_WIDTH = 12.0
END_GRAB = 16.0  # how near an end of a selected relation a press must be to reconnect it
SIDE_ENTRY_GAP = 100.0  # a card further below than this enters from its side (see tree_layout)
SPINE = 18.0  # how far left of a hung card its edge runs up: half the gap between columns
LEAD = 16.0  # the straight last stretch before a card, where the head is drawn
ACROSS_REACH = 60.0  # how far a link across maps curves out beyond the cards, at most
CORNER = 8.0


class RelationEdge(QGraphicsItem):
    """A support, attack or undercut; drawn faded and cut when an undercut makes it fail."""

    def __init__(self, relation: Relation, source: ClaimCard, target: ClaimCard | RelationEdge):
        super().__init__()
        self.relation = relation
        self.source = source
        self.target = target
        self.carrying = True
        self.undercuts: list[RelationEdge] = []
        self._line = QLineF()
        self._bend = QPainterPath()
        self._route_path = QPainterPath()
        self._stale = True  # the route is worked out when first needed (painted, picked)
        self._bounds = QRectF()
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

    def start(self) -> QPointF:
        """Return where the edge leaves its source card."""
        return self.route.pointAtPercent(0.0) if self.route.length() else self.line.p1()

    def middle(self) -> QPointF:
        return self.route.pointAtPercent(0.5) if self.route.length() else self.line.center()

    @property
    def line(self) -> QLineF:
        """The last straight stretch: from where the bend ends (or the source) to the head."""
        self._ensure_route()
        return self._line

    @property
    def bend(self) -> QPainterPath:
        """The route before its last straight stretch (empty when straight)."""
        self._ensure_route()
        return self._bend

    @property
    def route(self) -> QPainterPath:
        """The whole route, for picking and an undercut's aim."""
        self._ensure_route()
        return self._route_path

    def adjust(self) -> None:
        """Follow the cards' current places; undercuts of it follow.

        Only the bounds are found now, from the two cards' frames (every route stays
        within them and a margin); the route itself waits until it is painted or picked,
        so building a map of thousands of edges lays out only those on screen.
        """
        bounds = self._loose_bounds()
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        self._stale = True
        self.update()
        for undercut in self.undercuts:
            undercut.adjust()

    def _ensure_route(self) -> None:
        if not self._stale:
            return
        self._stale = False
        bend, line = self._route()
        self._line, self._bend = line, bend
        route = QPainterPath(bend)
        if route.isEmpty():
            route.moveTo(line.p1())
        route.lineTo(line.p2())
        self._route_path = route

    def _loose_bounds(self) -> QRectF:
        """Return a rectangle holding the route, found without working the route out."""
        source = self.source.scene_frame()
        if isinstance(self.target, RelationEdge):  # undercuts are few: aim exactly
            self._stale = True
            return self.route.boundingRect().adjusted(-12, -12, 12, 12)
        # Sideways, a route reaches at most a spine's width (hung) or a curve's least
        # reach (across) beyond the two cards; the head and pen need a little more.
        side = ACROSS_REACH + 12 if self._across() else SPINE + 12
        return source.united(self.target.scene_frame()).adjusted(-side, -12, side, 12)

    def _across(self) -> bool:
        return self.source.claim.assessment_id != self.target.claim.assessment_id  # type: ignore[union-attr]

    def _route(self) -> tuple[QPainterPath, QLineF]:
        """Return the route's bend (empty when straight) and its last straight stretch."""
        source = self.source.scene_frame()
        if isinstance(self.target, RelationEdge):
            end = self.target.middle()
            if end.y() < source.top():  # leave by the top: clear of the cards beside it
                start = QPointF(_clamp(end.x(), source), source.top())
            else:
                start = _border_point(source, end)
            return QPainterPath(), QLineF(start, end)
        target = self.target.scene_frame()
        apart = source.left() > target.right() or target.left() > source.right()
        if self._across() and apart:
            return _across(source, target)
        if target.bottom() < source.top():
            if source.top() - target.bottom() > SIDE_ENTRY_GAP:
                return _hung(source, target)
            # From the top of the lower card to the bottom of the upper one: the line
            # stays between the two rows, so it never crosses a card in either.
            start = QPointF(_clamp(target.center().x(), source), source.top())
            end = QPointF(_clamp(source.center().x(), target), target.bottom())
            return QPainterPath(), QLineF(start, end)
        start = _border_point(source, target.center())
        end = _border_point(target, source.center())
        return QPainterPath(), QLineF(start, end)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(PICK_WIDTH)
        return stroker.createStroke(self.route)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        interactive = getattr(self.scene(), "interactive", True)
        if interactive and option.state & QStyle.StateFlag.State_Selected:
            halo = QPen(SELECTION.lighter(170), 8.0)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(halo)
            painter.drawPath(self.route)
        if not self.bend.isEmpty():
            pen = relation_pen(self.relation.type, carrying=self.carrying)
            painter.strokePath(self.bend, pen)
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
        if QLineF(point, self.start()).length() <= END_GRAB:
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


def _hung(source: QRectF, target: QRectF) -> tuple[QPainterPath, QLineF]:
    """Return the route of a card hung in a column: out of its left side, up the spine gap."""
    entry = QPointF(source.left(), source.top() + min(source.height() / 2, 24.0))
    spine = source.left() - SPINE
    attach = _clamp(spine, target)
    turn = target.bottom() + min(36.0, (source.top() - target.bottom()) / 2)
    points = [entry, QPointF(spine, entry.y())]
    if abs(attach - spine) > 1:
        points += [QPointF(spine, turn), QPointF(attach, turn)]
    tip = QPointF(attach, target.bottom())
    lead_from = QPointF(attach, min(turn, tip.y() + LEAD) if abs(attach - spine) > 1 else turn)
    points.append(lead_from)
    return _rounded(points), QLineF(lead_from, tip)


def _across(source: QRectF, target: QRectF) -> tuple[QPainterPath, QLineF]:
    """Return a curve from ``source``'s side facing ``target`` into ``target``'s facing side."""
    rightwards = target.center().x() > source.center().x()
    side = 1.0 if rightwards else -1.0
    start = QPointF(source.right() if rightwards else source.left(), source.top() + 24.0)
    start.setY(min(start.y(), source.center().y()))
    tip = QPointF(target.left() if rightwards else target.right(), target.top() + 24.0)
    tip.setY(min(tip.y(), target.center().y()))
    lead_from = QPointF(tip.x() - side * LEAD, tip.y())
    reach = max(ACROSS_REACH, abs(lead_from.x() - start.x()) / 2)
    path = QPainterPath(start)
    path.cubicTo(
        QPointF(start.x() + side * reach, start.y()),
        QPointF(lead_from.x() - side * reach, lead_from.y()),
        lead_from,
    )
    return path, QLineF(lead_from, tip)


def _rounded(points: list[QPointF]) -> QPainterPath:
    """Return a polyline through ``points`` with its corners rounded (corners are square)."""
    xy = [(p.x(), p.y()) for p in points]
    path = QPainterPath(points[0])
    for (bx, by), (cx, cy), (ax, ay) in zip(xy, xy[1:], xy[2:], strict=False):
        into = abs(bx - cx) + abs(by - cy)  # the route runs along the axes
        out = abs(ax - cx) + abs(ay - cy)
        radius = min(CORNER, into / 2, out / 2)
        if radius <= 0:
            path.lineTo(cx, cy)
            continue
        path.lineTo(cx + (bx - cx) * radius / into, cy + (by - cy) * radius / into)
        path.quadTo(cx, cy, cx + (ax - cx) * radius / out, cy + (ay - cy) * radius / out)
    path.lineTo(points[-1])
    return path
