"""AIF JSON import and export: AIFdb's real node sets and OVA's positions."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from argline.io.errors import ImportRefused
from argline.io.formats import aif, argline_json, for_file
from argline.io.transfer import export_bytes, import_bytes, import_file
from argline.model.anchoring import reanchor
from argline.model.entities import (
    Assessment,
    Claim,
    ClaimRole,
    Corpus,
    Relation,
    RelationType,
)
from argline.model.passages import (
    Passage,
    SourceDocument,
    fingerprint,
    normalise,
    passage_checksum,
    quote,
)
from argline.ops.documents import AttachDocument
from argline.ops.queries import load_corpus
from argline.ops.running import run
from argline.store import Store
from conftest import SHARED


@pytest.mark.parametrize(
    ("name", "expected"),
    [("nodeset27", (6, 4, 1, {}, 6)), ("nodeset664", (26, 22, 3, {}, 0))],
)
def test_a_real_node_set_gives_a_claim_per_i_node_and_a_relation_per_premise(
    shared_corpus: Path, name: str, expected: tuple
) -> None:
    claims, supports, attacks, skipped, passages = expected
    data = (shared_corpus / "aif" / f"{name}.json").read_bytes()
    raw = json.loads(data)
    kinds = {n["nodeID"]: n["type"] for n in raw["nodes"]}
    premises = [
        e for e in raw["edges"] if kinds[e["fromID"]] == "I" and kinds[e["toID"]] in ("RA", "CA")
    ]
    reading = aif.read(data)
    corpus = reading.corpus
    assert len(corpus.claims) == claims == Counter(kinds.values())["I"]
    types = Counter(r.type for r in corpus.relations)
    assert (types[RelationType.SUPPORT], types[RelationType.ATTACK]) == (supports, attacks)
    assert sum(len(r.premises) for r in corpus.relations) == len(premises)
    assert reading.skipped == tuple(
        f"{count} {kind} nodes (locutions and dialogue are not argument structure)"
        for kind, count in sorted(skipped.items())
    )
    assert sum(len(c.passages) for c in corpus.claims) == passages


def test_a_node_set_round_trips_and_reimports_without_duplicates(
    store: Store, shared_corpus: Path
) -> None:
    for name in ("nodeset27", "nodeset664"):
        path = shared_corpus / "aif" / f"{name}.json"
        first = import_file(store, path)
        assert first.format == "aif"
        again = import_file(store, path)
        assert again.tallies["claims"].added == 0
        assert again.tallies["relations"].added == 0
        reading = aif.read(path.read_bytes())
        assessment = reading.corpus.assessments[0].id
        written = export_bytes(store, format="aif", assessment=assessment)
        assert aif.read(written).corpus == reading.corpus
        report = import_bytes(store, written, name=f"{name}.aif.json")
        assert report.tallies["claims"].added == report.tallies["relations"].added == 0


OVA = {
    "AIF": {
        "nodes": [
            {"nodeID": "1", "text": "Main point", "type": "I"},
            {"nodeID": "2", "text": "A reason", "type": "I"},
            {"nodeID": "3", "text": "Default Inference", "type": "RA"},
            {"nodeID": "4", "text": "Not when it rains", "type": "I"},
            {"nodeID": "5", "text": "Default Conflict", "type": "CA"},
            {"nodeID": "6", "text": "Speaker says so", "type": "L"},
            {"nodeID": "7", "text": "Asserting", "type": "YA"},
            {"nodeID": "8", "text": "Default Transition", "type": "TA"},
        ],
        "edges": [
            {"edgeID": 1, "fromID": "2", "toID": "3"},
            {"edgeID": 2, "fromID": "3", "toID": "1"},
            {"edgeID": 3, "fromID": "4", "toID": "5"},
            {"edgeID": 4, "fromID": "5", "toID": "3"},
            {"edgeID": 5, "fromID": "6", "toID": "7"},
            {"edgeID": 6, "fromID": "7", "toID": "1"},
        ],
        "locutions": [],
    },
    "OVA": {"nodes": [{"nodeID": "1", "x": 10, "y": 20.5}, {"nodeID": "2", "x": -5, "y": 0}]},
}


def test_ova_positions_are_kept_and_a_conflict_aimed_at_an_inference_is_an_undercut() -> None:
    reading = aif.read(json.dumps(OVA).encode())
    claims = {c.text: c for c in reading.corpus.claims}
    assert claims["Main point"].position == (10.0, 20.5)
    assert claims["Main point"].placed_by_hand
    assert claims["Not when it rains"].position is None
    support, undercut = reading.corpus.relations
    assert support.type is RelationType.SUPPORT
    assert (undercut.type, undercut.target) == (RelationType.UNDERCUT, support.id)
    assert str(claims["A reason"].role) == "reason"
    assert str(claims["Main point"].role) == "main"
    assert reading.skipped == ("1 TA node (locutions and dialogue are not argument structure)",)
    assert [p.exact for p in claims["Main point"].passages] == ["Speaker says so"]
    written = aif.write(reading.corpus, None)
    assert aif.read(written).corpus == reading.corpus


@pytest.mark.parametrize(
    ("change", "where", "says"),
    [
        (
            lambda d: d["AIF"]["edges"].append({"fromID": "2", "toID": "99"}),
            "AIF.edges[6].toID",
            "'99'",
        ),
        (lambda d: d["AIF"]["nodes"][0].update(type=None), "AIF.nodes[0].type", "required"),
        (lambda d: d["AIF"]["nodes"][1].update(nodeID="1"), "AIF.nodes[1].nodeID", "twice"),
        (lambda d: d["OVA"]["nodes"][0].update(x="left"), "OVA.nodes[0].x", "text 'left'"),
        (lambda d: d["AIF"].update(nodes={}), "AIF.nodes", "expected a list"),
    ],
)
def test_bad_aif_is_refused_naming_the_json_path_and_value(change, where: str, says: str) -> None:
    document = json.loads(json.dumps(OVA))
    change(document)
    with pytest.raises(ImportRefused) as refused:
        aif.read(json.dumps(document).encode())
    assert refused.value.where == where
    assert says in refused.value.detail


@pytest.mark.parametrize(
    "data",
    [
        b'{"nodes": [{"nodeID": "1", "text": "x", "type": "I", "x": NaN}], "edges": []}',
        b'{"nodes": [{"nodeID": ' + b"9" * 5000 + b', "type": "I"}]}',
        b'{"nodes": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"nodes": [{"nodeID": "1", "text": "\xff", "type": "I"}]}',
        b"[]",
        b'{"nodes": []}',
    ],
)
def test_hostile_aif_is_refused_cleanly(data: bytes) -> None:
    with pytest.raises(ImportRefused):
        aif.read(data)


def test_aif_is_told_from_other_json_by_its_content() -> None:
    assert for_file("x.json", json.dumps(OVA).encode()).name == "aif"
    assert for_file("x.json", b'{"nodes": [{"nodeID": "1"}]}').name == "aif"


def test_a_relation_sharing_its_id_with_a_claim_gets_a_node_of_its_own(store: Store) -> None:
    data = {
        "format": "argline",
        "version": 1,
        "assessments": [
            {
                "id": "m",
                "title": "M",
                "claims": [
                    {"id": "a", "text": "A", "role": "main"},
                    {"id": "b", "text": "B", "role": "reason"},
                ],
            }
        ],
        "relations": [{"id": "a", "from": "b", "to": "a", "type": "support"}],
    }
    import_bytes(store, json.dumps(data).encode(), name="m.json", format="argline")
    written = json.loads(export_bytes(store, format="aif", assessment="m"))
    ids = [n["nodeID"] for n in written["AIF"]["nodes"]]
    assert len(ids) == len(set(ids)) == 3
    again = import_bytes(store, json.dumps(written).encode(), name="m.json", format="aif")
    assert again.tallies["relations"].added == 0
    assert again.tallies["claims"].added == 0


# Locutions: the passages a claim cites, as OVA3 and AIFdb tie them to I-nodes ------------

HELSINKI = (
    "Helsinki, 16 July 2018.\n"
    "The summit gave Moscow what it had wanted for years.\n"
    "Sanctions stayed, however, and the alliance held together.\n"
)


def _cited(text: str, exact: str) -> Passage:
    start = text.index(exact)
    return quote(text, start, start + len(exact))


def _helsinki(document: SourceDocument | None, *claims: Claim) -> Corpus:
    claims = claims or (
        Claim(
            "hm-main",
            "hm",
            "Moscow won at Helsinki",
            ClaimRole.MAIN,
            position=(10.0, 20.0),
            placed_by_hand=True,
            passages=(_cited(HELSINKI, "The summit gave Moscow what it had wanted"),),
        ),
        Claim(
            "hm-no",
            "hm",
            "Nothing changed for the West",
            ClaimRole.OBJECTION,
            passages=(
                _cited(HELSINKI, "Sanctions stayed"),
                _cited(HELSINKI, "the alliance held together"),
            ),
        ),
        Claim("hm-date", "hm", "It was in July", ClaimRole.REASON),
    )
    assessment = Assessment(
        "hm", "Helsinki", author="Fiona Hill", claims=claims, document=document, source="AIF"
    )
    relations = (Relation("hm-r1", "hm-no", "hm-main", RelationType.ATTACK),)
    return Corpus(assessments=(assessment,), relations=relations)


def _attached(text: str) -> SourceDocument:
    return SourceDocument("helsinki.txt", fingerprint(text), len(normalise(text)), text=text)


def _passages(corpus: Corpus) -> dict[str, tuple[Passage, ...]]:
    return {c.id: c.passages for c in corpus.claims}


def test_a_claims_passages_export_as_locutions_asserting_it_and_import_back() -> None:
    corpus = _helsinki(_attached(HELSINKI))
    written = aif.write(corpus, None)
    raw = json.loads(written)
    nodes = {n["nodeID"]: n for n in raw["AIF"]["nodes"]}
    edges = {(e["fromID"], e["toID"]) for e in raw["AIF"]["edges"]}
    assert len(edges) == len(raw["AIF"]["edges"]) == 2 + 2 * 3
    for claim in corpus.claims:
        for n, passage in enumerate(claim.passages, start=1):
            said, anchor = nodes[f"{claim.id}/L{n}"], nodes[f"{claim.id}/YA{n}"]
            assert (said["type"], said["text"]) == ("L", f"Fiona Hill: {passage.exact}")
            assert (anchor["type"], anchor["text"]) == ("YA", "Asserting")
            assert {(said["nodeID"], anchor["nodeID"]), (anchor["nodeID"], claim.id)} <= edges
    assert raw["AIF"]["participants"] == [
        {"participantID": 1, "firstname": "Fiona", "surname": "Hill"}
    ]
    assert [(w["nodeID"], w["personID"]) for w in raw["AIF"]["locutions"]] == [
        ("hm-main/L1", 1),
        ("hm-no/L1", 1),
        ("hm-no/L2", 1),
    ]
    assert "skipped" not in raw["argline"]
    read_back = aif.read(written)
    assert read_back.skipped == ()
    assert _passages(read_back.corpus) == _passages(corpus)
    assert read_back.corpus == _helsinki(None)  # AIF carries no document: the store keeps it
    assert aif.write(read_back.corpus, None) == aif.write(_helsinki(None), None)


def test_ova_shows_the_attached_document_with_each_locution_highlighted() -> None:
    raw = json.loads(aif.write(_helsinki(_attached(HELSINKI)), None))
    text = raw["text"]
    assert text.startswith("Helsinki, 16 July 2018.<br>")
    for node, exact in [
        ("hm-main/L1", "The summit gave Moscow what it had wanted"),
        ("hm-no/L1", "Sanctions stayed"),
        ("hm-no/L2", "the alliance held together"),
    ]:
        assert f'<span id="node{node}" class="highlighted">{exact}</span>' in text
    assert "text" not in json.loads(aif.write(_helsinki(None), None))


def test_passages_without_a_quote_are_reported_and_kept_but_written_as_no_locution() -> None:
    named = SourceDocument("helsinki.txt", fingerprint(HELSINKI), len(normalise(HELSINKI)))
    seed_like = Passage(start=24, end=66, checksum=passage_checksum(HELSINKI[24:66]))
    claim = Claim("hm-main", "hm", "Moscow won", ClaimRole.MAIN, passages=(seed_like,))
    written = aif.write(_helsinki(named, claim), None)
    raw = json.loads(written)
    assert [n["type"] for n in raw["AIF"]["nodes"]] == ["I"]
    assert raw["argline"]["skipped"] == [
        "claim 'hm-main': 1 passage has no quote until the source document is attached: "
        "kept for Argline, not written as locutions"
    ]
    assert _passages(aif.read(written).corpus) == {"hm-main": (seed_like,)}


def test_a_locution_changed_in_an_aif_tool_becomes_a_passage_found_by_its_quote() -> None:
    raw = json.loads(aif.write(_helsinki(_attached(HELSINKI)), None))
    for node in raw["AIF"]["nodes"]:
        if node["nodeID"] == "hm-no/L1":
            node["text"] = "Fiona Hill: Sanctions stayed, however"
    passages = _passages(aif.read(json.dumps(raw).encode()).corpus)
    kept, changed = passages["hm-no"]
    assert kept == _cited(HELSINKI, "the alliance held together")
    assert changed == Passage(
        0, 0, passage_checksum("Sanctions stayed, however"), "Sanctions stayed, however"
    )
    (found,) = reanchor([changed], HELSINKI)
    assert (found.exact, found.orphaned) == ("Sanctions stayed, however", False)
    assert found.start == HELSINKI.index("Sanctions")


@pytest.mark.parametrize("author", ["", "Fiona Hill"])
def test_a_quote_that_reads_like_a_speaker_comes_back_whole(author: str) -> None:
    text = "Lavrov says 'never' again.\nNote: sanctions stay."
    passages = (_cited(text, "Lavrov says 'never'"), _cited(text, "Note: sanctions stay."))
    claim = Claim("hm-main", "hm", "Moscow will not yield", ClaimRole.MAIN, passages=passages)
    corpus = _helsinki(_attached(text), claim)
    corpus = Corpus(assessments=(replace(corpus.assessments[0], author=author),))
    written = aif.write(corpus, None)
    assert _passages(aif.read(written).corpus) == {"hm-main": passages}
    if author:  # as OVA3 writes it, the speaker named: read as any AIF tool's file
        raw = json.loads(written)
        raw.pop("argline")
        (foreign,) = aif.read(json.dumps(raw).encode()).corpus.claims
        assert [p.exact for p in foreign.passages] == [p.exact for p in passages]


OVA3 = {
    "AIF": {
        "nodes": [
            {"nodeID": "2_16", "text": "A sugar tax cuts obesity", "type": "I"},
            {
                "nodeID": "3_16",
                "text": "Participant Rachel: a sugar tax\ncuts obesity",
                "type": "L",
            },
            {"nodeID": "4_16", "text": "Analysing", "type": "YA"},
            {"nodeID": "5_16", "text": "Anon: Participant Rachel: a sugar tax", "type": "L"},
            {"nodeID": "6_16", "text": "Asserting", "type": "YA"},
        ],
        "edges": [
            {"edgeID": 1, "fromID": "4_16", "toID": "3_16"},
            {"edgeID": 2, "fromID": "5_16", "toID": "4_16"},
            {"edgeID": 3, "fromID": "3_16", "toID": "6_16"},
            {"edgeID": 4, "fromID": "6_16", "toID": "2_16"},
        ],
        "participants": [{"participantID": 1, "firstname": "Participant", "surname": "Rachel"}],
        "locutions": [
            {"nodeID": "3_16", "personID": 1, "start": "2021-11-11 21:50:00", "end": None}
        ],
    },
    "text": '<span id="node3_16" class="highlighted">a sugar tax cuts obesity</span>',
}


def test_an_ova3_locution_is_read_without_its_speaker_and_found_when_the_text_comes() -> None:
    reading = aif.read(json.dumps(OVA3).encode())
    (claim,) = reading.corpus.claims
    (passage,) = claim.passages
    assert passage == Passage(
        0, 0, passage_checksum("a sugar tax cuts obesity"), "a sugar tax cuts obesity"
    )
    # The analyst's own locution (Anon: …) analyses another locution, not a claim.
    assert reading.skipped == (
        "1 L node (locutions and dialogue are not argument structure)",
        "1 YA node (locutions and dialogue are not argument structure)",
    )
    text = "Doctors agree that a sugar  tax\ncuts obesity, they say."
    (found,) = reanchor(claim.passages, text)
    assert not found.orphaned
    assert (found.start, found.exact) == (text.index("a sugar"), "a sugar  tax\ncuts obesity")
    assert found.prefix == "Doctors agree that "


def test_the_locutions_of_a_real_node_set_become_passages_of_the_claims_they_assert(
    store: Store, shared_corpus: Path
) -> None:
    path = shared_corpus / "aif" / "nodeset27.json"
    raw = json.loads(path.read_bytes())
    texts = {n["nodeID"]: n["text"] for n in raw["nodes"]}
    follows = {e["fromID"]: e["toID"] for e in raw["edges"]}  # one each from L and YA
    # "VCBrown says 'more flexibility for students'" → YA → the I-node that says so
    said = {
        texts[follows[follows[n["nodeID"]]]]: n["text"].split(" says ", 1)[1][1:-1]
        for n in raw["nodes"]
        if n["type"] == "L"
    }
    assert len(said) == 6
    reading = aif.read(path.read_bytes())
    cited = {c.text: c.passages for c in reading.corpus.claims}
    assert sum(len(p) for p in cited.values()) == 6
    for proposition, exact in said.items():
        (passage,) = cited[proposition]
        assert passage == Passage(0, 0, passage_checksum(exact), exact)
    import_file(store, path)
    with store.reading() as session:
        stored = load_corpus(session)
    assert _passages(stored) == _passages(reading.corpus)

    text = "VCBrown: semesterisation is a good idea,\ngiving more flexibility for students."
    run(store, AttachDocument(stored.assessments[0].id, _attached(text)))
    with store.reading() as session:
        anchored = {c.text: c.passages[0] for c in load_corpus(session).claims}
    for proposition, passage in anchored.items():
        if proposition in text:
            assert text[passage.start : passage.end] == proposition
            assert passage.prefix
            assert not passage.orphaned
        else:
            assert passage.orphaned  # kept, listed, never dropped
    assert sum(not p.orphaned for p in anchored.values()) == 2


def test_a_map_exported_to_aif_imports_and_exports_again_unchanged(store: Store) -> None:
    corpus = _helsinki(_attached(HELSINKI))
    import_bytes(store, argline_json.FORMAT.write(corpus, None), name="hm.json", format="argline")
    first = export_bytes(store, format="aif", assessment="hm")
    report = import_bytes(store, first, name="hm.aif.json", format="aif")
    assert report.tallies["claims"].added == 0
    assert export_bytes(store, format="aif", assessment="hm") == first
    with store.reading() as session:
        assert _passages(load_corpus(session)) == _passages(corpus)


def test_the_seed_exports_its_passages_as_locutions_once_its_text_is_attached(
    seeded_store: Store,
) -> None:
    path = SHARED / "seeds" / "000_4a4f5883e0840d4a.txt"
    if not path.is_file():
        pytest.skip(f"the seed texts are not beside this checkout ({path.name})")
    before = json.loads(export_bytes(seeded_store, format="aif", assessment="rsis-cheang-2018-07"))
    with seeded_store.reading() as session:
        seed = load_corpus(session).only_assessment("rsis-cheang-2018-07").assessments[0]
    citing = [c for c in seed.claims if c.passages]
    assert not [n for n in before["AIF"]["nodes"] if n["type"] == "L"]
    assert len(before["argline"]["skipped"]) == len(citing)

    text = path.read_text(encoding="utf-8")
    run(seeded_store, AttachDocument(seed.id, _attached(text)))
    written = export_bytes(seeded_store, format="aif", assessment=seed.id)
    raw = json.loads(written)
    locutions = [n for n in raw["AIF"]["nodes"] if n["type"] == "L"]
    assert len(locutions) == sum(len(c.passages) for c in citing) == 25
    assert all(n["text"].startswith("Chris Cheang: ") for n in locutions)
    assert "skipped" not in raw["argline"]
    assert raw["text"].count('class="highlighted"') >= len(citing)
    import_bytes(seeded_store, written, name="cheang.aif.json", format="aif")
    assert export_bytes(seeded_store, format="aif", assessment=seed.id) == written
