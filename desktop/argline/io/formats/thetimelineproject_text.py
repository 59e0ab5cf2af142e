"""The Timeline Project's 0.x text files (before its XML): events and categories, read only.

``# Written by Timeline 0.9.0 on 2009-7-23 9:40:33``, then optional
``PREFERRED-PERIOD:start;end`` and ``CATEGORY:name;r,g,b[;visible]`` lines, then
``EVENT:start;end;text[;category][;id:data]*`` lines, then ``# END``. Fields are split on
``;`` not preceded by a backslash, and ``\\;``, ``\\n``, ``\\r`` and ``\\\\`` are read as the
tool writes them. Times are instants, read as the XML's are (trailing zeros as precision,
thetimelineproject.read_instant), and ids are hashed from start and text the same way, so
the same event read from a 0.x file and later from its XML is one event. Categories are
lanes; their colours, the preferred period and icons are reported as not kept; the
``description`` data is the event's description. Blank lines and other ``#`` lines are
comments.
"""

from __future__ import annotations

import re

from argline.io.errors import ImportRefused
from argline.io.formats import Format, Reading
from argline.io.formats.skipped_notes import SkippedNotes
from argline.io.formats.stable_ids import StableIds
from argline.io.formats.thetimelineproject import read_instant
from argline.model.dates import HistoricalDate
from argline.model.entities import Corpus, Event

_HEADER = re.compile(r"# Written by Timeline (\d+)\.(\d+)\.(\d+)")
_FIELD_SEPARATOR = re.compile(r"(?<!\\);")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPED = {"n": "\n", "r": "\r"}
_PREFIXES = ("EVENT:", "CATEGORY:", "PREFERRED-PERIOD:")


def looks_like_thetimelineproject_text(data: bytes) -> bool:
    """Tell a 0.x file by its header, or by its first line that is not a comment."""
    head = data[:4096].decode("utf-8", "ignore").lstrip("\ufeff")
    if _HEADER.match(head):
        return True
    for line in head.splitlines():
        if line.strip() and not line.startswith("#"):
            return line.startswith(_PREFIXES)
    return False


def _unquote(text: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPED.get(m[1], m[1]), text) if "\\" in text else text


def read_thetimelineproject_text(data: bytes) -> Reading:
    """Return the events of a 0.x text file; refuse naming the line and the field."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(f"byte {error.start}: not UTF-8, as Timeline 0.x writes") from None
    notes = SkippedNotes()
    categories: set[str] = set()
    events: list[Event] = []
    ids = StableIds("ev")
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"line {number}"
        if line.startswith("EVENT:"):
            events.append(_event(line[6:], where, categories, ids, notes))
        elif line.startswith("CATEGORY:"):
            name = _unquote(_FIELD_SEPARATOR.split(line[9:])[0])
            categories.add(name)
            notes.add("category colours are not kept; categories are lanes", where=where)
        elif line.startswith("PREFERRED-PERIOD:"):
            notes.add("the preferred period (the view shown at open) is not kept", where=where)
        elif line.strip() and not line.startswith("#"):
            shown = line if len(line) <= 40 else line[:40] + "…"
            raise ImportRefused(
                f"{shown!r} is no EVENT:, CATEGORY: or PREFERRED-PERIOD: line", where=where
            )
    return Reading(Corpus(events=tuple(events)), notes.notes())


def _event(
    fields_text: str, where: str, categories: set[str], ids: StableIds, notes: SkippedNotes
) -> Event:
    fields = _FIELD_SEPARATOR.split(fields_text)
    if len(fields) < 3:
        raise ImportRefused("an event needs start;end;text", where=where)
    start = _time(fields[0], where, "start")
    end = _time(fields[1], where, "end")
    if end.axis_start() < start.axis_start():
        raise ImportRefused(f"the end {end.to_edtf()} is before the start", where=where)
    title = _unquote(fields[2])
    if not title.strip():
        raise ImportRefused("an event needs its text", where=where)
    category = _unquote(fields[3]) if len(fields) > 3 else ""
    if category and category not in categories:
        notes.add(f"category {category!r} is not declared; kept as the lane", where=where)
    description = ""
    for item in fields[4:]:
        key, colon, value = item.partition(":")
        if key == "description" and colon:
            description = _unquote(value)
        else:
            notes.add(f"event data {key!r} is not kept", where=where)
    return Event(
        id=ids.make(start.to_edtf(), title),
        title=title,
        start=start,
        end=None if end == start else end,
        description=description,
        category=category,
    )


def _time(text: str, where: str, name: str) -> HistoricalDate:
    try:
        return read_instant(text.strip())
    except ValueError as error:
        raise ImportRefused(f"{name}: {error}", where=where) from None


FORMAT = Format(
    name="thetimelineproject-text",
    suffixes=(".timeline",),
    sniff=looks_like_thetimelineproject_text,
    read=read_thetimelineproject_text,
    write=lambda corpus, assessment: _refuse_writing(),
    description="The Timeline Project 0.x text",
    aliases=("timeline-0.x",),
)


def _refuse_writing() -> bytes:
    raise ImportRefused(
        "Argline reads The Timeline Project's 0.x text files but does not write them;"
        " export --format thetimelineproject writes the XML the tool reads today"
    )
