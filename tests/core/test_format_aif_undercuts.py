"""AIF undercuts: conflicts aimed at inferences, through a trip to OVA3 or AIFdb and back."""

from __future__ import annotations

import json
from typing import Any

from argline.io.formats import aif
from argline.model.entities import (
    Assessment,
    Claim,
    ClaimRole,
    Corpus,
    Relation,
    RelationType,
)

SUPPORT, ATTACK, UNDERCUT = RelationType.SUPPORT, RelationType.ATTACK, RelationType.UNDERCUT
TEXTS = {
    "a": "Sanctions will hold",
    "b": "The allies agreed them",
    "c": "Trade will route round them",
    "d": "The allies agreed them before the election",
    "e": "The routes are already watched",
    "f": "The election changed nothing",
}


def _map() -> Corpus:
    """A map with an undercut of a support, of an attack, and of an undercut."""
    claims = tuple(
        Claim(id=key, assessment_id="m", text=text, role=ClaimRole.REASON)
        for key, text in TEXTS.items()
    )
    relations = (
        Relation("r1", "b", "a", SUPPORT),
        Relation("r2", "c", "a", ATTACK),
        Relation("u1", "d", "r1", UNDERCUT),
        Relation("u2", "e", "r2", UNDERCUT),
        Relation("u3", "f", "u1", UNDERCUT),
    )
    return Corpus(
        assessments=(Assessment(id="m", title="Sanctions", claims=claims),), relations=relations
    )


def _through_aifdb(written: bytes) -> bytes:
    """Return the file as AIFdb gives it back: its own numbers for ids, nothing of Argline's."""
    document = json.loads(written)
    numbers = {n["nodeID"]: 100 + k for k, n in enumerate(document["AIF"]["nodes"])}
    nodes = [{**n, "nodeID": numbers[n["nodeID"]]} for n in document["AIF"]["nodes"]]
    edges = [
        {"edgeID": k, "fromID": numbers[e["fromID"]], "toID": numbers[e["toID"]]}
        for k, e in enumerate(document["AIF"]["edges"])
    ]
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []}).encode()


def _shape(corpus: Corpus) -> set[tuple[Any, ...]]:
    """Return each relation as its source's text, its type and what it aims at, by text."""
    text = {c.id: c.text for c in corpus.claims}
    relations = {r.id: r for r in corpus.relations}

    def aim(target: str) -> Any:
        if target in text:
            return text[target]
        aimed = relations[target]
        return (text[aimed.source], aimed.type, aim(aimed.target))

    return {(text[r.source], r.type, aim(r.target)) for r in corpus.relations}


def test_undercuts_of_supports_and_attacks_are_conflicts_aimed_at_their_inferences() -> None:
    document = json.loads(aif.write(_map(), None))
    kinds = {n["nodeID"]: n["type"] for n in document["AIF"]["nodes"]}
    aimed = {(kinds[e["fromID"]], kinds[e["toID"]]) for e in document["AIF"]["edges"]}
    assert {("CA", "RA"), ("CA", "CA")} <= aimed


def test_undercuts_survive_a_trip_through_aifdb_that_drops_argline_s_ids() -> None:
    original = _map()
    reading = aif.read(_through_aifdb(aif.write(original, None)))
    assert _shape(reading.corpus) == _shape(original)
    assert reading.skipped == ()
    again = aif.read(aif.write(reading.corpus, None))
    assert again.corpus == reading.corpus


def test_a_map_with_undercuts_round_trips_whole_through_argline_s_own_aif() -> None:
    original = _map()
    assert aif.read(aif.write(original, None)).corpus.relations == original.relations


def test_support_for_an_inference_is_reported_not_read_as_an_undercut() -> None:
    nodes = [
        {"nodeID": "1", "text": "Main point", "type": "I"},
        {"nodeID": "2", "text": "A reason", "type": "I"},
        {"nodeID": "3", "text": "Default Inference", "type": "RA"},
        {"nodeID": "4", "text": "The rule holds here", "type": "I"},
        {"nodeID": "5", "text": "Default Inference", "type": "RA"},
    ]
    edges = [("2", "3"), ("3", "1"), ("4", "5"), ("5", "3")]
    data = {
        "nodes": nodes,
        "edges": [{"edgeID": k, "fromID": a, "toID": b} for k, (a, b) in enumerate(edges)],
    }
    reading = aif.read(json.dumps(data).encode())
    assert [r.type for r in reading.corpus.relations] == [SUPPORT]
    assert reading.skipped == (
        "nodes[4]: RA node '5' supports an inference; Argline has no support of a relation,"
        " so that edge is not kept",
    )
