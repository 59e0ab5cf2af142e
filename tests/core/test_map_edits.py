"""The map's own edits: deleting a mixed selection and placing many claims, each one undo step;
a placing or its undo over someone else's newer position is refused (on both databases)."""

from __future__ import annotations

import pytest

from argline.ops.claim_edits import MoveClaims
from argline.ops.evaluation import load_argument_state
from argline.ops.map_edits import DeleteMapItems, PlaceClaims
from argline.ops.running import run
from argline.ops.versions import EditConflict
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


def _moved_by_someone_else(store: Store, claim_id: str, where: tuple[float, float]) -> None:
    run(store, MoveClaims(((claim_id, where),)))


def test_placing_claims_someone_has_moved_since_is_refused(seeded_store: Store) -> None:
    shown = {c.id: c for c in _state(seeded_store).claims}
    ids = list(shown)[:3]
    _moved_by_someone_else(seeded_store, ids[1], (500.0, 600.0))
    place = PlaceClaims(
        tuple((i, (1.0, 2.0)) for i in ids),
        expected_versions=tuple(shown[i].version for i in ids),
    )
    with pytest.raises(EditConflict, match="changed by someone else"):
        run(seeded_store, place)
    now = {c.id: c for c in _state(seeded_store).claims}
    assert now[ids[1]].position == (500.0, 600.0)
    assert now[ids[0]].position == shown[ids[0]].position  # nothing of the refused edit kept


def test_undoing_a_placing_someone_has_overwritten_is_refused(seeded_store: Store) -> None:
    shown = {c.id: c for c in _state(seeded_store).claims}
    ids = list(shown)[:2]
    seen = tuple(shown[i].version for i in ids)
    result = run(
        seeded_store, PlaceClaims(tuple((i, (7.0, 8.0)) for i in ids), expected_versions=seen)
    )
    _moved_by_someone_else(seeded_store, ids[0], (90.0, 91.0))
    with pytest.raises(EditConflict, match="changed by someone else"):
        run(seeded_store, result.inverse)
    now = {c.id: c for c in _state(seeded_store).claims}
    assert now[ids[0]].position == (90.0, 91.0)
    assert now[ids[1]].position == (7.0, 8.0)


def test_undoing_a_placing_nobody_touched_since_puts_the_claims_back(seeded_store: Store) -> None:
    shown = {c.id: c for c in _state(seeded_store).claims}
    ids = list(shown)[:2]
    seen = tuple(shown[i].version for i in ids)
    result = run(
        seeded_store, PlaceClaims(tuple((i, (7.0, 8.0)) for i in ids), expected_versions=seen)
    )
    run(seeded_store, result.inverse)
    now = {c.id: c for c in _state(seeded_store).claims}
    assert [now[i].position for i in ids] == [shown[i].position for i in ids]
