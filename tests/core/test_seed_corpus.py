"""The seed corpus holds what CONTENT.md asks for, in the precision the record gives."""

from __future__ import annotations

import json

import pytest

from argline.io.seed import load_seed, seed_bytes
from argline.io.transfer import export_text
from argline.model.dates import Precision
from argline.model.entities import ClaimRole, Corpus
from argline.ops.queries import load_corpus
from argline.store import Store

# (start, end, precision) of every event row of CONTENT.md's table but the publication,
# which is the forecast's own publication date.
EXPECTED_EVENTS = {
    ("1807", None, Precision.YEAR),
    ("1812", "1841", Precision.YEAR),
    ("1859", None, Precision.YEAR),
    ("1867-03-30", None, Precision.DAY),
    ("1975-08-01", None, Precision.DAY),
    ("1990-09-09", None, Precision.DAY),
    ("1997-03-21", None, Precision.DAY),
    ("2014-02", "2014-03", Precision.MONTH),
    ("2014-03", None, Precision.MONTH),
    ("2016", None, Precision.YEAR),
    ("2017-08-02", None, Precision.DAY),
    ("2018-03-01", "2018-06-01", Precision.DAY),
    ("2018-06-14", "2018-07-15", Precision.DAY),
    ("2018-07-16", None, Precision.DAY),
    ("2018-07-19", None, Precision.DAY),
}


@pytest.fixture
def corpus(seeded_store: Store) -> Corpus:
    with seeded_store.reading() as session:
        return load_corpus(session)


def test_every_event_of_the_record_is_there_with_its_precision(corpus: Corpus) -> None:
    found = {
        (e.start.to_edtf(), e.end.to_edtf() if e.end else None, e.start.precision)
        for e in corpus.events
    }
    assert found >= EXPECTED_EVENTS
    same_day = [e for e in corpus.events if e.start.to_edtf() == "2018-07-16"]
    assert len(same_day) == 2  # the summit and the Fox News interview
    assert len(corpus.events) == 16


def test_the_alaska_purchase_is_disputed_by_source_001(corpus: Corpus) -> None:
    (disputed,) = [e for e in corpus.events if e.disputed_by]
    assert disputed.start.to_edtf() == "1867-03-30"
    (source_date,) = disputed.disputed_by
    assert source_date.date.to_edtf() == "1859"
    assert source_date.source == "expert-insights-2018-07-13"
    assert source_date.locator


def test_both_assessments_are_dated_in_the_precision_known(corpus: Corpus) -> None:
    by_kind = {a.kind.value: a for a in corpus.assessments}
    assert by_kind["forecast"].published.to_edtf() == "2018-07-13"
    assert by_kind["retrospective"].published.to_edtf() == "2018-07"
    assert by_kind["retrospective"].published.precision is Precision.MONTH


def test_the_argument_structure_is_whole(corpus: Corpus) -> None:
    claims = corpus.claims
    assert len(claims) >= 30
    for assessment in corpus.assessments:
        roles = [c.role for c in assessment.claims]
        assert roles.count(ClaimRole.MAIN) == 1
        assert ClaimRole.OBJECTION in roles
    assert all(c.locator for c in claims)
    assert all(s.locator for e in corpus.events for s in e.source_dates)


def test_claims_rest_on_events_and_on_the_other_assessment(corpus: Corpus) -> None:
    assert len(corpus.links) >= 10
    owner = {c.id: c.assessment_id for c in corpus.claims}
    across = [
        r for r in corpus.relations if r.target in owner and owner[r.source] != owner[r.target]
    ]
    assert len(across) >= 3


def test_loading_the_seed_twice_does_not_duplicate_it(seeded_store: Store) -> None:
    before = export_text(seeded_store)
    report = load_seed(seeded_store)
    assert all(t.added == 0 and t.updated == 0 for t in report.tallies.values())
    assert export_text(seeded_store) == before


def test_the_seed_file_follows_the_shipped_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    schema = json.loads(resources.files("argline.io").joinpath("argline.schema.json").read_text())
    jsonschema.validate(json.loads(seed_bytes()), schema)
