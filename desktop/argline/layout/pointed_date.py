"""The date a click on the timeline means: as precise as the zoom lets the user aim.

A day is offered once days are a few pixels wide (the axis then labels them), a month
once months are wide enough to point at; otherwise the year. So a view spanning
centuries or decades gives a year, one spanning a few years a month, and one of months
or weeks a day. The date is a starting point: the dialog it opens in lets it be typed.
"""

from __future__ import annotations

from argline.model.calendar import date_at_axis
from argline.model.dates import DateError, HistoricalDate, Precision

DAY_PIXELS = 4.0  # days this wide or wider: the axis labels days, and a click names one
MONTH_PIXELS = 12.0  # months this wide or wider: a click names a month
DAYS_IN_MONTH = 30.44  # on average


def pointed_date(value: float, days_per_pixel: float) -> HistoricalDate:
    """Return the date at axis ``value`` (days since 1970) as precise as the zoom allows."""
    year, month, day, *_ = date_at_axis(value)
    try:
        if days_per_pixel * DAY_PIXELS <= 1.0:
            return HistoricalDate(year, month, day, precision=Precision.DAY)
        if days_per_pixel * MONTH_PIXELS <= DAYS_IN_MONTH:
            return HistoricalDate(year, month, precision=Precision.MONTH)
    except DateError:  # a year of five digits or more can only be a whole year
        pass
    return HistoricalDate(year)
