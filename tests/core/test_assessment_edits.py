"""Adding and deleting assessments: one transaction each, and undo puts the store back exactly."""

from __future__ import annotations

import pytest

from argline.io.transfer import export_text
from argline.model.dates import HistoricalDate
from argline.model.entities import (
    Assessment,
    AssessmentKind,
    Claim,
    ClaimRole,
    Corpus,
    Relation,
    RelationType,
)
from argline.ops.assessment_edits import AddAssessment, DeleteAssessment, what_deleting_takes
from argline.ops.changes import Batch
from argline.ops.errors import EditRefused
from argline.ops.queries import load_corpus
from argline.ops.relation_edits import AddRelation
from argline.ops.running import run
from argline.store import Store

FORECAST = "expert-insights-2018-07-13"
RETROSPECTIVE = "rsis-cheang-2018-07"


def _corpus(store: Store) -> Corpus:
    with store.reading() as session:
        return load_corpus(session)


def _crossing(corpus: Corpus, assessment_id: str) -> list[Relation]:
    owner = {c.id: c.assessment_id for c in corpus.claims}
    return [
        r
        for r in corpus.relations
        if not r.targets_relation
        and assessment_id in {owner[r.source], owner[r.target]}
        and owner[r.source] != owner[r.target]
    ]


@pytest.mark.parametrize("assessment_id", [FORECAST, RETROSPECTIVE])
def test_deleting_an_assessment_and_undoing_restores_the_store_byte_for_byte(
    seeded_store: Store, assessment_id: str
) -> None:
    before = export_text(seeded_store)
    corpus = _corpus(seeded_store)
    assert _crossing(corpus, assessment_id), "the seed links the two maps across"
    result = run(seeded_store, DeleteAssessment(assessment_id))
    after = _corpus(seeded_store)
    assert assessment_id not in {a.id for a in after.assessments}
    gone = {c.id for c in corpus.claims if c.assessment_id == assessment_id}
    assert gone
    assert result.changes.claims == gone
    assert not {k.claim for k in after.links} & gone
    assert not {r.source for r in after.relations} & gone
    assert not _crossing(after, assessment_id)
    redo = run(seeded_store, result.inverse).inverse
    assert export_text(seeded_store) == before
    again = run(seeded_store, redo)
    assert assessment_id not in {a.id for a in _corpus(seeded_store).assessments}
    run(seeded_store, again.inverse)
    assert export_text(seeded_store) == before


def test_an_undercut_from_another_assessment_comes_back_after_what_it_undercuts(
    seeded_store: Store,
) -> None:
    corpus = _corpus(seeded_store)
    owner = {c.id: c.assessment_id for c in corpus.claims}
    inside = next(
        r
        for r in corpus.relations
        if not r.targets_relation and owner[r.source] == owner[r.target] == FORECAST
    )
    other = next(c.id for c in corpus.claims if c.assessment_id == RETROSPECTIVE)
    run(
        seeded_store,
        AddRelation(Relation("cross-undercut", other, inside.id, RelationType.UNDERCUT)),
    )
    before = export_text(seeded_store)
    result = run(seeded_store, DeleteAssessment(FORECAST))
    assert {"cross-undercut", inside.id} <= result.changes.relations
    assert "cross-undercut" not in {r.id for r in _corpus(seeded_store).relations}
    run(seeded_store, result.inverse)
    assert export_text(seeded_store) == before


def test_what_deleting_takes_counts_claims_relations_and_links(seeded_store: Store) -> None:
    corpus = _corpus(seeded_store)
    claims = {c.id for c in corpus.claims if c.assessment_id == RETROSPECTIVE}
    relations = [r for r in corpus.relations if r.source in claims or r.target in claims]
    links = [k for k in corpus.links if k.claim in claims]
    with seeded_store.reading() as session:
        taken = what_deleting_takes(session, RETROSPECTIVE)
    assert (taken.claims, taken.links) == (len(claims), len(links))
    assert taken.relations >= len(relations) > 0  # undercuts of them go too


def test_adding_an_assessment_with_its_claims_is_undone_by_its_inverse(store: Store) -> None:
    before = export_text(store)
    new = Assessment(
        "fresh",
        "A fresh forecast",
        kind=AssessmentKind.FORECAST,
        author="A. Writer",
        outlet="Review",
        published=HistoricalDate.from_text("July 2018"),
        claims=(
            Claim("fresh-main", "fresh", "It will go well.", ClaimRole.MAIN),
            Claim("fresh-reason", "fresh", "Because it did.", ClaimRole.REASON),
        ),
    )
    result = run(store, AddAssessment(new))
    assert result.changes.assessments == {"fresh"}
    assert result.changes.claims == {"fresh-main", "fresh-reason"}
    (stored,) = _corpus(store).assessments
    assert stored.published == HistoricalDate.from_text("July 2018")
    assert [c.id for c in stored.claims] == ["fresh-main", "fresh-reason"]
    assert '"published": "2018-07"' in export_text(store)
    redo = run(store, result.inverse).inverse
    assert export_text(store) == before
    run(store, redo)
    assert [a.id for a in _corpus(store).assessments] == ["fresh"]


def test_an_assessment_without_a_title_or_with_a_taken_id_is_refused(seeded_store: Store) -> None:
    before = export_text(seeded_store)
    with pytest.raises(EditRefused, match="title"):
        run(seeded_store, AddAssessment(Assessment("untitled", "  ")))
    with pytest.raises(EditRefused, match="exists already"):
        run(seeded_store, AddAssessment(Assessment(FORECAST, "Again")))
    with pytest.raises(EditRefused, match="no assessment"):
        run(seeded_store, Batch((DeleteAssessment(FORECAST), DeleteAssessment("missing"))))
    assert export_text(seeded_store) == before
