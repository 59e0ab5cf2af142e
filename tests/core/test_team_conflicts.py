"""No lost update: a save or an undo on top of someone else's change is refused, on both
databases, with the other version shown; nothing of the refused edit is kept."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from argline.model.dates import HistoricalDate
from argline.ops.changes import Batch, Changes, OpResult
from argline.ops.claim_edits import EditClaim, MoveClaims
from argline.ops.event_edits import EditEvent
from argline.ops.queries import load_assessments, load_events
from argline.ops.rows import row_by_key
from argline.ops.running import run
from argline.ops.versions import EditConflict, check_version
from argline.store import Store
from argline.store.schema import ClaimRow

CLAIM = "ei-no-syria-compromise"


def _claim(store: Store, key: str = CLAIM):
    with store.reading() as session:
        return next(c for a in load_assessments(session) for c in a.claims if c.id == key)


def _event(store: Store, key: str):
    with store.reading() as session:
        (event,) = load_events(session, [key])
    return event


def test_saving_over_someone_elses_change_is_refused_showing_theirs(
    seeded_store: Store,
) -> None:
    seen = _claim(seeded_store)  # both analysts opened the same version
    run(seeded_store, EditClaim(CLAIM, text="Theirs.", expected_version=seen.version))
    with pytest.raises(EditConflict, match="Theirs") as refused:
        run(seeded_store, EditClaim(CLAIM, text="Mine.", expected_version=seen.version))
    assert refused.value.current is not None
    assert refused.value.current.text == "Theirs."
    assert refused.value.current.version == seen.version + 1
    assert _claim(seeded_store).text == "Theirs."


def test_an_edit_on_the_current_version_is_saved_and_counted(seeded_store: Store) -> None:
    seen = _claim(seeded_store)
    run(seeded_store, EditClaim(CLAIM, title="Mine", expected_version=seen.version))
    after = _claim(seeded_store)
    assert (after.title, after.version) == ("Mine", seen.version + 1)


def test_undoing_an_edit_someone_has_overwritten_is_refused(seeded_store: Store) -> None:
    mine = run(seeded_store, EditClaim(CLAIM, text="Mine."))
    run(seeded_store, EditClaim(CLAIM, text="Theirs."))  # another analyst, later
    with pytest.raises(EditConflict, match="Theirs"):
        run(seeded_store, mine.inverse)
    assert _claim(seeded_store).text == "Theirs."


def test_undo_and_redo_go_on_working_when_nobody_interferes(seeded_store: Store) -> None:
    before = _claim(seeded_store)
    done = run(seeded_store, EditClaim(CLAIM, text="Mine."))
    undone = run(seeded_store, done.inverse)
    assert _claim(seeded_store).text == before.text
    run(seeded_store, undone.inverse)
    assert _claim(seeded_store).text == "Mine."


def test_a_batch_touching_one_claim_twice_undoes_as_one_step(seeded_store: Store) -> None:
    before = _claim(seeded_store)
    batch = Batch(
        (
            EditClaim(CLAIM, text="Mine.", expected_version=before.version),
            MoveClaims(((CLAIM, (10.0, 20.0)),), expected_versions=(before.version,)),
        )
    )
    done = run(seeded_store, batch)
    run(seeded_store, done.inverse)
    after = _claim(seeded_store)
    assert (after.text, after.position) == (before.text, before.position)


def test_a_stale_move_is_refused(seeded_store: Store) -> None:
    seen = _claim(seeded_store)
    run(seeded_store, EditClaim(CLAIM, title="Retitled"))
    with pytest.raises(EditConflict, match="changed by someone else"):
        run(seeded_store, MoveClaims(((CLAIM, (1.0, 2.0)),), expected_versions=(seen.version,)))
    assert _claim(seeded_store).position == seen.position


def test_changing_only_an_events_source_dates_counts_as_a_new_version(
    seeded_store: Store,
) -> None:
    with seeded_store.reading() as session:
        event = load_events(session)[0]
    run(seeded_store, EditEvent(event.id, source_dates=(), expected_version=event.version))
    assert _event(seeded_store, event.id).version == event.version + 1
    start = HistoricalDate.from_edtf("1900")
    with pytest.raises(EditConflict, match="event"):
        run(seeded_store, EditEvent(event.id, start=start, expected_version=event.version))


@dataclass(frozen=True, slots=True)
class EditWhileAnotherSaves:
    """Checks the version, then lets another client commit before its own UPDATE."""

    other: Store
    label: str = "Edit claim"

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, ClaimRow, CLAIM, "claim")
        check_version(session, row, row.version, kind="claim")
        run(self.other, EditClaim(CLAIM, text="Theirs, a moment earlier."))
        row.text = "Mine."
        session.flush()
        return OpResult(Changes(claims=frozenset({CLAIM})), self)


def test_a_save_overtaken_between_its_check_and_its_update_is_refused(
    seeded_store: Store, store_url: str
) -> None:
    other = Store.open(store_url)
    try:
        with pytest.raises(EditConflict, match="Theirs, a moment earlier"):
            run(seeded_store, EditWhileAnotherSaves(other))
    finally:
        other.close()
    assert _claim(seeded_store).text == "Theirs, a moment earlier."


def test_two_clients_editing_the_same_claims_lose_no_update(store_url: str) -> None:
    """Every accepted edit shows in the version counter; the others were refused."""
    setup = Store.open(store_url)
    from argline.io.seed import load_seed

    load_seed(setup)
    keys = [CLAIM, "ei-already-victory"]
    first = {key: _claim(setup, key).version for key in keys}
    accepted = [0, 0]
    refused = [0, 0]

    def client(number: int) -> None:
        store = Store.open(store_url)
        try:
            for step in range(15):
                key = keys[step % 2]
                seen = _claim(store, key)
                edit = EditClaim(key, text=f"{number}:{step}", expected_version=seen.version)
                try:
                    run(store, edit)
                    accepted[number] += 1
                except EditConflict:
                    refused[number] += 1
        finally:
            store.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counted = sum(_claim(setup, key).version - first[key] for key in keys)
    setup.close()
    assert sum(accepted) + sum(refused) == 30
    assert counted == sum(accepted)
