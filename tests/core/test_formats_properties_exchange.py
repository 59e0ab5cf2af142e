"""Properties of the exchange reader's two roads: the quick one reads as the careful one does.

``_plain_event`` takes the events that are plainly well formed and leaves the rest to
``_event``. These tests feed files of events, well formed and broken in each field, to
the reader as it is and to the reader with the quick road closed, and ask for the same
corpus or the same refusal, worded and placed alike.
"""

from __future__ import annotations

import json
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argline.io import exchange
from argline.io.errors import ImportRefused
from argline.io.json_input import Fields

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any JSON value a field might hold instead of the one it should.
ANYTHING = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", "  ", "x", "1867-13", "1867/1900", "30 March 1867"])
    | st.just([])
    | st.just({})
    | st.just({"a": 1})
)
DATES = st.sampled_from(
    [
        *("1867", "1867-03", "1867-03-30", "1867~", "186X", "1867-21", "-0044", "Y-12345"),
        *("1867-03-30T14:30", "2020?", "1900-01-01", "1950", "1867-02-30", "0000"),
    ]
)
TEXTS = st.sampled_from(["Alaska", "a", "x y", "<b>b</b>", "&amp;", "é", "", "  "])
IDS = st.sampled_from(["e1", "e2", "e3", "e4"])


def _mostly(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Return values drawn from ``good`` nine times in ten, anything else the tenth."""
    return st.integers(0, 9).flatmap(lambda n: ANYTHING if n == 0 else good)


@st.composite
def events(draw: st.DrawFn) -> Any:
    """Return an event's JSON: each field given or left out, most well formed, some not."""
    fields = {
        "id": IDS,
        "title": TEXTS,
        "start": DATES,
        "end": st.none() | st.just("") | DATES,
        "description": st.none() | TEXTS,
        "category": st.none() | TEXTS,
        "attributes": st.dictionaries(st.sampled_from(["a", "b.c"]), _mostly(TEXTS), max_size=2),
        "source_dates": st.lists(
            _mostly(
                st.fixed_dictionaries(
                    {"source": _mostly(TEXTS), "date": _mostly(DATES)},
                    optional={"locator": _mostly(TEXTS), "passages": st.just([])},
                )
            ),
            max_size=2,
        ),
    }
    event = {}
    for name, values in fields.items():
        if draw(st.integers(0, 12)) > 0:
            event[name] = draw(_mostly(values))
    return event if draw(st.integers(0, 40)) > 0 else draw(ANYTHING)


def _reading(data: bytes) -> object:
    """Return the corpus the reader gives, or the refusal's reason and place."""
    try:
        return exchange.read_exchange(data)
    except ImportRefused as refused:
        return (refused.detail, refused.where)


@SETTINGS
@given(st.lists(events(), max_size=6), st.sampled_from([1, 2]))
def test_both_roads_read_any_file_of_events_alike(items, version) -> None:
    data = json.dumps({"format": "argline", "version": version, "events": items}).encode()
    both_roads = _reading(data)
    with mock.patch.object(exchange, "_plain_event", return_value=None):
        careful_road = _reading(data)
    assert both_roads == careful_road


@SETTINGS
@given(
    st.fixed_dictionaries(
        {"id": IDS, "title": TEXTS.filter(str.strip), "start": st.just("1867-03-30")},
        optional={
            "end": st.sampled_from([None, "", "1868", "1900-01-01~"]),
            "description": st.none() | TEXTS,
            "category": st.none() | TEXTS,
            "attributes": st.dictionaries(st.sampled_from(["a", "b.c"]), TEXTS, max_size=2),
            "source_dates": st.just([]),
        },
    )
)
def test_the_quick_road_takes_a_plain_event_and_reads_it_as_the_careful_one(item) -> None:
    quick = exchange._plain_event(item, {}, {})
    assert quick is not None
    assert quick == exchange._event(Fields(item, "events[0]"))
