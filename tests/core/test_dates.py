"""Historical dates: EDTF and typed text in, EDTF and labels out, and the axis they sit on."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argline.model.dates import (
    DateError,
    HistoricalDate,
    Precision,
    axis_value,
    days_in_month,
)

P = Precision


def group_start(year: int, size: int) -> int:
    """Return the first year of the EDTF decade or century holding year (-004X is -49…-40)."""
    digits = abs(year) // size * size
    return digits if year >= 0 else -(digits + size - 1)


@st.composite
def historical_dates(draw: st.DrawFn, years: st.SearchStrategy[int]) -> HistoricalDate:
    year = draw(years)
    flags = {"circa": draw(st.booleans()), "uncertain": draw(st.booleans())}
    if not -9999 <= year <= 9999:
        return HistoricalDate(year, **flags)
    precision = draw(st.sampled_from(Precision))
    if precision <= P.DECADE:
        size = 10 if precision == P.DECADE else 100
        return HistoricalDate(group_start(year, size), precision=precision, **flags)
    if precision == P.YEAR:
        return HistoricalDate(year, **flags)
    if precision == P.SEASON:
        return HistoricalDate(year, draw(st.integers(21, 24)), precision=precision, **flags)
    month = draw(st.integers(1, 12))
    if precision == P.MONTH:
        return HistoricalDate(year, month, precision=precision, **flags)
    day = draw(st.integers(1, days_in_month(year, month)))
    clock = [draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59))]
    return HistoricalDate(
        year, month, day, *clock[: precision - P.DAY], precision=precision, **flags
    )


SHORT_YEARS = st.integers(-9999, 9999)
DATES = historical_dates(st.one_of(SHORT_YEARS, st.integers(-1_000_000, 9999)))
LONG_DATES = historical_dates(st.integers(-(10**9), 10**9))


@st.composite
def civil_days(draw: st.DrawFn, limit: int) -> tuple[int, int, int]:
    year = draw(st.integers(-limit, limit))
    month = draw(st.integers(1, 12))
    return year, month, draw(st.integers(1, days_in_month(year, month)))


# --- EDTF --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1867-03-30", HistoricalDate(1867, 3, 30, precision=P.DAY)),
        ("2014-03", HistoricalDate(2014, 3, precision=P.MONTH)),
        ("1859", HistoricalDate(1859)),
        ("1859~", HistoricalDate(1859, circa=True)),
        ("2004?", HistoricalDate(2004, uncertain=True)),
        ("2004%", HistoricalDate(2004, circa=True, uncertain=True)),
        ("-0043", HistoricalDate(-43)),
        ("0000", HistoricalDate(0)),
        ("Y-13800000000", HistoricalDate(-13_800_000_000)),
        ("Y170000002", HistoricalDate(170_000_002)),
        ("Y-170000002", HistoricalDate(-170_000_002)),
        ("201X", HistoricalDate(2010, precision=P.DECADE)),
        ("19XX", HistoricalDate(1900, precision=P.CENTURY)),
        ("-004X", HistoricalDate(-49, precision=P.DECADE)),
        ("-01XX", HistoricalDate(-199, precision=P.CENTURY)),
        ("2004-XX", HistoricalDate(2004)),
        ("1985-04-XX", HistoricalDate(1985, 4, precision=P.MONTH)),
        ("2001-21", HistoricalDate(2001, 21, precision=P.SEASON)),
        ("2018-07-16T14:30", HistoricalDate(2018, 7, 16, 14, 30, precision=P.MINUTE)),
        ("2018-07-16T14:30:05Z", HistoricalDate(2018, 7, 16, 14, 30, 5, precision=P.SECOND)),
        ("2018-07-16T14:30:05+02:00", HistoricalDate(2018, 7, 16, 14, 30, 5, precision=P.SECOND)),
        ("2018-07-16T14", HistoricalDate(2018, 7, 16, 14, precision=P.HOUR)),
    ],
)
def test_reading_edtf_gives_the_date_at_its_precision(text: str, expected: HistoricalDate) -> None:
    assert HistoricalDate.from_edtf(text) == expected


@pytest.mark.parametrize(
    ("date", "edtf"),
    [
        (HistoricalDate(1867, 3, 30, precision=P.DAY), "1867-03-30"),
        (HistoricalDate(2014, 3, precision=P.MONTH), "2014-03"),
        (HistoricalDate(1859), "1859"),
        (HistoricalDate(1859, circa=True), "1859~"),
        (HistoricalDate(33), "0033"),
        (HistoricalDate(-43), "-0043"),
        (HistoricalDate(-9999), "-9999"),
        (HistoricalDate(-10_000), "Y-10000"),
        (HistoricalDate(-13_800_000_000), "Y-13800000000"),
        (HistoricalDate(2010, precision=P.DECADE), "201X"),
        (HistoricalDate(1900, precision=P.CENTURY), "19XX"),
        (HistoricalDate(-9, precision=P.DECADE), "-000X"),
        (HistoricalDate(2001, 21, precision=P.SEASON), "2001-21"),
        (HistoricalDate(2018, 7, 16, 14, 30, precision=P.MINUTE), "2018-07-16T14:30"),
        (HistoricalDate(2018, 7, 16, 14, 30, 5, precision=P.SECOND), "2018-07-16T14:30:05"),
    ],
)
def test_saving_writes_canonical_edtf(date: HistoricalDate, edtf: str) -> None:
    assert date.to_edtf() == edtf


@given(DATES)
def test_every_date_survives_saving_and_loading(date: HistoricalDate) -> None:
    assert HistoricalDate.from_edtf(date.to_edtf()) == date


@given(LONG_DATES)
def test_deep_time_survives_saving_and_loading_as_y_years(date: HistoricalDate) -> None:
    text = date.to_edtf()
    assert text.startswith("Y") == (abs(date.year) > 9999)
    assert HistoricalDate.from_edtf(text) == date


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("1867-13-01", "month 13 is not 1–12"),
        ("1867-02-29", "day 29 is not in February 1867 (1–28)"),
        ("2000-02-30", "day 30 is not in February 2000"),
        ("2018-07-16T24:00", "hour 24 is not 0–23"),
        ("2018-07-16T14:60", "minute 60 is not 0–59"),
        ("2001-25", "season 25 is not 21–24"),
        ("-0000", "no minus sign"),
        ("201X-03", "no month"),
        ("2004-XX-05", "a day needs its month"),
        ("1985-04-XXT10:00", "a time needs its day"),
        ("Y-10000000000000", "beyond ±1,000,000,000,000"),
        ("1964/2008", "start and end as separate dates"),
        ("1867-3-30", "not an EDTF date"),
        ("30 March 1867", "not an EDTF date"),
        ("1XXX", "not an EDTF date"),
        ("", "not an EDTF date"),
    ],
)
def test_loading_a_bad_edtf_date_says_what_is_wrong_with_which_text(
    text: str, complaint: str
) -> None:
    with pytest.raises(DateError) as raised:
        HistoricalDate.from_edtf(text)
    assert str(raised.value).startswith(f"{text!r}: ")
    assert complaint in str(raised.value)


def test_loading_unicode_digits_is_refused() -> None:
    with pytest.raises(DateError, match="not an EDTF date"):
        HistoricalDate.from_edtf("١٨٦٧")


# --- typed text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 March 1867", HistoricalDate(1867, 3, 30, precision=P.DAY)),
        ("March 30, 1867", HistoricalDate(1867, 3, 30, precision=P.DAY)),
        ("Tuesday, 30 March 1867", HistoricalDate(1867, 3, 30, precision=P.DAY)),
        ("1867-03-30", HistoricalDate(1867, 3, 30, precision=P.DAY)),
        ("04/03/1867", HistoricalDate(1867, 3, 4, precision=P.DAY)),
    ],
)
def test_typing_a_day_keeps_day_precision(text: str, expected: HistoricalDate) -> None:
    assert HistoricalDate.from_text(text) == expected


def test_typing_march_2014_keeps_month_precision() -> None:
    assert HistoricalDate.from_text("March 2014") == HistoricalDate(2014, 3, precision=P.MONTH)


def test_typing_july_2018_keeps_month_precision() -> None:
    assert HistoricalDate.from_text("July 2018") == HistoricalDate(2018, 7, precision=P.MONTH)


def test_typing_1859_keeps_year_precision() -> None:
    assert HistoricalDate.from_text("1859") == HistoricalDate(1859)


def test_typing_a_time_keeps_its_precision() -> None:
    minute = HistoricalDate(2018, 7, 16, 14, 30, precision=P.MINUTE)
    assert HistoricalDate.from_text("16 July 2018 14:30") == minute
    assert HistoricalDate.from_text("2018-07-16 14:30") == minute
    hour = HistoricalDate(2018, 7, 16, 14, precision=P.HOUR)
    assert HistoricalDate.from_text("16 July 2018 2 pm") == hour


@pytest.mark.parametrize("text", ["c. 1859", "ca. 1859", "circa 1859", "about 1859", "1859~"])
def test_typing_circa_marks_the_year_approximate(text: str) -> None:
    assert HistoricalDate.from_text(text) == HistoricalDate(1859, circa=True)


def test_typing_a_question_mark_marks_the_date_uncertain() -> None:
    assert HistoricalDate.from_text("c. March 2014?") == HistoricalDate(
        2014, 3, precision=P.MONTH, circa=True, uncertain=True
    )


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("44 BC", -43),
        ("44 BCE", -43),
        ("44 B.C.", -43),
        ("1 BC", 0),
        ("AD 33", 33),
        ("33 CE", 33),
        ("33", 33),
        ("0033", 33),
        ("-43", -43),
        ("10,000 BC", -9999),
        ("1000000 BC", -1_000_000),
        ("13,800,000,000 BC", -13_800_000_000),
    ],
)
def test_typing_an_era_counts_years_as_people_do(text: str, year: int) -> None:
    assert HistoricalDate.from_text(text) == HistoricalDate(year)


def test_typing_a_day_bc_keeps_day_precision() -> None:
    expected = HistoricalDate(-43, 3, 15, precision=P.DAY)
    assert HistoricalDate.from_text("15 March 44 BC") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1860s", HistoricalDate(1860, precision=P.DECADE)),
        ("20th century", HistoricalDate(1900, precision=P.CENTURY)),
        ("2nd century BC", HistoricalDate(-199, precision=P.CENTURY)),
        ("Summer 2001", HistoricalDate(2001, 22, precision=P.SEASON)),
        ("fall 1929", HistoricalDate(1929, 23, precision=P.SEASON)),
    ],
)
def test_typing_a_decade_century_or_season_keeps_that_precision(
    text: str, expected: HistoricalDate
) -> None:
    assert HistoricalDate.from_text(text) == expected


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "no date given"),
        ("   ", "no date given"),
        ("next Tuesday", "no year"),
        ("March 14", "no year"),
        ("March 32 2014", "day is out of range"),
        ("29 February 1867", "day 29 is not in February 1867"),
        ("1867 1868", "more than one number"),
        ("14:30 2014", "no month"),
        ("0 BC", "no year 0"),
        ("March 1000000 BC", "only be a whole year"),
        ("1964/2008", "start and end as separate dates"),
        ("the ides of March 2014", "not a date I can read"),
    ],
)
def test_typing_something_that_is_no_date_says_why(text: str, complaint: str) -> None:
    with pytest.raises(DateError) as raised:
        HistoricalDate.from_text(text)
    assert str(raised.value).startswith(f"{text!r}: ")
    assert complaint in str(raised.value)


# --- display -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edtf", "shown"),
    [
        ("1867-03-30", "30 March 1867"),
        ("2014-03", "March 2014"),
        ("1859", "1859"),
        ("1859~", "c. 1859"),
        ("2004?", "2004?"),
        ("2004%", "c. 2004?"),
        ("-0043", "44 BC"),
        ("0000", "1 BC"),
        ("0033", "AD 33"),
        ("Y-13800000000", "13,800,000,000 BC"),
        ("Y170000002", "170,000,002"),
        ("186X", "1860s"),
        ("-004X", "50–41 BC"),
        ("19XX", "20th century"),
        ("-00XX", "1st century BC"),
        ("2001-22", "Summer 2001"),
        ("2018-07-16T14", "16 July 2018 14h"),
        ("2018-07-16T14:30", "16 July 2018 14:30"),
        ("2018-07-16T14:30:05", "16 July 2018 14:30:05"),
    ],
)
def test_a_date_is_shown_in_the_precision_it_was_given(edtf: str, shown: str) -> None:
    assert HistoricalDate.from_edtf(edtf).display() == shown


@settings(deadline=None)
@given(DATES.filter(lambda d: not (d.precision == P.DECADE and d.year < 10) and d.year != -10_000))
def test_what_is_shown_can_be_typed_back(date: HistoricalDate) -> None:
    # Left out: decades from year 9 back are shown as year ranges ('50–41 BC'), and year
    # -10000 is shown, like -9999, as '10,000 BC' (deep time is labelled by magnitude).
    assert HistoricalDate.from_text(date.display()) == date


# --- the axis ----------------------------------------------------------------------------


@given(st.one_of(DATES, LONG_DATES, historical_dates(st.integers(-(10**12), 10**12))))
def test_every_date_covers_a_stretch_of_the_axis(date: HistoricalDate) -> None:
    assert date.axis_start() < date.axis_end()


@given(civil_days(limit=9999))
def test_a_day_lies_inside_its_month_year_decade_and_century(
    civil_day: tuple[int, int, int],
) -> None:
    year, month, day = civil_day
    nested = [
        HistoricalDate(year, month, day, precision=P.DAY),
        HistoricalDate(year, month, precision=P.MONTH),
        HistoricalDate(year),
        HistoricalDate(group_start(year, 10), precision=P.DECADE),
        HistoricalDate(group_start(year, 100), precision=P.CENTURY),
    ]
    for inner, outer in itertools.pairwise(nested):
        assert outer.axis_start() <= inner.axis_start() < inner.axis_end() <= outer.axis_end()
        assert inner.agrees_with(outer)
        assert outer.agrees_with(inner)


@pytest.mark.parametrize(
    ("edtf", "days"),
    [("1900", 365), ("2000", 366), ("0000", 366), ("2000-02", 29), ("1867-03-30", 1)],
)
def test_a_date_spans_its_whole_year_month_or_day(edtf: str, days: int) -> None:
    date = HistoricalDate.from_edtf(edtf)
    assert date.axis_end() - date.axis_start() == days


def test_winter_runs_from_december_into_the_next_year() -> None:
    winter = HistoricalDate.from_edtf("2001-24")
    assert winter.axis_start() == axis_value(2001, 12, 1)
    assert winter.axis_end() == axis_value(2002, 3, 1)


def test_decades_before_year_zero_run_backwards_by_digit() -> None:
    decade = HistoricalDate.from_edtf("-004X")
    assert decade.axis_start() == axis_value(-49)
    assert decade.axis_end() == axis_value(-39)
    assert HistoricalDate.from_edtf("-000X").axis_end() == HistoricalDate(0).axis_start()


# --- agreement between sources -----------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other", "agree"),
    [
        ("1859", "1867-03-30", False),
        ("1867", "1867-03-30", True),
        ("186X", "1867", True),
        ("186X", "1859", False),
        ("18XX", "1867-03-30T10:00", True),
        ("1867~", "1867-03-30", True),
        ("1867-03", "1867-03-30", True),
        ("1867-04", "1867-03-30", False),
        ("1867-03-30T10:00", "1867-03-30T10:01", False),
        ("2001-22", "2001-07-04", True),
        ("2001-22", "2001-03", False),
        ("2001-24", "2002-01-15", True),
        ("2001-24", "2001", True),
        ("-004X", "-0045", True),
        ("000X", "-0005", False),
        ("-00XX", "-0099", True),
    ],
)
def test_source_dates_agree_when_equal_at_the_coarser_precision(
    one: str, other: str, agree: bool
) -> None:
    first, second = HistoricalDate.from_edtf(one), HistoricalDate.from_edtf(other)
    assert first.agrees_with(second) is agree
    assert second.agrees_with(first) is agree


@given(DATES, DATES)
def test_agreement_is_symmetric_and_reflexive(one: HistoricalDate, other: HistoricalDate) -> None:
    assert one.agrees_with(one)
    assert one.agrees_with(other) == other.agrees_with(one)


# --- building dates in code --------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "complaint"),
    [
        (
            lambda: HistoricalDate(1867, 3, 30),
            "a year date takes only the year, not month=3, day=30",
        ),
        (lambda: HistoricalDate(1867, 3, precision=P.DAY), "takes month and day, not month=3"),
        (lambda: HistoricalDate(1867, precision=P.DECADE), "a decade starts at year 1860"),
        (lambda: HistoricalDate(-40, precision=P.DECADE), "a decade starts at year -49"),
        (lambda: HistoricalDate(12_000, 3, precision=P.MONTH), "more than four digits"),
        (lambda: HistoricalDate(10**12 + 1), "beyond ±1,000,000,000,000"),
        (lambda: HistoricalDate(2001, 3, precision=P.SEASON), "season 3 is not 21–24"),
    ],
)
def test_building_an_impossible_date_is_refused(
    build: Callable[[], HistoricalDate], complaint: str
) -> None:
    with pytest.raises(DateError, match=complaint):
        build()


def test_the_furthest_years_allowed_are_a_trillion_either_way() -> None:
    assert HistoricalDate(-(10**12)).to_edtf() == "Y-1000000000000"
    assert HistoricalDate(10**12).axis_start() < HistoricalDate(10**12).axis_end()


def test_a_year_of_thousands_of_digits_is_a_date_error_with_a_short_message() -> None:
    with pytest.raises(DateError, match="5000 digits") as raised:
        HistoricalDate.from_edtf("Y" + "9" * 5000)
    assert len(str(raised.value)) < 200
