"""The map's own edits: deleting a mixed selection and placing many claims, each one undo step."""

from __future__ import annotations

from argline.ops.evaluation import load_argument_state
from argline.ops.map_edits import DeleteMapItems, PlaceClaims
from argline.ops.running import run
from argline.store import Store


def _state(store: Store):
    with store.reading() as session:
        return load_argument_state(session)


def test_deleting_claims_with_their_relations_selected_too_is_undone_whole(
    seeded_store: Store,
) -> None:
    before = _state(seeded_store)
    # r-ch-02 goes with ch-no-statement anyway, and r-ch-03 undercuts it: both are skipped.
    result = run(seeded_store, DeleteMapItems(("ch-no-statement",), ("r-ch-02", "r-ch-03")))
    after = _state(seeded_store)
    assert "ch-no-statement" not in {c.id for c in after.claims}
    assert not {"r-ch-02", "r-ch-03"} & {r.id for r in after.relations}
    run(seeded_store, result.inverse)
    restored = _state(seeded_store)
    assert {c.id for c in restored.claims} == {c.id for c in before.claims}
    assert set(restored.relations) == set(before.relations)


def test_placing_many_claims_is_undone_to_no_position(seeded_store: Store) -> None:
    ids = [c.id for c in _state(seeded_store).claims]
    result = run(seeded_store, PlaceClaims(tuple((i, (n * 10.0, 5.0)) for n, i in enumerate(ids))))
    placed = {c.id: c for c in _state(seeded_store).claims}
    assert placed[ids[3]].position == (30.0, 5.0)
    assert not placed[ids[3]].placed_by_hand
    run(seeded_store, result.inverse)
    assert all(c.position is None for c in _state(seeded_store).claims)
