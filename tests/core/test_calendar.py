"""Proleptic Gregorian arithmetic: month lengths and the axis, for any integer year."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argline.model import calendar, dates
from argline.model.calendar import axis_value, date_at_axis, days_in_month
from argline.model.dates import DateError


@st.composite
def civil_instants(draw: st.DrawFn, limit: int = 10**7) -> tuple[int, int, int, int, int, int]:
    year = draw(st.integers(-limit, limit))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, days_in_month(year, month)))
    return (year, month, day, draw(st.integers(0, 23)), *draw(st.tuples(*[st.integers(0, 59)] * 2)))


def next_day(year: int, month: int, day: int) -> tuple[int, int, int]:
    if day < days_in_month(year, month):
        return year, month, day + 1
    return (year, month + 1, 1) if month < 12 else (year + 1, 1, 1)


# --- the axis ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "value"),
    [
        ((1970, 1, 1), 0.0),
        ((1969, 12, 31), -1.0),
        ((2000, 3, 1), 11017.0),
        ((2000, 3, 1, 12), 11017.5),
        ((0, 3, 1), -719_468.0),
        ((1970, 1, 1, 0, 0, 1), 1 / 86_400),
    ],
)
def test_known_days_sit_at_known_axis_values(instant: tuple[int, ...], value: float) -> None:
    assert axis_value(*instant) == value


@given(civil_instants())
def test_reading_the_axis_gives_back_the_instant(instant: tuple[int, ...]) -> None:
    assert date_at_axis(axis_value(*instant)) == instant


@given(civil_instants())
def test_consecutive_days_are_one_day_apart_on_the_axis(instant: tuple[int, ...]) -> None:
    year, month, day = instant[:3]
    assert axis_value(*next_day(year, month, day)) - axis_value(year, month, day) == 1.0


@given(st.integers(-(10**10), 10**10))
def test_deep_time_years_stay_in_order_on_the_axis(year: int) -> None:
    assert axis_value(year) < axis_value(year, 7, 1) < axis_value(year + 1)
    assert math.isfinite(axis_value(year))


def test_reading_a_non_number_off_the_axis_is_refused() -> None:
    with pytest.raises(DateError, match="not a finite number"):
        date_at_axis(math.nan)


# --- month lengths -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "month", "days"),
    [(2000, 2, 29), (1900, 2, 28), (2024, 2, 29), (0, 2, 29), (-4, 2, 29), (-100, 2, 28)],
)
def test_february_follows_the_proleptic_gregorian_leap_rule(
    year: int, month: int, days: int
) -> None:
    assert days_in_month(year, month) == days


def test_asking_the_length_of_month_13_is_refused() -> None:
    with pytest.raises(DateError, match="month 13 is not 1–12"):
        days_in_month(2000, 13)


def test_the_axis_functions_are_still_given_by_dates() -> None:
    assert dates.axis_value is calendar.axis_value
    assert dates.date_at_axis is calendar.date_at_axis
    assert dates.days_in_month is calendar.days_in_month
