"""The argument map view: one assessment's map, or two side by side, built and changed by hand.

Every edit goes through the shared ``EditHistory`` as one store operation (one undo
step): a drag of one card or of a selection is one ``MoveClaims`` on release. The
view redraws itself from the store whenever the history reports a change, its own
or another view's, and re-evaluates which claims stand each time.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QMenu, QToolTip, QWidget

from argline.gui import operations
from argline.gui.map.card import ClaimCard
from argline.gui.map.content import map_content
from argline.gui.map.edge import RelationEdge
from argline.gui.map.editor import InPlaceEditor
from argline.gui.map.framing import MAX_ZOOM, MIN_ZOOM, centre_showing, fit_zoom
from argline.gui.map.legend import LegendPanel
from argline.gui.map.menus import claim_menu, map_menu, relation_menu
from argline.gui.map.placing import drag_operation, tidy_operation
from argline.gui.map.scene import MapScene
from argline.gui.map.style import MapColours
from argline.gui.undo import EditHistory
from argline.model.entities import Assumption, Claim, ClaimRole, Relation, RelationType
from argline.ops.changes import Batch, Changes, Operation
from argline.ops.evaluation import ArgumentState, read_argument_state

ZOOM_STEP = 1.25
OPEN_ZOOM = 0.6  # a map opens (and reveals claims) at no less, unless all of it fits
NEW_CLAIM_TEXT = "New claim"


class MapView(QGraphicsView):
    """Argument maps of one or two assessments, edited through an ``EditHistory``."""

    claimsSelected = Signal(list)  # claim ids; only when the user changes the selection
    editRequested = Signal(str)  # claim id: the user asks for the claim's full editor

    def __init__(self, history: EditHistory, parent: QWidget | None = None) -> None:
        self.map_scene = MapScene()
        super().__init__(self.map_scene, parent)
        self.map_scene.setParent(self)
        self.history = history
        self.state: ArgumentState | None = None
        self._assessments: tuple[str, ...] = ()
        self._collapsed: set[str] = set()
        self._quiet = 0  # >0 while the view itself changes the selection
        self._pressed_at: dict[str, QPointF] = {}
        self._editor: InPlaceEditor | None = None
        # How the view was last framed for the user, done again when it changes size,
        # until the user moves it: the window lays itself out after the map first shows.
        self._reframe: Callable[[], None] | None = None
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.actionTriggered.connect(self._moved_by_user)  # the user's scrolls only
        self.legend = LegendPanel(self)
        self.legend.toggled.connect(lambda _: self._place_legend())
        self._follow_palette()
        history.changed.connect(self._store_changed)
        history.refused.connect(self._refused)
        scene = self.map_scene
        scene.selectionChanged.connect(self._selection_changed)
        scene.connectionDropped.connect(self._connection_dropped)
        scene.reconnectionDropped.connect(self._reconnection_dropped)
        scene.editAsked.connect(self.edit_in_place)
        scene.expandAsked.connect(self.toggle_collapsed)

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

    def _open_readable(self) -> None:
        """Show the whole map if it reads at that zoom; else a readable part of it.

        Too big to read whole, the map is fitted to its width or height (whichever is
        nearer), at no less than ``OPEN_ZOOM``, and scrolled to what matters: the
        highlighted or selected claims, else (side by side) the claims linked across,
        else the top of the map (its left; a pair's middle).
        """
        bounds = self.map_scene.bounds
        if bounds.isEmpty():
            return
        self._reframe = self._open_readable
        rect = bounds.adjusted(-30, -30, 30, 30)
        width, height = self._room()
        across = width / max(rect.width(), 1)
        down = height / max(rect.height(), 1)
        if min(across, down, 1.0) >= OPEN_ZOOM:
            self._fit_rect(rect)
            return
        self._close_editor()
        scale = min(max(across, down, OPEN_ZOOM), 1.0)
        self.setTransform(QTransform.fromScale(scale, scale))
        interest = self._cards_rect(self._interesting_claims())
        if interest is None:  # the top: a map's left, where its title and contention are;
            # a pair's middle, where they meet
            across = rect.center().x() if len(self._assessments) > 1 else rect.left()
            interest = QRectF(across, rect.top(), 0, 0)
        self._show_from(interest, rect)

    def _interesting_claims(self) -> list[str]:
        scene = self.map_scene
        lit = [c for c in scene.highlighted if c in scene.cards] + self.selected_claims()
        if lit or scene.content is None:
            return lit
        owner = scene.content.owner
        return [
            end
            for r in scene.content.relations
            if not r.targets_relation and owner[r.source] != owner[r.target]
            for end in (r.source, r.target)
        ]

    def _show_from(self, interest: QRectF, whole: QRectF) -> None:
        """Centre ``interest``, or show its top when it is taller than the view."""
        width, height = self._room()
        scale = self.zoom()
        centre = centre_showing(interest, whole, width, height, scale)
        self.centerOn(centre + QPointF(0, self._legend_room() / 2 / scale))

    def _room(self) -> tuple[int, int]:
        """Return the viewport's width and the height above the legend button."""
        viewport = self.viewport().rect()
        return viewport.width(), max(viewport.height() - self._legend_room(), 50)

    def _legend_room(self) -> int:
        return self.legend.height() + 16 if self.legend.isVisible() else 0

    def current_assessments(self) -> tuple[str, ...]:
        return self._assessments

    def reload(self) -> None:
        """Read the store again and redraw: claims, relations, positions and statuses."""
        with self.history.store.plain_reading() as cursor:
            self.state = read_argument_state(cursor)
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

    def selected_claims(self) -> list[str]:
        return [item.id for item in self.map_scene.selectedItems() if isinstance(item, ClaimCard)]

    def highlight_claims(self, ids: Iterable[str]) -> None:
        """Light these claims up, apart from the selection; no ids clears the highlight."""
        self.map_scene.set_highlighted(set(ids))

    def highlighted_claims(self) -> list[str]:
        """The claims lit up and shown on the map now."""
        return sorted(self.map_scene.highlighted & self.map_scene.cards.keys())

    def shown_claims(self) -> list[str]:
        """Every claim with a card on the map now."""
        return list(self.map_scene.cards)

    def reveal(self, ids: Iterable[str]) -> None:
        """Scroll so that these claims are visible; zoom out if they do not fit.

        Never below ``OPEN_ZOOM``, where cards stop being readable: claims spread wider
        than that shows are shown around their middle, from their top.
        """
        ids = list(ids)
        rect = self._cards_rect(ids)
        if rect is None:
            return
        self._reframe = lambda: self.reveal(ids)
        view = self.mapToScene(self.viewport().rect()).boundingRect()
        if rect.width() <= view.width() and rect.height() <= view.height():
            self.ensureVisible(rect, 40, 40)
            return
        width, height = self._room()
        rect = rect.adjusted(-30, -30, 30, 30)
        fits = min(width / max(rect.width(), 1), height / max(rect.height(), 1), 1.0)
        scale = max(fits, min(OPEN_ZOOM, self.zoom()))
        self._close_editor()
        self.setTransform(QTransform.fromScale(scale, scale))
        self._show_from(rect, self.map_scene.bounds.adjusted(-30, -30, 30, 30))

    def focus_claim(self, claim_id: str) -> None:
        """Centre on a claim at full size, and select it."""
        rect = self._cards_rect([claim_id])
        if rect is None:
            return
        self._set_zoom(1.0)
        self.centerOn(rect.center())
        self.select_claims([claim_id])

    def _cards_rect(self, ids: Iterable[str]) -> QRectF | None:
        rect: QRectF | None = None
        for claim_id in ids:
            card = self.map_scene.cards.get(claim_id)
            if card is not None:
                frame = card.scene_frame()
                rect = frame if rect is None else rect.united(frame)
        return rect

    def _selection_changed(self) -> None:
        if not self._quiet:
            self.claimsSelected.emit(self.selected_claims())

    # Zoom, pan, fit
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_in(self) -> None:
        self._set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.zoom() / ZOOM_STEP)

    def _set_zoom(self, zoom: float) -> None:
        self._moved_by_user()
        self._close_editor()
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        factor = zoom / self.zoom()
        self.scale(factor, factor)

    def fit(self) -> None:
        """Show every card, at full size at most."""
        rect = self.map_scene.bounds
        if not rect.isEmpty():
            self._reframe = self.fit
            self._fit_rect(rect.adjusted(-30, -30, 30, 30))

    def _fit_rect(self, rect: QRectF) -> None:
        """Show ``rect`` whole (at 100% at most) above the legend button, or its full width
        from the top when the whole would be too small to read."""
        self._close_editor()
        width, height = self._room()
        scale, whole = fit_zoom(rect, width, height)
        self.setTransform(QTransform.fromScale(scale, scale))
        below = self._legend_room()
        if whole:
            self.centerOn(rect.center() + QPointF(0, below / 2 / scale))
        else:
            self.centerOn(QPointF(rect.center().x(), rect.top() + (height + below) / 2 / scale))

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._set_zoom(self.zoom() * ZOOM_STEP**steps)  # about the pointer: AnchorUnderMouse
            event.accept()
            return
        super().wheelEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # The theme changed (or the system's light or dark setting): the map follows it.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._follow_palette()
        super().changeEvent(event)

    def _follow_palette(self) -> None:
        """Draw the map, and its legend, in the colours of this widget's palette."""
        colours = MapColours.from_palette(self.palette())
        self.map_scene.set_colours(colours)
        self.legend.set_colours(colours)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_legend()
        if self._reframe is not None:
            self._reframe()

    def _moved_by_user(self, _action: int = 0) -> None:
        self._reframe = None

    def _place_legend(self) -> None:
        margin = 12
        viewport = self.viewport().geometry()
        self.legend.move(
            viewport.left() + margin, viewport.bottom() - self.legend.height() - margin
        )

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

        With one claim selected and no point, the new claim is a reason supporting it.
        """
        selected = self.selected_claims()
        content = self.map_scene.content
        if content is None or not content.columns:
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
        steps: list[Operation] = [operations.AddClaim(claim)]
        if at is None and len(selected) == 1:
            relation = Relation(_new_id("rel"), claim_id, selected[0], RelationType.SUPPORT)
            steps.append(operations.AddRelation(relation))
        if self._apply(Batch(tuple(steps), "Add claim")) is None:
            return None
        self.select_claims([claim_id])
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
            self._editor = None
            self.setFocus()
            if text is None or text.strip() == original.strip() or not text.strip():
                return
            edit = (
                operations.EditClaim(claim_id, title=text.strip(), expected_version=seen)
                if field == "title"
                else operations.EditClaim(claim_id, text=text.strip(), expected_version=seen)
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

    def choose_relation_type(self, screen: QPoint) -> RelationType | None:
        """Ask whether a new connection supports or attacks; None when the user declines."""
        menu = QMenu(self)
        support = menu.addAction("Supports (reason)")
        attack = menu.addAction("Attacks (objection)")
        chosen = menu.exec(screen)
        return {support: RelationType.SUPPORT, attack: RelationType.ATTACK}.get(chosen)

    def _connection_dropped(self, source: str, kind: str, target: str, screen: QPoint) -> None:
        if kind == "relation":
            self._apply(
                operations.AddRelation(
                    Relation(_new_id("rel"), source, target, RelationType.UNDERCUT)
                )
            )
            return
        chosen = self.choose_relation_type(screen)
        if chosen is not None:
            self._apply(operations.AddRelation(Relation(_new_id("rel"), source, target, chosen)))

    def _reconnection_dropped(self, relation_id: str, end: str, new_end: str) -> None:
        if end == "source":
            self._apply(operations.ReconnectRelation(relation_id, source=new_end))
        else:
            self._apply(operations.ReconnectRelation(relation_id, target=new_end))

    def delete_selected(self) -> None:
        """Delete the selected claims and relations (with what hangs on them): one undo step."""
        items = self.map_scene.selectedItems()
        claims = tuple(i.id for i in items if isinstance(i, ClaimCard))
        relations = tuple(i.id for i in items if isinstance(i, RelationEdge))
        if claims or relations:
            self._apply(operations.DeleteMapItems(claims, relations))

    def retype_relation(self, relation_id: str, kind: RelationType) -> None:
        """Make a support an attack or an attack a support: one undo step."""
        self._apply(operations.RetypeRelation(relation_id, kind))

    def set_assumption(self, claim_id: str, assumption: Assumption | None) -> None:
        if assumption is None:
            self._apply(
                operations.EditClaim(claim_id, clear_assumption=True, label="Clear assumption")
            )
        else:
            self._apply(
                operations.EditClaim(claim_id, assumption=assumption, label="Mark as assumption")
            )

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
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
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
