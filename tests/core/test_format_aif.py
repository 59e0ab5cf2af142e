"""AIF JSON import and export: AIFdb's real node sets and OVA's positions."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from argline.io.errors import ImportRefused
from argline.io.formats import aif, for_file
from argline.io.transfer import export_bytes, import_bytes, import_file
from argline.model.entities import RelationType
from argline.store import Store


@pytest.mark.parametrize(
    ("name", "expected"),
    [("nodeset27", (6, 4, 1, {"L": 6, "YA": 6})), ("nodeset664", (26, 22, 3, {}))],
)
def test_a_real_node_set_gives_a_claim_per_i_node_and_a_relation_per_premise(
    shared_corpus: Path, name: str, expected: tuple
) -> None:
    claims, supports, attacks, skipped = expected
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
    assert len(corpus.relations) == len(premises)
    assert reading.skipped == tuple(
        f"{count} {kind} nodes (locutions and dialogue are not argument structure)"
        for kind, count in sorted(skipped.items())
    )


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
    assert len(reading.skipped) == 3  # L, TA, YA
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
