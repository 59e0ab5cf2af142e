"""TimelineJS slides and Argline events, both ways: dates from parts, media, HTML text.

TimelineJS's JSON and its spreadsheet hold the same slides; both readers hand the parts
of each slide here, and both writers take them from here. A slide's date is a year with
optional month, day, hour, minute and second: the precision is the finest part given.
TimelineJS2 and the old spreadsheet wrote a date as one text ('2011,3,5'), read here
as TimelineJS2 read it. Media, background and display dates have no field in Argline,
so they are kept as event attributes named by their JSON path ('media.url',
'background.color', 'display_date').
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from argline.io.errors import ImportRefused
from argline.io.formats.html_text import markup_for, plain_text
from argline.io.formats.skipped_notes import SkippedNotes
from argline.io.formats.stable_ids import StableIds
from argline.model.dates import HistoricalDate, Precision
from argline.model.entities import Event

DATE_PARTS = ("year", "month", "day", "hour", "minute", "second")
MEDIA_KEYS = ("url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target")
BACKGROUND_KEYS = ("url", "color", "alt", "opacity")
_PRECISIONS = (
    Precision.YEAR,
    Precision.MONTH,
    Precision.DAY,
    Precision.HOUR,
    Precision.MINUTE,
    Precision.SECOND,
)
_MAX_PART_LENGTH = 16  # a year of ±10^12, with room for separators; refuses huge numbers early
UNTITLED = "Untitled event"

Where = Callable[[str], str]
DateCache = dict[tuple[Any, ...], HistoricalDate]


def part_number(value: Any, name: str, where: Where) -> int | None:
    """Return a date part as a whole number, None when empty; refuse anything else."""
    if isinstance(value, str):
        # TimelineJS itself drops spaces and thousands commas from spreadsheet numbers.
        cleaned = value if value.isdigit() else value.strip().replace(",", "").replace(" ", "")
        if not cleaned:
            return None
        digits = cleaned[1:] if cleaned[0] in "+-" else cleaned
        if len(cleaned) <= _MAX_PART_LENGTH and digits.isascii() and digits.isdigit():
            return int(cleaned)
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise ImportRefused(f"{shown!r} is not a whole number", where=where(name))
    if value is None:
        return None
    if type(value) is int:
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e13:
        return int(value)
    raise ImportRefused(f"expected a whole number, found {type(value).__name__}", where=where(name))


def date_from_parts(parts: tuple[Any, ...], where: Where, cache: DateCache) -> HistoricalDate:
    """Return the date of year, month, day, hour, minute, second values, at their precision.

    Each distinct tuple of parts is read once per file: a file's slides share their days.
    """
    try:
        date = cache.get(parts)
    except TypeError:  # a list or an object among the parts, refused below by part_number
        date = None
    if date is not None:
        return date
    numbers = [
        None if value is None or value == "" else part_number(value, name, where)
        for value, name in zip(parts, DATE_PARTS, strict=True)
    ]
    year = numbers[0]
    if year is None:
        raise ImportRefused("a date needs its year", where=where("year"))
    given = _given(numbers)
    for name, number in zip(DATE_PARTS[given:], numbers[given:], strict=True):
        if number is not None:
            coarser = DATE_PARTS[given]
            raise ImportRefused(f"{name} {number} is given without a {coarser}", where=where(name))
    try:
        date = HistoricalDate(year, *numbers[1:], precision=_PRECISIONS[given - 1])
    except ValueError as error:
        raise ImportRefused(str(error), where=where(DATE_PARTS[given - 1])) from None
    cache[parts] = date
    return date


# TimelineJS2's other forms (VMM.Date.parse): 'M/D/YYYY' or 'M/YYYY', with an optional
# ' HH:MM[:SS]'; an ISO 8601 date and time; twelve digits YYYYMMDDHHMM.
_SLASHED = re.compile(
    r"(\d{1,2})/(?:(\d{1,2})/(-?\d+)|(-?\d{3,}))(?:\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?"
)
_ISO = re.compile(
    r"([+-]?\d+)-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?"
)
_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})")
_EXAMPLES = "e.g. 2011,3,5 or 3/5/2011"


def date_from_text(value: Any, where: str, cache: DateCache) -> HistoricalDate:
    """Return the date a TimelineJS2 date text names, as TimelineJS2 reads it.

    '2011,3,5,10,30' gives year, month, day, hour, minute and second by commas; trailing
    zero parts count as not given, as TimelineJS2 counts them, so '2011,3,5,0,0' is a
    day. '3/5/2011' is month/day/year. A bare number is a year ('-500', '1990'). A time
    zone in an ISO 8601 text is not kept: the time is read as written. Refuses 'now'
    (the day the timeline is shown) and anything else, naming ``where``.
    """
    if type(value) is int:
        value = str(value)
    elif value is None:
        value = ""
    elif type(value) is not str:
        raise ImportRefused(f"expected a date text ({_EXAMPLES})", where=where)
    key = (value,)  # one text; a tuple of parts has six members, so the two never meet
    date = cache.get(key)
    if date is None:
        parts = _text_parts(value.strip(), where)
        parts += ("",) * (len(DATE_PARTS) - len(parts))
        date = date_from_parts(parts, lambda _part: where, cache)
        cache[key] = date
    return date


def _text_parts(text: str, where: str) -> tuple[str, ...]:
    if "," in text:
        parts = text.split(",")
        if len(parts) > 6:
            raise ImportRefused(
                f"{_shown(text)} has more parts than year,month,day,hour,minute,second",
                where=where,
            )
        while len(parts) > 1 and not parts[-1].strip().lstrip("+-0"):
            parts.pop()  # TimelineJS2 takes a part of 0 for one not given
        return tuple(parts)
    if text.lower().startswith("now"):
        raise ImportRefused(
            "'now' is the day TimelineJS2 shows the timeline; Argline needs the date itself",
            where=where,
        )
    if "/" in text:
        match = _SLASHED.fullmatch(text)
        if match is None:
            raise ImportRefused(f"{_shown(text)} is not a date ({_EXAMPLES})", where=where)
        month, day, year, year_alone, *clock = match.groups()
        return (year or year_alone, month, day or "", *(part or "" for part in clock))
    match = _ISO.fullmatch(text)
    if match is not None:
        *parts, second = (part or "" for part in match.groups())
        return (*parts, "" if second.strip("0") == "" else second)  # as TimelineJS2 shows it
    match = _DIGITS.fullmatch(text)
    if match is not None:
        return match.groups()
    if len(text) <= 8:
        return (text,)  # a year; part_number refuses what is not a whole number
    raise ImportRefused(f"{_shown(text)} is not a date ({_EXAMPLES})", where=where)


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _given(numbers: list[int | None]) -> int:
    """Return how many parts are given before the first missing one (the year counts)."""
    given = 1
    while given < 6 and numbers[given] is not None:
        given += 1
    return given


def date_parts(date: HistoricalDate) -> dict[str, str]:
    """Return the parts TimelineJS writes for a date; it keeps no season, decade or circa."""
    parts = {"year": str(date.year)}
    precision = date.precision
    if precision >= Precision.MONTH:
        parts["month"] = str(date.month)
    if precision >= Precision.DAY:
        parts["day"] = str(date.day)
    for name in ("hour", "minute", "second"):
        value = getattr(date, name)
        if value is not None:
            parts[name] = str(value)
    if precision < Precision.YEAR or precision == Precision.SEASON or date.circa or date.uncertain:
        parts["display_date"] = date.display()  # what TimelineJS cannot draw, it can say
    return parts


class SlideIds(StableIds):
    """Stable ids that also rename an id a file gives twice, as TimelineJS3 renames it."""

    def __init__(self, prefix: str) -> None:
        super().__init__(prefix)
        # How many taken ids share each root ('a' for 'a', 'a-2', 'a-3'): counted only
        # once a file repeats an id, which most never do.
        self._roots: Counter[str] | None = None

    def make(self, *parts: str) -> str:
        made = super().make(*parts)
        if self._roots is not None:
            self._roots[_root(made)] += 1
        return made

    def unique(self, given: str) -> str:
        """Return ``given`` if it is free, else the 'given-N' TimelineJS3 makes of it; take it.

        TimelineJS3's ensureUniqueKey: N is one more than the ids taken that are
        ``given`` or ``given`` followed by '-digits'; if that is taken too, one less, and
        then counting up.
        """
        if given in self.taken:
            if self._roots is None:
                self._roots = Counter(map(_root, self.taken))
            given = next(
                candidate
                for n in _tried_numbers(self._roots[given])
                if (candidate := f"{given}-{n}") not in self.taken
            )
        self.taken.add(given)
        if self._roots is not None:
            self._roots[_root(given)] += 1
        return given


_ROOT = re.compile(r"(.+?)(?:-\d+)?", re.DOTALL)


def _root(taken: str) -> str:
    match = _ROOT.fullmatch(taken)
    return match[1] if match else taken


def _tried_numbers(similar: int) -> Iterator[int]:
    yield similar + 1
    yield similar
    yield from itertools.count(similar + 2)


def renamed_id(given: str, ids: SlideIds, where: str, notes: SkippedNotes) -> str:
    """Return the id for an item that gives ``given``, renamed if taken, with a note why."""
    unique = ids.unique(given)
    if unique != given:
        notes.add(
            "an id used before is renamed, as TimelineJS3 renames it",
            where=f"{where} ({given!r} → {unique!r})",
        )
    return unique


def event_from_slide(
    *,
    start: HistoricalDate,
    end: HistoricalDate | None,
    headline: str,
    text: str,
    group: str,
    unique_id: str,
    attributes: dict[str, str],
    ids: SlideIds,
    where: Where,
    notes: SkippedNotes,
) -> Event:
    """Return the event a slide describes; refuse an end before its start, rename a repeated id."""
    if end is not None and end.axis_end() < start.axis_start():
        raise ImportRefused(
            f"the end {end.to_edtf()} is before the start {start.to_edtf()}",
            where=where("end_date"),
        )
    title = headline
    if "<" in headline or "&" in headline:
        title, kept = _read_markup(headline)
        if kept:
            attributes["html.headline"] = headline
    description = text
    if "<" in text or "&" in text:
        description, kept = _read_markup(text)
        if kept:
            attributes["html.text"] = text
    if not title.strip():
        title = description.split("\n", 1)[0][:80].strip() or UNTITLED
    if unique_id:
        event_id = renamed_id(unique_id, ids, where("unique_id"), notes)
    else:
        event_id = ids.make(start.to_edtf(), title)
    return Event(
        id=event_id,
        title=title,
        start=start,
        end=end,
        description=description,
        category=group,
        attributes=tuple(sorted(attributes.items())) if attributes else (),
    )


@lru_cache(maxsize=4096)
def _read_markup(markup: str) -> tuple[str, bool]:
    """Return the plain text of ``markup`` and whether the markup is worth keeping beside it.

    Markup is worth keeping only where it says more than escaped text would. Cached
    because a file repeats its marked-up texts, and HTML parsing is slow.
    """
    text = plain_text(markup)
    return text, text != markup and markup_for(text, None) != markup


def headline_and_text(event: Event) -> tuple[str, str]:
    """Return a slide's headline and text for an event, keeping its original markup if apt."""
    kept = dict(event.attributes)
    headline = markup_for(event.title, kept.get("html.headline"))
    text = markup_for(event.description, kept.get("html.text"))
    return headline, text


def grouped_attributes(attributes: Mapping[str, str], prefix: str) -> dict[str, str]:
    """Return the attributes under ``prefix.`` (e.g. 'media.') with the prefix taken off."""
    size = len(prefix) + 1
    return {k[size:]: v for k, v in attributes.items() if k.startswith(prefix + ".")}
