"""The map's context menus: what can be done to a claim, a relation or an empty spot."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from argline.gui.map.card import ClaimCard
from argline.gui.map.edge import RelationEdge
from argline.model.entities import Assumption, RelationType

if TYPE_CHECKING:
    from argline.gui.map.view import MapView


def map_menu(view: MapView, menu: QMenu, point: QPointF) -> None:
    """Fill ``menu`` for a click on empty map at scene ``point``."""
    _action(menu, "Add claim here", lambda: view.add_claim(at=point))
    _action(menu, "Tidy layout", view.tidy)
    _action(menu, "Fit map to window", view.fit)
    legend = view.legend
    _action(
        menu,
        "Show legend",
        lambda: legend.set_expanded(not legend.expanded),
        checked=legend.expanded,
    )


def claim_menu(view: MapView, menu: QMenu, card: ClaimCard) -> None:
    """Fill ``menu`` for a click on a claim's card."""
    claim_id = card.id
    _action(menu, "Edit text in place\tF2", lambda: view.edit_in_place(claim_id))
    _action(menu, "Edit details…\tReturn", lambda: view.editRequested.emit(claim_id))
    _action(menu, "Add a reason for it\tInsert", view.add_claim)
    _action(menu, "Connect to…", view.connect_selected)
    collapsed = view.is_collapsed(claim_id)
    _action(
        menu,
        ("Expand" if collapsed else "Collapse") + " subtree\tC",
        lambda: view.toggle_collapsed(claim_id),
    )
    _action(menu, "Focus on it\t1", lambda: view.focus_claim(claim_id))
    menu.addSeparator()
    current = card.claim.assumption
    for assumption, words in (
        (Assumption.ACCEPTED, "Accept as assumption"),
        (Assumption.REJECTED, "Reject as assumption"),
    ):
        _action(
            menu,
            words,
            lambda a=assumption: view.set_assumption(claim_id, a),
            checked=current is assumption,
        )
    if current is not None:
        _action(menu, "Clear assumption", lambda: view.set_assumption(claim_id, None))
    menu.addSeparator()
    _action(menu, "Delete\tDel", view.delete_selected)


def relation_menu(view: MapView, menu: QMenu, edge: RelationEdge) -> None:
    """Fill ``menu`` for a click on a relation (selected, alone, by the caller)."""
    relation = edge.relation
    if not relation.targets_relation:
        other = (
            RelationType.ATTACK if relation.type is RelationType.SUPPORT else RelationType.SUPPORT
        )
        _action(
            menu,
            f"Make it {'an attack' if other is RelationType.ATTACK else 'a support'}",
            lambda: view.retype_relation(relation.id, other),
        )
    menu.addSeparator()
    _action(menu, "Delete\tDel", view.delete_selected)


def _action(menu: QMenu, text: str, slot, *, checked: bool | None = None) -> QAction:
    action = menu.addAction(text)
    if checked is not None:
        action.setCheckable(True)
        action.setChecked(checked)
    action.triggered.connect(lambda *_: slot())
    return action
