"""Linked reasons in the window: the user links two claims as co-premises, takes one out
again, and undoes each; the map draws the reason as one arrow from a joint."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QMenu

from argline.gui.map.menus import claim_menu
from argline.gui.map.view import MapView
from argline.gui.undo import EditHistory
from argline.io.seed import load_seed
from argline.io.transfer import export_text
from argline.model.entities import Relation, RelationType
from argline.ops.queries import load_relations
from argline.ops.relation_edits import AddRelation
from argline.store import Store

RSIS = "rsis-cheang-2018-07"
PRESTIGE, WEAKER, VALUE = "ch-putin-prestige", "ch-weaker-power", "ch-value-putin"


def _view(qtbot, store_path: Path) -> MapView:
    store = Store.open(store_path)
    load_seed(store)
    view = MapView(EditHistory(store))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.show_assessment(RSIS)
    return view


def _relations(view: MapView) -> list[Relation]:
    with view.history.store.reading() as session:
        return list(load_relations(session))


def _menu_words(view: MapView, claim_id: str) -> dict[str, object]:
    menu = QMenu(view)
    claim_menu(view, menu, view.map_scene.cards[claim_id])
    return {a.text(): a for a in menu.actions() if a.text()}


def _linked_view(qtbot, store_path: Path) -> tuple[MapView, Relation]:
    """Return a map where the user has linked two claims, and the reason they make."""
    view = _view(qtbot, store_path)
    view.select_claims([PRESTIGE, WEAKER])
    _menu_words(view, WEAKER)["Link as co-premises"].trigger()
    return view, next(r for r in _relations(view) if r.linked)


def _remove_from_the_menu(view: MapView, claim_id: str) -> None:
    view.select_claims([claim_id])
    actions = _menu_words(view, claim_id)
    remove = next(a for text, a in actions.items() if text.startswith("Remove from the linked"))
    remove.trigger()


def test_linking_two_selected_claims_makes_one_reason_and_undo_parts_them(
    qtbot, store_path: Path
) -> None:
    view = _view(qtbot, store_path)
    before = export_text(view.history.store)
    view.select_claims([PRESTIGE, WEAKER])
    actions = _menu_words(view, WEAKER)
    actions["Link as co-premises"].trigger()
    into_value = [r for r in _relations(view) if r.target == VALUE and WEAKER in r.premises]
    assert len(into_value) == 1
    (linked,) = into_value
    assert set(linked.premises) == {PRESTIGE, WEAKER}
    # The map draws it as one edge, moved by both premise cards.
    edge = view.map_scene.edges[linked.id]
    assert edge.co_premises
    assert edge in view.map_scene.cards[WEAKER].edges
    assert edge in view.map_scene.cards[PRESTIGE].edges
    assert len(edge.stems) == 2
    assert view.history.stack.count() == 1
    view.history.stack.undo()
    assert export_text(view.history.store) == before
    assert not any(r.linked for r in _relations(view))
    assert not any(e.co_premises for e in view.map_scene.edges.values())


def test_removing_a_premise_from_the_menu_leaves_a_single_reason_and_undo_relinks(
    qtbot, store_path: Path
) -> None:
    view, linked = _linked_view(qtbot, store_path)
    linked_text = export_text(view.history.store)
    first = linked.source
    _remove_from_the_menu(view, first)
    after = next(r for r in _relations(view) if r.id == linked.id)
    assert after.premises == tuple(p for p in linked.premises if p != first)
    assert not view.map_scene.edges[linked.id].co_premises
    view.history.stack.undo()
    assert export_text(view.history.store) == linked_text
    assert view.map_scene.edges[linked.id].co_premises


def test_a_first_premise_that_also_gives_a_reason_alone_can_be_taken_out(
    qtbot, store_path: Path
) -> None:
    view, linked = _linked_view(qtbot, store_path)
    first, other = linked.premises
    # The first premise also supports the conclusion on its own, as an analyst may say.
    view.history.apply(AddRelation(Relation("alone", first, linked.target, linked.type)))
    before = export_text(view.history.store)
    _remove_from_the_menu(view, first)
    assert not view.history.last_refusal
    relations = {r.id: r for r in _relations(view)}
    assert relations[linked.id].premises == (other,)
    assert relations["alone"].premises == (first,)
    view.history.stack.undo()
    assert export_text(view.history.store) == before


def test_claims_already_linked_are_offered_no_second_copy_of_their_reason(
    qtbot, store_path: Path
) -> None:
    view, linked = _linked_view(qtbot, store_path)
    view.history.apply(AddRelation(Relation("alone", linked.source, linked.target, linked.type)))
    view.select_claims([PRESTIGE, WEAKER])
    words = _menu_words(view, WEAKER)
    assert not any(text.startswith("Link as co-premises") for text in words)


def test_a_premise_of_two_linked_reasons_for_one_claim_is_told_which_it_leaves(
    qtbot, store_path: Path
) -> None:
    view, linked = _linked_view(qtbot, store_path)
    attack = Relation("both-against", *linked.premises[:1], linked.target, RelationType.ATTACK)
    view.history.apply(AddRelation(replace(attack, co_premises=linked.co_premises)))
    menu = QMenu(view)
    claim_menu(view, menu, view.map_scene.cards[WEAKER])
    removals = [a.text() for a in menu.actions() if a.text().startswith("Remove from the linked")]
    assert len(removals) == len(set(removals)) == 2
    attack_item = next(t for t in removals if "attack" in t)
    _menu_words(view, WEAKER)[attack_item].trigger()
    relations = {r.id: r for r in _relations(view)}
    assert WEAKER not in relations["both-against"].premises
    assert WEAKER in relations[linked.id].premises


def test_one_selected_claim_is_offered_no_link(qtbot, store_path: Path) -> None:
    view = _view(qtbot, store_path)
    view.select_claims([WEAKER])
    assert "Link as co-premises" not in _menu_words(view, WEAKER)


def test_the_outline_shows_every_premise_of_a_linked_reason_under_its_conclusion() -> None:
    from argline.gui.browser import _outline_parents

    linked = Relation("r", "a", "c", RelationType.SUPPORT, ("b", "d"))
    assert _outline_parents([linked]) == {"a": "c", "b": "c", "d": "c"}


def test_undercuts_of_the_reasons_linked_undercut_the_linked_reason(
    qtbot, store_path: Path
) -> None:
    view = _view(qtbot, store_path)
    singles = [r for r in _relations(view) if r.target == VALUE and r.source in (PRESTIGE, WEAKER)]
    assert len(singles) == 2
    objector = next(c for c in view.map_scene.cards if c not in (PRESTIGE, WEAKER, VALUE))
    for n, single in enumerate(singles):
        undercut = Relation(f"doubt-{n}", objector, single.id, RelationType.UNDERCUT)
        view.history.apply(AddRelation(undercut))
    before = export_text(view.history.store)
    view.select_claims([PRESTIGE, WEAKER])
    _menu_words(view, WEAKER)["Link as co-premises"].trigger()
    relations = {r.id: r for r in _relations(view)}
    (linked,) = [r for r in relations.values() if r.linked]
    # Neither objection to an inference is lost: both now undercut the reason they joined.
    assert relations["doubt-0"].target == relations["doubt-1"].target == linked.id
    view.history.stack.undo()
    assert export_text(view.history.store) == before
