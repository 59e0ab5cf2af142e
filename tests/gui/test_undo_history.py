"""Undo walks back through the user's own edits of one item, and still refuses a colleague's."""

from __future__ import annotations

from argline.gui.undo import EditHistory
from argline.model.dates import HistoricalDate
from argline.model.entities import Event
from argline.ops.claim_edits import EditClaim
from argline.ops.event_edits import AddEvent, EditEvent
from argline.ops.queries import load_assessments, load_events
from argline.ops.running import run
from argline.store import Store


def _text(store: Store, claim_id: str) -> str:
    with store.reading() as session:
        return next(c.text for a in load_assessments(session) for c in a.claims if c.id == claim_id)


def test_undoing_two_edits_of_one_claim_brings_back_its_first_text(qtbot, seeded_store) -> None:
    history = EditHistory(seeded_store)
    first = _text(seeded_store, "ch-main")
    history.apply(EditClaim("ch-main", text="One"))
    history.apply(EditClaim("ch-main", text="Two"))
    with qtbot.assertNotEmitted(history.refused):
        history.stack.undo()
        history.stack.undo()
    assert _text(seeded_store, "ch-main") == first
    with qtbot.assertNotEmitted(history.refused):
        history.stack.redo()
        history.stack.redo()
    assert _text(seeded_store, "ch-main") == "Two"


def test_an_event_added_then_edited_undoes_to_nothing(qtbot, seeded_store) -> None:
    history = EditHistory(seeded_store)
    history.apply(AddEvent(Event("new", "New", HistoricalDate.from_edtf("1990"))))
    history.apply(EditEvent("new", title="Renamed"))
    with qtbot.assertNotEmitted(history.refused):
        history.stack.undo()
        history.stack.undo()
    with seeded_store.reading() as session:
        assert not load_events(session, ["new"])


def test_a_colleagues_edit_in_between_is_still_refused(qtbot, seeded_store) -> None:
    history = EditHistory(seeded_store)
    history.apply(EditClaim("ch-main", text="Mine"))
    run(seeded_store, EditClaim("ch-main", text="A colleague's"))  # another client's commit
    with qtbot.waitSignal(history.refused) as refused:
        history.stack.undo()
    assert "changed by someone else" in refused.args[0]
    assert _text(seeded_store, "ch-main") == "A colleague's"
