"""Dates written inside a passage of prose: "In 1859", "on 16 July 2018", "since 2014".

The Reader offers a selection's dates as source dates, so each is kept at the precision
its words give ('March 2014' is a month, 'the 1990s' a decade) with where it was written.
Only the forms prose uses are read: a day, month and year in either order, a month and
year, an ISO date, a decade, a year. A year is a number from 1000 to 2100 standing
alone: amounts ('$7.2 million', '1,500 troops', '25%'), durations ('2000 years', a
'1000-year-old' tree) and parts of longer numbers are not years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argline.model.calendar import MONTH_NAMES
from argline.model.dates import DateError, HistoricalDate, Precision

__all__ = ["DateMention", "date_mentions"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date written in a text: its span there (``text[start:end]`` is ``written``) and value."""

    start: int
    end: int
    written: str
    date: HistoricalDate


_MONTH_NUMBERS = {name: n for n, name in enumerate(MONTH_NAMES, 1)} | {
    name[:3]: n for n, name in enumerate(MONTH_NAMES, 1)
}
_MONTH_NUMBERS["Sept"] = 9
# Capitalised only, as prose writes them: "may" and "march" are also verbs.
_MONTH_WORDS = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|2100)"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# Measures that make a number an amount or a duration, not a year.
_MEASURES = (
    r"years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|people|persons|men|women|"
    r"children|troops|soldiers|officers|votes|seats|deaths|dead|casualties|cases|"
    r"km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|ft|tonnes?|tons?|kg|barrels?|"
    r"dollars?|euros?|pounds?|roubles?|rubles?|yuan|thousand|million|billion|trillion|"
    r"GMT|UTC"
)
_MENTION = re.compile(
    # Not inside a word or a longer number, and not an amount of money.
    r"(?<![\w$£€¥])(?<![$£€¥]\s)(?<![0-9][.,])"
    r"(?:"
    rf"(?P<iso>{_YEAR}-[01][0-9]-[0-3][0-9])(?![0-9-])"
    rf"|(?P<day_first>{_DAY})\s+(?:of\s+)?(?P<month_a>{_MONTH_WORDS})\.?,?\s+(?P<year_a>{_YEAR})"
    rf"|(?P<month_b>{_MONTH_WORDS})\.?\s+(?P<day_after>{_DAY}),?\s+(?P<year_b>{_YEAR})"
    rf"|(?P<month_c>{_MONTH_WORDS})\.?,?\s+(?:of\s+)?(?P<year_c>{_YEAR})"
    r"|(?P<decade>(?:1[0-9]{2}|20[0-9])0)'?s"
    rf"|(?P<year>{_YEAR})"
    r"(?!\s*(?:%|per\s?cent\b|percent\b))"
    rf"(?!\s+(?:{_MEASURES})\b)"
    r"(?!-[^\W\d])"  # '1000-year-old', but not the '1859-1867' of a range
    r")"
    r"(?![\w%])(?![.,][0-9])"
)


def date_mentions(text: str) -> tuple[DateMention, ...]:
    """Return the dates written in ``text``, in order, each at the precision its words give."""
    mentions = []
    for match in _MENTION.finditer(text):
        date = _date_of(match)
        if date is not None:
            mentions.append(DateMention(match.start(), match.end(), match[0], date))
    return tuple(mentions)


def _date_of(match: re.Match[str]) -> HistoricalDate | None:
    """Return the date a match spells; a day its month lacks ('31 February') leaves the month."""
    if match["iso"]:
        try:
            return HistoricalDate.from_edtf(match["iso"])
        except DateError:
            return None
    if match["decade"]:
        return HistoricalDate(int(match["decade"]), precision=Precision.DECADE)
    if match["year"]:
        return HistoricalDate(int(match["year"]))
    month_name = match["month_a"] or match["month_b"] or match["month_c"]
    year = int(match["year_a"] or match["year_b"] or match["year_c"])
    month = _MONTH_NUMBERS[month_name]
    day = match["day_first"] or match["day_after"]
    if day:
        try:
            return HistoricalDate(year, month, int(day.rstrip("stndrh")), precision=Precision.DAY)
        except DateError:
            pass
    return HistoricalDate(year, month, precision=Precision.MONTH)
