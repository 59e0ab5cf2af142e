"""A linked reason is one relation with several premises: stored, read, edited and undone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from argline.io.transfer import export_text
from argline.model.entities import Assessment, Claim, ClaimRole, Relation, RelationType
from argline.model.evaluation import Status
from argline.ops.assessment_edits import AddAssessment, DeleteAssessment
from argline.ops.changes import Batch
from argline.ops.claim_edits import AddClaim, DeleteClaim
from argline.ops.errors import EditRefused
from argline.ops.evaluation import ArgumentState, load_argument_state
from argline.ops.queries import load_corpus
from argline.ops.relation_edits import AddRelation, DeleteRelation, SetCoPremises
from argline.ops.running import run
from argline.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SUPPORT = RelationType.SUPPORT


def _map(store: Store, *, premises: int = 3) -> Relation:
    """Add an assessment with a conclusion and ``premises`` claims; return a linked support."""
    ids = [f"p{n}" for n in range(1, premises + 1)]
    steps = [AddAssessment(Assessment("a", "A map")), AddClaim(_claim("c", ClaimRole.MAIN))]
    steps += [AddClaim(_claim(i)) for i in (*ids, "x")]
    run(store, Batch(tuple(steps), "Map"))
    return Relation("why", ids[0], "c", SUPPORT, tuple(ids[1:]))


def _claim(claim_id: str, role: ClaimRole = ClaimRole.REASON) -> Claim:
    return Claim(claim_id, "a", f"claim {claim_id}", role)


def _relations(store: Store) -> dict[str, Relation]:
    with store.reading() as session:
        return {r.id: r for r in load_corpus(session).relations}


def test_a_linked_support_is_stored_and_read_back_with_its_premises_in_order(store: Store) -> None:
    linked = _map(store)
    run(store, AddRelation(linked))
    assert _relations(store)["why"] == linked
    assert _relations(store)["why"].premises == ("p1", "p2", "p3")


def test_adding_a_co_premise_and_removing_a_premise_are_undone(store: Store) -> None:
    run(store, AddRelation(_map(store)))
    before = export_text(store)
    added = run(store, SetCoPremises("why", ("p2", "p3", "x")))
    assert _relations(store)["why"].co_premises == ("p2", "p3", "x")
    run(store, added.inverse)
    assert export_text(store) == before
    removed = run(store, SetCoPremises("why", ("p3",)))
    assert _relations(store)["why"].premises == ("p1", "p3")
    run(store, removed.inverse)
    assert export_text(store) == before


def test_a_linked_reason_may_share_its_first_premise_and_conclusion_with_a_single_one(
    store: Store,
) -> None:
    linked = _map(store, premises=2)
    run(store, Batch((AddRelation(Relation("alone", "p1", "c", SUPPORT)), AddRelation(linked))))
    assert set(_relations(store)) == {"alone", "why"}
    # Made single again, it would be a second relation from p1 to c: refused.
    with pytest.raises(EditRefused, match="already supports"):
        run(store, SetCoPremises("why", ()))


def test_taking_out_the_first_premise_hands_the_reason_to_the_next_and_undo_back(
    store: Store,
) -> None:
    linked = _map(store, premises=2)
    run(store, Batch((AddRelation(Relation("alone", "p1", "c", SUPPORT)), AddRelation(linked))))
    before = export_text(store)
    handed = run(store, SetCoPremises("why", (), source="p2"))
    assert _relations(store)["why"] == Relation("why", "p2", "c", SUPPORT)
    run(store, handed.inverse)
    assert export_text(store) == before


@pytest.mark.parametrize(
    ("co_premises", "message"),
    [(("p2", "p2"), "each of its premises once"), (("c",), "premise of a reason for itself")],
)
def test_a_premise_named_twice_or_the_conclusion_as_premise_is_refused(
    store: Store, co_premises: tuple[str, ...], message: str
) -> None:
    linked = _map(store)
    before = export_text(store)
    with pytest.raises(EditRefused, match=message):
        run(store, AddRelation(Relation("why", "p1", "c", SUPPORT, co_premises)))
    assert export_text(store) == before
    run(store, AddRelation(linked))
    with pytest.raises(EditRefused, match=message):
        run(store, SetCoPremises("why", co_premises))


def test_deleting_a_co_premise_takes_the_reason_and_undo_brings_it_back_whole(
    store: Store,
) -> None:
    linked = _map(store)
    run(store, AddRelation(linked))
    run(store, AddRelation(Relation("u", "x", "why", RelationType.UNDERCUT)))
    before = export_text(store)
    result = run(store, DeleteClaim("p2"))
    assert set(_relations(store)) == set()
    assert {"why", "u"} <= result.changes.relations
    run(store, result.inverse)
    assert export_text(store) == before
    assert _relations(store)["why"] == linked


def test_deleting_the_assessment_of_a_linked_map_is_undone_whole(store: Store) -> None:
    run(store, AddRelation(_map(store)))
    before = export_text(store)
    result = run(store, DeleteAssessment("a"))
    run(store, result.inverse)
    assert export_text(store) == before


def test_deleting_a_linked_relation_is_undone_with_its_premises(store: Store) -> None:
    linked = _map(store)
    run(store, AddRelation(linked))
    result = run(store, DeleteRelation("why"))
    assert "why" not in _relations(store)
    run(store, result.inverse)
    assert _relations(store)["why"] == linked


def _state(store: Store) -> ArgumentState:
    with store.reading() as session:
        return load_argument_state(session)


def test_the_stored_map_evaluates_a_linked_support_by_all_its_premises(store: Store) -> None:
    run(store, AddRelation(_map(store)))
    assert _state(store).evaluation.carries("why")
    run(store, AddRelation(Relation("x>p3", "x", "p3", RelationType.ATTACK)))
    state = _state(store)
    assert state.evaluation.status("p3") is Status.OUT
    assert not state.evaluation.carries("why")


def test_a_file_of_schema_0003_upgrades_and_then_holds_linked_reasons(tmp_path: Path) -> None:
    path = tmp_path / "old.argline"
    shutil.copyfile(FIXTURES / "schema-0003.argline", path)
    store = Store.open(path)
    try:
        relations = _relations(store)
        assert relations
        assert not any(r.linked for r in relations.values())
        claims = ["ch-putin-prestige", "ch-weaker-power"]
        run(store, AddRelation(Relation("linked", claims[0], "ch-main", SUPPORT, (claims[1],))))
        assert _relations(store)["linked"].premises == tuple(claims)
    finally:
        store.close()
