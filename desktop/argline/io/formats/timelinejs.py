"""TimelineJS3 JSON: a title slide, events (slides) and eras, as TimelineJS reads them.

Each event's ``unique_id`` becomes its id; an event without one gets an id hashed from
its start and headline, so importing the same file again updates instead of duplicating.
``group`` is the lane. Eras carry no ids and get hashed ones the same way. What Argline
has no field for (media, background, display dates) is kept as event attributes; what
it cannot keep at all (the title slide's media and text, unknown fields) is reported.
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
    date_from_parts,
    date_parts,
    event_from_slide,
    grouped_attributes,
    headline_and_text,
    plain_date,
)
from argline.io.formats.stable_ids import StableIds
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
# What a slide may hold and still take _plain_event's road.
_PLAIN_SLIDE_KEYS = frozenset(
    {"start_date", "end_date", "text", "group", "unique_id", "media", "background"}
)
_ATTRIBUTE_GROUPS = (("media", MEDIA_KEYS), ("background", BACKGROUND_KEYS))
_TEXT_OR_NONE = frozenset({str, type(None)})


def looks_like_timelinejs(data: bytes) -> bool:
    """Tell TimelineJS JSON by its first bytes: an object with slides that have start dates."""
    head = data[:65536].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    return head.startswith("{") and '"events"' in head and '"start_date"' in head


def read_timelinejs(data: bytes) -> Reading:
    """Return the events and eras of a TimelineJS3 JSON file; refuse naming the JSON path."""
    return _read_timelinejs(data)


def _read_timelinejs(data: bytes) -> Reading:
    root = decode_json(data)
    if not isinstance(root, dict):
        raise ImportRefused("expected an object with 'events', as TimelineJS writes")
    events_value = root.get("events")
    if not isinstance(events_value, list):
        raise ImportRefused("expected a list of slides", where="events")
    notes = SkippedNotes()
    title = _title(root.get("title"), notes)
    cache: DateCache = {}
    ids = StableIds("ev")
    events = tuple(
        [
            _plain_event(slide, n, cache, ids) or _event(slide, f"events[{n}]", cache, ids, notes)
            for n, slide in enumerate(events_value)
        ]
    )
    eras_value = root.get("eras")
    if eras_value is not None and not isinstance(eras_value, list):
        raise ImportRefused("expected a list of eras", where="eras")
    era_ids = StableIds("era")
    eras = tuple(_era(era, f"eras[{n}]", cache, era_ids) for n, era in enumerate(eras_value or ()))
    for key in root:
        if key not in {"events", "eras", "title", "scale"}:
            notes.add("not a TimelineJS field Argline keeps", where=key)
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


def _title(value: Any, notes: SkippedNotes) -> str:
    if value is None:
        return ""
    slide = _object(value, "title")
    text = _object(slide.get("text") or {}, "title.text")
    headline = plain_text(_text(text.get("headline"), "title.text.headline"))
    kept = {"text"} if not text.get("text") else set()
    for key, item in slide.items():
        if key not in kept and item not in ("", None, {}) and _has_content(item):
            notes.add("the title slide keeps only its headline in Argline", where=f"title.{key}")
    return headline


def _has_content(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_content(v) for v in value.values())
    return value not in ("", None)


def _date(value: Any, where: str, cache: DateCache, attributes: dict[str, str], name: str):
    if type(value) is not dict:
        raise ImportRefused("expected an object", where=where)
    get = value.get
    parts = (get("year"), get("month"), get("day"), get("hour"), get("minute"), get("second"))
    date = date_from_parts(parts, lambda field: f"{where}.{field}", cache)
    if "display_date" in value or "format" in value:
        for extra in ("display_date", "format"):
            text = _text(get(extra), f"{where}.{extra}")
            if text:
                attributes[f"{name}.{extra}"] = text
    return date


def _is_empty_date(value: Any) -> bool:
    return value is None or (
        isinstance(value, dict) and not any(v not in ("", None) for v in value.values())
    )


def _plain_event(value: Any, n: int, cache: DateCache, ids: StableIds) -> Event | None:
    """Return the event ``_event`` would read from slide ``n``, or None to leave it to it.

    Reading 100,000 slides took 3.9 s by ``_event``, which checks every field on the
    way. This road takes slides whose fields all have their usual types and nothing to
    report skipped, and hands anything else to ``_event``, so every refusal and note
    still comes from one place. Only ``event_from_slide`` may refuse here (an end before
    the start, an id used twice): given the same values, it says the same in both.
    """
    if type(value) is not dict or not value.keys() <= _PLAIN_SLIDE_KEYS:
        return None
    get = value.get
    attributes: dict[str, str] = {}
    if "media" in value or "background" in value:
        for group, keys in _ATTRIBUTE_GROUPS:
            parts = get(group)
            if parts is not None:
                if type(parts) is not dict:
                    return None
                for k, v in parts.items():
                    if k not in keys or type(v) is not str:
                        return None
                    if v:
                        attributes[f"{group}.{k}"] = v
    start = _plain_slide_date(get("start_date"), cache)
    if start is None:
        return None
    end_value = get("end_date")
    end = None
    if end_value is not None:
        end = _plain_slide_date(end_value, cache)
        if end is None:
            return None
    text = get("text")
    if text is None:
        headline = body = None
    elif type(text) is dict:
        headline, body = text.get("headline"), text.get("text")
    else:
        return None
    group, unique_id = get("group"), get("unique_id")
    if not {type(headline), type(body), type(group), type(unique_id)} <= _TEXT_OR_NONE:
        return None
    return event_from_slide(
        start=start,
        end=end,
        headline=headline or "",
        text=body or "",
        group=group or "",
        unique_id=unique_id.strip() if unique_id else "",
        attributes=attributes,
        ids=ids,
        where=_SlidePath(n),
    )


def _plain_slide_date(value: Any, cache: DateCache) -> HistoricalDate | None:
    """Return a slide date's value when its parts are plain and it has no display text.

    A date met before costs one lookup here, not a call to ``plain_date`` as well: a
    file's slides share their days, and calls per slide add up.
    """
    if type(value) is not dict or "display_date" in value or "format" in value:
        return None
    parts = tuple(map(value.get, DATE_PARTS))
    date = cache.get(parts)
    return date if date is not None else plain_date(parts, cache)


class _SlidePath:
    """Names a field of slide ``n`` (``events[n].field``), only when a refusal asks."""

    __slots__ = ("n",)

    def __init__(self, n: int) -> None:
        self.n = n

    def __call__(self, field: str) -> str:
        return f"events[{self.n}].{field}"


def _event(value: Any, where: str, cache: DateCache, ids: StableIds, notes: SkippedNotes) -> Event:
    slide = _object(value, where)
    get = slide.get
    attributes: dict[str, str] = {}
    extra = get(EXTRA_KEY)
    if extra is not None:
        for key, item in _object(extra, f"{where}.{EXTRA_KEY}").items():
            attributes[key] = _text(item, f"{where}.{EXTRA_KEY}.{key}")
    start = _date(get("start_date"), f"{where}.start_date", cache, attributes, "start_date")
    end_value = get("end_date")
    end: HistoricalDate | None = None
    if not _is_empty_date(end_value):
        end = _date(end_value, f"{where}.end_date", cache, attributes, "end_date")
    text = get("text")
    if type(text) is not dict:
        text = _object(text, f"{where}.text") if text is not None else {}
    for group, keys in (("media", MEDIA_KEYS), ("background", BACKGROUND_KEYS)):
        item = get(group)
        if item is None:
            continue
        for key, part in _object(item, f"{where}.{group}").items():
            if key in keys:
                part_text = part if type(part) is str else _text(part, f"{where}.{group}.{key}")
                if part_text:
                    attributes[f"{group}.{key}"] = part_text
            elif part not in ("", None):
                notes.add("not a field Argline keeps", where=f"{where}.{group}.{key}")
    display = get("display_date")
    if display:
        attributes["display_date"] = _text(display, f"{where}.display_date")
    autolink = get("autolink")
    if isinstance(autolink, bool):
        attributes["autolink"] = "true" if autolink else "false"
    for key in slide.keys() - _SLIDE_KEYS:
        notes.add("not a TimelineJS field Argline keeps", where=f"{where}.{key}")
    headline, body, group, unique_id = (
        text.get("headline"),
        text.get("text"),
        get("group"),
        get("unique_id"),
    )
    return event_from_slide(
        start=start,
        end=end,
        headline=headline if type(headline) is str else _text(headline, f"{where}.text.headline"),
        text=body if type(body) is str else _text(body, f"{where}.text.text"),
        group=group if type(group) is str else _text(group, f"{where}.group"),
        unique_id=(
            unique_id if type(unique_id) is str else _text(unique_id, f"{where}.unique_id")
        ).strip(),
        attributes=attributes,
        ids=ids,
        where=lambda field: f"{where}.{field}",
    )


def _era(value: Any, where: str, cache: DateCache, ids: StableIds) -> Era:
    era = _object(value, where)
    ignored: dict[str, str] = {}
    if era.get("end_date") is None:
        raise ImportRefused("an era needs its end date", where=f"{where}.end_date")
    start = _date(era.get("start_date"), f"{where}.start_date", cache, ignored, "start_date")
    end = _date(era.get("end_date"), f"{where}.end_date", cache, ignored, "end_date")
    if end.axis_end() < start.axis_start():
        raise ImportRefused(
            f"the end {end.to_edtf()} is before the start {start.to_edtf()}",
            where=f"{where}.end_date",
        )
    text = era.get("text")
    text = _object(text, f"{where}.text") if text is not None else {}
    title = plain_text(_text(text.get("headline"), f"{where}.text.headline"))
    if not title.strip():
        title = f"{start.display()} – {end.display()}"
    given = _text(era.get("unique_id"), f"{where}.unique_id").strip()
    if given and not ids.claim(given):
        raise ImportRefused(f"the id {given!r} is used twice", where=f"{where}.unique_id")
    era_id = given or ids.make(start.to_edtf(), end.to_edtf(), title)
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
    description="TimelineJS3 JSON",
)
