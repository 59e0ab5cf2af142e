"""Read and write the Argline exchange format (docs/FORMAT.md): one JSON file per store."""

from __future__ import annotations

import json
from typing import Any

from argline.io.errors import ImportRefused
from argline.io.json_input import Fields, decode_json
from argline.model.entities import (
    Assessment,
    AssessmentKind,
    Assumption,
    Claim,
    ClaimEventLink,
    ClaimRole,
    Corpus,
    Era,
    Event,
    Relation,
    RelationType,
    SourceDate,
)

FORMAT_NAME = "argline"
FORMAT_VERSION = 1


def looks_like_exchange(data: bytes) -> bool:
    """Tell an Argline exchange file from other JSON by its first bytes, without parsing it."""
    head = data[:4096].decode("utf-8", "ignore")
    return '"format"' in head and f'"{FORMAT_NAME}"' in head


def read_exchange(data: bytes) -> Corpus:
    """Return the corpus an exchange file holds; raise ImportRefused naming the JSON path."""
    root = Fields(decode_json(data), "")
    if root.value.get("format") != FORMAT_NAME:
        raise ImportRefused(f"'format' must be {FORMAT_NAME!r}: this is not an Argline file")
    version = root.value.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportRefused("expected a whole number", where="version")
    if version > FORMAT_VERSION:
        raise ImportRefused(
            f"format version {version} is newer than this Argline reads ({FORMAT_VERSION})",
            where="version",
        )
    events = tuple(_event(f) for f in root.objects("events"))
    assessments = tuple(_assessment(f) for f in root.objects("assessments"))
    corpus = Corpus(
        title=root.text("title"),
        events=events,
        eras=tuple(_era(f) for f in root.objects("eras")),
        assessments=assessments,
        relations=tuple(_relation(f) for f in root.objects("relations")),
        links=tuple(
            ClaimEventLink(f.text("claim", required=True), f.text("event", required=True))
            for f in root.objects("claim_events")
        ),
    )
    _check_unique_ids(corpus)
    return corpus


def _event(fields: Fields) -> Event:
    event_id = fields.text("id", required=True)
    title = fields.text("title", required=True)
    start = fields.required_date("start")
    end = fields.date("end")
    if end is not None and end.axis_end() < start.axis_start():
        raise ImportRefused(
            f"the end {end.to_edtf()} is before the start {start.to_edtf()}",
            where=fields.where("end"),
        )
    return Event(
        id=event_id,
        title=title,
        start=start,
        end=end,
        description=fields.text("description"),
        category=fields.text("category"),
        source_dates=tuple(
            SourceDate(s.text("source", required=True), s.required_date("date"), s.text("locator"))
            for s in fields.objects("source_dates")
        ),
        attributes=tuple(sorted(fields.mapping("attributes").items())),
    )


def _era(fields: Fields) -> Era:
    return Era(
        id=fields.text("id", required=True),
        title=fields.text("title", required=True),
        start=fields.required_date("start"),
        end=fields.required_date("end"),
    )


def _assessment(fields: Fields) -> Assessment:
    assessment_id = fields.text("id", required=True)
    return Assessment(
        id=assessment_id,
        title=fields.text("title", required=True),
        kind=AssessmentKind(fields.choice("kind", tuple(AssessmentKind), default="other")),
        author=fields.text("author"),
        outlet=fields.text("outlet"),
        published=fields.date("published"),
        source=fields.text("source"),
        claims=tuple(_claim(f, assessment_id) for f in fields.objects("claims")),
    )


def _claim(fields: Fields, assessment_id: str) -> Claim:
    position = None
    if fields.value.get("position") is not None:
        point = Fields(fields.value["position"], fields.where("position"))
        position = (point.number("x"), point.number("y"))
    assumption = fields.value.get("assumption")
    return Claim(
        id=fields.text("id", required=True),
        assessment_id=assessment_id,
        text=fields.text("text", required=True),
        role=ClaimRole(fields.choice("role", tuple(ClaimRole))),
        title=fields.text("title"),
        locator=fields.text("locator"),
        position=position,
        placed_by_hand=fields.boolean("placed_by_hand"),
        assumption=Assumption(fields.choice("assumption", tuple(Assumption)))
        if assumption is not None
        else None,
    )


def _relation(fields: Fields) -> Relation:
    return Relation(
        id=fields.text("id", required=True),
        source=fields.text("from", required=True),
        target=fields.text("to", required=True),
        type=RelationType(fields.choice("type", tuple(RelationType))),
    )


def _check_unique_ids(corpus: Corpus) -> None:
    groups = {
        "events": [e.id for e in corpus.events],
        "eras": [e.id for e in corpus.eras],
        "assessments": [a.id for a in corpus.assessments],
        "claims": [c.id for c in corpus.claims],
        "relations": [r.id for r in corpus.relations],
    }
    for kind, ids in groups.items():
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                raise ImportRefused(
                    f"the id {item_id!r} is used twice among {kind}", where=f"{kind}[{index}].id"
                )
            seen.add(item_id)
    claims = set(groups["claims"])
    relations = set(groups["relations"])
    for index, relation in enumerate(corpus.relations):
        if relation.type is RelationType.UNDERCUT and relation.target in claims - relations:
            raise ImportRefused(
                f"an undercut targets a relation, but {relation.target!r} is a claim",
                where=f"relations[{index}].to",
            )


def write_exchange(corpus: Corpus) -> str:
    """Return the corpus as exchange-format JSON, in a stable order that diffs well."""
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "title": corpus.title,
        "events": [_event_json(e) for e in corpus.events],
        "eras": [
            {"id": e.id, "title": e.title, "start": e.start.to_edtf(), "end": e.end.to_edtf()}
            for e in corpus.eras
        ],
        "assessments": [_assessment_json(a) for a in corpus.assessments],
        "relations": [
            {"id": r.id, "from": r.source, "to": r.target, "type": r.type.value}
            for r in corpus.relations
        ],
        "claim_events": [{"claim": k.claim, "event": k.event} for k in corpus.links],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _event_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "description": event.description,
        "start": event.start.to_edtf(),
        "end": event.end.to_edtf() if event.end else None,
        "category": event.category,
        "source_dates": [
            {"source": s.source, "date": s.date.to_edtf(), "locator": s.locator}
            for s in event.source_dates
        ],
        "attributes": dict(event.attributes),
    }


def _assessment_json(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.id,
        "title": assessment.title,
        "author": assessment.author or None,
        "outlet": assessment.outlet or None,
        "published": assessment.published.to_edtf() if assessment.published else None,
        "kind": assessment.kind.value,
        "source": assessment.source or None,
        "claims": [_claim_json(c) for c in assessment.claims],
    }


def _claim_json(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "title": claim.title or None,
        "text": claim.text,
        "role": claim.role.value,
        "locator": claim.locator or None,
        "position": {"x": claim.position[0], "y": claim.position[1]} if claim.position else None,
        "placed_by_hand": claim.placed_by_hand,
        "assumption": claim.assumption.value if claim.assumption else None,
    }
