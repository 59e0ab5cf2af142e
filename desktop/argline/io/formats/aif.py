"""AIF JSON (AIFdb's ``{nodes, edges}`` and OVA's ``{AIF, OVA}``) as a registered format.

I-nodes become claims. An RA node becomes one support from each premise to its
conclusion, a CA node one attack; a CA whose conclusion is an RA or another CA (a
conflict with an inference, as OVA3 and AIFdb write an undercut) becomes an undercut of
each relation that node stands for, and an undercut is written back so. An RA aimed at
an RA or CA (support for an inference) has no place in Argline and is reported. OVA's
node positions are kept as claim positions. A locution (L-node) tied to an I-node
through a YA node is a passage the claim cites (aif_locutions); other locutions and
dialogue nodes (TA, MA, PA…) are left out and reported. Argline's own exports carry an
``argline`` object naming the assessment, so claim and relation ids, titles, roles and
each passage's selectors come back unchanged.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from argline.io.errors import ImportRefused
from argline.io.exchange_documents import passages_json, read_passages
from argline.io.formats import Format, Reading, one_assessment
from argline.io.formats.aif_locutions import (
    claim_passages,
    ova_text,
    read_locutions,
    unwritten_passages,
    write_locutions,
)
from argline.io.json_input import Fields, decode_json
from argline.model.entities import (
    Assessment,
    Claim,
    ClaimRole,
    Corpus,
    Relation,
    RelationType,
)
from argline.model.passages import Passage

SCHEMES = {"RA": RelationType.SUPPORT, "CA": RelationType.ATTACK}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    type: str
    text: str
    where: str


def sniff(data: bytes) -> bool:
    head = data[:4096].decode("utf-8", "ignore")
    return '"nodeID"' in head or ('"AIF"' in head and '"nodes"' in head)


def read(data: bytes) -> Reading:
    """Return the assessment an AIF file holds; refuse naming the JSON path and value."""
    root = Fields(decode_json(data), "")
    aif = Fields(root.value["AIF"], "AIF") if "AIF" in root.value else root
    own = Fields(root.value["argline"], "argline") if root.value.get("argline") else None
    nodes = _nodes(aif)
    if not any(n.type == "I" for n in nodes.values()) and not aif.items("nodes"):
        raise ImportRefused("no nodes: this is not an AIF argument map", where=aif.where("nodes"))
    incoming, outgoing = _edges(aif, nodes)
    assessment_id, title = _assessment_name(own, nodes)
    prefix = "" if own else f"{assessment_id}/"
    positions = _positions(root)
    extra = _claim_extras(own)
    locutions = read_locutions(aif, nodes, incoming, outgoing, argline_file=own is not None)

    relations: dict[str, Relation] = {}
    stands_for: dict[str, list[str]] = {}  # scheme node → the relation ids it became
    skipped: list[str] = []
    schemes = [n for n in nodes.values() if n.type in SCHEMES]
    for _ in range(len(schemes) + 1):  # a scheme aimed at a scheme waits for that one
        waiting = []
        for node in schemes:
            if not _scheme(node, nodes, incoming, outgoing, prefix, relations, stands_for):
                waiting.append(node)
        if len(waiting) == len(schemes):
            break
        schemes = waiting
    inference_supports = {
        n.id
        for n in nodes.values()
        if n.type == "RA" and any(nodes[c].type in SCHEMES for c in outgoing.get(n.id, []))
    }
    for node in schemes:
        if node.id not in inference_supports:
            skipped.append(
                f"{node.where}: {node.type} node {node.id!r} has no premise or conclusion"
            )
    skipped += [
        f"{nodes[n].where}: RA node {n!r} supports an inference; Argline has no support of a"
        " relation, so that edge is not kept"
        for n in sorted(inference_supports)
    ]
    claims = []
    for node in (n for n in nodes.values() if n.type == "I"):
        claim_id = prefix + node.id
        own_claim = extra.get(node.id, _Extras(locator=f"node {node.id}"))
        position = positions.get(node.id)
        claims.append(
            Claim(
                id=claim_id,
                assessment_id=assessment_id,
                text=node.text,
                role=own_claim.role or derived_role(claim_id, relations.values()),
                title=own_claim.title,
                locator=own_claim.locator,
                position=position,
                placed_by_hand=position is not None,  # placed by someone in OVA
                passages=claim_passages(locutions.quotes.get(node.id, ()), own_claim.passages),
            )
        )
    left_out: dict[str, int] = {}
    for node in nodes.values():
        if node.type != "I" and node.type not in SCHEMES and node.id not in locutions.read:
            left_out[node.type] = left_out.get(node.type, 0) + 1
    skipped += [
        f"{count} {kind} node{'s' if count > 1 else ''} (locutions and dialogue are not argument "
        "structure)"
        for kind, count in sorted(left_out.items())
    ]
    assessment = Assessment(
        id=assessment_id,
        title=title_or(title),
        author=own.text("author") if own else "",  # the speaker of its locutions
        claims=tuple(claims),
        source="AIF",
    )
    corpus = Corpus(assessments=(assessment,), relations=tuple(relations.values()))
    return Reading(corpus, tuple(skipped))


def title_or(title: str) -> str:
    return title or "AIF argument map"


def _nodes(aif: Fields) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    for fields in aif.objects("nodes"):
        node_id = _id_text(fields, "nodeID")
        kind = fields.text("type", required=True)
        if node_id in nodes:
            raise ImportRefused(f"node id {node_id!r} appears twice", where=fields.where("nodeID"))
        text = fields.text("text")
        if kind == "I" and not text.strip():
            raise ImportRefused("an I-node needs text", where=fields.where("text"))
        nodes[node_id] = Node(node_id, kind, " ".join(text.split()), fields.path)
    return nodes


def _id_text(fields: Fields, name: str) -> str:
    """Return an id that AIFdb may write as a number or as text."""
    value = fields.value.get(name)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return fields.text(name, required=True)


def _edges(
    aif: Fields, nodes: dict[str, Node]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for fields in aif.objects("edges"):
        source, target = _id_text(fields, "fromID"), _id_text(fields, "toID")
        for name, value in (("fromID", source), ("toID", target)):
            if value not in nodes:
                raise ImportRefused(f"no node has the id {value!r}", where=fields.where(name))
        outgoing.setdefault(source, []).append(target)
        incoming.setdefault(target, []).append(source)
    return incoming, outgoing


def _scheme(  # noqa: PLR0917 - one graph walk's state, passed rather than bundled
    node: Node,
    nodes: dict[str, Node],
    incoming: dict[str, list[str]],
    outgoing: dict[str, list[str]],
    prefix: str,
    relations: dict[str, Relation],
    stands_for: dict[str, list[str]],
) -> bool:
    """Add the relations an RA or CA node stands for; False while its target waits."""
    # dict.fromkeys: an edge repeated (AIF files carry some) joins its premise once.
    premises = list(dict.fromkeys(p for p in incoming.get(node.id, []) if nodes[p].type == "I"))
    conclusions = outgoing.get(node.id, [])
    if not premises or not conclusions:
        return False
    # (premises, target, type): the premises of one scheme node hold only together, so
    # several make one linked reason; an undercut comes from one claim, so one per premise.
    made: list[tuple[list[str], str, RelationType]] = []
    for conclusion in conclusions:
        target = nodes[conclusion]
        if target.type == "I":
            made.append((premises, prefix + conclusion, SCHEMES[node.type]))
        elif target.type in SCHEMES:
            if node.type == "RA":
                continue  # support for an inference: reported by the caller
            if conclusion not in stands_for:
                return False
            made += [
                ([p], aimed, RelationType.UNDERCUT)
                for p in premises
                for aimed in stands_for[conclusion]
            ]
    if not made:
        return False
    single = len(made) == 1
    ids = []
    for sources, target_id, kind in made:
        named = sources[0] if len(sources) == 1 else "linked"
        relation_id = prefix + node.id if single else f"{prefix}{node.id}/{named}/{target_id}"
        first, *others = (prefix + p for p in sources)
        relations[relation_id] = Relation(relation_id, first, target_id, kind, tuple(others))
        ids.append(relation_id)
    stands_for[node.id] = ids
    return True


def derived_role(claim_id: str, relations: Any) -> ClaimRole:
    """Return a claim's role from its first outgoing relation: none makes it the main claim."""
    for relation in relations:
        if claim_id in relation.premises:
            return (
                ClaimRole.REASON if relation.type is RelationType.SUPPORT else ClaimRole.OBJECTION
            )
    return ClaimRole.MAIN


def _assessment_name(own: Fields | None, nodes: dict[str, Node]) -> tuple[str, str]:
    """Return the assessment's id and title; without Argline's own, from the first I-node."""
    if own is not None:
        return own.text("assessment", required=True), own.text("title")
    first = next((n for n in nodes.values() if n.type == "I"), None)
    if first is None:
        return "aif-empty", ""
    digest = hashlib.sha1(first.text.encode()).hexdigest()[:8]
    return f"aif-{first.id}-{digest}", ""


def _positions(root: Fields) -> dict[str, tuple[float, float]]:
    """Return OVA's node positions (``OVA.nodes[].x/y``, or ``x``/``y`` on AIF nodes)."""
    positions: dict[str, tuple[float, float]] = {}
    places = root.value.get("OVA")
    lists = [Fields(places, "OVA").objects("nodes")] if places else []
    aif = root.value.get("AIF", root.value)
    lists.append(Fields(aif, "AIF" if "AIF" in root.value else "").objects("nodes"))
    for fields in (f for found in lists for f in found):
        if "x" in fields.value and "y" in fields.value:
            positions[_id_text(fields, "nodeID")] = (fields.number("x"), fields.number("y"))
    return positions


@dataclass(frozen=True, slots=True)
class _Extras:
    """What Argline's own export keeps of a claim beyond its I-node."""

    title: str = ""
    role: ClaimRole | None = None
    locator: str = ""
    passages: tuple[Passage, ...] = ()


def _claim_extras(own: Fields | None) -> dict[str, _Extras]:
    """Return what Argline's own export keeps per claim: title, role, locator and passages."""
    if own is None:
        return {}
    extras: dict[str, _Extras] = {}
    for fields in own.objects("claims"):
        extras[fields.text("id", required=True)] = _Extras(
            title=fields.text("title"),
            role=ClaimRole(fields.choice("role", tuple(ClaimRole), default="main")),
            locator=fields.text("locator"),
            passages=read_passages(fields),
        )
    return extras


def write(corpus: Corpus, assessment_id: str | None) -> bytes:
    """Return one assessment as OVA-style AIF JSON, with Argline's ids, titles and roles.

    Each quoted passage is a locution asserting its claim (L → YA → I), and the
    document, when attached, OVA's ``text`` with those passages highlighted.
    """
    part = one_assessment(corpus, assessment_id, "an AIF file")
    assessment = part.assessments[0]
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []
    for claim in assessment.claims:
        nodes.append({"nodeID": claim.id, "text": claim.text, "type": "I"})
        if claim.position is not None:  # OVA has no "placed by hand": a position is one
            x, y = claim.position
            places.append({"nodeID": claim.id, "visible": True, "x": x, "y": y})
    # Claims and relations have ids of their own; AIF nodes share one namespace.
    claim_ids = {c.id for c in assessment.claims}
    node = {r.id: f"relation:{r.id}" if r.id in claim_ids else r.id for r in part.relations}
    for relation in part.relations:
        kind = "RA" if relation.type is RelationType.SUPPORT else "CA"
        nodes.append({"nodeID": node[relation.id], "text": _SCHEME_TEXT[kind], "type": kind})
        target = node.get(relation.target, relation.target)
        ends = [(premise, node[relation.id]) for premise in relation.premises]
        for source, goal in (*ends, (node[relation.id], target)):
            edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": source, "toID": goal})
    said = write_locutions(assessment, {n["nodeID"] for n in nodes}, len(edges) + 1)
    own: dict[str, Any] = {
        "assessment": assessment.id,
        "title": assessment.title,
        "claims": [_claim_record(c) for c in assessment.claims],
    }
    if assessment.author:
        own["author"] = assessment.author
    if skipped := unwritten_passages(assessment):
        own["skipped"] = list(skipped)
    document: dict[str, Any] = {
        "AIF": {
            "nodes": nodes + said.nodes,
            "edges": edges + said.edges,
            "locutions": said.locutions,
            "participants": said.participants,
        },
        "OVA": {"nodes": places + said.places, "edges": []},
        "argline": own,
    }
    if text := ova_text(assessment.document, said.highlighted):
        document["text"] = text
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _claim_record(claim: Claim) -> dict[str, Any]:
    """Return what the ``argline`` object keeps of a claim: all its passages' selectors too."""
    record: dict[str, Any] = {
        "id": claim.id,
        "title": claim.title,
        "role": str(claim.role),
        "locator": claim.locator,
    }
    if claim.passages:
        record["passages"] = passages_json(claim.passages)
    return record


_SCHEME_TEXT = {"RA": "Default Inference", "CA": "Default Conflict"}


FORMAT = Format(
    name="aif",
    suffixes=(".json", ".aif", ".aif.json"),
    sniff=sniff,
    read=read,
    write=write,
    description="AIF JSON (AIFdb, OVA) argument map (one assessment)",
    carries_passages=True,  # as locutions
)
