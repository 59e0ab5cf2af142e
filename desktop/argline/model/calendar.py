"""Proleptic Gregorian arithmetic for any integer year, and the continuous axis dates sit on.

Years are astronomical (0 is 1 BC). The axis counts days since 1970-01-01, times of day as
fractions; day counts are exact integers for any year, so deep time keeps its whole days.
"""

from __future__ import annotations

import math

__all__ = [
    "DAY_SECONDS",
    "MONTH_NAMES",
    "axis_value",
    "civil_from_days",
    "date_at_axis",
    "days_from_civil",
    "days_in_month",
    "epoch_seconds",
    "is_leap",
]

DAY_SECONDS = 86_400
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _date_error(message: str) -> ValueError:
    """Return the DateError to raise; imported here because argline.model.dates imports us."""
    from argline.model.dates import DateError

    return DateError(message)


def is_leap(year: int) -> bool:
    """Return whether an astronomical year is a leap year of the proleptic Gregorian calendar."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Return the length of a month of the proleptic Gregorian calendar (astronomical year)."""
    if not 1 <= month <= 12:
        raise _date_error(f"month {month} is not 1–12")
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def days_from_civil(year: int, month: int, day: int) -> int:
    """Return days since 1970-01-01 of a proleptic Gregorian date, exactly, for any year.

    Howard Hinnant's days_from_civil; Python's floor division makes the 400-year eras work
    for negative years without his C++ adjustments.
    """
    y = year - 1 if month <= 2 else year
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * (month - 3 if month > 2 else month + 9) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """Return (year, month, day) of a day count since 1970-01-01 (Hinnant's civil_from_days)."""
    z = days + 719_468
    era = z // 146_097
    day_of_era = z - era * 146_097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36_524 - day_of_era // 146_096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    shifted_month = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * shifted_month + 2) // 5 + 1
    month = shifted_month + 3 if shifted_month < 10 else shifted_month - 9
    return year_of_era + era * 400 + (month <= 2), month, day


def epoch_seconds(year: int, month: int = 1, day: int = 1, clock: int = 0) -> int:
    """Return seconds since 1970-01-01 of a civil date plus clock seconds into that day."""
    return days_from_civil(year, month, day) * DAY_SECONDS + clock


def axis_value(  # noqa: PLR0917 - the civil fields in their usual order, as callers write them
    year: int, month: int = 1, day: int = 1, hour: int = 0, minute: int = 0, second: int = 0
) -> float:
    """Return the axis position of a valid civil instant: days since 1970-01-01, times as fractions.

    Whole days are exact for any year a date may have (±10^12); up to ±10^7 years a time
    keeps its second through date_at_axis. Fields are not range-checked.
    """
    # One correctly rounded int/int division, so the result is the float nearest the truth.
    return epoch_seconds(year, month, day, hour * 3600 + minute * 60 + second) / DAY_SECONDS


def date_at_axis(value: float) -> tuple[int, int, int, int, int, int]:
    """Return (year, month, day, hour, minute, second) at an axis value, floored to the second.

    The inverse of axis_value, for labelling ticks.
    """
    if not math.isfinite(value):
        raise _date_error(f"axis value {value} is not a finite number")
    scaled = value * DAY_SECONDS
    # axis_value rounded seconds/86400 to a float and the product rounds again: two ulps
    # of slack keep an exact second from flooring to the one before it.
    days, seconds = divmod(math.floor(scaled + 2 * math.ulp(scaled)), DAY_SECONDS)
    hour, rest = divmod(seconds, 3600)
    return (*civil_from_days(days), hour, *divmod(rest, 60))
