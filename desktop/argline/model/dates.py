"""Historical dates that know their precision, and the continuous axis they are drawn on.

A date keeps the fields its source gave (astronomical years, as EDTF: 0 is 1 BC) and how
finely it is known, from a century to a second. The exchange format writes dates as EDTF
levels 0–1; users type free text, read with python-dateutil without inventing precision.
The axis counts days since 1970-01-01 in the proleptic Gregorian calendar, for any year.
The calendar arithmetic is argline.model.calendar (its axis functions are re-exported
here) and the reading of typed text is argline.model.date_text.
"""

# EDTF parsing: the edtf package (5.0.2, a pyparsing grammar) reads all the forms we use but
# 'T14:30' without seconds, yet takes 2.8 ms ('Y-13800000000') to 7.4 ms ('1867-03-30') per
# string, 11 ms for distinct ones: 100,000 dates would take some 18 minutes. Our regex with a
# fast path reads 'YYYY' in 2.6 µs and 'YYYY-MM-DD' in 4.3 µs, validation included (building
# the frozen dataclass alone takes 2.3 and 3.0 µs); 100,000 distinct days take 0.55 s.

from __future__ import annotations

import enum
import re
from dataclasses import KW_ONLY, dataclass, field

from argline.model.calendar import (
    DAY_SECONDS,
    MONTH_NAMES,
    axis_value,
    date_at_axis,
    days_in_month,
    epoch_seconds,
)

__all__ = [
    "DateError",
    "HistoricalDate",
    "Precision",
    "axis_value",
    "date_at_axis",
    "days_in_month",
]


class Precision(enum.IntEnum):
    """How finely a date is known, ordered coarse to fine so that min() gives the common one."""

    CENTURY = 1
    DECADE = 2
    YEAR = 3
    SEASON = 4
    MONTH = 5
    DAY = 6
    HOUR = 7
    MINUTE = 8
    SECOND = 9


class DateError(ValueError):
    """A text or set of fields that is no valid date; the message says what is wrong with which."""


# Short module names for the members, read on every parse as plain global lookups.
_CENTURY, _DECADE, _YEAR, _SEASON, _MONTH, _DAY, _HOUR, _MINUTE, _SECOND = Precision

_MAX_YEAR = 10**12
# EDTF writes years beyond four digits only as bare 'Y' years, so finer dates need short years.
_MAX_SHORT_YEAR = 9999
# From here back the BC label is the year's magnitude (see _year_label).
_DEEP_BC = 10_000

_FIELD_NAMES = ("month", "day", "hour", "minute", "second")
_FIELD_COUNT = {
    _CENTURY: 0,
    _DECADE: 0,
    _YEAR: 0,
    _SEASON: 1,
    _MONTH: 1,
    _DAY: 2,
    _HOUR: 3,
    _MINUTE: 4,
    _SECOND: 5,
}
_UNSET = [(None,) * (5 - n) for n in range(6)]
_SECONDS_COVERED = {_DAY: DAY_SECONDS, _HOUR: 3600, _MINUTE: 60, _SECOND: 1}
_PRECISION_BY_COUNT = (_YEAR, _MONTH, _DAY, _HOUR, _MINUTE, _SECOND)

_SEASON_NAMES = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}
# EDTF leaves the months open; we use northern meteorological seasons, winter running from
# December into the next year, as the edtf package does for the other three.
_SEASON_FIRST_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}


# --- EDTF --------------------------------------------------------------------------------


def _group_start(year: int, size: int) -> int:
    """Return the first year of the EDTF decade (size 10) or century (100) holding the year."""
    if year >= 0:
        return year - year % size
    # EDTF groups negative years by their digits: -004X is -49 to -40, -000X is -9 to -1.
    return -((-year) // size * size + size - 1)


def _group_end(first: int, size: int) -> int:
    """Return the year after a decade or century starting at first (no year -0 before 0)."""
    return first + size if first >= 0 else min(first + size, 0)


_EDTF = re.compile(
    r"(?:Y(?P<long>-?\d+)"
    r"|(?P<minus>-)?(?P<year>\d{4}|\d{3}X|\d{2}XX)"
    r"(?:-(?P<month>\d\d|XX)(?:-(?P<day>\d\d|XX)"
    # Reduced times (T14, T14:30) are ISO 8601, not EDTF; the time zone is read and dropped.
    r"(?:T(?P<hour>\d\d)(?::(?P<minute>\d\d)(?::(?P<second>\d\d))?)?(?:Z|[+-]\d\d(?::?\d\d)?)?)?"
    r")?)?)"
    r"(?P<qualifier>[?~%])?",
    re.ASCII,
)
_EDTF_EXAMPLES = "e.g. 1867-03-30, 2014-03, 1859~, -0043, Y-13800000000, 201X, 2001-21"
_MAX_YEAR_DIGITS = 40
_INTERVAL_HINT = "an interval: give its start and end as separate dates"


def _from_edtf_match(match: re.Match[str]) -> HistoricalDate:
    """Return the date an EDTF match spells; raises DateError saying what is impossible."""
    long, minus, year_text, month, day, hour, minute, second, qualifier = match.groups()
    circa = qualifier in {"~", "%"}
    uncertain = qualifier in {"?", "%"}
    if long is not None:
        if len(long) > _MAX_YEAR_DIGITS:  # int() refuses thousands of digits with ValueError
            raise DateError(f"a year of {len(long)} digits is beyond any timeline")
        return HistoricalDate(int(long), circa=circa, uncertain=uncertain)
    if year_text[3] == "X":
        if month is not None:
            raise DateError("a decade or century has no month")
        size, precision = (100, _CENTURY) if year_text[2] == "X" else (10, _DECADE)
        digits = int(year_text.replace("X", "0"))
        year = -(digits + size - 1) if minus else digits
        return HistoricalDate(year, precision=precision, circa=circa, uncertain=uncertain)
    year = int(year_text)
    if minus:
        if year == 0:
            raise DateError("year 0 takes no minus sign (0000 is 1 BC)")
        year = -year
    if month == "XX":
        if day not in (None, "XX"):
            raise DateError("a day needs its month")
        month = day = None
    elif day == "XX":
        if hour is not None:
            raise DateError("a time needs its day")
        day = None
    if month is None:
        return HistoricalDate(year, circa=circa, uncertain=uncertain)
    if day is None:
        number = int(month)
        precision = _SEASON if number >= 21 else _MONTH
        return HistoricalDate(year, number, precision=precision, circa=circa, uncertain=uncertain)
    if hour is None:
        return HistoricalDate(
            year, int(month), int(day), precision=_DAY, circa=circa, uncertain=uncertain
        )
    # The grammar lets minute follow only hour, and second only minute.
    clock = [int(t) for t in (hour, minute, second) if t is not None]
    precision = _PRECISION_BY_COUNT[2 + len(clock)]
    return HistoricalDate(
        year, int(month), int(day), *clock, precision=precision, circa=circa, uncertain=uncertain
    )


def _edtf_year(year: int) -> str:
    if year > _MAX_SHORT_YEAR or year < -_MAX_SHORT_YEAR:
        return f"Y{year}"
    return f"{year:05d}" if year < 0 else f"{year:04d}"


def _plain_edtf(text: str) -> HistoricalDate | None:
    """Return the date of a plain 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', else None.

    These are most of what files hold: skipping the regex saves a third of the time, and
    such a text is already the canonical EDTF, so to_edtf need not build it again.
    """
    if not (text.isascii() and text[:4].isdigit()):
        return None
    size = len(text)
    if size == 4:
        date = HistoricalDate(int(text))
    elif size == 7 and text[4] == "-" and text[5:].isdigit():
        month = int(text[5:])
        date = HistoricalDate(int(text[:4]), month, precision=_SEASON if month >= 21 else _MONTH)
    elif size == 10 and text[4] == text[7] == "-" and text[5:7].isdigit() and text[8:].isdigit():
        date = HistoricalDate(int(text[:4]), int(text[5:7]), int(text[8:]), precision=_DAY)
    else:
        return None
    object.__setattr__(date, "_edtf", text)
    return date


# --- display -----------------------------------------------------------------------------


def _year_label(year: int) -> str:
    if year >= 10_000:
        return f"{year:,}"
    if year >= 100:
        return str(year)
    if year > 0:
        # 'AD' keeps a two-digit year from reading as 19xx or 20xx.
        return f"AD {year}"
    # Deep time is labelled by the year's size: nobody means Y-13800000000 as
    # "13,800,000,001 BC", and the missing year 0 is far below any precision meant there.
    bc = 1 - year if year > -_DEEP_BC else -year
    return f"{bc:,} BC" if bc >= 10_000 else f"{bc} BC"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _decade_label(first: int) -> str:
    if first >= 10:
        return f"AD {first}s" if first < 100 else f"{first}s"
    # Years 0–9 and decades before them have no 'NNNs' name: show the years.
    last = _group_end(first, 10) - 1
    if first == 0:
        return f"1 BC–AD {last}"
    return f"{1 - first}–{1 - last} BC"


def _century_label(first: int) -> str:
    if first >= 0:
        return f"{_ordinal(first // 100 + 1)} century"
    return f"{_ordinal((-first - 99) // 100 + 1)} century BC"


# --- the date ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoricalDate:
    """A date as precise as its source: a century, decade, year, season, month, day or time.

    year is astronomical (0 is 1 BC, -43 is 44 BC). A decade or century keeps its first
    year: 201X is 2010, and before year 0 EDTF groups by digits, so -004X is -49 (to -40).
    Fields finer than the precision are None. circa is EDTF '~', uncertain is '?'.
    """

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    # Keyword-only, so that fields given by position (as a list of clock numbers) stay fields.
    _: KW_ONLY
    precision: Precision = Precision.YEAR
    circa: bool = False
    uncertain: bool = False
    # Derived on first use and kept: an import writes the text and span of every date, and
    # the reader shares one instance among all the events that give the same text.
    _edtf: str | None = field(default=None, init=False, repr=False, compare=False)
    _seconds: tuple[int, int] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        problem = self._problem()
        if problem is not None:
            raise DateError(problem)

    def _problem(self) -> str | None:
        """Return what makes these fields impossible at their precision, or None if nothing."""
        year, precision, month, day = self.year, self.precision, self.month, self.day
        if year > _MAX_YEAR or year < -_MAX_YEAR:
            return f"year {year:,} is beyond ±{_MAX_YEAR:,}"
        fields = (month, day, self.hour, self.minute, self.second)
        count = _FIELD_COUNT[precision]
        if None in fields[:count] or fields[count:] != _UNSET[count]:
            needs = " and ".join(_FIELD_NAMES[:count]) or "only the year"
            given = zip(_FIELD_NAMES, fields, strict=True)
            got = ", ".join(f"{name}={value}" for name, value in given if value is not None)
            return f"a {precision.name.lower()} date takes {needs}, not {got or 'only the year'}"
        if precision == _YEAR:
            return None
        if year > _MAX_SHORT_YEAR or year < -_MAX_SHORT_YEAR:
            return f"year {year:,} has more than four digits, so it can only be a whole year"
        if precision <= _DECADE:
            first = _group_start(year, 10 if precision == _DECADE else 100)
            name = precision.name.lower()
            return None if first == year else f"a {name} starts at year {first}, not {year}"
        if precision == _SEASON:
            return None if month in _SEASON_NAMES else f"season {month} is not 21–24"
        assert month is not None  # the fields at this precision were checked above
        if not 1 <= month <= 12:
            return f"month {month} is not 1–12"
        if precision == _MONTH:
            return None
        last = days_in_month(year, month)
        assert day is not None  # the fields at this precision were checked above
        if not 1 <= day <= last:
            return f"day {day} is not in {MONTH_NAMES[month - 1]} {_year_label(year)} (1–{last})"
        if precision == _DAY:
            return None
        for name, value, top in zip(_FIELD_NAMES[2:], fields[2:], (23, 59, 59), strict=True):
            if value is not None and not 0 <= value <= top:
                return f"{name} {value} is not 0–{top}"
        return None

    @classmethod
    def from_edtf(cls, text: str) -> HistoricalDate:
        """Return the date an EDTF level 0–1 string gives; raises DateError quoting the text.

        Accepted beyond strict EDTF: reduced times ('T14', 'T14:30') and 'Y' years of four
        digits or fewer. A time zone ('Z', '+02:00') is read and dropped: times are kept as
        the clock read where the event happened. Intervals and level 2 are refused.
        """
        try:
            date = _plain_edtf(text)
            if date is not None:
                return date
            match = _EDTF.fullmatch(text)
            if match is None:
                raise DateError(
                    _INTERVAL_HINT if "/" in text else f"not an EDTF date ({_EDTF_EXAMPLES})"
                )
            return _from_edtf_match(match)
        except DateError as error:
            shown = text if len(text) <= 60 else f"{text[:40]}…({len(text)} characters)"
            raise DateError(f"{shown!r}: {error}") from None

    @classmethod
    def from_text(cls, text: str) -> HistoricalDate:
        """Return the date typed text gives, at the precision it gives; raises DateError.

        EDTF is read first. Free text may start with 'c.', 'ca.', 'circa' or 'about' and end
        in '?'; it may carry 'BC', 'BCE', 'AD', 'CE' (from 10,001 BC back, 'N BC' is year -N,
        matching display), thousands commas, '1860s', '20th century', 'Summer 2001'. The rest
        goes to dateutil with day-first numbers (04/03/1867 is 4 March); weekdays are ignored.
        """
        # date_text imports this module, and dateutil is slow to load: both wait until needed.
        from argline.model.date_text import read_typed_date

        return read_typed_date(text)

    def to_edtf(self) -> str:
        """Return the canonical EDTF string, the form the exchange format writes."""
        text = self._edtf
        if text is None:
            text = self._format_edtf()
            object.__setattr__(self, "_edtf", text)
        return text

    def _format_edtf(self) -> str:
        precision, year = self.precision, self.year
        if precision <= _DECADE:
            size, kept = (10, 3) if precision == _DECADE else (100, 2)
            digits = f"{year if year >= 0 else -year - size + 1:04d}"
            text = ("-" if year < 0 else "") + digits[:kept] + "X" * (4 - kept)
        else:
            text = _edtf_year(year)
            if precision >= _SEASON:
                text += f"-{self.month:02d}"
            if precision >= _DAY:
                text += f"-{self.day:02d}"
            if precision >= _HOUR:
                text += f"T{self.hour:02d}"
            if precision >= _MINUTE:
                text += f":{self.minute:02d}"
            if precision == _SECOND:
                text += f":{self.second:02d}"
        if self.circa:
            return text + ("%" if self.uncertain else "~")
        return text + "?" if self.uncertain else text

    def display(self) -> str:
        """Return the date for people, in its precision: '30 March 1867', 'c. 1860s', '44 BC?'."""
        precision, month = self.precision, self.month
        if precision == _CENTURY:
            text = _century_label(self.year)
        elif precision == _DECADE:
            text = _decade_label(self.year)
        elif precision == _SEASON:
            assert month is not None  # a season has its month
            text = f"{_SEASON_NAMES[month]} {_year_label(self.year)}"
        else:
            text = _year_label(self.year)
        if precision >= _MONTH:
            assert month is not None  # a month or finer has its month
            text = f"{MONTH_NAMES[month - 1]} {text}"
        if precision >= _DAY:
            text = f"{self.day} {text}"
        if precision == _HOUR:
            text += f" {self.hour:02d}h"
        elif precision >= _MINUTE:
            text += f" {self.hour:02d}:{self.minute:02d}"
            if precision == _SECOND:
                text += f":{self.second:02d}"
        if self.circa:
            text = f"c. {text}"
        return f"{text}?" if self.uncertain else text

    def _span(self) -> tuple[int, int]:
        """Return the first second this date covers and the first second after it."""
        seconds = self._seconds
        if seconds is None:
            seconds = self._count_seconds()
            object.__setattr__(self, "_seconds", seconds)
        return seconds

    def _count_seconds(self) -> tuple[int, int]:
        precision, year, month = self.precision, self.year, self.month
        if precision <= _DECADE:
            size = 10 if precision == _DECADE else 100
            return epoch_seconds(year), epoch_seconds(_group_end(year, size))
        if precision == _YEAR:
            return epoch_seconds(year), epoch_seconds(year + 1)
        assert month is not None  # a season or finer has its month
        if precision == _SEASON:
            first = _SEASON_FIRST_MONTH[month]
            after = (year, first + 3) if first < 10 else (year + 1, first - 9)
            return epoch_seconds(year, first), epoch_seconds(*after)
        if precision == _MONTH:
            after = (year, month + 1) if month < 12 else (year + 1, 1)
            return epoch_seconds(year, month), epoch_seconds(*after)
        day = self.day
        assert day is not None  # a day or finer has its day
        clock = (self.hour or 0) * 3600 + (self.minute or 0) * 60 + (self.second or 0)
        start = epoch_seconds(year, month, day, clock)
        return start, start + _SECONDS_COVERED[precision]

    def axis_start(self) -> float:
        """Return the axis value where the interval this date covers begins (a year: 1 January)."""
        return self._span()[0] / DAY_SECONDS

    def axis_end(self) -> float:
        """Return the axis value just after the interval this date covers (exclusive)."""
        return self._span()[1] / DAY_SECONDS

    def axis_bounds(self) -> tuple[float, float]:
        """Return ``(axis_start(), axis_end())`` for the price of one: a store row needs both."""
        start, end = self._span()
        return start / DAY_SECONDS, end / DAY_SECONDS

    def _key(self, precision: Precision) -> tuple[int | None, ...]:
        """Return this date cut down to a precision no finer than its own, for comparison."""
        year, month = self.year, self.month
        if precision <= _DECADE:
            return (_group_start(year, 10 if precision == _DECADE else 100),)
        if precision == _YEAR:
            return (year,)
        assert month is not None  # a season or finer has its month
        if precision == _SEASON:
            if month in _SEASON_NAMES:
                return (year, month)
            if month <= 2:
                return (year - 1, 24)
            return (year, 24 if month == 12 else 21 + (month - 3) // 3)
        fields = (year, month, self.day, self.hour, self.minute, self.second)
        return fields[: _FIELD_COUNT[precision] + 1]

    def agrees_with(self, other: HistoricalDate) -> bool:
        """Return whether two dates are the same at the coarser one's precision.

        This is how a source's date is checked against the accepted one: 1867 agrees with
        1867-03-30 and 186X with 1867; 1859 does not agree with 1867-03-30. A December or
        a January lies in that winter. Qualifiers are not compared.
        """
        common = min(self.precision, other.precision)
        return self._key(common) == other._key(common)
