"""TimelineJS3 JSON: a title slide, events (slides) and eras, as TimelineJS reads them.

Each event's ``unique_id`` becomes its id; an id given twice is renamed as TimelineJS3
renames it ('x' becomes 'x-2'), with a note. An event without one gets an id hashed
from its start and headline, so importing the same file again updates instead of
duplicating. ``group`` is the lane. Eras carry no ids and get hashed ones the same way.
What Argline has no field for (media, background, display dates) is kept as event
attributes; what it cannot keep at all (the title slide's media and text, unknown
fields) is reported. A file wrapped as ``{"timeline": {...}}`` is read the same, and
one whose ``timeline`` holds TimelineJS2's ``date`` list goes to ``timelinejs2``.
"""

from __future__ import annotations

import json
from typing import Any

from argline.io.errors import ImportRefused
from argline.io.formats import Format, Reading
from argline.io.formats.html_text import markup_for, plain_text
from argline.io.formats.skipped_notes import SkippedNotes
from argline.io.formats.slides import (
    BACKGROUND_KEYS,
    DATE_PARTS,
    MEDIA_KEYS,
    DateCache,
    SlideIds,
    Where,
    date_from_parts,
    date_parts,
    event_from_slide,
    grouped_attributes,
    headline_and_text,
    renamed_id,
)
from argline.io.formats.timelinejs2 import looks_like_timelinejs2, read_timelinejs2
from argline.io.json_input import decode_json
from argline.model.dates import HistoricalDate
from argline.model.entities import Corpus, Era, Event

# JavaScript's Date reaches ±271,821 years; beyond it TimelineJS needs its cosmological scale.
_JS_DATE_YEARS = 271_000
# Attributes with no TimelineJS field go here, a key TimelineJS ignores, so that an
# Argline export re-imports whole (a hyperlink from The Timeline Project, say).
EXTRA_KEY = "argline_attributes"
_SLIDE_KEYS = frozenset(
    {"start_date", "end_date", "text", "group", "display_date", "unique_id", "media"}
    | {"background", "autolink", "type", EXTRA_KEY}
)
_ATTRIBUTE_GROUPS = (("media", MEDIA_KEYS), ("background", BACKGROUND_KEYS))


def looks_like_timelinejs(data: bytes) -> bool:
    """Tell TimelineJS JSON by its first bytes: an object with slides that have start dates."""
    head = data[:65536].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    return head.startswith("{") and (
        ('"events"' in head and '"start_date"' in head) or looks_like_timelinejs2(head)
    )


def read_timelinejs(data: bytes) -> Reading:
    """Return the events and eras of a TimelineJS3 (or 2) JSON file; refuse naming the JSON path."""
    return _read_timelinejs(data)


def _read_timelinejs(data: bytes) -> Reading:
    root = decode_json(data)
    if not isinstance(root, dict):
        raise ImportRefused("expected an object with 'events', as TimelineJS writes")
    if "events" in root or "timeline" not in root:
        return _read_slides(root, "", SkippedNotes())
    timeline = root["timeline"]
    if not isinstance(timeline, dict):
        raise ImportRefused("expected an object", where="timeline")
    if "events" not in timeline and "date" in timeline:
        return read_timelinejs2(timeline)
    if "events" not in timeline:
        raise ImportRefused(
            "expected 'events' (TimelineJS3) or 'date' (TimelineJS2)", where="timeline"
        )
    notes = SkippedNotes()
    for key in root:
        if key != "timeline":
            notes.add("not a TimelineJS field Argline keeps", where=key)
    return _read_slides(timeline, "timeline.", notes)


def _read_slides(root: dict[str, Any], prefix: str, notes: SkippedNotes) -> Reading:
    """Return the slides of a TimelineJS3 object; ``prefix`` is its JSON path ('timeline.')."""
    events_value = root.get("events")
    if not isinstance(events_value, list):
        raise ImportRefused("expected a list of slides", where=f"{prefix}events")
    title = _title(root.get("title"), f"{prefix}title", notes)
    cache: DateCache = {}
    ids = SlideIds("ev")
    items = f"{prefix}events"
    events = tuple(
        [_event(slide, _Path(items, n), cache, ids, notes) for n, slide in enumerate(events_value)]
    )
    eras_value = root.get("eras")
    if eras_value is not None and not isinstance(eras_value, list):
        raise ImportRefused("expected a list of eras", where=f"{prefix}eras")
    era_ids = SlideIds("era")
    eras = tuple(
        _era(era, _Path(f"{prefix}eras", n), cache, era_ids, notes)
        for n, era in enumerate(eras_value or ())
    )
    for key in root:
        if key not in {"events", "eras", "title", "scale"}:
            notes.add("not a TimelineJS field Argline keeps", where=f"{prefix}{key}")
    return Reading(Corpus(title=title, events=events, eras=eras), notes.notes())


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ImportRefused("expected an object", where=where)
    return value


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return value
    if type(value) in (int, float) and type(value) is not bool:
        return json.dumps(value)  # TimelineJS reads numbers in text fields as their digits
    raise ImportRefused(f"expected text, found {type(value).__name__}", where=where)


def _title(value: Any, where: str, notes: SkippedNotes) -> str:
    if value is None:
        return ""
    slide = _object(value, where)
    text = _object(slide.get("text") or {}, f"{where}.text")
    headline = plain_text(_text(text.get("headline"), f"{where}.text.headline"))
    kept = {"text"} if not text.get("text") else set()
    for key, item in slide.items():
        if key not in kept and item not in ("", None, {}) and _has_content(item):
            notes.add("the title slide keeps only its headline in Argline", where=f"{where}.{key}")
    return headline


def _has_content(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_content(v) for v in value.values())
    return value not in ("", None)


def _date(
    value: Any, name: str, where: Where, cache: DateCache, attributes: dict[str, str]
) -> HistoricalDate:
    """Return the date in field ``name``, keeping its display text and format as attributes."""
    if type(value) is not dict:
        raise ImportRefused("expected an object", where=where(name))
    get = value.get
    parts = tuple(map(get, DATE_PARTS))
    date = date_from_parts(parts, lambda field: where(f"{name}.{field}"), cache)
    if "display_date" in value or "format" in value:
        for extra in ("display_date", "format"):
            text = _text(get(extra), where(f"{name}.{extra}"))
            if text:
                attributes[f"{name}.{extra}"] = text
    return date


def _is_empty_date(value: Any) -> bool:
    return value is None or (
        isinstance(value, dict) and not any(v not in ("", None) for v in value.values())
    )


class _Path:
    """Names a field of item ``n`` of a list (``events[n].field``), only when asked."""

    __slots__ = ("items", "n")

    def __init__(self, items: str, n: int) -> None:
        self.items = items
        self.n = n

    def __call__(self, field: str) -> str:
        return f"{self.items}[{self.n}].{field}"


def _event(value: Any, where: _Path, cache: DateCache, ids: SlideIds, notes: SkippedNotes) -> Event:
    """Return the event a slide describes; refuse naming the JSON path of what is wrong.

    A file holds many slides: the path of a field is spelt out only when a refusal or a
    note names it.
    """
    if not isinstance(value, dict):
        raise ImportRefused("expected an object", where=f"{where.items}[{where.n}]")
    get = value.get
    attributes: dict[str, str] = {}
    extra = get(EXTRA_KEY)
    if extra is not None:
        for key, item in _object(extra, where(EXTRA_KEY)).items():
            attributes[key] = _text(item, where(f"{EXTRA_KEY}.{key}"))
    start = _date(get("start_date"), "start_date", where, cache, attributes)
    end_value = get("end_date")
    end: HistoricalDate | None = None
    if not _is_empty_date(end_value):
        end = _date(end_value, "end_date", where, cache, attributes)
    text = get("text")
    if type(text) is not dict:
        text = _object(text, where("text")) if text is not None else {}
    for section, keys in _ATTRIBUTE_GROUPS:
        item = get(section)
        if item is None:
            continue
        for key, part in _object(item, where(section)).items():
            if key in keys:
                part_text = part if type(part) is str else _text(part, where(f"{section}.{key}"))
                if part_text:
                    attributes[f"{section}.{key}"] = part_text
            elif part not in ("", None):
                notes.add("not a field Argline keeps", where=where(f"{section}.{key}"))
    display = get("display_date")
    if display:
        attributes["display_date"] = _text(display, where("display_date"))
    autolink = get("autolink")
    if isinstance(autolink, bool):
        attributes["autolink"] = "true" if autolink else "false"
    if not value.keys() <= _SLIDE_KEYS:
        for key in value:
            if key not in _SLIDE_KEYS:
                notes.add("not a TimelineJS field Argline keeps", where=where(key))
    headline, body, group, unique_id = (
        text.get("headline"),
        text.get("text"),
        get("group"),
        get("unique_id"),
    )
    return event_from_slide(
        start=start,
        end=end,
        headline=headline if type(headline) is str else _text(headline, where("text.headline")),
        text=body if type(body) is str else _text(body, where("text.text")),
        group=group if type(group) is str else _text(group, where("group")),
        unique_id=(
            unique_id if type(unique_id) is str else _text(unique_id, where("unique_id"))
        ).strip(),
        attributes=attributes,
        ids=ids,
        where=where,
        notes=notes,
    )


def _era(value: Any, where: _Path, cache: DateCache, ids: SlideIds, notes: SkippedNotes) -> Era:
    era = _object(value, f"{where.items}[{where.n}]")
    ignored: dict[str, str] = {}
    if era.get("end_date") is None:
        raise ImportRefused("an era needs its end date", where=where("end_date"))
    start = _date(era.get("start_date"), "start_date", where, cache, ignored)
    end = _date(era.get("end_date"), "end_date", where, cache, ignored)
    if end.axis_end() < start.axis_start():
        raise ImportRefused(
            f"the end {end.to_edtf()} is before the start {start.to_edtf()}",
            where=where("end_date"),
        )
    text = era.get("text")
    text = _object(text, where("text")) if text is not None else {}
    title = plain_text(_text(text.get("headline"), where("text.headline")))
    if not title.strip():
        title = f"{start.display()} – {end.display()}"
    given = _text(era.get("unique_id"), where("unique_id")).strip()
    if given:
        era_id = renamed_id(given, ids, where("unique_id"), notes)
    else:
        era_id = ids.make(start.to_edtf(), end.to_edtf(), title)
    return Era(era_id, title, start, end)


# --- writing -----------------------------------------------------------------------------


def slide_json(event: Event) -> dict[str, Any]:
    """Return the TimelineJS slide for an event; attributes it has no field for go in EXTRA_KEY."""
    kept = dict(event.attributes)
    headline, text = headline_and_text(event)
    written = {"html.headline": headline, "html.text": text}
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": _date_json(event.start, kept, "start_date", written),
    }
    if event.end is not None:
        slide["end_date"] = _date_json(event.end, kept, "end_date", written)
    slide["text"] = {"headline": headline, "text": text}
    if event.category:
        slide["group"] = event.category
    if "display_date" in kept:
        slide["display_date"] = written["display_date"] = kept["display_date"]
    for group, keys in (("media", MEDIA_KEYS), ("background", BACKGROUND_KEYS)):
        parts = {k: v for k, v in grouped_attributes(kept, group).items() if k in keys and v}
        if parts:
            slide[group] = parts
            written.update({f"{group}.{k}": v for k, v in parts.items()})
    if kept.get("autolink") in ("true", "false"):
        slide["autolink"] = kept["autolink"] == "true"
        written["autolink"] = kept["autolink"]
    extra = {k: v for k, v in kept.items() if written.get(k) != v}
    if extra:
        slide[EXTRA_KEY] = extra
    return slide


def _date_json(
    date: HistoricalDate, kept: dict[str, str], name: str, written: dict[str, str]
) -> dict[str, str]:
    parts = date_parts(date)
    for extra in ("display_date", "format"):
        value = kept.get(f"{name}.{extra}")
        if value:
            parts[extra] = written[f"{name}.{extra}"] = value
    return parts


def write_timelinejs(corpus: Corpus, assessment: str | None = None) -> bytes:
    """Return the corpus's events and eras as TimelineJS3 JSON (assessments have no place)."""
    if assessment:
        corpus = corpus.only_assessment(assessment)
    document: dict[str, Any] = {}
    if corpus.title:
        document["title"] = {"text": {"headline": markup_for(corpus.title, None), "text": ""}}
    document["events"] = [slide_json(e) for e in corpus.events]
    if corpus.eras:
        document["eras"] = [
            {
                "unique_id": era.id,
                "start_date": date_parts(era.start),
                "end_date": date_parts(era.end),
                "text": {"headline": markup_for(era.title, None)},
            }
            for era in corpus.eras
        ]
    years = [abs(d.year) for e in corpus.events for d in (e.start, e.end) if d is not None]
    if years and max(years) > _JS_DATE_YEARS:
        document["scale"] = "cosmological"
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


FORMAT = Format(
    name="timelinejs",
    suffixes=(".json",),
    sniff=looks_like_timelinejs,
    read=read_timelinejs,
    write=write_timelinejs,
    description="TimelineJS3 JSON (reads TimelineJS2 too)",
)
