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
    _linked_reason_actions(view, menu, card)
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


def _linked_reason_actions(view: MapView, menu: QMenu, card: ClaimCard) -> None:
    """Offer to link the selected claims into a reason one of them gives, and to take this
    claim out of each linked reason it is a premise of."""
    selected = view.selected_claims()
    reasons = view.linkable_reasons(selected)
    for relation in reasons:
        text = "Link as co-premises" if len(reasons) == 1 else "Link as co-premises of"
        if len(reasons) > 1:
            text += f" the {relation.type.value} of {_name(view, relation.target)}"
        _action(menu, text, lambda r=relation.id: view.link_as_co_premises(r, selected))
    relations = (edge.relation for edge in card.edges)
    linked = [r for r in relations if r.linked and card.id in r.premises]
    for relation in linked:
        # Two linked reasons for one claim (a support and an attack) are told by their kind.
        twice = sum(r.target == relation.target for r in linked) > 1
        kind = relation.type.value if twice else "reason"
        _action(
            menu,
            f"Remove from the linked {kind} for {_name(view, relation.target)}",
            lambda r=relation.id: view.remove_premise(r, card.id),
        )


def _name(view: MapView, claim_id: str) -> str:
    """Return a claim's title (or first words) as a menu names it."""
    target = view.map_scene.cards.get(claim_id)
    if target is None:
        return claim_id
    words = target.claim.title or " ".join(target.claim.text.split()[:5])
    return f"‘{words}’"


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
