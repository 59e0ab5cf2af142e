"""Read and write the Argline exchange format (docs/FORMAT.md): one JSON file per store."""

from __future__ import annotations

import json
from typing import Any

from argline.io.errors import ImportRefused
from argline.io.exchange_documents import (
    document_json,
    passages_json,
    read_document,
    read_passages,
)
from argline.io.exchange_lanes import lanes_json, read_lanes
from argline.io.json_input import Fields, decode_json
from argline.model.dates import DateError, HistoricalDate
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
# Version 2 added source documents and the passages claims and source dates cite,
# version 3 the lanes with their marks, version 4 linked reasons (``from`` a list of
# premises); files of versions 1 to 3 are read as they are.
FORMAT_VERSION = 4
LINKED_SINCE = 4

# Each field's choices, listed once: an enum listed anew per claim took a tenth of a
# 100,000-claim file's reading. The member of a value chosen is looked up, not called for.
_KINDS, _ROLES = tuple(AssessmentKind), tuple(ClaimRole)
_ASSUMPTIONS, _RELATION_TYPES = tuple(Assumption), tuple(RelationType)
_ROLE_OF = {role.value: role for role in ClaimRole}
_TYPE_OF = {kind.value: kind for kind in RelationType}


def looks_like_exchange(data: bytes) -> bool:
    """Tell an Argline exchange file from other JSON by its first bytes, without parsing it."""
    head = data[:4096].decode("utf-8", "ignore")
    return '"format"' in head and f'"{FORMAT_NAME}"' in head


def read_exchange(data: bytes) -> Corpus:
    """Return the corpus an exchange file holds; raise ImportRefused naming the JSON path."""
    return _read_exchange(data)


def _read_exchange(data: bytes) -> Corpus:
    dates: dict[str, HistoricalDate] = {}
    texts: dict[str, str] = {}

    def read_event(item: Any) -> Any:
        """Return the event the quick road reads from a parsed item, or the item as it is."""
        return (type(item) is dict and _plain_event(item, dates, texts)) or item

    root = Fields(decode_json(data, stream=("events", read_event)), "")
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
    events = _events(root, dates, texts)
    assessments = tuple(_assessment(f) for f in root.objects("assessments"))
    corpus = Corpus(
        title=root.text("title"),
        events=events,
        eras=tuple(_era(f) for f in root.objects("eras")),
        assessments=assessments,
        relations=tuple(_relation(f, version) for f in root.objects("relations")),
        links=tuple(
            ClaimEventLink(f.text("claim", required=True), f.text("event", required=True))
            for f in root.objects("claim_events")
        ),
        lanes=read_lanes(root),
    )
    _check_unique_ids(corpus)
    return corpus


def _events(
    root: Fields, dates: dict[str, HistoricalDate], texts: dict[str, str]
) -> tuple[Event, ...]:
    """Read the events, taking a quick road for each one that is plainly well formed.

    ``_event`` alone makes an import of 100,000 events a fifth slower (bench/import_bulk.py).
    ``_plain_event`` makes the same checks inline and hands anything unusual or wrong to
    ``_event``, so every refusal still comes from one place, worded and located as before;
    tests/core/test_formats_properties_exchange.py holds the two roads to the same reading.
    The quick road has read most events already, each as the JSON was parsed: a million
    took 600 MB more held as dicts until the end of the parse.
    """
    items = root.items("events")
    where = root.where("events")
    for n, item in enumerate(items):
        if not isinstance(item, dict | Event):
            Fields(item, f"{where}[{n}]")  # refuses the first item that is no object, first
    return tuple(
        [
            item
            if type(item) is Event
            else _plain_event(item, dates, texts) or _event(Fields(item, f"{where}[{n}]"))
            for n, item in enumerate(items)
        ]
    )


def _plain_event(
    value: dict[str, Any], dates: dict[str, HistoricalDate], texts: dict[str, str]
) -> Event | None:
    """Return the event ``_event`` would read from ``value``, or None to leave it to it.

    Events repeat their descriptions and categories: each distinct one is held once, in
    ``texts`` (a million events' seven categories and one description took 130 MB, a
    copy each).
    """
    get = value.get
    event_id, title = get("id"), get("title")
    if type(event_id) is not str or type(title) is not str:
        return None
    if not event_id.strip() or not title.strip():
        return None
    start = _plain_date(get("start"), dates)
    if start is None:
        return None
    end = None
    end_text = get("end")
    if end_text is not None and end_text != "":  # both mean "no end" to Fields.date
        end = _plain_date(end_text, dates)
        if end is None or end.axis_end() < start.axis_start():
            return None
    description, category = _plain_text(get("description")), _plain_text(get("category"))
    attributes = _plain_attributes(get("attributes"))
    if description is None or category is None or attributes is None:
        return None
    if get("source_dates") not in (None, []):
        return None
    description = texts.setdefault(description, description)
    category = texts.setdefault(category, category)
    return Event(event_id, title, start, end, description, category, (), attributes)


def _plain_date(text: Any, dates: dict[str, HistoricalDate]) -> HistoricalDate | None:
    """Return the date an EDTF text gives, or None where ``Fields`` would refuse it.

    Events share their years and days, and a date is immutable: each distinct text in
    ``dates`` is read once per file.
    """
    if type(text) is not str:
        return None
    date = dates.get(text)
    if date is None:
        try:
            date = dates[text] = HistoricalDate.from_edtf(text)
        except DateError:
            return None
    return date


def _plain_text(value: Any) -> str | None:
    """Return optional text as ``Fields.text`` reads it, or None where it would refuse it."""
    if value is None:
        return ""
    return value if type(value) is str else None


def _plain_attributes(value: Any) -> tuple[tuple[str, str], ...] | None:
    """Return attributes as ``_event`` stores them, or None unless all are plain text."""
    if value is None or value == {}:
        return ()
    if type(value) is not dict or not all(type(v) is str for v in value.values()):
        return None
    return tuple(sorted(value.items()))


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
            SourceDate(
                s.text("source", required=True),
                s.required_date("date"),
                s.text("locator"),
                read_passages(s),
            )
            for s in fields.objects("source_dates")
        ),
        attributes=tuple(sorted(fields.mapping("attributes").items())),
    )


def _era(fields: Fields) -> Era:
    era_id, title = fields.text("id", required=True), fields.text("title", required=True)
    start, end = fields.required_date("start"), fields.required_date("end")
    if end.axis_end() < start.axis_start():
        raise ImportRefused(
            f"the end {end.to_edtf()} is before the start {start.to_edtf()}",
            where=fields.where("end"),
        )
    return Era(id=era_id, title=title, start=start, end=end)


def _assessment(fields: Fields) -> Assessment:
    assessment_id = fields.text("id", required=True)
    assessment = Assessment(
        id=assessment_id,
        title=fields.text("title", required=True),
        kind=AssessmentKind(fields.choice("kind", _KINDS, default="other")),
        author=fields.text("author"),
        outlet=fields.text("outlet"),
        published=fields.date("published"),
        source=fields.text("source"),
        claims=tuple(_claim(f, assessment_id) for f in fields.objects("claims")),
        document=read_document(fields),
    )
    text = assessment.document.text if assessment.document else None
    for index, claim in enumerate(assessment.claims):
        for place, passage in enumerate(claim.passages):
            if text is not None and passage.end > len(text):
                raise ImportRefused(
                    f"the passage ends at {passage.end}, past the document's end ({len(text)})",
                    where=f"{fields.where('claims')}[{index}].passages[{place}].end",
                )
    return assessment


def _claim(fields: Fields, assessment_id: str) -> Claim:
    position = None
    if fields.value.get("position") is not None:
        point = Fields(fields.value["position"], fields.where("position"))
        position = (point.number("x"), point.number("y"))
    assumption = fields.value.get("assumption")
    return Claim(  # the fields in the order a refusal of the first wrong one expects
        fields.text("id", required=True),
        assessment_id,
        fields.text("text", required=True),
        _ROLE_OF[fields.choice("role", _ROLES)],
        fields.text("title"),
        fields.text("locator"),
        position,
        fields.boolean("placed_by_hand"),
        Assumption(fields.choice("assumption", _ASSUMPTIONS)) if assumption is not None else None,
        passages=read_passages(fields),
    )


def _relation(fields: Fields, version: int) -> Relation:
    kind = _TYPE_OF[fields.choice("type", _RELATION_TYPES)]
    premises = fields.value.get("from")
    co_premises: tuple[str, ...] = ()
    if not isinstance(premises, list):
        source = fields.text("from", required=True)
    else:
        source, co_premises = _premises(fields, premises, version, kind)
    target = fields.text("to", required=True)
    if target in co_premises or (co_premises and target == source):
        raise ImportRefused(f"{target!r} is a premise of its own reason", where=fields.where("to"))
    return Relation(fields.text("id", required=True), source, target, kind, co_premises)


def _premises(
    fields: Fields, premises: list[Any], version: int, kind: RelationType
) -> tuple[str, tuple[str, ...]]:
    """Return the first premise and the co-premises of a linked reason's ``from`` list."""
    where = fields.where("from")
    if version < LINKED_SINCE:
        raise ImportRefused(f"a list of premises needs format version {LINKED_SINCE}", where=where)
    if kind is RelationType.UNDERCUT:
        raise ImportRefused("an undercut comes from one claim, not a list", where=where)
    if len(premises) < 2:
        raise ImportRefused("a linked reason lists two premises or more", where=where)
    for n, premise in enumerate(premises):
        if not isinstance(premise, str) or not premise:
            raise ImportRefused("expected a claim id", where=f"{where}[{n}]")
        if premise in premises[:n]:
            raise ImportRefused(f"{premise!r} is listed twice", where=f"{where}[{n}]")
    return premises[0], tuple(premises[1:])


def _check_unique_ids(corpus: Corpus) -> None:
    groups = {
        "events": [e.id for e in corpus.events],
        "eras": [e.id for e in corpus.eras],
        "assessments": [a.id for a in corpus.assessments],
        "claims": [c.id for c in corpus.claims],
        "relations": [r.id for r in corpus.relations],
    }
    for kind, ids in groups.items():
        if len(set(ids)) == len(ids):
            continue
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                raise ImportRefused(
                    f"the id {item_id!r} is used twice among {kind}", where=f"{kind}[{index}].id"
                )
            seen.add(item_id)
    only_claims = set(groups["claims"]) - set(groups["relations"])
    for index, relation in enumerate(corpus.relations):
        if relation.type is RelationType.UNDERCUT and relation.target in only_claims:
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
            {
                "id": r.id,
                "from": list(r.premises) if r.linked else r.source,
                "to": r.target,
                "type": r.type.value,
            }
            for r in corpus.relations
        ],
        "claim_events": [{"claim": k.claim, "event": k.event} for k in corpus.links],
        "lanes": lanes_json(corpus.lanes),
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
            {
                "source": s.source,
                "date": s.date.to_edtf(),
                "locator": s.locator,
                "passages": passages_json(s.passages),
            }
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
        "document": document_json(assessment.document),
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
        "passages": passages_json(claim.passages),
    }
