"""An AIF scheme node with several premises is one linked reason, and is written back so."""

from __future__ import annotations

import json

from argline.io.formats import aif
from argline.io.transfer import export_bytes, import_bytes
from argline.model.entities import RelationType
from argline.store import Store

# OVA-style: two premises into one RA, one into a CA on the same conclusion, and an
# undercut (CA on the RA) from a fourth claim.
NODES = [
    {"nodeID": "c", "text": "Putin gained from the summit", "type": "I"},
    {"nodeID": "p1", "text": "The summit was held at all", "type": "I"},
    {"nodeID": "p2", "text": "Being received counts as recognition", "type": "I"},
    {"nodeID": "ra", "text": "Default Inference", "type": "RA"},
    {"nodeID": "o1", "text": "No deal was reached", "type": "I"},
    {"nodeID": "o2", "text": "Only deals count as gains", "type": "I"},
    {"nodeID": "ca", "text": "Default Conflict", "type": "CA"},
    {"nodeID": "u", "text": "Recognition was withdrawn at once", "type": "I"},
    {"nodeID": "cu", "text": "Default Conflict", "type": "CA"},
]
EDGES = [
    ("p1", "ra"),
    ("p2", "ra"),
    ("ra", "c"),
    ("o1", "ca"),
    ("o2", "ca"),
    ("ca", "c"),
    ("u", "cu"),
    ("cu", "ra"),
]
FILE = json.dumps(
    {
        "nodes": NODES,
        "edges": [{"edgeID": str(n), "fromID": a, "toID": b} for n, (a, b) in enumerate(EDGES)],
    }
).encode()


def _relations(data: bytes) -> dict[str, tuple[tuple[str, ...], str, RelationType]]:
    corpus = aif.read(data).corpus
    prefix = corpus.assessments[0].id + "/"
    return {
        r.id.removeprefix(prefix): (
            tuple(p.removeprefix(prefix) for p in r.premises),
            r.target.removeprefix(prefix),
            r.type,
        )
        for r in corpus.relations
    }


def test_an_ra_node_with_two_premises_is_one_linked_support() -> None:
    assert _relations(FILE) == {
        "ra": (("p1", "p2"), "c", RelationType.SUPPORT),
        "ca": (("o1", "o2"), "c", RelationType.ATTACK),
        "cu": (("u",), "ra", RelationType.UNDERCUT),
    }


def test_a_linked_reason_is_written_as_one_ra_with_an_edge_from_each_premise(
    store: Store,
) -> None:
    import_bytes(store, FILE, name="linked.json")
    written = export_bytes(store, format="aif")
    graph = json.loads(written)["AIF"]
    kinds = {n["nodeID"]: n["type"] for n in graph["nodes"]}
    assert sorted(k for k in kinds.values() if k != "I") == ["CA", "CA", "RA"]
    (ra,) = (n for n, k in kinds.items() if k == "RA")
    into = sorted(e["fromID"] for e in graph["edges"] if e["toID"] == ra)
    assert [kinds[n] for n in into] == ["CA", "I", "I"]
    assert aif.read(written).corpus == aif.read(FILE).corpus
    # Imported back, nothing new: the same relations, with the same premises.
    report = import_bytes(store, written, name="again.aif.json")
    assert report.tallies["relations"].added == report.tallies["relations"].updated == 0
    assert export_bytes(store, format="aif") == written


def test_an_edge_given_twice_names_its_premise_once(store: Store) -> None:
    """AIF files carry repeated edges; a premise joined twice to its RA is one premise."""
    twice = json.loads(FILE)
    twice["edges"].append({"edgeID": "again", "fromID": "p1", "toID": "ra"})
    alone = {**twice, "edges": [e for e in twice["edges"] if e["fromID"] != "p2"]}
    assert _relations(json.dumps(twice).encode())["ra"] == (("p1", "p2"), "c", RelationType.SUPPORT)
    assert _relations(json.dumps(alone).encode())["ra"] == (("p1",), "c", RelationType.SUPPORT)
    import_bytes(store, json.dumps(twice).encode(), name="twice.json")
