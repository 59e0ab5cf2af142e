"""Every edit changes the store in one transaction, and its inverse puts the store back."""

from __future__ import annotations

import pytest

from argline.io.transfer import export_text
from argline.model.dates import HistoricalDate
from argline.model.entities import (
    AssessmentKind,
    Assumption,
    Claim,
    ClaimRole,
    Event,
    Relation,
    RelationType,
)
from argline.ops.assessment_edits import EditAssessment
from argline.ops.changes import Batch
from argline.ops.claim_edits import AddClaim, DeleteClaim, EditClaim, MoveClaims
from argline.ops.errors import EditRefused
from argline.ops.event_edits import AddEvent, DeleteEvent, EditEvent
from argline.ops.links import LinkClaimEvent, UnlinkClaimEvent
from argline.ops.queries import load_corpus
from argline.ops.relation_edits import AddRelation, DeleteRelation
from argline.ops.running import run
from argline.store import Store

FORECAST = "expert-insights-2018-07-13"


def _claim_ids(store: Store) -> list[str]:
    with store.reading() as session:
        return [c.id for c in load_corpus(session).claims]


def _undo_restores(store: Store, operation) -> None:
    before = export_text(store)
    result = run(store, operation)
    assert result.changes
    assert export_text(store) != before
    redo = run(store, result.inverse).inverse
    assert export_text(store) == before
    run(store, redo)
    assert export_text(store) != before


def _main_claim(store: Store) -> str:
    with store.reading() as session:
        corpus = load_corpus(session)
    return next(c.id for c in corpus.claims if c.role is ClaimRole.MAIN)


def test_deleting_a_claim_and_undoing_brings_back_its_relations_and_links(
    seeded_store: Store,
) -> None:
    _undo_restores(seeded_store, DeleteClaim(_main_claim(seeded_store)))


def test_deleting_an_event_and_undoing_brings_back_its_links(seeded_store: Store) -> None:
    _undo_restores(seeded_store, DeleteEvent("alaska-treaty"))


def test_moving_several_claims_is_one_undoable_edit(seeded_store: Store) -> None:
    first, second = _claim_ids(seeded_store)[:2]
    _undo_restores(seeded_store, MoveClaims(((first, (10.0, 20.0)), (second, (300.5, -40.0)))))
    run(seeded_store, MoveClaims(((first, (1.0, 2.0)),)))
    with seeded_store.reading() as session:
        claim = next(c for c in load_corpus(session).claims if c.id == first)
    assert claim.position == (1.0, 2.0)
    assert claim.placed_by_hand


def test_editing_a_claims_text_and_assumption_is_undoable(seeded_store: Store) -> None:
    claim = _claim_ids(seeded_store)[3]
    _undo_restores(seeded_store, EditClaim(claim, text="Reworded.", assumption=Assumption.ACCEPTED))


def test_editing_an_events_date_keeps_the_precision_typed(seeded_store: Store) -> None:
    _undo_restores(
        seeded_store, EditEvent("alaska-treaty", start=HistoricalDate.from_text("March 1867"))
    )
    run(seeded_store, EditEvent("alaska-treaty", start=HistoricalDate.from_text("March 1867")))
    assert '"start": "1867-03"' in export_text(seeded_store)


def test_adding_claims_relations_events_and_links_is_undoable(seeded_store: Store) -> None:
    main = _main_claim(seeded_store)
    new_claim = Claim("new-claim", FORECAST, "A fresh objection.", ClaimRole.OBJECTION)
    new_event = Event("new-event", "Something happened", HistoricalDate.from_edtf("2018-07-20"))
    _undo_restores(
        seeded_store,
        Batch(
            (
                AddClaim(new_claim),
                AddRelation(Relation("new-attack", "new-claim", main, RelationType.ATTACK)),
                AddEvent(new_event),
                LinkClaimEvent("new-claim", "new-event"),
            )
        ),
    )


def test_unlinking_and_deleting_a_relation_is_undoable(seeded_store: Store) -> None:
    with seeded_store.reading() as session:
        corpus = load_corpus(session)
    link = corpus.links[0]
    _undo_restores(seeded_store, UnlinkClaimEvent(link.claim, link.event))
    support = next(r for r in corpus.relations if r.type is RelationType.SUPPORT)
    _undo_restores(seeded_store, DeleteRelation(support.id))


def test_a_refused_edit_changes_nothing(seeded_store: Store) -> None:
    before = export_text(seeded_store)
    claim = _claim_ids(seeded_store)[0]
    with pytest.raises(EditRefused, match="no claim"):
        run(seeded_store, Batch((EditClaim(claim, text="changed"), DeleteClaim("missing"))))
    with pytest.raises(EditRefused, match="exists already"):
        run(seeded_store, AddClaim(Claim(claim, FORECAST, "dup", ClaimRole.REASON)))
    with pytest.raises(EditRefused, match="before the start"):
        run(seeded_store, EditEvent("alaska-treaty", end=HistoricalDate.from_edtf("1800")))
    assert export_text(seeded_store) == before


def test_editing_an_assessment_is_undone_by_its_inverse(seeded_store: Store) -> None:
    before = export_text(seeded_store)
    result = run(
        seeded_store,
        EditAssessment(
            "rsis-cheang-2018-07",
            title="Renamed",
            published=HistoricalDate.from_text("20 July 2018"),
            kind=AssessmentKind.OTHER,
        ),
    )
    after = export_text(seeded_store)
    assert '"Renamed"' in after
    assert '"2018-07-20"' in after
    run(seeded_store, result.inverse)
    assert export_text(seeded_store) == before


def test_an_assessment_without_a_title_is_refused(seeded_store: Store) -> None:
    with pytest.raises(EditRefused, match="title"):
        run(seeded_store, EditAssessment("rsis-cheang-2018-07", title="  "))
