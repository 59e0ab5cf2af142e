"""Reading dates people type: circa and BC/AD markers, decades, centuries, seasons, dateutil.

Only the precision the text gives is kept: 'March 2014' is a month, not 1 March. The year is
taken out by hand, for any size and era, and python-dateutil reads the rest; what dateutil
filled in from its default is told apart from what the text said and dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from argline.model.dates import (
    _DEEP_BC,
    _EDTF,
    _FIELD_NAMES,
    _INTERVAL_HINT,
    _PRECISION_BY_COUNT,
    DateError,
    HistoricalDate,
    Precision,
    _from_edtf_match,
)

__all__ = ["read_typed_date"]

# dateutil only knows years 1–9999 and guesses the century of short ones, so the year is
# taken out first and dateutil reads the rest around this leap year.
_PLACEHOLDER_YEAR = 2000
_PLACEHOLDER = str(_PLACEHOLDER_YEAR)
_DEFAULT_A = datetime(_PLACEHOLDER_YEAR, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(_PLACEHOLDER_YEAR, 2, 2, 1, 1, 1)

_SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_CIRCA = re.compile(
    r"(?:circa|ca\.?|c\.|c(?=\s)|about|around|approximately|approx\.?)\s*", re.IGNORECASE
)
_ERA_MARKER = r"BCE?|B\.C\.(?:E\.)?|AD|A\.D\.|CE|C\.E\."
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_ERA_YEAR = re.compile(
    rf"\b(?:AD|A\.D\.)\s*(?P<ad_year>{_NUMBER})"
    rf"|(?<!\d)(?P<year>{_NUMBER})\s*(?P<era>{_ERA_MARKER})(?!\w)",
    re.IGNORECASE,
)
_SIGNED_YEAR = re.compile(rf"[+-]?{_NUMBER}")
_LONG_NUMBER = re.compile(r"(?<!\d)\d{3,}(?!\d)")
_DECADE_WORDS = re.compile(r"(?:AD\s*)?(\d*0)'?s", re.IGNORECASE)
_CENTURY_WORDS = re.compile(rf"(\d+)(?:st|nd|rd|th)\s+century(?:\s+({_ERA_MARKER}))?", re.I)
_SEASON_WORDS = re.compile(rf"(spring|summer|autumn|fall|winter)\s+{_PLACEHOLDER}", re.I)
_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?,?",
    re.IGNORECASE,
)
_TEXT_EXAMPLES = "try '30 March 1867', 'March 2014', 'c. 1859' or '44 BC'"


def _is_bc(marker: str | None) -> bool:
    return marker is not None and marker[0] in "bB"


def _split_qualifiers(text: str) -> tuple[bool, bool, str]:
    """Return (circa, uncertain, rest) for a leading 'c.', 'about'… and a trailing '?'."""
    circa = _CIRCA.match(text)
    rest = text[circa.end() :] if circa else text
    uncertain = rest.endswith("?")
    return circa is not None, uncertain, rest[:-1].rstrip() if uncertain else rest


def _find_year(text: str) -> tuple[int, str]:
    """Return the year the text gives, and the text with that year replaced by _PLACEHOLDER."""
    era = _ERA_YEAR.search(text)
    if era is not None:
        number = int((era["ad_year"] or era["year"]).replace(",", ""))
        if number == 0:
            raise DateError("there is no year 0 in BC/AD counting (1 BC is followed by AD 1)")
        year = number
        if _is_bc(era["era"]):
            # As display writes them (dates._year_label): from 10,001 BC back 'N BC' is year -N.
            year = 1 - number if number <= _DEEP_BC else -number
        return year, text[: era.start()] + _PLACEHOLDER + text[era.end() :]
    if _SIGNED_YEAR.fullmatch(text):
        return int(text.replace(",", "")), _PLACEHOLDER
    candidates = list(_LONG_NUMBER.finditer(text))
    if not candidates:
        raise DateError(f"no year in it (write the year in full; {_TEXT_EXAMPLES})")
    if len(candidates) > 1:
        raise DateError("more than one number could be the year")
    found = candidates[0]
    return int(found[0]), text[: found.start()] + _PLACEHOLDER + text[found.end() :]


def _fields_from_dateutil(text: str) -> tuple[int, ...]:
    """Return the month, day, hour… the text gives, as far as it gives them in that order.

    dateutil fills missing fields from a default; reading with two defaults that differ in
    every field shows which ones came from the text.
    """
    from dateutil import parser

    try:
        first = parser.parse(text, default=_DEFAULT_A, dayfirst=True, ignoretz=True)
        second = parser.parse(text, default=_DEFAULT_B, dayfirst=True, ignoretz=True)
    except (ValueError, OverflowError) as error:
        reason = str(error.args[0]) if error.args else str(error)
        if reason.startswith(("Unknown string format", "String does not contain")):
            raise DateError(f"not a date I can read ({_TEXT_EXAMPLES})") from None
        raise DateError(reason.removesuffix(": %s")) from None
    if first.year != _PLACEHOLDER_YEAR or second.year != _PLACEHOLDER_YEAR:
        raise DateError("could not tell which number is the year")
    values = [getattr(first, name) for name in _FIELD_NAMES]
    given = [
        getattr(second, name) == value for name, value in zip(_FIELD_NAMES, values, strict=True)
    ]
    count = given.index(False) if False in given else len(given)
    if True in given[count:]:
        finer = _FIELD_NAMES[given.index(True, count)]
        raise DateError(f"it gives the {finer} but no {_FIELD_NAMES[count]}")
    return tuple(values[:count])


def _from_words(text: str) -> HistoricalDate:
    """Return the date free text gives, keeping only the precision it gives."""
    if not text:
        raise DateError("no date given")
    if decade := _DECADE_WORDS.fullmatch(text):
        return HistoricalDate(int(decade[1]), precision=Precision.DECADE)
    if century := _CENTURY_WORDS.fullmatch(text):
        number = int(century[1])
        if number == 0:
            raise DateError("centuries count from the 1st")
        year = 1 - 100 * number if _is_bc(century[2]) else 100 * (number - 1)
        return HistoricalDate(year, precision=Precision.CENTURY)
    if "/" in text and all(_EDTF.fullmatch(part) for part in text.split("/")):
        raise DateError(_INTERVAL_HINT)
    year, rest = _find_year(text)
    if rest == _PLACEHOLDER:
        return HistoricalDate(year)
    if season := _SEASON_WORDS.fullmatch(rest):
        return HistoricalDate(year, _SEASON_CODES[season[1].lower()], precision=Precision.SEASON)
    fields = _fields_from_dateutil(_WEEKDAY.sub("", rest))
    return HistoricalDate(year, *fields, precision=_PRECISION_BY_COUNT[len(fields)])


def read_typed_date(text: str) -> HistoricalDate:
    """Return the date typed text gives, at its precision: what HistoricalDate.from_text does."""
    circa, uncertain, core = _split_qualifiers(" ".join(text.split()))
    try:
        match = _EDTF.fullmatch(core)
        date = _from_edtf_match(match) if match else _from_words(core)
    except DateError as error:
        raise DateError(f"{text!r}: {error}") from None
    if circa or uncertain:
        return replace(date, circa=date.circa or circa, uncertain=date.uncertain or uncertain)
    return date
