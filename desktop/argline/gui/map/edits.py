"""The map's edits by hand: in place, connecting, reconnecting, linking co-premises,
retyping, assumptions and deleting, each one store operation through the shared
``EditHistory`` (one undo step); a refused one says why beside the map.

Apart from what the map shows and how it is read (argline.gui.map.view, which builds
on this) and from where it looks (argline.gui.map.viewport, which this builds on).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

# The edits import SQLAlchemy, which the first window is drawn without: each function
# here imports those it uses when the user first acts.
from argline.gui.map.card import ClaimCard
from argline.gui.map.edge import RelationEdge
from argline.gui.map.editor import InPlaceEditor
from argline.gui.map.scene import MapScene
from argline.gui.map.viewport import MapViewport
from argline.gui.undo import EditHistory
from argline.model.entities import Assumption, Relation, RelationType
from argline.ops.changes import Batch, Changes, Operation

CONNECT_HINT = "Click the claim it supports or attacks · Esc cancels"


class MapEdits(MapViewport):
    """A map viewport whose claims and relations the user edits through an ``EditHistory``."""

    def __init__(
        self, history: EditHistory, scene: MapScene, parent: QWidget | None = None
    ) -> None:
        super().__init__(scene, parent)
        self.history = history
        self._editor: InPlaceEditor | None = None
        scene.connectionDropped.connect(self._connection_dropped)
        scene.reconnectionDropped.connect(self._reconnection_dropped)

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
            self._apply(AddRelation(Relation(new_id("rel"), source, target, RelationType.UNDERCUT)))
            return
        chosen = self.choose_relation_type(screen)
        if chosen is not None:
            self._apply(AddRelation(Relation(new_id("rel"), source, target, chosen)))

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


def new_id(prefix: str) -> str:
    return f"{prefix}-{os.urandom(5).hex()}"
