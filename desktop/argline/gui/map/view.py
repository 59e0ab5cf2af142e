"""The argument map view: one assessment's map, or two side by side, shown and read.

Every edit goes through the shared ``EditHistory`` as one store operation (one undo
step; the edits are argline.gui.map.edits, which this builds on): a drag of one card
or of a selection is one ``MoveClaims`` on release. The view redraws itself from the
store whenever the history reports a change, its own or another view's, and
re-evaluates which claims stand each time. That read takes the window's road
(``ViewReads.choose``): at once on a file; on a server on a thread, the map drawing
what it last read meanwhile. The keys, mouse and menus that ask for edits are here.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
)
from PySide6.QtWidgets import QGraphicsView, QMenu, QToolBar, QWidget

# The edits and ORM queries import SQLAlchemy, which the first window is drawn
# without: each function here imports those it uses when the user first acts.
from argline.gui.map.card import ClaimCard
from argline.gui.map.content import MapContent, map_content
from argline.gui.map.edge import RelationEdge
from argline.gui.map.edits import MapEdits, new_id
from argline.gui.map.hint import EmptyMapHint, hint_for
from argline.gui.map.menus import claim_menu, map_menu, relation_menu
from argline.gui.map.placing import drag_operation, tidy_operation
from argline.gui.map.scene import MapScene
from argline.gui.undo import EditHistory
from argline.gui.view_reads import Choice, ViewReads, claims_on_file
from argline.model.entities import Claim, ClaimRole, Relation, RelationType
from argline.ops.changes import Batch, Changes, Operation
from argline.ops.evaluation import ArgumentState, read_argument_state
from argline.store import Store

NEW_CLAIM_TEXT = "New claim"
# A store of more claims than this is read and laid out on a thread, its map drawn in
# slices of ``SLICE_SECONDS``: a random map of 100,000 claims takes a minute to draw.
LARGE_MAP = 2_000
LAYING_OUT = "Laying out the map…"
SLICE_SECONDS = 0.03  # how long a slice of a drawing keeps the window from answering


@dataclass(frozen=True)
class Drawing:
    """What the map shows after a read: the argument, and its content when laid out already."""

    state: ArgumentState
    content: MapContent | None


class MapView(MapEdits):
    """Argument maps of one or two assessments, edited through an ``EditHistory``."""

    claimsSelected = Signal(list)  # claim ids; only when the user changes the selection
    editRequested = Signal(str)  # claim id: the user asks for the claim's full editor
    # A claim was asked for where no map is shown: the scene point, or None for "anywhere".
    assessmentNeeded = Signal(object)
    drawn = Signal()  # the map shows what was last read: every card and relation drawn
    sliced = Signal(int)  # a slice of a large map drawn: the cards and relations so far

    def __init__(
        self,
        history: EditHistory,
        reads: ViewReads | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``reads`` are the window's, so that a newer read of the map replaces an older."""
        super().__init__(history, MapScene(), parent)
        self._reads = reads or ViewReads(lambda: ("", ""), self)
        self._framing = False  # the assessments just asked for are framed when read
        self._slices: Iterator[int] | None = None  # a large map's drawing, a slice at a time
        self._total = 0  # cards and relations in that drawing
        self._said = -1  # the tenths of it drawn that the hint says
        self.state: ArgumentState | None = None
        self._assessments: tuple[str, ...] = ()
        self._collapsed: set[str] = set()
        self._quiet = 0  # >0 while the view itself changes the selection
        self._pressed_at: dict[str, QPointF] = {}
        self.hint = EmptyMapHint(self)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        history.changed.connect(self._store_changed)
        history.refused.connect(self._refused)
        scene = self.map_scene
        scene.selectionChanged.connect(self._selection_changed)
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
        server once read, drawing the assessments asked for as last read meanwhile. A
        large map is read and laid out on a thread, and drawn a slice at a time."""
        store = self.history.store
        shown, collapsed, measure = self._assessments, set(self._collapsed), self.map_scene.measure

        def read() -> Drawing:
            with store.plain_reading() as cursor:
                state = read_argument_state(cursor)
            return Drawing(state, map_content(state, shown, measure, collapsed=collapsed))

        large = self._large(store)
        choice = Choice(store, read, self._draw, self._not_read, slow=large)
        if self._reads.choose("map", choice):
            return
        if large:
            self._stop_drawing()
            self.hint.say(LAYING_OUT, self.map_scene.colours)
        elif self.state is not None:
            self.show_state(self.state)

    def _large(self, store: Store) -> bool:
        """Tell whether the store holds more claims than a map drawn at once may show."""
        held = len(self.state.claims) if self.state is not None else claims_on_file(store)
        return held is not None and held > LARGE_MAP

    def _not_read(self, why: str) -> None:
        self.window().statusBar().showMessage(f"The map is not updated: {why}", 8000)

    def show_state(self, state: ArgumentState) -> None:
        """Redraw the assessments shown as ``state`` has them (read here or on a thread);
        a large map is laid out again on a thread."""
        if len(state.claims) > LARGE_MAP:
            self.state = state
            self.reload()
            return
        self._draw(Drawing(state, None))

    def _draw(self, drawing: Drawing) -> None:
        """Show a drawing's state, laid out here unless it came laid out."""
        self.state = drawing.state
        known = {a.id for a in self.state.assessments}
        self._assessments = tuple(a for a in self._assessments if a in known)
        content = drawing.content or map_content(
            self.state, self._assessments, self.map_scene.measure, collapsed=self._collapsed
        )
        self._stop_drawing()
        self._slices = self.map_scene.showing(content)
        if len(content.claims) <= LARGE_MAP:
            self._next_slice(at_once=True)
            return
        # The view shows the ground and the hint, not a half-drawn map without its index
        # (each paint would walk every item): no drag or edit lands on one either.
        self.setInteractive(False)
        self.setScene(None)
        self._total = len(content.claims) + len(content.relations)
        self._said = -1
        self._next_slice()

    def _next_slice(self, *, at_once: bool = False) -> None:
        """Draw the map for a slice of ``SLICE_SECONDS`` (all of it ``at_once``), then let
        the window answer; the viewport paints once the drawing is done."""
        if self._slices is None:
            return
        shown = None
        until = time.perf_counter() + SLICE_SECONDS
        self._quiet += 1
        try:
            for shown in self._slices:  # noqa: B007  # the last count is said
                if not at_once and time.perf_counter() > until:
                    break
            else:
                shown = None
        finally:
            self._quiet -= 1
        if shown is not None:
            if shown * 10 // self._total != self._said:  # a tenth more drawn
                self._said = shown * 10 // self._total
                self.hint.say(
                    f"Drawing the map: {shown:,} of {self._total:,} cards and relations…",
                    self.map_scene.colours,
                )
            QTimer.singleShot(0, self._next_slice)
            self.sliced.emit(shown)
            return
        self._slices = None
        self._drawing_ends()
        self.hint.say(hint_for(self.state, self._assessments), self.map_scene.colours)
        if self._framing:
            self._framing = False
            self._open_readable()
        self.drawn.emit()

    def _stop_drawing(self) -> None:
        """Leave a drawing in slices where it is: a newer one replaces it."""
        if self._slices is not None:
            self._slices.close()
            self._slices = None
            self._drawing_ends()

    def _drawing_ends(self) -> None:
        self.setScene(self.map_scene)
        self.setInteractive(True)

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

    # Adding claims (the other edits are MapEdits')
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
            relation = Relation(new_id("rel"), claim_id, selected[0], RelationType.SUPPORT)
            steps.append(AddRelation(relation))
        if self._apply(Batch(tuple(steps), "Add claim")) is None:
            return None
        self.select_claims([claim_id])
        self.claimsSelected.emit([claim_id])
        self.edit_in_place(claim_id, "text")
        return claim_id

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


def _distance_to(box: tuple[float, float, float, float] | None, point: QPointF) -> float:
    if box is None:
        return float("inf")
    left, top, right, bottom = box
    dx = max(left - point.x(), 0.0, point.x() - right)
    dy = max(top - point.y(), 0.0, point.y() - bottom)
    return dx * dx + dy * dy
