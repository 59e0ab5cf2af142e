"""The Timeline Project's ``.timeline`` XML: events, categories (lanes) and eras.

Read safely (formats/placed_xml.py: no DTD, so no entity expansion, no external file or
network). Times are instants ('2021-10-13 13:23:09'); Argline reads their trailing zeros as
precision: midnight is a day, midnight on the 1st a month, midnight on 1 January a year,
':00' seconds a minute. A fuzzy start or end is circa. Categories are lanes. The file
has no ids, so each event's id is hashed from its start and text.

Containers and subevents are written in the text, '[6]Container' and '(6)Member': the
number is kept as the attribute 'container' or 'in_container' and the title is the rest,
so the container shows as an event of its own spanning its members, and an export writes
the prefixes back. ``numtime`` files count time in whole numbers; Argline reads each
number as a year (5 is the year 5) and reports that it did.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape

from argline.io.formats import Format, Reading
from argline.io.formats.placed_xml import PlacedDocument, parse_placed
from argline.io.formats.skipped_notes import SkippedNotes
from argline.io.formats.stable_ids import StableIds
from argline.model.dates import HistoricalDate, Precision
from argline.model.entities import Corpus, Era, Event

_TIME = re.compile(r"(-?\d{1,13})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})")
_NUMBER = re.compile(r"-?\d{1,13}")
_CONTAINER = re.compile(r"\[(\d{1,9})\](.*)", re.DOTALL)
_SUBEVENT = re.compile(r"\((\d{1,9})\)(.*)", re.DOTALL)
_TRUE = "True"
# Event fields kept as attributes, by element name; booleans only when true.
_TEXT_ATTRIBUTES = {"hyperlink": "hyperlink", "progress": "progress", "alert": "alert"}
_FLAG_ATTRIBUTES = ("milestone", "locked", "ends_today")
_KNOWN_EVENT_TAGS = frozenset(
    {"start", "end", "text", "fuzzy", "fuzzy_start", "fuzzy_end", "category", "description"}
    | {"default_color", *_TEXT_ATTRIBUTES, *_FLAG_ATTRIBUTES}
)
DEFAULT_COLOR = "200,200,200"


def looks_like_thetimelineproject(data: bytes) -> bool:
    """Tell a .timeline file by its root element, in the first bytes."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<timeline>" in head


def read_thetimelineproject(data: bytes) -> Reading:
    """Return the events and eras of a .timeline file; refuse naming line and column."""
    document = parse_placed(data, usual_depth="a .timeline file nests four")
    root = document.root
    if root.tag != "timeline":
        raise document.refuse(root, "expected a <timeline> root: this is not a .timeline file")
    notes = SkippedNotes()
    timetype = _child_text(root, "timetype") or "gregoriantime"
    if timetype == "gregoriantime":
        read_time = read_instant
    elif timetype == "numtime":
        read_time = _numeric
        notes.add("numtime: each whole-number time is read as a year", where="<timetype>")
    else:
        node = root.find("timetype")
        raise document.refuse(
            node if node is not None else root,
            f"time type {timetype!r}: Argline reads gregoriantime and numtime",
        )

    def time_of(parent: Element, tag: str) -> HistoricalDate:
        node = parent.find(tag)
        if node is None:
            raise document.refuse(parent, f"<{tag}> is missing")
        try:
            return read_time((node.text or "").strip())
        except ValueError as error:
            raise document.refuse(node, str(error)) from None

    eras = _eras(root, document, time_of)
    categories = root.find("categories")
    if categories is not None and len(categories):
        notes.add(
            f"{len(categories)} categories read as lanes; their colours are not kept",
            where="<categories>",
        )
    events_node = root.find("events")
    events = []
    ids = StableIds("ev")
    for node in events_node if events_node is not None else ():
        if node.tag == "event":
            events.append(_event(node, document, time_of, ids, notes))
    return Reading(Corpus(events=tuple(events), eras=eras), notes.notes())


def _child_text(parent: Element, tag: str) -> str:
    node = parent.find(tag)
    return (node.text or "").strip() if node is not None else ""


def read_instant(text: str) -> HistoricalDate:
    """Return the date an instant ('2021-10-13 13:23:09') gives, its trailing zeros as precision."""
    match = _TIME.fullmatch(text)
    if match is None:
        raise ValueError(f"{text[:40]!r} is not a time like 2021-10-13 13:23:09")
    year, month, day, hour, minute, second = (int(g) for g in match.groups())
    # Trailing zeros carry no information in an instant: read them as precision.
    if (hour, minute, second) != (0, 0, 0):
        if second:
            return HistoricalDate(
                year, month, day, hour, minute, second, precision=Precision.SECOND
            )
        return HistoricalDate(year, month, day, hour, minute, precision=Precision.MINUTE)
    if day != 1:
        return HistoricalDate(year, month, day, precision=Precision.DAY)
    if month != 1:
        return HistoricalDate(year, month, precision=Precision.MONTH)
    return HistoricalDate(year)


def _numeric(text: str) -> HistoricalDate:
    if _NUMBER.fullmatch(text) is None:
        raise ValueError(f"{text[:40]!r} is not a whole number (this is a numtime file)")
    return HistoricalDate(int(text))


def _flag(node: Element, tag: str) -> bool:
    return _child_text(node, tag) == _TRUE


def _eras(
    root: Element, document: PlacedDocument, time_of: Callable[[Element, str], HistoricalDate]
) -> tuple[Era, ...]:
    eras = []
    ids = StableIds("era")
    for node in root.findall("eras/era"):
        title = _child_text(node, "name")
        start, end = time_of(node, "start"), time_of(node, "end")
        if end.axis_end() < start.axis_start():
            raise document.refuse(node, f"the end {end.to_edtf()} is before the start")
        title = title or f"{start.display()} – {end.display()}"
        eras.append(Era(ids.make(start.to_edtf(), end.to_edtf(), title), title, start, end))
    return tuple(eras)


def _event(
    node: Element,
    document: PlacedDocument,
    time_of: Callable[[Element, str], HistoricalDate],
    ids: StableIds,
    notes: SkippedNotes,
) -> Event:
    start, end = time_of(node, "start"), time_of(node, "end")
    if end.axis_start() < start.axis_start():
        end_node = node.find("end")  # time_of found it
        raise document.refuse(
            end_node if end_node is not None else node,
            f"the end {end.to_edtf()} is before the start",
        )
    fuzzy = _flag(node, "fuzzy")
    if fuzzy or _flag(node, "fuzzy_start"):
        start = _circa(start)
    if fuzzy or _flag(node, "fuzzy_end"):
        end = _circa(end)
    title = node.findtext("text") or ""
    attributes: dict[str, str] = {}
    for pattern, key in ((_CONTAINER, "container"), (_SUBEVENT, "in_container")):
        match = pattern.fullmatch(title)
        if match:
            attributes[key], title = match.group(1), match.group(2)
            break
    if not title.strip():
        raise document.refuse(node.find("text") or node, "an event needs its text")
    for tag, key in _TEXT_ATTRIBUTES.items():
        value = _child_text(node, tag)
        if value:
            attributes[key] = value
    for tag in _FLAG_ATTRIBUTES:
        if _flag(node, tag):
            attributes[tag] = "true"
    color = _child_text(node, "default_color")
    if color:
        attributes["color"] = color
    for child in node:
        if child.tag not in _KNOWN_EVENT_TAGS:
            notes.add(f"<{child.tag}> is not kept", where=document.where(child))
    return Event(
        id=ids.make(start.to_edtf(), title),
        title=title,
        start=start,
        end=None if end == start else end,
        description=node.findtext("description") or "",
        category=(node.findtext("category") or "").strip(),
        attributes=tuple(sorted(attributes.items())),
    )


def _circa(date: HistoricalDate) -> HistoricalDate:
    return HistoricalDate.from_edtf(date.to_edtf().rstrip("~?%") + ("%" if date.uncertain else "~"))


# --- writing -----------------------------------------------------------------------------


def _instant(date: HistoricalDate) -> str:
    """Return the instant a date starts at, as .timeline files write it."""
    year = date.year
    month = date.month if date.precision >= Precision.MONTH else 1
    day = date.day if date.precision >= Precision.DAY else 1
    clock = (date.hour or 0, date.minute or 0, date.second or 0)
    sign = "-" if year < 0 else ""
    return (
        f"{sign}{abs(year):04d}-{month:02d}-{day:02d} {clock[0]:02d}:{clock[1]:02d}:{clock[2]:02d}"
    )


def _element(tag: str, text: str, indent: str) -> str:
    return f"{indent}<{tag}>{escape(text)}</{tag}>\n"


def _event_xml(event: Event) -> str:
    kept = dict(event.attributes)
    end = event.end or event.start
    title = event.title
    if "container" in kept:
        title = f"[{kept['container']}]{title}"
    elif "in_container" in kept:
        title = f"({kept['in_container']}){title}"
    pad = "      "
    start_circa, end_circa = event.start.circa, end.circa
    parts = [
        _element("start", _instant(event.start), pad),
        _element("end", _instant(end), pad),
        _element("text", title, pad),
        _element("fuzzy", str(start_circa and end_circa), pad),
        _element("fuzzy_start", str(start_circa), pad),
        _element("fuzzy_end", str(end_circa), pad),
        _element("locked", str("locked" in kept), pad),
        _element("ends_today", str("ends_today" in kept), pad),
    ]
    if event.category:
        parts.append(_element("category", event.category, pad))
    if event.description:
        parts.append(_element("description", event.description, pad))
    for tag, key in _TEXT_ATTRIBUTES.items():
        if key in kept:
            parts.append(_element(tag, kept[key], pad))
    if "color" in kept:
        parts.append(_element("default_color", kept["color"], pad))
    if "milestone" in kept:
        parts.append(_element("milestone", _TRUE, pad))
    return "    <event>\n" + "".join(parts) + "    </event>\n"


def write_thetimelineproject(corpus: Corpus, assessment: str | None = None) -> bytes:
    """Return the corpus's events and eras as a .timeline file (gregoriantime)."""
    if assessment:
        corpus = corpus.only_assessment(assessment)
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<timeline>\n']
    out.append("  <version>2.5.0</version>\n  <timetype>gregoriantime</timetype>\n")
    out.append("  <eras>\n")
    for era in corpus.eras:
        out.append("    <era>\n")
        out.append(_element("name", era.title, "      "))
        out.append(_element("start", _instant(era.start), "      "))
        out.append(_element("end", _instant(era.end), "      "))
        out.append(_element("color", DEFAULT_COLOR, "      "))
        out.append("    </era>\n")
    out.append("  </eras>\n  <categories>\n")
    for name in sorted({e.category for e in corpus.events if e.category}):
        out.append("    <category>\n")
        out.append(_element("name", name, "      "))
        for tag in ("color", "done_color", "font_color"):
            out.append(_element(tag, DEFAULT_COLOR if tag != "font_color" else "0,0,0", "      "))
        out.append("    </category>\n")
    out.append("  </categories>\n  <events>\n")
    out.extend(_event_xml(e) for e in corpus.events)
    out.append("  </events>\n  <view>\n    <hidden_categories>\n    </hidden_categories>\n")
    out.append("  </view>\n</timeline>\n")
    return "".join(out).encode("utf-8")


FORMAT = Format(
    name="thetimelineproject",
    suffixes=(".timeline",),
    sniff=looks_like_thetimelineproject,
    read=read_thetimelineproject,
    write=write_thetimelineproject,
    description="The Timeline Project (.timeline XML)",
)
