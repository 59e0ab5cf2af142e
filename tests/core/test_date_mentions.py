"""Dates written in a passage are found where they are written, at the precision written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argline.model.calendar import MONTH_NAMES, days_in_month
from argline.model.date_mentions import date_mentions
from argline.model.dates import Precision


def found(text: str) -> list[tuple[str, str]]:
    """Return each mention as (the words written, the EDTF of its date), checking its span."""
    mentions = date_mentions(text)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.written
    return [(m.written, m.date.to_edtf()) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 1859, the United States agreed to buy Alaska.", [("1859", "1859")]),
        ("They met on 16 July 2018 in Helsinki.", [("16 July 2018", "2018-07-16")]),
        ("July 13, 2018 | Expert Insights", [("July 13, 2018", "2018-07-13")]),
        ("Since 2014, sanctions have widened.", [("2014", "2014")]),
        ("Crimea was annexed in March 2014.", [("March 2014", "2014-03")]),
        ("Arms control talks stalled in the 1990s.", [("1990s", "199X")]),
        ("The act was signed 2 August 2017.", [("2 August 2017", "2017-08-02")]),
        ("On August 2, 2017, the President signed it.", [("August 2, 2017", "2017-08-02")]),
        ("the 16th of July, 2018", [("16th of July, 2018", "2018-07-16")]),
        ("Sept. 11, 2001 changed the agenda.", [("Sept. 11, 2001", "2001-09-11")]),
        ("published 2018-07-16", [("2018-07-16", "2018-07-16")]),
        ("the mid-1990's", [("1990's", "199X")]),
        ("from 1859–1867", [("1859", "1859"), ("1867", "1867")]),
        ("in 2014 and again in 2015.", [("2014", "2014"), ("2015", "2015")]),
    ],
)
def test_a_date_written_in_prose_is_found_at_its_precision(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "It was sold for $7.2 million.",
        "a friendship of more than 210 years",
        "a tariff of 25% on steel",
        "some 1,500 troops",
        "for 2000 years",
        "a 1000-year-old treaty",
        "it cost $1999, or € 1500",
        "at 1430 GMT",
        "version 3.2018 of the file",
        "in 999, and in 2101",
        "a 12345 reference",
        "the talks were on 16 July.",
        "2000 people marched, 1800 soldiers",
    ],
)
def test_numbers_that_are_no_years_are_not_dates(text: str) -> None:
    assert found(text) == []


def test_a_day_its_month_lacks_leaves_the_month() -> None:
    (mention,) = date_mentions("due on 31 February 2018")
    assert mention.written == "31 February 2018"
    assert mention.date.to_edtf() == "2018-02"


def test_lower_case_month_words_are_verbs_not_months() -> None:
    assert found("they may 2020 and march 1990 ahead") == [("2020", "2020"), ("1990", "1990")]


def test_each_mention_keeps_the_precision_it_was_written_at() -> None:
    text = "In 1859; in the 1990s; in March 2014; on 16 July 2018."
    assert [m.date.precision for m in date_mentions(text)] == [
        Precision.YEAR,
        Precision.DECADE,
        Precision.MONTH,
        Precision.DAY,
    ]


@st.composite
def written_days(draw: st.DrawFn) -> tuple[int, int, int]:
    year = draw(st.integers(1000, 2100))
    month = draw(st.integers(1, 12))
    return year, month, draw(st.integers(1, days_in_month(year, month)))


@given(written_days(), st.booleans())
def test_any_day_written_either_way_is_read_back(day: tuple[int, int, int], us: bool) -> None:
    year, month, number = day
    name = MONTH_NAMES[month - 1]
    written = f"{name} {number}, {year}" if us else f"{number} {name} {year}"
    (mention,) = date_mentions(f"It happened on {written}, they said.")
    assert mention.written == written
    assert (mention.date.year, mention.date.month, mention.date.day) == day
    assert mention.date.precision == Precision.DAY
