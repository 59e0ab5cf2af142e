"""The argument map view: one assessment's map, or two side by side, built and changed by hand.

Every edit goes through the shared ``EditHistory`` as one store operation (one undo
step): a drag of one card or of a selection is one ``MoveClaims`` on release. The
view redraws itself from the store whenever the history reports a change, its own
or another view's, and re-evaluates which claims stand each time. That read takes the
window's road (``ViewReads.choose``): at once on a file; on a server on a thread, the
map drawing what it last read meanwhile.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QCursor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
)
from PySide6.QtWidgets import QGraphicsView, QMenu, QToolBar, QToolTip, QWidget

# The edits and ORM queries import SQLAlchemy, which the first window is drawn
# without: each function here imports those it uses when the user first acts.
from argline.gui.map.card import ClaimCard
from argline.gui.map.content import map_content
from argline.gui.map.edge import RelationEdge
from argline.gui.map.editor import InPlaceEditor
from argline.gui.map.hint import EmptyMapHint, hint_for
from argline.gui.map.menus import claim_menu, map_menu, relation_menu
from argline.gui.map.placing import drag_operation, tidy_operation
from argline.gui.map.scene import MapScene
from argline.gui.map.viewport import MapViewport
from argline.gui.undo import EditHistory
from argline.gui.view_reads import Choice, ViewReads
from argline.model.entities import Assumption, Claim, ClaimRole, Relation, RelationType
from argline.ops.changes import Batch, Changes, Operation
from argline.ops.evaluation import ArgumentState, read_argument_state

NEW_CLAIM_TEXT = "New claim"
CONNECT_HINT = "Click the claim it supports or attacks · Esc cancels"


class MapView(MapViewport):
    """Argument maps of one or two assessments, edited through an ``EditHistory``."""

    claimsSelected = Signal(list)  # claim ids; only when the user changes the selection
    editRequested = Signal(str)  # claim id: the user asks for the claim's full editor
    # A claim was asked for where no map is shown: the scene point, or None for "anywhere".
    assessmentNeeded = Signal(object)

    def __init__(
        self,
        history: EditHistory,
        reads: ViewReads | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``reads`` are the window's, so that a newer read of the map replaces an older."""
        super().__init__(MapScene(), parent)
        self.history = history
        self._reads = reads or ViewReads(lambda: ("", ""), self)
        self._framing = False  # the assessments just asked for are framed when read
        self.state: ArgumentState | None = None
        self._assessments: tuple[str, ...] = ()
        self._collapsed: set[str] = set()
        self._quiet = 0  # >0 while the view itself changes the selection
        self._pressed_at: dict[str, QPointF] = {}
        self._editor: InPlaceEditor | None = None
        self.hint = EmptyMapHint(self)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        history.changed.connect(self._store_changed)
        history.refused.connect(self._refused)
        scene = self.map_scene
        scene.selectionChanged.connect(self._selection_changed)
        scene.connectionDropped.connect(self._connection_dropped)
        scene.reconnectionDropped.connect(self._reconnection_dropped)
        scene.editAsked.connect(self.edit_in_place)
        scene.expandAsked.connect(self.toggle_collapsed)
        self.tools = self._make_tools()
        self.legend.dockChanged.connect(lambda _docked: self._update_margins())
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.rangeChanged.connect(self._follow_cards)  # a zoom moves the cards too
        self._update_margins()

    # The toolbar over the map, in a strip of its own: it covers no card
    def _make_tools(self) -> QToolBar:
        tools = QToolBar("Map", self)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.connect_action = tools.addAction("Connect to…", self.connect_selected)
        self.connect_action.setToolTip(
            "Connect the selected claim to another: then click the claim it supports or "
            "attacks (Esc cancels). Or drag from the ⊕ handle on a card's right edge."
        )
        self.connect_action.setEnabled(False)
        tools.addAction("Add claim", self.add_claim).setToolTip("Add a claim (Insert)")
        tools.addSeparator()
        tools.addAction("Fit", self.fit).setToolTip("Fit the map to the window (F)")
        tools.addAction("−", self.zoom_out).setToolTip("Zoom out (−)")
        tools.addAction("+", self.zoom_in).setToolTip("Zoom in (+)")
        tools.addSeparator()
        legend = tools.addAction("Legend")
        legend.setCheckable(True)
        legend.setToolTip("Show or hide what the marks, lines and stripes mean")
        legend.toggled.connect(self.legend.set_expanded)
        self.legend.toggled.connect(legend.setChecked)
        return tools

    def _update_margins(self) -> None:
        """Keep a strip above the map for the toolbar, and one at its right for a docked legend."""
        right = self.legend.width() if self.legend.docked else 0
        self.setViewportMargins(0, self.tools.sizeHint().height(), right, 0)
        self._place_tools()
        self._place_legend()

    def _place_tools(self) -> None:
        area = self.viewport().geometry()
        height = self.tools.sizeHint().height()
        self.tools.setGeometry(area.left(), area.top() - height, self.width(), height)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._follow_cards()

    def _follow_cards(self, *_range: int) -> None:
        if self.legend.expanded:  # the cards moved: the legend's corner may hold one now
            self._place_legend()

    # What is shown
    def show_assessment(self, assessment_id: str) -> None:
        """Show one assessment's map, fitted to the view."""
        self._show((assessment_id,))

    def show_pair(self, left_id: str, right_id: str) -> None:
        """Show two assessments' maps side by side, with the links between them drawn across."""
        self._show((left_id, right_id))

    def _show(self, ids: tuple[str, ...]) -> None:
        self._assessments = ids
        self._collapsed.clear()
        self.reload()
        self._open_readable()
        # On a server the map read is on its way: framed again once it arrives.
        self._framing = self._reads.choosing("map")

    def current_assessments(self) -> tuple[str, ...]:
        return self._assessments

    def reload(self) -> None:
        """Read the store again and redraw: claims, relations, positions and statuses; on a
        server once read, drawing the assessments asked for as last read meanwhile."""
        store = self.history.store

        def read() -> ArgumentState:
            with store.plain_reading() as cursor:
                return read_argument_state(cursor)

        choice = Choice(store, read, self.show_state, self._not_read)
        if not self._reads.choose("map", choice) and self.state is not None:
            self.show_state(self.state)

    def _not_read(self, why: str) -> None:
        self.window().statusBar().showMessage(f"The map is not updated: {why}", 8000)

    def show_state(self, state: ArgumentState) -> None:
        """Redraw the assessments shown as ``state`` has them (read here or on a thread)."""
        self.state = state
        known = {a.id for a in self.state.assessments}
        self._assessments = tuple(a for a in self._assessments if a in known)
        content = map_content(
            self.state, self._assessments, self.map_scene.measure, collapsed=self._collapsed
        )
        self._quiet += 1
        try:
            self.map_scene.show(content)
        finally:
            self._quiet -= 1
        self.hint.say(hint_for(self.state, self._assessments), self.map_scene.colours)
        if self._framing:
            self._framing = False
            self._open_readable()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_tools()
        self.hint.place()

    def _store_changed(self, changes: Changes) -> None:
        if changes.claims or changes.relations or changes.assessments or not changes:
            self.reload()

    # Selection and highlights
    def select_claims(self, ids: Iterable[str]) -> None:
        """Select these claims (and nothing else) without announcing it."""
        wanted = set(ids)
        self._quiet += 1
        try:
            self.map_scene.clearSelection()
            for claim_id in wanted:
                card = self.map_scene.cards.get(claim_id)
                if card is not None:
                    card.setSelected(True)
        finally:
            self._quiet -= 1

    def highlight_claims(self, ids: Iterable[str]) -> None:
        """Light these claims up, apart from the selection; no ids clears the highlight."""
        self.map_scene.set_highlighted(set(ids))

    def highlighted_claims(self) -> list[str]:
        """The claims lit up and shown on the map now."""
        return sorted(self.map_scene.highlighted & self.map_scene.cards.keys())

    def shown_claims(self) -> list[str]:
        """Every claim with a card on the map now."""
        return list(self.map_scene.cards)

    def focus_claim(self, claim_id: str) -> None:
        """Centre on a claim at full size, and select it."""
        rect = self._cards_rect([claim_id])
        if rect is None:
            return
        self._set_zoom(1.0)
        self.centerOn(rect.center())
        self.select_claims([claim_id])

    def _selection_changed(self) -> None:
        self.connect_action.setEnabled(len(self.selected_claims()) == 1)
        if not self._quiet:
            self.claimsSelected.emit(self.selected_claims())

    # Collapse and tidy
    def is_collapsed(self, claim_id: str) -> bool:
        return claim_id in self._collapsed

    def toggle_collapsed(self, claim_id: str) -> None:
        """Collapse a claim's subtree, or expand it when it is collapsed."""
        if claim_id in self._collapsed:
            self._collapsed.discard(claim_id)
        else:
            self._collapsed.add(claim_id)
        self.reload()

    def tidy(self) -> None:
        """Lay out again every card not placed by hand, around those that were: one undo step."""
        if self.state is None:
            return
        operation = tidy_operation(self.map_scene, self.state, self._assessments)
        if operation is not None:
            self._apply(operation)

    # Dragging cards: one MoveClaims when the mouse is released
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._moved_by_user()
        self._close_editor()
        if self.map_scene.picking:  # "Connect to…": this click names the target
            super().mousePressEvent(event)
            self.viewport().unsetCursor()
            return
        if event.button() == Qt.MouseButton.MiddleButton:
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
            super().mousePressEvent(_as_left_button(event, Qt.MouseButton.LeftButton))
            return
        super().mousePressEvent(event)
        self._pressed_at = {
            item.id: item.pos()
            for item in self.map_scene.selectedItems()
            if isinstance(item, ClaimCard)
        }

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            super().mouseReleaseEvent(_as_left_button(event, Qt.MouseButton.NoButton))
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            return
        super().mouseReleaseEvent(event)
        pressed, self._pressed_at = self._pressed_at, {}
        moved = [
            claim_id
            for claim_id, before in pressed.items()
            if claim_id in self.map_scene.cards and self.map_scene.cards[claim_id].pos() != before
        ]
        if moved:
            self._store_positions(moved)

    def _store_positions(self, moved: list[str]) -> None:
        if self.state is None:
            return
        operation = drag_operation(self.map_scene, self.state, moved)
        if operation is not None:
            self._apply(operation)

    # Adding, editing, connecting, deleting
    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.itemAt(event.position().toPoint()) is None and self._assessments:
            self.add_claim(at=self.mapToScene(event.position().toPoint()))
            return
        super().mouseDoubleClickEvent(event)

    def add_claim(self, at: QPointF | None = None) -> str | None:
        """Add a claim (at a scene point, placed by hand; else below the one selected) and edit it.

        With one claim selected and no point, the new claim is a reason supporting it;
        otherwise it is a main contention (an empty map's first claim). The new claim is
        selected as if the user had clicked it, so every view shows it. With no map
        shown, ``assessmentNeeded`` asks for an assessment to hold it.
        """
        from argline.ops.claim_edits import AddClaim
        from argline.ops.relation_edits import AddRelation

        selected = self.selected_claims()
        content = self.map_scene.content
        if content is None or not content.columns:
            self.assessmentNeeded.emit(at)
            return None
        if at is not None:
            column = min(content.columns, key=lambda c: _distance_to(c.box, at))
        elif len(selected) == 1:
            column = next(
                c for c in content.columns if c.assessment.id == content.owner[selected[0]]
            )
        else:
            column = content.columns[0]
        assessment = column.assessment.id
        claim_id = f"{assessment}-{os.urandom(4).hex()}"
        position = None
        if at is not None:
            position = (at.x() - column.shift[0], at.y() - column.shift[1])
        role = ClaimRole.REASON if at is None and len(selected) == 1 else ClaimRole.MAIN
        claim = Claim(
            claim_id,
            assessment,
            NEW_CLAIM_TEXT,
            role,
            position=position,
            placed_by_hand=position is not None,
        )
        steps: list[Operation] = [AddClaim(claim)]
        if at is None and len(selected) == 1:
            relation = Relation(_new_id("rel"), claim_id, selected[0], RelationType.SUPPORT)
            steps.append(AddRelation(relation))
        if self._apply(Batch(tuple(steps), "Add claim")) is None:
            return None
        self.select_claims([claim_id])
        self.claimsSelected.emit([claim_id])
        self.edit_in_place(claim_id, "text")
        return claim_id

    def edit_in_place(self, claim_id: str, field: str = "text") -> None:
        """Open a plain-text box over the claim's text; Return stores it as one undo step."""
        card = self.map_scene.cards.get(claim_id)
        if card is None:
            return
        self._close_editor()
        self.ensureVisible(card.scene_frame(), 20, 20)
        field = "title" if field == "title" and card.claim.title else "text"
        original = card.claim.title if field == "title" else card.claim.text
        seen = card.claim.version  # the version being edited: a newer one is not overwritten

        def done(text: str | None) -> None:
            from argline.ops.claim_edits import EditClaim

            self._editor = None
            self.setFocus()
            if text is None or text.strip() == original.strip() or not text.strip():
                return
            edit = (
                EditClaim(claim_id, title=text.strip(), expected_version=seen)
                if field == "title"
                else EditClaim(claim_id, text=text.strip(), expected_version=seen)
            )
            self._apply(edit)

        frame = card.scene_frame()
        origin = card.mapToScene(card.text_origin(field == "title"))
        box = QRectF(
            origin.x() - 4,
            origin.y() - 4,
            frame.right() - origin.x(),
            frame.bottom() - origin.y() + 40,
        )
        rect = self.mapFromScene(box).boundingRect()
        self._editor = InPlaceEditor(self.viewport(), original, done)
        font = self._editor.font()
        font.setPixelSize(max(9, round(13 * self.zoom())))
        self._editor.setFont(font)
        self._editor.setGeometry(rect)
        self._editor.show()
        self._editor.setFocus()

    def _close_editor(self) -> None:
        if self._editor is not None:
            self._editor.finish(commit=True)

    def _before_moving(self) -> None:
        self._close_editor()  # it would be left where its card no longer is

    def connect_selected(self) -> None:
        """Connect the one selected claim to the next card clicked ("Connect to…"); Esc
        cancels. The connection is then asked for and made as a dragged one is."""
        selected = self.selected_claims()
        if len(selected) != 1:
            return
        card = self.map_scene.cards[selected[0]]
        pointer = self.mapToScene(self.viewport().mapFromGlobal(QCursor.pos()))
        self.map_scene.pick_target(card, pointer)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.setFocus()
        if self.isVisible():
            QToolTip.showText(self.mapToGlobal(QPoint(20, 40)), CONNECT_HINT, self)

    def cancel_connection(self) -> None:
        self.map_scene.cancel_connection()
        self.viewport().unsetCursor()
        QToolTip.hideText()

    def choose_relation_type(self, screen: QPoint) -> RelationType | None:
        """Ask whether a new connection supports or attacks; None when the user declines."""
        menu = QMenu(self)
        support = menu.addAction("Supports (reason)")
        attack = menu.addAction("Attacks (objection)")
        chosen = menu.exec(screen)
        return {support: RelationType.SUPPORT, attack: RelationType.ATTACK}.get(chosen)

    def _connection_dropped(self, source: str, kind: str, target: str, screen: QPoint) -> None:
        from argline.ops.relation_edits import AddRelation

        if kind == "relation":
            self._apply(
                AddRelation(Relation(_new_id("rel"), source, target, RelationType.UNDERCUT))
            )
            return
        chosen = self.choose_relation_type(screen)
        if chosen is not None:
            self._apply(AddRelation(Relation(_new_id("rel"), source, target, chosen)))

    def _reconnection_dropped(self, relation_id: str, end: str, new_end: str) -> None:
        from argline.ops.relation_changes import ReconnectRelation

        if end == "source":
            self._apply(ReconnectRelation(relation_id, source=new_end))
        else:
            self._apply(ReconnectRelation(relation_id, target=new_end))

    def delete_selected(self) -> None:
        """Delete the selected claims and relations (with what hangs on them): one undo step."""
        from argline.ops.map_edits import DeleteMapItems

        items = self.map_scene.selectedItems()
        claims = tuple(i.id for i in items if isinstance(i, ClaimCard))
        relations = tuple(i.id for i in items if isinstance(i, RelationEdge))
        if claims or relations:
            self._apply(DeleteMapItems(claims, relations))

    def linkable_reasons(self, claim_ids: Sequence[str]) -> list[Relation]:
        """Return the supports and attacks that the other chosen claims could join as
        co-premises: those from one of the chosen claims to a claim not chosen, unless a
        reason of that kind for that claim holds them all already."""
        chosen = set(claim_ids)
        if len(chosen) < 2:
            return []
        found: dict[tuple[str, RelationType], Relation] = {}  # one per conclusion and kind
        linked_already: set[tuple[str, RelationType]] = set()
        for edge in self.map_scene.edges.values():
            relation = edge.relation
            if (
                relation.targets_relation
                or not chosen & set(relation.premises)
                or relation.target in chosen
            ):
                continue
            key = (relation.target, relation.type)
            if chosen <= set(relation.premises):
                linked_already.add(key)
            elif key not in found or (relation.linked and not found[key].linked):
                found[key] = relation
        return [relation for key, relation in found.items() if key not in linked_already]

    def link_as_co_premises(self, relation_id: str, claim_ids: Sequence[str]) -> None:
        """Make the chosen claims premises of the reason, which then holds only with all;
        the single reasons they gave for the same conclusion become part of it, and what
        undercut those now undercuts it (an objection to an inference is not dropped)."""
        from argline.ops.relation_changes import ReconnectRelation
        from argline.ops.relation_edits import DeleteRelation, SetCoPremises

        relation = self.map_scene.edges[relation_id].relation
        added = [c for c in claim_ids if c not in relation.premises]
        alone = {
            edge.id
            for edge in self.map_scene.edges.values()
            if edge.relation.source in added
            and not edge.relation.linked
            and (edge.relation.target, edge.relation.type) == (relation.target, relation.type)
        }
        label = "Link as co-premises"
        steps: list[Operation] = [
            ReconnectRelation(edge.id, target=relation_id, label=label)
            for edge in self.map_scene.edges.values()
            if edge.relation.targets_relation and edge.relation.target in alone
        ]
        steps += [DeleteRelation(r, label) for r in sorted(alone)]
        steps.append(SetCoPremises(relation_id, (*relation.co_premises, *added), label))
        self._apply(Batch(tuple(steps), label))

    def remove_premise(self, relation_id: str, claim_id: str) -> None:
        """Take one premise out of a linked reason; the first left leads it."""
        from argline.ops.relation_edits import SetCoPremises

        relation = self.map_scene.edges[relation_id].relation
        first, *rest = [p for p in relation.premises if p != claim_id]
        source = first if claim_id == relation.source else None
        self._apply(SetCoPremises(relation_id, tuple(rest), "Remove premise", source))

    def retype_relation(self, relation_id: str, kind: RelationType) -> None:
        """Make a support an attack or an attack a support: one undo step."""
        from argline.ops.relation_changes import RetypeRelation

        self._apply(RetypeRelation(relation_id, kind))

    def set_assumption(self, claim_id: str, assumption: Assumption | None) -> None:
        from argline.ops.claim_edits import EditClaim

        if assumption is None:
            self._apply(EditClaim(claim_id, clear_assumption=True, label="Clear assumption"))
        else:
            self._apply(EditClaim(claim_id, assumption=assumption, label="Mark as assumption"))

    def _apply(self, operation: Operation) -> Changes | None:
        """Run an edit as one undo step; when refused, say why beside the map and return None."""
        changes = self.history.try_apply(operation)
        if changes is None and self.history.last_refusal and self.isVisible():
            QToolTip.showText(self.mapToGlobal(QPoint(20, 20)), self.history.last_refusal, self)
        return changes

    def _refused(self, _why: str) -> None:
        """Show the store as it now is after a refused edit, undo or redo (the window says why).

        A refusal for someone else's newer version leaves the picture showing ours (a
        card where it was dropped); reading the store again shows theirs.
        """
        if self._assessments:
            self.reload()

    # Keys and menus
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        selected = self.selected_claims()
        if key == Qt.Key.Key_Escape and self.map_scene.picking:
            self.cancel_connection()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
        elif (
            key in (Qt.Key.Key_Insert, Qt.Key.Key_N)
            and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        ):
            self.add_claim()
        elif key == Qt.Key.Key_F2 and len(selected) == 1:
            self.edit_in_place(selected[0])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and len(selected) == 1:
            self.editRequested.emit(selected[0])
        elif key == Qt.Key.Key_C and not event.modifiers() and selected:
            for claim_id in selected:
                self.toggle_collapsed(claim_id)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_F and not event.modifiers():
            self.fit()
        elif key == Qt.Key.Key_1 and not event.modifiers() and selected:
            self.focus_claim(selected[0])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self.itemAt(event.pos())
        menu = QMenu(self)
        if isinstance(item, ClaimCard):
            if not item.isSelected():
                self.select_claims([item.id])
                self.claimsSelected.emit([item.id])
            claim_menu(self, menu, item)
        elif isinstance(item, RelationEdge):
            self.map_scene.clearSelection()
            item.setSelected(True)
            relation_menu(self, menu, item)
        else:
            map_menu(self, menu, self.mapToScene(event.pos()))
        menu.exec(event.globalPos())


def _as_left_button(event: QMouseEvent, buttons: Qt.MouseButton) -> QMouseEvent:
    """Return the middle button's event as the left button's: the view pans by left drags."""
    return QMouseEvent(
        event.type(),
        event.position(),
        event.globalPosition(),
        Qt.MouseButton.LeftButton,
        buttons,
        event.modifiers(),
    )


def _new_id(prefix: str) -> str:
    return f"{prefix}-{os.urandom(5).hex()}"


def _distance_to(box: tuple[float, float, float, float] | None, point: QPointF) -> float:
    if box is None:
        return float("inf")
    left, top, right, bottom = box
    dx = max(left - point.x(), 0.0, point.x() - right)
    dy = max(top - point.y(), 0.0, point.y() - bottom)
    return dx * dx + dy * dy
