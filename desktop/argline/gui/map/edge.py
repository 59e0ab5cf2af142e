"""A relation drawn between cards, or from a card onto the middle of the relation it undercuts.

The route is the layout's (``argline.layout.edge_routes``): a polyline that passes
behind no card it does not join, ending at a point of its target's side of its own.
It follows the cards wherever they are dragged: a card calls ``adjust`` on its edges
whenever it moves (as in Qt's elastic nodes example), and an edge passes the call on
to the undercuts that point at its middle. A link between two assessments' maps is
drawn in a style of its own and names the two maps on hover. A linked reason is one
edge: a stem from each premise to a bar, and one arrow on to its target; each of its
premise cards moves it.
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
from argline.gui.map.style import MapColours, relation_pen
from argline.layout.edge_routes import Link, Router
from argline.layout.route_geometry import Box, Polyline, halfway
from argline.model.entities import Relation

PICK_WIDTH = 12.0
END_GRAB = 16.0  # how near an end of a selected relation a press must be to reconnect it
CORNER = 8.0
NO_CARDS = Router({}, ())  # routes of an edge not yet in a scene


class RelationEdge(QGraphicsItem):
    """A support, attack or undercut; drawn faded and cut when an undercut makes it fail."""

    def __init__(
        self,
        relation: Relation,
        source: ClaimCard,
        target: ClaimCard | RelationEdge,
        co_premises: list[ClaimCard] | None = None,
    ):
        super().__init__()
        self.relation = relation
        self.source = source
        self.target = target
        self.co_premises = list(co_premises or ())
        self.stems: list[Polyline] = []  # a linked reason's paths from its premises
        self.carrying = True
        self.undercuts: list[RelationEdge] = []
        self.points: Polyline = []
        self._line = QLineF()
        self._bend = QPainterPath()
        self._route_path = QPainterPath()
        self._stems_path = QPainterPath()
        self._bounds = QRectF()
        self.dragging_end: str | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(-1)
        source.edges.append(self)
        for card in self.co_premises:
            card.edges.append(self)
        if isinstance(target, RelationEdge):
            target.undercuts.append(self)
            self.setZValue(-0.5)
        else:
            target.edges.append(self)
        self.reroute()  # nothing undercuts a new edge yet

    @property
    def id(self) -> str:
        return self.relation.id

    def detach(self) -> None:
        """Forget the cards and relation this edge hangs on, before it leaves the scene."""
        for card in (self.source, *self.co_premises):
            if self in card.edges:
                card.edges.remove(self)
        owner = (
            self.target.undercuts if isinstance(self.target, RelationEdge) else self.target.edges
        )
        if self in owner:
            owner.remove(self)

    def show_carrying(self, carrying: bool) -> None:
        if carrying != self.carrying:
            self.carrying = carrying
            self.update()

    @property
    def across(self) -> bool:
        """Tell whether this relation links claims of two assessments (an undercut: never)."""
        target = self.target
        return isinstance(target, ClaimCard) and (
            self.source.claim.assessment_id != target.claim.assessment_id
        )

    def start(self) -> QPointF:
        """Return where the edge leaves its source card."""
        return QPointF(*self.points[0])

    def middle(self) -> QPointF:
        """Return the point halfway along the route, where undercuts of it point."""
        return QPointF(*halfway(self.points))

    @property
    def line(self) -> QLineF:
        """The last straight stretch: from where the bend ends (or the source) to the head."""
        return self._line

    @property
    def bend(self) -> QPainterPath:
        """The route before its last straight stretch (empty when straight)."""
        return self._bend

    @property
    def route(self) -> QPainterPath:
        """The whole route, for picking and an undercut's aim."""
        return self._route_path

    def adjust(self) -> None:
        """Route the edge from where its cards stand now; undercuts of it follow, and
        theirs, however long the chain (one at a time, not one call inside another)."""
        pending = [self]
        while pending:
            edge = pending.pop()
            edge.reroute()
            pending.extend(edge.undercuts)

    def reroute(self) -> None:
        """Route the edge from where its cards stand now, its undercuts left as they are."""
        self.points = self._routed()
        points = [QPointF(x, y) for x, y in self.points]
        self._line = QLineF(points[-2], points[-1])
        self._bend = _rounded(points[:-1]) if len(points) > 2 else QPainterPath()
        route = QPainterPath(self._bend)
        if route.isEmpty():
            route.moveTo(points[0])
        route.lineTo(points[-1])
        self._stems_path = QPainterPath()
        for stem in self.stems:
            self._stems_path.addPath(_rounded([QPointF(x, y) for x, y in stem]))
        route.addPath(self._stems_path)
        self._route_path = route
        bounds = route.boundingRect().adjusted(-12, -12, 12, 12)  # the head and the pen
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        if self.scene() is not None:
            self.update()

    def _routed(self) -> Polyline:
        router = getattr(self.source.scene(), "router", None) or NO_CARDS
        relation = self.relation
        source = _box(self.source.scene_frame())
        if isinstance(self.target, RelationEdge):
            link = Link(relation.id, relation.source, relation.target)
            return router.route_to_point(link, source, self.target.middle().toTuple())
        lane = getattr(self.source.scene(), "gutter_x", lambda _id: None)(relation.id)
        link = Link(
            relation.id, relation.source, relation.target, self.across, lane, relation.co_premises
        )
        target = _box(self.target.scene_frame())
        if self.co_premises:
            premises = [source, *(_box(card.scene_frame()) for card in self.co_premises)]
            arrow, *self.stems = router.route_linked(link, premises, target)
            return arrow
        return router.route(link, source, target)

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
        colours = getattr(self.scene(), "colours", None) or MapColours.light()
        if interactive and option.state & QStyle.StateFlag.State_Selected:
            halo = QPen(colours.selection_halo, 8.0)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(halo)
            painter.drawPath(self.route)
        across = self.across
        if self.stems:  # the premises' stems and bar, in the arrow's own pen
            pen = relation_pen(
                self.relation.type, carrying=self.carrying, colours=colours, across=across
            )
            painter.strokePath(self._stems_path, pen)
        if not self.bend.isEmpty():
            pen = relation_pen(
                self.relation.type, carrying=self.carrying, colours=colours, across=across
            )
            painter.strokePath(self.bend, pen)
        draw_relation(
            painter,
            self.line,
            self.relation.type,
            carrying=self.carrying,
            colours=colours,
            across=across,
        )

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
        if not self.co_premises and QLineF(point, self.start()).length() <= END_GRAB:
            return "source"  # a linked reason's joint is no premise's end
        return None


def _box(rect: QRectF) -> Box:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


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
