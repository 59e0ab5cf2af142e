"""TimelineJS2 JSON: ``{"timeline": {"headline", "date": [...], "era": [...]}}``.

TimelineJS2 (2012–2015, ``VMM.Timeline``) wrote each date as one text, '2011,3,5', read
by ``slides.date_from_text`` as TimelineJS2 read it. A date's ``tag`` is its lane, as
TimelineJS3's ``group``; its ``asset`` is TimelineJS3's media, kept under the same
attribute names ('media.url', 'media.credit', …), so that the events export to
TimelineJS3 whole; ``classname`` is kept as an attribute too. Dates carry no ids:
each gets one hashed from its start and headline, as TimelineJS3 slides without a
``unique_id`` do. The title slide gives the timeline's title; what Argline has no
place for (its text and media, an era's text and tag) is reported.
"""

from __future__ import annotations

from typing import Any

from argline.io.errors import ImportRefused
from argline.io.formats import Reading
from argline.io.formats.html_text import plain_text
from argline.io.formats.skipped_notes import SkippedNotes
from argline.io.formats.slides import (
    DateCache,
    SlideIds,
    date_from_text,
    event_from_slide,
)
from argline.model.dates import HistoricalDate
from argline.model.entities import Corpus, Era, Event

# TimelineJS2's asset fields and the TimelineJS3 media fields they are kept as.
_ASSET_KEYS = {"media": "url", "credit": "credit", "caption": "caption", "thumbnail": "thumbnail"}
_DATE_KEYS = frozenset({"startDate", "endDate", "headline", "text", "tag", "classname", "asset"})
_ERA_KEYS = frozenset({"startDate", "endDate", "headline", "text", "tag"})
# event_from_slide's names for the fields it refuses, as TimelineJS2 names them.
_FIELDS = {"end_date": "endDate"}
_TIMELINE_KEYS = frozenset({"headline", "type", "text", "startDate", "asset", "date", "era"})


def looks_like_timelinejs2(head: str) -> bool:
    """Tell TimelineJS2 JSON by its start: a 'timeline' object whose dates have 'startDate'."""
    return '"timeline"' in head and '"startDate"' in head


def read_timelinejs2(timeline: dict[str, Any]) -> Reading:
    """Return the events, eras and title of a TimelineJS2 file's ``timeline`` object."""
    dates = timeline.get("date")
    if not isinstance(dates, list):
        raise ImportRefused(
            "expected a list of dates, as TimelineJS2 writes them", where="timeline.date"
        )
    notes = SkippedNotes()
    cache: DateCache = {}
    ids = SlideIds("ev")
    events = tuple([_event(date, n, cache, ids, notes) for n, date in enumerate(dates)])
    era_list = timeline.get("era")
    if era_list is not None and not isinstance(era_list, list):
        raise ImportRefused("expected a list of eras", where="timeline.era")
    era_ids = SlideIds("era")
    eras = tuple(_era(era, n, cache, era_ids, notes) for n, era in enumerate(era_list or ()))
    title = plain_text(_text(timeline.get("headline"), "timeline.headline"))
    for key, value in timeline.items():
        if key not in _TIMELINE_KEYS:
            notes.add("not a TimelineJS2 field Argline keeps", where=f"timeline.{key}")
        elif key in {"text", "startDate", "asset"} and _has_content(value):
            notes.add("the title slide keeps only its headline in Argline", where=f"timeline.{key}")
    kind = timeline.get("type")
    if kind not in (None, "", "default"):
        notes.add(f"type {kind!r}: read as TimelineJS2's 'default'", where="timeline.type")
    return Reading(Corpus(title=title, events=events, eras=eras), notes.notes())


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return value
    if type(value) in (int, float):
        return str(value)  # TimelineJS2 shows a number as its digits
    raise ImportRefused(f"expected text, found {type(value).__name__}", where=where)


def _has_content(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_content(v) for v in value.values())
    return value not in ("", None)


def _end(value: Any, where: str, cache: DateCache) -> HistoricalDate | None:
    if value is None or value == "":
        return None
    return date_from_text(value, where, cache)


def _event(value: Any, n: int, cache: DateCache, ids: SlideIds, notes: SkippedNotes) -> Event:
    if not isinstance(value, dict):
        raise ImportRefused("expected an object", where=f"timeline.date[{n}]")

    def where(field: str) -> str:
        return f"timeline.date[{n}].{_FIELDS.get(field, field)}"

    get = value.get
    start = date_from_text(get("startDate"), where("startDate"), cache)
    end = _end(get("endDate"), where("endDate"), cache)
    attributes: dict[str, str] = {}
    classname = _text(get("classname"), where("classname"))
    if classname:
        attributes["classname"] = classname
    asset = get("asset")
    if asset is not None:
        if not isinstance(asset, dict):
            raise ImportRefused("expected an object", where=where("asset"))
        for key, part in asset.items():
            if key in _ASSET_KEYS:
                text = _text(part, where(f"asset.{key}"))
                if text:
                    attributes[f"media.{_ASSET_KEYS[key]}"] = text
            elif part not in ("", None):
                notes.add("not a TimelineJS2 field Argline keeps", where=where(f"asset.{key}"))
    if not value.keys() <= _DATE_KEYS:
        for key in value:
            if key not in _DATE_KEYS and key != "type":  # a date's type is TimelineJS2's own
                notes.add("not a TimelineJS2 field Argline keeps", where=where(key))
    return event_from_slide(
        start=start,
        end=end,
        headline=_text(get("headline"), where("headline")),
        text=_text(get("text"), where("text")),
        group=_text(get("tag"), where("tag")).strip(),
        unique_id="",
        attributes=attributes,
        ids=ids,
        where=where,
        notes=notes,
    )


def _era(value: Any, n: int, cache: DateCache, ids: SlideIds, notes: SkippedNotes) -> Era:
    if not isinstance(value, dict):
        raise ImportRefused("expected an object", where=f"timeline.era[{n}]")

    def where(field: str) -> str:
        return f"timeline.era[{n}].{field}"

    start = date_from_text(value.get("startDate"), where("startDate"), cache)
    end = _end(value.get("endDate"), where("endDate"), cache)
    if end is None:
        raise ImportRefused("an era needs its end date", where=where("endDate"))
    if end.axis_end() < start.axis_start():
        raise ImportRefused(
            f"the end {end.to_edtf()} is before the start {start.to_edtf()}",
            where=where("endDate"),
        )
    for key, item in value.items():
        if key not in _ERA_KEYS:
            notes.add("not a TimelineJS2 field Argline keeps", where=where(key))
        elif key in {"text", "tag"} and _has_content(item):
            notes.add("an era keeps only its headline and dates in Argline", where=where(key))
    title = plain_text(_text(value.get("headline"), where("headline")))
    if not title.strip():
        title = f"{start.display()} – {end.display()}"
    return Era(ids.make(start.to_edtf(), end.to_edtf(), title), title, start, end)
