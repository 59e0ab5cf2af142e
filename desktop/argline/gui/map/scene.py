"""The map's scene: cards and edges mirroring a ``MapContent``, and the drags that connect them.

``show`` brings the items in line with new content, keeping every item that still
stands for the same claim or relation (so selection and drags survive an edit),
adding and removing the rest. The scene never edits the store: a connection dropped
on a card or an edge, a reconnected end, a request to edit or expand, all leave as
signals for the view, which turns them into operations. The export draws this same
scene, so the screen and the files show the same picture — in the light colours: the
view gives its scene the colours of the application's palette (``set_colours``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QPen
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
)

from argline.gui.map.card import ClaimCard
from argline.gui.map.card_face import CardFace, measure
from argline.gui.map.content import MapContent
from argline.gui.map.edge import RelationEdge
from argline.gui.map.style import RELATION_NAMES, MapColours
from argline.layout.edge_routes import Router
from argline.model.entities import Claim, Relation

TITLE_GAP = 16.0
LANE = 8.0  # between the lanes of links across maps in the gutter
BULK = 300  # adding more cards than this at once builds the scene's index once, after


class MapScene(QGraphicsScene):
    """Cards and edges of one or two assessments' maps."""

    # source claim id, "claim" or "relation", target id, where on screen the drop was
    connectionDropped = Signal(str, str, str, QPoint)
    # relation id, "source" or "target", the claim or relation id it now attaches to
    reconnectionDropped = Signal(str, str, str)
    editAsked = Signal(str, str)  # claim id, "text" or "title"
    expandAsked = Signal(str)  # claim id

    def __init__(self, parent=None, *, colours: MapColours | None = None) -> None:
        super().__init__(parent)
        self.colours = colours or MapColours.light()  # the items paint in these
        self.cards: dict[str, ClaimCard] = {}
        self.edges: dict[str, RelationEdge] = {}
        self.content: MapContent | None = None
        self.highlighted: set[str] = set()
        self._titles: list[QGraphicsSimpleTextItem] = []
        self._preview: QGraphicsLineItem | None = None
        self._connecting_from: ClaimCard | RelationEdge | None = None
        self._reconnecting: tuple[RelationEdge, str] | None = None
        self._faces: dict[tuple, CardFace] = {}
        self.interactive = True  # False in an export: no handles, hover or selection drawn
        self.picking = False  # "Connect to…": the next click on a card ends the connection
        self.bounds = QRectF()  # what the cards and titles cover
        self._lanes: dict[str, float] = {}
        self.router = Router({}, ())  # the edges' routes go round the cards it holds
        self._raised: set[ClaimCard] = set()
        self.selectionChanged.connect(self._raise_selected)
        self.setBackgroundBrush(self.colours.background)

    # Measuring is the slow part of a refresh; unchanged claims reuse their faces.
    def measure(self, claim: Claim, links_elsewhere: int) -> CardFace:
        key = (claim.text, claim.title, claim.role, claim.assumption, links_elsewhere)
        face = self._faces.get(key)
        if face is None:
            face = self._faces[key] = measure(claim, links_elsewhere=links_elsewhere)
        return face

    def show(self, content: MapContent) -> None:
        """Make the items show ``content``; items of unchanged claims and relations stay."""
        for _ in self.showing(content):
            pass

    def showing(self, content: MapContent) -> Iterator[int]:
        """Show ``content`` as ``show`` does, an item at a time: yield how many cards and
        edges have been shown after each, so that a caller can let the window answer in
        between (``MapView`` draws a large map so). Between two yields the items are
        consistent: every edge joins cards that are in the scene."""
        self.content = content
        self._lanes = _gutter_lanes(content)
        self.router = content.router
        self._cancel_drag()
        # Many new items go in with the index off, then it is built once (a BSP tree
        # suits a map: it changes only when the user drags or edits). A drawing left
        # half done is not finished here (its scene may be gone): the next one builds it.
        if len(content.claims) - len(self.cards) > BULK:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        # A scene without a rectangle of its own grows one over every item after each
        # change: between two slices of a large drawing, Qt's pass over all items so far
        # (34 ms at 36,000 items, against 8 ms with the rectangle set).
        self._frame(content)
        items = itertools.chain(self._show_cards(content), self._show_edges(content))
        for shown, _ in enumerate(items, start=1):
            yield shown
        self._show_titles(content)
        if self.itemIndexMethod() is not QGraphicsScene.ItemIndexMethod.BspTreeIndex:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._frame(content)

    def _frame(self, content: MapContent) -> None:
        """Set the scene's rectangle round the content, a margin to scroll into beyond it."""
        self.bounds = self._content_bounds(content)
        self.setSceneRect(self.bounds.adjusted(-1500, -1200, 1500, 1200))

    def _content_bounds(self, content: MapContent) -> QRectF:
        """Return what the cards and titles cover, from the content's numbers (no item walk)."""
        bounds = QRectF()
        for column in content.columns:
            if column.box is not None:
                left, top, right, bottom = column.box
                bounds = bounds.united(QRectF(left, top, right - left, bottom - top))
        for item in self._titles:
            bounds = bounds.united(item.sceneBoundingRect())
        return bounds

    def gutter_x(self, relation_id: str) -> float | None:
        """Return where a link across maps runs down the gutter between them (its own lane)."""
        return self._lanes.get(relation_id)

    def _raise_selected(self) -> None:
        """Draw selected cards above the others (and edges), so a dragged card is on top."""
        now = {item for item in self.selectedItems() if isinstance(item, ClaimCard)}
        for card in self._raised - now:
            if card.scene() is self:
                card.setZValue(0)
        for card in now - self._raised:
            card.setZValue(1)
        self._raised = now

    def _show_cards(self, content: MapContent) -> Iterator[None]:
        """Show the content's cards, yielding after each."""
        for claim_id in [c for c in self.cards if c not in content.claims]:
            card = self.cards.pop(claim_id)
            for edge in list(card.edges):
                self._remove_edge(edge)
            self.removeItem(card)
        for claim_id, claim in content.claims.items():
            face = content.faces[claim_id]
            status = content.evaluation.status(claim_id)
            card = self.cards.get(claim_id)
            if card is None:
                card = self.cards[claim_id] = ClaimCard(claim, face, status)
                self.addItem(card)
            else:
                card.show_claim(claim, face)
                card.show_status(status)
            x, y = content.positions[claim_id]
            if card.pos() != QPointF(x, y):
                card.setPos(x, y)
            card.show_collapsed(content.hidden_below.get(claim_id, 0))
            card.show_highlight(claim_id in self.highlighted)
            yield

    def _show_edges(self, content: MapContent) -> Iterator[None]:
        """Show the content's relations, yielding after each."""
        wanted = {r.id: r for r in content.relations}
        for edge in list(self.edges.values()):
            relation = wanted.get(edge.id)
            if (
                relation is None
                or relation != edge.relation
                or edge.source is not self.cards.get(relation.source)
                or edge.co_premises != [self.cards.get(p) for p in relation.co_premises]
                or not _same_target(edge, relation, self)
            ):
                self._remove_edge(edge)
        for relation in content.relations:  # undercuts come after the relations they target
            edge = self.edges.get(relation.id)
            if edge is None:
                target = (
                    self.edges.get(relation.target)
                    if relation.targets_relation
                    else self.cards.get(relation.target)
                )
                if target is None:
                    continue
                co_premises = [self.cards[p] for p in relation.co_premises]
                edge = RelationEdge(relation, self.cards[relation.source], target, co_premises)
                self.edges[relation.id] = edge
                self.addItem(edge)
                if edge.across:
                    edge.setToolTip(_across_label(relation, content))
            else:  # in content order, each after what it undercuts: no cascade needed
                edge.reroute()
            edge.show_carrying(content.evaluation.carries(relation.id))
            yield

    def _remove_edge(self, edge: RelationEdge) -> None:
        for undercut in list(edge.undercuts):
            self._remove_edge(undercut)
        edge.detach()
        if self.edges.get(edge.id) is edge:
            del self.edges[edge.id]
        if edge.scene() is self:
            self.removeItem(edge)

    def _show_titles(self, content: MapContent) -> None:
        for item in self._titles:
            self.removeItem(item)
        self._titles = []
        font = QFont()
        font.setPixelSize(20)
        font.setBold(True)
        small = QFont()
        small.setPixelSize(13)
        for column in content.columns:
            left, top = (column.box[0], column.box[1]) if column.box else column.shift
            assessment = column.assessment
            words = [assessment.kind.value.capitalize()]
            if assessment.outlet:
                words.append(assessment.outlet)
            if assessment.published:
                words.append(assessment.published.display())
            subtitle = QGraphicsSimpleTextItem(" · ".join(words))  # plain text, never markup
            subtitle.setFont(small)
            subtitle.setBrush(self.colours.muted_ink)
            title = QGraphicsSimpleTextItem(assessment.title)
            title.setFont(font)
            title.setBrush(self.colours.ink)
            subtitle.setPos(left, top - TITLE_GAP - subtitle.boundingRect().height())
            title.setPos(left, subtitle.y() - title.boundingRect().height() - 2)
            for item in (title, subtitle):
                self.addItem(item)
                self._titles.append(item)

    def set_colours(self, colours: MapColours) -> None:
        """Draw the map in ``colours`` from now on (the theme changed): ground, titles, items."""
        if colours is self.colours:
            return
        self.colours = colours
        self.setBackgroundBrush(colours.background)
        for item in self._titles[1::2]:
            item.setBrush(colours.muted_ink)
        for item in self._titles[::2]:
            item.setBrush(colours.ink)
        for card in self.cards.values():
            card.restyle()
        self.update()

    def set_highlighted(self, ids: set[str]) -> None:
        self.highlighted = set(ids)
        for claim_id, card in self.cards.items():
            card.show_highlight(claim_id in self.highlighted)

    # Connecting: a card's handle (or a selected edge's end) is dragged onto a target.
    def begin_connection(self, card: ClaimCard, point: QPointF) -> None:
        self._connecting_from = card
        self._start_preview(card.scene_frame().center(), point)

    def begin_reconnection(self, edge: RelationEdge, end: str, point: QPointF) -> None:
        self._reconnecting = (edge, end)
        fixed = edge.start() if end == "target" else edge.line.p2()
        self._start_preview(fixed, point)

    def _start_preview(self, start: QPointF, point: QPointF) -> None:
        self._cancel_drag(keep_state=True)
        pen = QPen(self.colours.preview, 1.6, Qt.PenStyle.DashLine)
        self._preview = QGraphicsLineItem(QLineF(start, point))
        self._preview.setPen(pen)
        self._preview.setZValue(10)
        self.addItem(self._preview)

    def pick_target(self, card: ClaimCard, point: QPointF) -> None:
        """Start a connection from ``card`` that the next click ends (on a card or a relation:
        ``connectionDropped``; anywhere else: none), the line following the pointer."""
        self.begin_connection(card, point)
        self.picking = True

    def cancel_connection(self) -> None:
        self._cancel_drag()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.picking:
            self.drag_connection(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.picking:
            if event.button() == Qt.MouseButton.LeftButton:
                self.end_connection(event.scenePos(), event.screenPos())
            else:
                self._cancel_drag()
            event.accept()
            return
        super().mousePressEvent(event)

    def drag_connection(self, point: QPointF) -> None:
        if self._preview is not None:
            line = self._preview.line()
            line.setP2(point)
            self._preview.setLine(line)

    def end_connection(self, point: QPointF, screen: QPoint) -> None:
        """Finish a connection or reconnection drag at ``point``: emit what it was dropped on."""
        source, reconnecting = self._connecting_from, self._reconnecting
        self._cancel_drag()
        card = self.card_at(point, exclude=source)
        edge = None if card else self.edge_at(point)
        if isinstance(source, ClaimCard):
            if card is not None:
                self.connectionDropped.emit(source.id, "claim", card.id, screen)
            elif edge is not None:
                self.connectionDropped.emit(source.id, "relation", edge.id, screen)
        elif reconnecting is not None:
            moved, end = reconnecting
            if end == "target" and moved.relation.targets_relation:
                if edge is not None and edge is not moved:
                    self.reconnectionDropped.emit(moved.id, end, edge.id)
            elif card is not None:
                self.reconnectionDropped.emit(moved.id, end, card.id)

    def card_at(self, point: QPointF, exclude: object = None) -> ClaimCard | None:
        for item in self.items(point):
            if isinstance(item, ClaimCard) and item is not exclude and item.isVisible():
                return item
        return None

    def edge_at(self, point: QPointF) -> RelationEdge | None:
        for item in self.items(point):
            if isinstance(item, RelationEdge):
                return item
        return None

    def _cancel_drag(self, keep_state: bool = False) -> None:
        if self._preview is not None:
            self.removeItem(self._preview)
            self._preview = None
        if not keep_state:
            self._connecting_from = None
            self._reconnecting = None
            self.picking = False

    def edit_claim(self, claim_id: str, field: str) -> None:
        self.editAsked.emit(claim_id, field)

    def expand_claim(self, claim_id: str) -> None:
        self.expandAsked.emit(claim_id)


def _same_target(edge: RelationEdge, relation, scene: MapScene) -> bool:
    if relation.targets_relation:
        return edge.target is scene.edges.get(relation.target)
    return edge.target is scene.cards.get(relation.target)


def _across_label(relation: Relation, content: MapContent) -> str:
    """Return the words shown on hover over a link between two assessments' maps."""
    titles = {column.assessment.id: column.assessment.title for column in content.columns}
    source = titles[content.owner[relation.source]]
    target = titles[content.owner[relation.target]]
    return f"{RELATION_NAMES[relation.type]} across assessments: “{source}” → “{target}”"


def _gutter_lanes(content: MapContent) -> dict[str, float]:
    """Return a lane in the gutter between two maps for every link across them.

    Lanes are ``LANE`` apart around the gutter's middle, in the order of the links'
    ends in the left map from the top, so links leaving higher run further left and
    cross each other less.
    """
    boxes = [c.box for c in content.columns if c.box is not None]
    if len(boxes) != 2:  # only between the two maps of a pair
        return {}
    gap_left, gap_right = boxes[0][2], boxes[1][0]
    if gap_right <= gap_left:
        return {}
    first = content.columns[0].assessment.id
    owner = content.owner
    across = []
    for relation in content.relations:
        if relation.targets_relation or owner[relation.source] == owner[relation.target]:
            continue
        here = relation.source if owner[relation.source] == first else relation.target
        there = relation.target if here == relation.source else relation.source
        across.append((content.positions[here][1], content.positions[there][1], relation.id))
    across.sort()
    middle = (gap_left + gap_right) / 2
    room = (gap_right - gap_left) / 2 - 24
    spread = min(LANE, 2 * room / max(len(across) - 1, 1))
    return {
        relation_id: middle + (index - (len(across) - 1) / 2) * spread
        for index, (_, _, relation_id) in enumerate(across)
    }
