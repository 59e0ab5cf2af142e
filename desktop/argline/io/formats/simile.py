"""SIMILE Timeline XML, the MIT SIMILE widget's event files: events, both ways.

``<data><event start= end= latestStart= earliestEnd= durationEvent= title= link=…>
description</event></data>``. Read safely (formats/placed_xml.py). Dates are read as the
widget reads them: ISO 8601 when ``<data date-time-format="iso8601">``, else as
JavaScript's ``Date.parse`` would (``May 20 1961``, ``Sat May 20 1961 00:00:00
GMT-0600``, ISO 8601) with python-dateutil, month first, and years alone (``1963``,
``-500``, ``44 BC``) as SIMILE's own rule does. Only the precision the text gives is
kept: ``1963`` is a year, ``May 1961`` a month. JavaScript writes every date with a
clock, so zeros at the clock's end say nothing: midnight is the day, ``14:30:00`` a
minute. Time zones are dropped: the clock is kept as written.

``latestStart`` / ``earliestEnd`` mark an imprecise start or end: the date becomes
circa and the bound is kept as an attribute (EDTF), the model having no field for it.
An event with an end that SIMILE draws as an instant (no ``durationEvent="true"``) keeps
``durationEvent`` ``false``. The description is HTML: the event gets its text and the
markup as ``html.text``. ``link``, ``image``, ``icon``, ``color``, ``textColor`` and
SIMILE's other event attributes are kept by name; anything else is reported as skipped.

An export writes ISO 8601. What SIMILE cannot hold rides along where the widget ignores
it: ``argline-start`` / ``argline-end`` (EDTF, when the SIMILE date is only near it: a
decade, circa…), ``argline-lane`` and ``<argline-attribute name=…>`` elements.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape, quoteattr

from argline.io.formats import Format, Reading
from argline.io.formats.html_text import markup_for, plain_text
from argline.io.formats.placed_xml import PlacedDocument, parse_placed
from argline.io.formats.skipped_notes import SkippedNotes
from argline.io.formats.slides import UNTITLED
from argline.io.formats.stable_ids import StableIds
from argline.model.dates import DateError, HistoricalDate, Precision
from argline.model.entities import Corpus, Event

# SIMILE's event attributes that Argline keeps under their own names.
KEPT_ATTRIBUTES = (
    "link",
    "image",
    "icon",
    "color",
    "textColor",
    "caption",
    "hoverText",
    "classname",
    "tapeImage",
    "tapeRepeat",
    "eventID",
    "trackNum",
    "bubbleTitle",
)
_READ_ATTRIBUTES = frozenset(
    {"id", "start", "end", "latestStart", "earliestEnd", "title", "durationEvent", "isDuration"}
    | {"argline-start", "argline-end", "argline-lane", *KEPT_ATTRIBUTES}
)
_KEPT = frozenset(KEPT_ATTRIBUTES)
# The attributes an event's span, title and lane are read from: nothing more to look at.
_SPAN_ATTRIBUTES = frozenset({"id", "start", "end", "durationEvent", "title", "argline-lane"})
_EXTRA_TAG = "argline-attribute"
_HTML_KEY = "html.text"

_ISO = re.compile(
    r"(?P<year>-?\d{4,13})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d)"
    r"(?:[T ](?P<hour>\d\d)(?::(?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.\d+)?)?)?"
    r"(?:Z|[+-]\d\d(?::?\d\d)?)?)?)?)?",
    re.ASCII,
)
_YEAR = re.compile(r"(?P<year>[+-]?\d{1,13})(?:\s*(?P<era>BCE?|AD|CE))?", re.ASCII | re.I)
_ZONE_NAME = re.compile(r"\s*\([^()]*\)$")  # '(Mountain Daylight Time)' after GMT-0600
_ENTITY = re.compile(r"&#?\w+;")
# Two defaults that differ in the year, month and day tell what the text gave.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(1996, 2, 2)
_EXAMPLES = "e.g. 'May 20 1961', 'Sat May 20 1961 00:00:00 GMT-0600', '1961-05-20', '44 BC'"
_CLOCK = (Precision.HOUR, Precision.MINUTE, Precision.SECOND)

ReadDate = Callable[[str], HistoricalDate]


def looks_like_simile(data: bytes) -> bool:
    """Tell a SIMILE file by its first bytes: a <data> root holding <event> elements."""
    head = data[:65536].decode("utf-8", "ignore")
    root = re.match(r"\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<data[\s>/]", head, re.S)
    return root is not None and ("<event" in head or "<data/>" in head)


# --- dates -------------------------------------------------------------------------------


def _with_clock(year: int, month: int, day: int, clock: tuple[int, int, int]) -> HistoricalDate:
    """Return the day, or the time when its clock says more than midnight (zeros at its end)."""
    given = 3
    while given and not clock[given - 1]:
        given -= 1
    if not given:
        return HistoricalDate(year, month, day, precision=Precision.DAY)
    return HistoricalDate(year, month, day, *clock[:given], precision=_CLOCK[given - 1])


def read_iso(text: str) -> HistoricalDate:
    """Return the date an ISO 8601 text gives, as SIMILE's parseIso8601DateTime reads it."""
    match = _ISO.fullmatch(text)
    if match is None:
        raise DateError(f"{text[:60]!r} is not an ISO 8601 date like 1961-05-20 or 1961-05")
    year, month, day = int(match["year"]), match["month"], match["day"]
    if month is None:
        return HistoricalDate(year)
    if day is None:
        return HistoricalDate(year, int(month), precision=Precision.MONTH)
    hour, minute, second = (int(match[name] or 0) for name in ("hour", "minute", "second"))
    return _with_clock(year, int(month), int(day), (hour, minute, second))


def read_gregorian(text: str) -> HistoricalDate:
    """Return the date a SIMILE 'Gregorian' text gives: ISO 8601, a year, or a written date."""
    if _ISO.fullmatch(text):
        return read_iso(text)
    alone = _YEAR.fullmatch(text)
    if alone is not None:
        year, era = int(alone["year"]), (alone["era"] or "").upper()
        if era.startswith("B"):
            if year < 1:
                raise DateError(f"{text!r}: BC years count from 1")
            year = 1 - year
        return HistoricalDate(year)
    return _written(text)


def _written(text: str) -> HistoricalDate:
    """Return the date written in words and numbers, as far as the text gives it."""
    from dateutil import parser  # slow to load: only files that need it pay

    cleaned = _ZONE_NAME.sub("", text)
    try:
        first = parser.parse(cleaned, default=_DEFAULT_A, ignoretz=True)
        # A field equal to the first default may be the default's: ask again with the other.
        second = first
        if first.year == 2000 or first.month == 1 or first.day == 1:
            second = parser.parse(cleaned, default=_DEFAULT_B, ignoretz=True)
    except (ValueError, OverflowError):
        raise DateError(f"{text[:60]!r} is not a date SIMILE reads ({_EXAMPLES})") from None
    if first.year != second.year:
        raise DateError(f"{text[:60]!r} gives no year")
    has_month, has_day = first.month == second.month, first.day == second.day
    clock = (first.hour, first.minute, first.second)
    if has_day and not has_month:
        raise DateError(f"{text[:60]!r} gives a day but no month")
    if not has_day:
        if any(clock):
            raise DateError(f"{text[:60]!r} gives a time but no day")
        if has_month:
            return HistoricalDate(first.year, first.month, precision=Precision.MONTH)
        return HistoricalDate(first.year)
    return _with_clock(first.year, first.month, first.day, clock)


def _date_reader(root: Element) -> ReadDate:
    """Return the file's date reader, each distinct text read once."""
    chosen = root.get("date-time-format", "").lower()
    read = read_iso if chosen in ("iso8601", "iso 8601") else read_gregorian
    cache: dict[str, HistoricalDate] = {}

    def read_date(text: str) -> HistoricalDate:
        date = cache.get(text)
        if date is None:
            date = cache[text] = read(text)
        return date

    return read_date


def _circa(date: HistoricalDate) -> HistoricalDate:
    return date if date.circa else replace(date, circa=True)


# --- reading -----------------------------------------------------------------------------


def read_simile(data: bytes) -> Reading:
    """Return the events of a SIMILE Timeline XML file; refuse naming line and attribute."""
    document = parse_placed(data, usual_depth="a SIMILE file nests two")
    root = document.root
    if root.tag != "data":
        raise document.refuse(root, "expected a <data> root: this is not a SIMILE file")
    notes = SkippedNotes()
    for name in root.attrib:
        if name != "date-time-format":
            notes.add(f"<data {name}> is not kept", where=document.where(root))
    read_date = _date_reader(root)
    ids = StableIds("ev")
    events = []
    for node in root:
        if node.tag == "event":
            events.append(_event(node, document, read_date, ids, notes))
        else:
            notes.add(f"<{node.tag}> is not a SIMILE event; not kept", where=document.where(node))
    return Reading(Corpus(events=tuple(events)), notes.notes())


def _event(
    node: Element,
    document: PlacedDocument,
    read_date: ReadDate,
    ids: StableIds,
    notes: SkippedNotes,
) -> Event:
    attrib = node.attrib
    get = attrib.get
    start, end, attributes = _span(node, document, read_date)
    if not attrib.keys() <= _SPAN_ATTRIBUTES:  # most events carry only their span and title
        for name, value in attrib.items():
            if name in _KEPT:
                if value:
                    attributes[name] = value
            elif name not in _READ_ATTRIBUTES:
                notes.add(
                    f"attribute {name!r} is not a SIMILE event attribute; not kept",
                    where=document.where(node),
                )
    for child in node:
        if child.tag == _EXTRA_TAG and child.get("name"):
            attributes[child.get("name", "")] = child.text or ""
        else:
            notes.add(
                f"<{child.tag}> in an event: SIMILE reads only the text before it; not kept",
                where=document.where(child),
            )
    markup = (node.text or "").strip()
    description = plain_text(markup) if markup else ""
    if markup and markup_for(description, None) != markup:
        attributes[_HTML_KEY] = markup
    title = _de_entify(get("title") or "")
    if not title.strip():
        title = description.split("\n", 1)[0][:80].strip() or UNTITLED
    given = (get("id") or "").strip()
    if given and not ids.claim(given):
        raise document.refuse(node, f"id: {given!r} is used twice")
    return Event(
        id=given or ids.make(start.to_edtf(), title),
        title=title,
        start=start,
        end=end,
        description=description,
        category=(get("argline-lane") or "").strip(),
        attributes=tuple(sorted(attributes.items())) if attributes else (),
    )


def _span(
    node: Element, document: PlacedDocument, read_date: ReadDate
) -> tuple[HistoricalDate, HistoricalDate | None, dict[str, str]]:
    """Return an event's start and end, and the attributes that say how imprecise they are."""
    get = node.attrib.get

    def date(name: str, read: ReadDate = read_date) -> HistoricalDate | None:
        text = get(name)
        if not text or not (text := text.strip()):
            return None
        try:
            return read(text)
        except DateError as error:
            raise document.refuse(node, f"{name}: {error}") from None

    def check(earlier: str, first: HistoricalDate, later: str, second: HistoricalDate) -> None:
        if second.axis_end() < first.axis_start():
            raise document.refuse(
                node, f"{later}: {second.to_edtf()} is before {earlier} {first.to_edtf()}"
            )

    start = date("start")
    if start is None:
        raise document.refuse(node, "start: an event needs its start")
    end = date("end")
    attributes: dict[str, str] = {}
    if end is not None:
        check("start", start, "end", end)
    last = end or start
    latest_start = date("latestStart") if "latestStart" in node.attrib else None
    earliest_end = date("earliestEnd") if "earliestEnd" in node.attrib else None
    if latest_start is not None and latest_start != start:
        check("start", start, "latestStart", latest_start)
        check("latestStart", latest_start, "end", last)
        attributes["latestStart"] = latest_start.to_edtf()
        start = _circa(start)
    if earliest_end is not None and earliest_end != last:
        check("latestStart", latest_start or start, "earliestEnd", earliest_end)
        check("earliestEnd", earliest_end, "end", last)
        attributes["earliestEnd"] = earliest_end.to_edtf()
        if end is not None:
            end = _circa(end)
    # Argline's own exact dates, where the SIMILE date is only near them.
    if "argline-start" in node.attrib or "argline-end" in node.attrib:
        start = date("argline-start", _edtf) or start
        end = date("argline-end", _edtf) or end
        if end is not None:
            check("start", start, "end", end)
    if end is not None and end == start:
        end = None
    duration = get("durationEvent", get("isDuration"))
    if end is not None and duration in (None, "false"):
        attributes["durationEvent"] = "false"  # SIMILE draws it as an instant, somewhere between
    return start, end, attributes


def _edtf(text: str) -> HistoricalDate:
    return HistoricalDate.from_edtf(text)


def _de_entify(text: str) -> str:
    """Return a title with its HTML entities read, as SIMILE's deEntify does (';' needed)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m[0]), text)


# --- writing -----------------------------------------------------------------------------


def iso_text(date: HistoricalDate) -> str:
    """Return the ISO 8601 text SIMILE reads nearest a date (a decade as its first year)."""
    sign = "-" if date.year < 0 else ""
    text = f"{sign}{abs(date.year):04d}"
    if date.precision < Precision.MONTH or date.precision == Precision.SEASON:
        if date.precision == Precision.SEASON:
            text += f"-{(date.month or 21) * 3 - 60:02d}"  # season 21 (spring) → March
        return text
    text += f"-{date.month:02d}"
    if date.precision >= Precision.DAY:
        text += f"-{date.day:02d}"
    if date.precision >= Precision.HOUR:
        text += f"T{date.hour:02d}:{date.minute or 0:02d}"
        if date.precision == Precision.SECOND:
            text += f":{date.second:02d}"
    return text


_CARRIAGE_RETURN = {"\r": "&#13;"}  # else XML reads it as a newline


def _attribute(name: str, value: str) -> str:
    return f" {name}={quoteattr(value, _CARRIAGE_RETURN)}"


def _bound(kept: dict[str, str], key: str) -> HistoricalDate | None:
    """Return the latestStart or earliestEnd kept, as SIMILE will read it, if it reads back."""
    value = kept.get(key)
    if not value:
        return None
    try:
        bound = read_iso(iso_text(HistoricalDate.from_edtf(value)))
    except DateError:
        return None
    return bound if bound.to_edtf() == value else None


def _within(first: HistoricalDate, middle: HistoricalDate, last: HistoricalDate) -> bool:
    """Whether the reader's order checks pass for ``middle`` between ``first`` and ``last``."""
    return not (middle.axis_end() < first.axis_start() or last.axis_end() < middle.axis_start())


def _event_xml(event: Event) -> str:
    kept = dict(event.attributes)
    written: dict[str, str] = {}
    start_text = iso_text(event.start)
    start = read_iso(start_text)
    out = [_attribute("id", event.id), _attribute("start", start_text)]
    end = None
    if event.end is not None:
        end_text = iso_text(event.end)
        end = read_iso(end_text)
        out.append(_attribute("end", end_text))
    last = end or start
    # What the reader will make of the dates, to write the exact ones where it falls short.
    read_start, read_end = start, end
    latest = _bound(kept, "latestStart")
    if latest is not None and latest != start and _within(start, latest, last):
        out.append(_attribute("latestStart", iso_text(latest)))
        written["latestStart"] = kept["latestStart"]
        read_start = _circa(start)
    earliest = _bound(kept, "earliestEnd")
    if earliest is not None and earliest != last and _within(latest or start, earliest, last):
        out.append(_attribute("earliestEnd", iso_text(earliest)))
        written["earliestEnd"] = kept["earliestEnd"]
        read_end = _circa(end) if end is not None else None
    if read_start != event.start:
        out.append(_attribute("argline-start", event.start.to_edtf()))
    if event.end is not None and read_end != event.end:
        out.append(_attribute("argline-end", event.end.to_edtf()))
    if event.end is not None:
        instant = kept.get("durationEvent") == "false"
        out.append(_attribute("durationEvent", "false" if instant else "true"))
        if instant:
            written["durationEvent"] = "false"
    out.append(_attribute("title", event.title.replace("&", "&amp;")))  # SIMILE reads entities
    for name in KEPT_ATTRIBUTES:
        value = kept.get(name)
        if value:
            out.append(_attribute(name, value))
            written[name] = value
    if event.category:
        out.append(_attribute("argline-lane", event.category))
    markup = markup_for(event.description, kept.get(_HTML_KEY))
    if markup == kept.get(_HTML_KEY) and markup != markup_for(event.description, None):
        written[_HTML_KEY] = markup  # the reader keeps markup that says more than the text
    extras = "".join(
        f"<{_EXTRA_TAG}{_attribute('name', key)}>{_text(value)}</{_EXTRA_TAG}>"
        for key, value in kept.items()
        if written.get(key) != value
    )
    return f"  <event{''.join(out)}>{_text(markup)}{extras}</event>\n"


def _text(value: str) -> str:
    return escape(value, _CARRIAGE_RETURN)


def write_simile(corpus: Corpus, assessment: str | None = None) -> bytes:
    """Return the corpus's events as SIMILE Timeline XML with ISO 8601 dates (no eras)."""
    if assessment:
        corpus = corpus.only_assessment(assessment)
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<data date-time-format="iso8601">\n']
    out.extend(_event_xml(event) for event in corpus.events)
    out.append("</data>\n")
    return "".join(out).encode("utf-8")


FORMAT = Format(
    name="simile",
    suffixes=(".xml",),
    sniff=looks_like_simile,
    read=read_simile,
    write=write_simile,
    description="SIMILE Timeline XML",
)
