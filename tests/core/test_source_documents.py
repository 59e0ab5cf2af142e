"""An assessment's source document in the store: attach it, re-anchor it, undo, export, import."""

from __future__ import annotations

import json
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from argline.io.errors import ImportRefused
from argline.io.exchange import read_exchange, write_exchange
from argline.io.seed import load_seed, seed_bytes
from argline.io.transfer import export_bytes, import_bytes
from argline.model.entities import Assessment, Claim, ClaimRole, Corpus
from argline.model.passages import SourceDocument, fingerprint, normalise, quote
from argline.ops.assessment_edits import AddAssessment
from argline.ops.changes import Batch
from argline.ops.claim_edits import AddClaim, DeleteClaim, EditClaim
from argline.ops.documents import AttachDocument, SetDocument
from argline.ops.errors import EditConflict
from argline.ops.queries import load_corpus
from argline.ops.running import run
from argline.store import Store
from conftest import SHARED

SEED_TEXTS = {
    "rsis-cheang-2018-07": "000_4a4f5883e0840d4a.txt",
    "expert-insights-2018-07-13": "001_f48fd8c337090459.txt",
}


def _document(text: str, name: str = "note.txt") -> SourceDocument:
    return SourceDocument(name, fingerprint(text), len(normalise(text)), text=text)


def _seed_text(assessment_id: str) -> str:
    path = SHARED / "seeds" / SEED_TEXTS[assessment_id]
    if not path.is_file():
        pytest.skip(f"the seed texts are not beside this checkout ({path.name})")
    return path.read_text(encoding="utf-8")


def _corpus(store: Store) -> Corpus:
    with store.reading() as session:
        return load_corpus(session)


def _passages_of(corpus: Corpus, assessment_id: str) -> list:
    found = [p for c in corpus.claims if c.assessment_id == assessment_id for p in c.passages]
    found += [
        p
        for e in corpus.events
        for s in e.source_dates
        if s.source == assessment_id
        for p in s.passages
    ]
    return found


@pytest.mark.parametrize("wrapped", [None, 50, 120], ids=["as-is", "wrapped-50", "wrapped-120"])
def test_attaching_the_seed_texts_anchors_every_seed_passage(
    seeded_store: Store, wrapped: int | None
) -> None:
    for assessment_id in SEED_TEXTS:
        text = _seed_text(assessment_id)
        if wrapped:
            text = textwrap.fill(text, wrapped, break_on_hyphens=False)
        run(seeded_store, AttachDocument(assessment_id, _document(text)))
    corpus = _corpus(seeded_store)
    for assessment in corpus.assessments:
        passages = _passages_of(corpus, assessment.id)
        assert passages, assessment.id
        assert not [p for p in passages if p.orphaned]
        text = assessment.document.text
        for passage in passages:
            assert text[passage.start : passage.end] == passage.exact
            assert passage.exact
            assert passage.prefix == text[max(0, passage.start - 32) : passage.start]
            assert passage.suffix == text[passage.end : passage.end + 32]
    alaska = next(e for e in corpus.events if e.id == "alaska-treaty")
    (cited,) = alaska.source_dates[0].passages
    assert "1859" in cited.exact


def test_seeding_again_after_attaching_changes_nothing(seeded_store: Store) -> None:
    for assessment_id in SEED_TEXTS:
        run(seeded_store, AttachDocument(assessment_id, _document(_seed_text(assessment_id))))
    before = write_exchange(_corpus(seeded_store))
    report = load_seed(seeded_store)
    assert all(t.added == t.updated == 0 for t in report.tallies.values()), report.summary()
    assert write_exchange(_corpus(seeded_store)) == before


def test_undoing_an_attach_puts_back_the_named_document_and_its_positions(
    seeded_store: Store,
) -> None:
    before = write_exchange(_corpus(seeded_store))
    assessment_id = "expert-insights-2018-07-13"
    result = run(seeded_store, AttachDocument(assessment_id, _document(_seed_text(assessment_id))))
    assert "ei-main" in result.changes.claims
    assert "alaska-treaty" in result.changes.events
    redo = run(seeded_store, result.inverse).inverse
    assert write_exchange(_corpus(seeded_store)) == before
    run(seeded_store, redo)
    assert _corpus(seeded_store).assessments[1].document.text is not None


ORIGINAL = (
    "The first paragraph sets the scene for the whole note.\n\n"
    "Sanctions were tightened in the spring, and trade between the two fell by a third.\n\n"
    "The summit itself produced no joint statement at all.\n\n"
    "Talks on arms control may follow at the level of experts."
)


def _note_with_claims(store: Store) -> None:
    note = Assessment("note", "A note")
    cited = {
        "c-sanctions": "trade between the two fell by a third",
        "c-statement": "produced no joint statement",
        "c-talks": "Talks on arms control may follow",
    }
    claims = [
        Claim(
            key,
            note.id,
            f"Claim {key}",
            ClaimRole.REASON,
            passages=(quote(ORIGINAL, ORIGINAL.index(q), ORIGINAL.index(q) + len(q)),),
        )
        for key, q in cited.items()
    ]
    run(
        store,
        Batch(
            (
                AddAssessment(note),
                SetDocument(note.id, _document(ORIGINAL)),
                *(AddClaim(c) for c in claims),
            )
        ),
    )


def _cited(store: Store) -> dict[str, object]:
    return {c.id: c.passages[0] for c in _corpus(store).claims if c.assessment_id == "note"}


def test_a_corrected_text_finds_moved_and_reworded_passages_and_lists_the_lost(
    store: Store,
) -> None:
    _note_with_claims(store)
    corrected = "An opening paragraph added by the editor.\n\n" + ORIGINAL.replace(
        "fell by a third", "fell by a quarter"
    ).replace("The summit itself produced no joint statement at all.\n\n", "")
    run(store, AttachDocument("note", _document(corrected, "note-v2.txt")))
    cited = _cited(store)
    moved = cited["c-talks"]
    assert not moved.orphaned
    assert corrected[moved.start : moved.end] == "Talks on arms control may follow"
    reworded = cited["c-sanctions"]
    assert not reworded.orphaned
    assert "quarter" in reworded.exact
    lost = cited["c-statement"]
    assert lost.orphaned
    assert lost.exact == "produced no joint statement"


def test_documents_and_passages_survive_export_and_import(store: Store, tmp_path: Path) -> None:
    _note_with_claims(store)
    exported = write_exchange(_corpus(store))
    other = Store.open(tmp_path / "other.argline")
    try:
        import_bytes(other, exported.encode(), name="note.argline.json")
        assert write_exchange(_corpus(other)) == exported
    finally:
        other.close()


def test_a_document_whose_text_does_not_match_its_fingerprint_is_refused() -> None:
    corpus = Corpus(assessments=(Assessment("a", "A", document=_document("One text.")),))
    data = json.loads(write_exchange(corpus))
    data["assessments"][0]["document"]["text"] = "Another text."
    with pytest.raises(ImportRefused, match=r"assessments\[0\]\.document\.text"):
        read_exchange(json.dumps(data).encode())


def test_a_passage_past_the_end_of_its_text_is_refused() -> None:
    text = "Short."
    claim = Claim("c", "a", "C", ClaimRole.MAIN, passages=(quote(text, 0, 6),))
    corpus = Corpus(assessments=(Assessment("a", "A", claims=(claim,), document=_document(text)),))
    data = json.loads(write_exchange(corpus))
    data["assessments"][0]["claims"][0]["passages"][0]["end"] = 60
    with pytest.raises(ImportRefused, match=r"claims\[0\]\.passages\[0\]\.end"):
        read_exchange(json.dumps(data).encode())


def test_a_version_1_file_still_reads() -> None:
    corpus = Corpus(assessments=(Assessment("a", "A"),))
    data = json.loads(write_exchange(corpus))
    data["version"] = 1
    del data["assessments"][0]["document"]
    assert read_exchange(json.dumps(data).encode()) == replace(corpus)


def _attach_seed_texts(store: Store) -> None:
    for assessment_id in SEED_TEXTS:
        run(store, AttachDocument(assessment_id, _document(_seed_text(assessment_id))))


def _quotes_of_own_text(corpus: Corpus) -> None:
    texts = {a.id: a.document.text for a in corpus.assessments}
    for event in corpus.events:
        for source_date in event.source_dates:
            for passage in source_date.passages:
                own = texts[source_date.source]
                assert own[passage.start : passage.end] == passage.exact, (event.id, source_date)


def test_source_dates_listed_in_another_order_keep_their_own_documents_passages(
    seeded_store: Store,
) -> None:
    _attach_seed_texts(seeded_store)
    data = json.loads(seed_bytes())
    summit = next(e for e in data["events"] if e["id"] == "helsinki-summit-2018")
    summit["source_dates"].reverse()
    import_bytes(seeded_store, json.dumps(data).encode(), name="reordered.argline.json")
    corpus = _corpus(seeded_store)
    _quotes_of_own_text(corpus)
    (summit_now,) = [e for e in corpus.events if e.id == "helsinki-summit-2018"]
    assert [s.source for s in summit_now.source_dates] == [
        "rsis-cheang-2018-07",
        "expert-insights-2018-07-13",
    ]
    assert all(p.exact and not p.orphaned for s in summit_now.source_dates for p in s.passages)


def test_an_argdown_round_trip_keeps_every_passage(seeded_store: Store) -> None:
    _attach_seed_texts(seeded_store)
    before = _corpus(seeded_store)
    argdown = export_bytes(seeded_store, format="argdown", assessment="rsis-cheang-2018-07")
    import_bytes(seeded_store, argdown, name="map.argdown", format="argdown")
    after = _corpus(seeded_store)
    assert {c.id: c.passages for c in after.claims} == {c.id: c.passages for c in before.claims}


def test_an_imported_quote_that_its_text_does_not_hold_there_is_found_again(store: Store) -> None:
    _note_with_claims(store)
    data = json.loads(write_exchange(_corpus(store)))
    cited = data["assessments"][0]["claims"][0]["passages"][0]
    cited["start"] -= 5  # a tool that counted otherwise
    cited["end"] -= 5
    import_bytes(store, json.dumps(data).encode(), name="shifted.argline.json")
    found = _cited(store)["c-sanctions"]
    assert (
        ORIGINAL[found.start : found.end] == found.exact == "trade between the two fell by a third"
    )


def test_a_text_holding_half_a_character_is_refused_naming_the_place() -> None:
    corpus = Corpus(assessments=(Assessment("a", "A", document=_document("One text.")),))
    data = write_exchange(corpus).replace("One text.", "One \\ud800text.")
    with pytest.raises(ImportRefused, match=r"assessments\[0\]\.document\.text: .*half"):
        read_exchange(data.encode())


def test_a_text_not_in_nfc_is_read_in_nfc_and_its_passages_found_there(store: Store) -> None:
    decomposed = "Cafe\u0301 society met in the spring, and the summit was agreed."
    composed = "Café society met in the spring, and the summit was agreed."
    cited = "the summit was agreed"
    start = decomposed.index(cited)
    claim = Claim("c", "a", "C", ClaimRole.MAIN, passages=(quote(decomposed, start, start + 21),))
    document = SourceDocument("n.txt", fingerprint(decomposed), 0, text=decomposed)
    corpus = Corpus(assessments=(Assessment("a", "A", claims=(claim,), document=document),))
    import_bytes(store, write_exchange(corpus).encode(), name="decomposed.argline.json")
    (stored,) = _corpus(store).assessments
    assert stored.document.text == composed
    (passage,) = stored.claims[0].passages
    assert composed[passage.start : passage.end] == cited


def test_undoing_an_attach_refuses_to_overwrite_a_colleagues_citation(store: Store) -> None:
    _note_with_claims(store)
    result = run(store, AttachDocument("note", _document(ORIGINAL + "\n\nA last line.", "v2.txt")))
    colleague = _cited(store)["c-talks"]
    run(store, EditClaim("c-talks", passages=(colleague, quote(ORIGINAL, 0, 9))))
    with pytest.raises(EditConflict, match="'c-talks' was changed by someone else"):
        run(store, result.inverse)
    assert len(next(c for c in _corpus(store).claims if c.id == "c-talks").passages) == 2


def test_undoing_an_attach_after_a_claim_was_deleted_is_refused_not_a_crash(store: Store) -> None:
    _note_with_claims(store)
    result = run(store, AttachDocument("note", _document(ORIGINAL + "\n\nA last line.", "v2.txt")))
    run(store, DeleteClaim("c-talks"))
    with pytest.raises(EditConflict, match="'c-talks' was deleted meanwhile"):
        run(store, result.inverse)
