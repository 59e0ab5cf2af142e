"""A click on the timeline names a date as precise as the zoom lets the user aim."""

from __future__ import annotations

import pytest

from argline.layout.pointed_date import pointed_date
from argline.model.calendar import axis_value
from argline.model.dates import Precision

WIDTH = 1600.0
SUMMIT = axis_value(2018, 7, 16, 12)


@pytest.mark.parametrize(
    ("days_in_view", "expected", "precision"),
    [
        (300 * 365.25, "2018", Precision.YEAR),  # centuries
        (30 * 365.25, "2018", Precision.YEAR),  # decades
        (5 * 365.25, "2018-07", Precision.MONTH),  # years
        (180.0, "2018-07-16", Precision.DAY),  # months
        (60.0, "2018-07-16", Precision.DAY),
        (14.0, "2018-07-16", Precision.DAY),  # weeks
        (0.5, "2018-07-16", Precision.DAY),  # hours: a day still
    ],
)
def test_the_date_clicked_follows_the_zoom(
    days_in_view: float, expected: str, precision: Precision
) -> None:
    date = pointed_date(SUMMIT, days_in_view / WIDTH)
    assert date.to_edtf() == expected
    assert date.precision is precision


def test_deep_time_gives_a_whole_year_at_any_zoom() -> None:
    date = pointed_date(axis_value(-50_000, 3, 1), 1.0 / WIDTH)
    assert date.precision is Precision.YEAR
    assert date.year == -50_000
