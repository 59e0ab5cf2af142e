"""A relation drawn between cards, or from a card onto the middle of the relation it undercuts.

The route depends only on where the two cards stand, so it follows them wherever
they are dragged: a card calls ``adjust`` on its edges whenever it moves (as in Qt's
elastic nodes example), and an edge passes the call on to the undercuts that point
at its middle. A card one row below the card it argues about is joined top to
bottom; a card hung further down (in a column of many) leaves by its left side, up
the spine gap beside its column; a link between two assessments' maps leaves one
card's side facing the other map, runs down the gutter between the maps in a lane of
its own, and enters the other card's facing side, going round cards along row gaps.
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
from argline.model.entities import Relation

PICK_WIDTH = 12.0
END_GRAB = 16.0  # how near an end of a selected relation a press must be to reconnect it
SIDE_ENTRY_GAP = 100.0  # a card further below than this enters from its side (see tree_layout)
SPINE = 18.0  # how far left of a hung card its edge runs up: half the gap between columns
LEAD = 16.0  # the straight last stretch before a card, where the head is drawn
STUB = 9.0  # how far a link across maps runs beside its card before turning (a quarter gap)
DETOUR = 14.0  # how far below or above its card a link across maps runs along the row gap
GAP_DETOUR = 8.0  # how far below or above a card in its way it runs instead
MAX_DETOUR = 160.0  # how far above or below its own card it may go round others
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
        if self.scene() is not None:
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
        if self._across():
            # A detour above or below a card, and the stub beside it, stay this near it.
            side, down = STUB + 12, MAX_DETOUR + 12
        else:
            side, down = SPINE + 12, 12
        return source.united(self.target.scene_frame()).adjusted(-side, -down, side, down)

    def _through_gutter(self, source: QRectF, target: QRectF) -> tuple[QPainterPath, QLineF]:
        """Return a link across maps: out of the source's side facing the other map, along
        a row gap if that crosses fewer cards, down the gutter between the maps (in a lane
        of its own), and into the target's facing side."""
        rightwards = target.center().x() > source.center().x()
        left, right = (source, target) if rightwards else (target, source)
        scene = self.scene()
        gutter = getattr(scene, "gutter_x", lambda _id: None)(self.id)
        if gutter is None or not left.right() + STUB < gutter < right.left() - STUB:
            gutter = (left.right() + right.left()) / 2
        out = _leg(scene, self.source, source, gutter, rightwards)
        into = _leg(scene, self.target, target, gutter, not rightwards)
        points = out + into[::-1]
        tip = points[-1]
        lead_from = points[-2]
        return _rounded(points[:-1]), QLineF(lead_from, tip)

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
            return self._through_gutter(source, target)
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
        colours = getattr(self.scene(), "colours", None) or MapColours.light()
        if interactive and option.state & QStyle.StateFlag.State_Selected:
            halo = QPen(colours.selection_halo, 8.0)
            halo.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(halo)
            painter.drawPath(self.route)
        if not self.bend.isEmpty():
            pen = relation_pen(self.relation.type, carrying=self.carrying, colours=colours)
            painter.strokePath(self.bend, pen)
        draw_relation(
            painter, self.line, self.relation.type, carrying=self.carrying, colours=colours
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


def _leg(scene, card: ClaimCard, frame: QRectF, gutter: float, rightwards: bool) -> list[QPointF]:
    """Return the points from ``card``'s side facing the gutter to the gutter.

    Straight out of the side when that crosses no other card; else beside the card and
    along a row gap (below or above it, or round the card in the way), whichever
    crosses fewest cards, the nearest of those (cheap: a few index look-ups).
    """
    side = frame.right() if rightwards else frame.left()
    stub = side + (STUB if rightwards else -STUB)
    level = min(frame.top() + 24.0, frame.center().y())
    start = QPointF(side, level)
    if scene is None:
        return [start, QPointF(gutter, level)]
    straight = _cards_in(scene, card, QRectF(min(stub, gutter), level - 2, abs(gutter - stub), 4))
    if not straight:
        return [start, QPointF(gutter, level)]
    candidates = {frame.bottom() + DETOUR, frame.top() - DETOUR}
    for other in straight:
        candidates |= {other.bottom() + GAP_DETOUR, other.top() - GAP_DETOUR}
    reach = (frame.top() - MAX_DETOUR, frame.bottom() + MAX_DETOUR)
    best, fewest = level, len(straight)
    for y in sorted(candidates, key=lambda y: abs(y - level)):
        if not reach[0] <= y <= reach[1]:
            continue
        along = QRectF(min(stub, gutter), y - 2, abs(gutter - stub), 4)
        beside = QRectF(stub - 2, min(level, y), 4, abs(y - level))
        crossed = len(_cards_in(scene, card, along)) + len(_cards_in(scene, card, beside))
        if crossed < fewest:
            best, fewest = y, crossed
            if not crossed:
                break
    if best == level:
        return [start, QPointF(gutter, level)]
    return [start, QPointF(stub, level), QPointF(stub, best), QPointF(gutter, best)]


def _cards_in(scene, card: ClaimCard, band: QRectF) -> list[QRectF]:
    """Return the frames of the cards other than ``card`` that ``band`` crosses."""
    frames = []
    for item in scene.items(band, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
        if isinstance(item, ClaimCard) and item is not card and item.isVisible():
            frame = item.scene_frame()
            if frame.intersects(band):
                frames.append(frame)
    return frames


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
