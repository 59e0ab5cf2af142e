"""Properties of the readers' refusals: a file broken in any one field is refused naming it.

Each reader takes one road through a file, however large, so a field that is wrong in
the thousandth event must be refused as it would be in the first: by its own place (JSON
path, or line and column) and for its own reason. These tests break one field of one
item in an otherwise good file, and check that the refusal names that item and field.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argline.io.errors import ImportRefused
from argline.io.exchange import read_exchange
from argline.io.formats.timelinejs import read_timelinejs
from argline.io.formats.timelinejs_csv import COLUMNS, ID_COLUMN, read_timelinejs_csv

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DAYS = st.tuples(st.integers(1750, 2049), st.integers(1, 12), st.integers(1, 28))
WORDS = st.text("abcdefgh <>&é", min_size=1, max_size=12).filter(str.strip)


def _refusal(read: Any, data: bytes) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        read(data)
    return caught.value


# --- the exchange format --------------------------------------------------------------


@st.composite
def exchange_events(draw: st.DrawFn, n: int) -> dict[str, Any]:
    """Return event ``n`` of an exchange file, its optional fields given or left out."""
    year, month, day = draw(DAYS)
    start = draw(
        st.sampled_from([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
    )
    event: dict[str, Any] = {"id": f"e{n}", "title": draw(WORDS), "start": start}
    optional = {
        "end": st.sampled_from([None, "", f"{year + 1}", f"{year + 2}-01~"]),
        "description": st.none() | WORDS,
        "category": st.none() | WORDS,
        "attributes": st.none() | st.dictionaries(st.sampled_from(["a", "b.c"]), WORDS),
        "source_dates": st.lists(
            st.fixed_dictionaries({"source": WORDS, "date": st.just(start)}), max_size=2
        ),
    }
    for name, values in optional.items():
        if draw(st.booleans()):
            event[name] = draw(values)
    return event


# (field, bad value, the path under the event, what the refusal says)
EXCHANGE_BREAKS = [
    ("id", None, "id", "required"),
    ("id", "  ", "id", "empty"),
    ("id", 7, "id", "expected text"),
    ("title", None, "title", "required"),
    ("title", ["x"], "title", "expected text"),
    ("start", None, "start", "required"),
    ("start", "1867-13", "start", "month 13"),
    ("start", "30 March 1867", "start", "not an EDTF date"),
    ("end", "1700", "end", "before the start"),
    ("end", "1867-02-30", "end", "day 30"),
    ("end", 1900, "end", "expected text"),
    ("description", {"text": "x"}, "description", "expected text"),
    ("category", 3.5, "category", "expected text"),
    ("attributes", "x", "attributes", "expected an object"),
    ("attributes", {"a": 1}, "attributes.a", "expected text"),
    ("source_dates", "x", "source_dates", "expected a list"),
    ("source_dates", [1], "source_dates[0]", "expected an object"),
    ("source_dates", [{"date": "1867"}], "source_dates[0].source", "required"),
    ("source_dates", [{"source": "s", "date": "x"}], "source_dates[0].date", "not an EDTF"),
]


@SETTINGS
@given(
    st.integers(1, 6).flatmap(lambda size: st.tuples(*(exchange_events(n) for n in range(size)))),
    st.data(),
)
def test_an_exchange_file_broken_in_one_field_is_refused_there(events, data) -> None:
    document = {"format": "argline", "version": 2, "events": list(events)}
    assert len(read_exchange(json.dumps(document).encode()).events) == len(events)
    n = data.draw(st.integers(0, len(events) - 1))
    field, value, where, says = data.draw(st.sampled_from(EXCHANGE_BREAKS))
    document["events"][n] = {**events[n], field: value}
    error = _refusal(read_exchange, json.dumps(document).encode())
    assert error.where == f"events[{n}].{where}"
    assert says in error.detail


# --- TimelineJS JSON --------------------------------------------------------------------


@st.composite
def slides(draw: st.DrawFn, n: int) -> dict[str, Any]:
    """Return slide ``n`` of a TimelineJS file, half of them without a unique_id."""
    year, month, day = draw(DAYS)
    given = draw(st.integers(1, 3))
    parts = dict(list({"year": str(year), "month": str(month), "day": str(day)}.items())[:given])
    slide: dict[str, Any] = {"start_date": parts, "text": {"headline": draw(WORDS)}}
    optional = {
        "end_date": st.just({"year": str(year + 1)}),
        "unique_id": st.just(f"s{n}"),
        "group": WORDS,
        "media": st.fixed_dictionaries({"url": WORDS}, optional={"caption": WORDS}),
        "background": st.fixed_dictionaries({"color": st.just("#fff")}),
        "display_date": WORDS,
    }
    for name, values in optional.items():
        if draw(st.booleans()):
            slide[name] = draw(values)
    return slide


def _with(slide: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Return a copy of the slide with the value at ``path`` ('text.headline') replaced."""
    copy = json.loads(json.dumps(slide))
    *parents, name = path.split(".")
    place = copy
    for parent in parents:
        place = place.setdefault(parent, {})
    place[name] = value
    return copy


# (path in the slide, bad value, the path refused, what the refusal says). A date is
# refused at its finest part given, so a bad month is given without its day.
SLIDE_BREAKS = [
    ("start_date", "1867", "start_date", "expected an object"),
    ("start_date.year", "18x7", "start_date.year", "not a whole number"),
    ("start_date.year", None, "start_date.year", "needs its year"),
    ("start_date.year", [1867], "start_date.year", "found list"),
    ("start_date.month", {"m": 3}, "start_date.month", "found dict"),
    ("start_date.day", "32", "start_date.day", "day 32"),
    ("end_date", [], "end_date", "expected an object"),
    ("end_date.year", "1700", "end_date", "before the start"),
    ("text", "Alaska", "text", "expected an object"),
    ("text.headline", ["Alaska"], "text.headline", "expected text"),
    ("text.text", {}, "text.text", "expected text"),
    ("group", [], "group", "expected text"),
    ("unique_id", {"id": 1}, "unique_id", "expected text"),
    ("media", "https://example.org/a.png", "media", "expected an object"),
    ("media.url", [], "media.url", "expected text"),
    ("display_date", ["1867"], "display_date", "expected text"),
]


@SETTINGS
@given(
    st.integers(1, 6).flatmap(lambda size: st.tuples(*(slides(n) for n in range(size)))), st.data()
)
def test_a_timelinejs_file_broken_in_one_field_is_refused_there(events, data) -> None:
    assert len(read_timelinejs(json.dumps({"events": events}).encode()).corpus.events) == len(
        events
    )
    n = data.draw(st.integers(0, len(events) - 1))
    path, value, where, says = data.draw(st.sampled_from(SLIDE_BREAKS))
    broken = [*events[:n], _with(events[n], path, value), *events[n + 1 :]]
    error = _refusal(read_timelinejs, json.dumps({"events": broken}).encode())
    assert error.where == f"events[{n}].{where}"
    assert says in error.detail


# --- the TimelineJS spreadsheet ---------------------------------------------------------


@st.composite
def sheet_rows(draw: st.DrawFn, n: int) -> dict[str, str]:
    """Return row ``n`` of a TimelineJS sheet by column: an event, a title or an era."""
    year, month, day = draw(DAYS)
    row = {"Year": str(year), "Headline": draw(WORDS), "Type": draw(st.sampled_from(["", "event"]))}
    if draw(st.booleans()):
        row |= {"Month": str(month), "Day": str(day)}
        if draw(st.booleans()):
            row["Time"] = draw(st.sampled_from(["14:30", "2:30 pm", "9"]))
    if draw(st.booleans()):
        row["End Year"] = str(year + draw(st.integers(0, 5)))
    if draw(st.booleans()):
        row[ID_COLUMN] = f"r{n}"
    for column in ("Text", "Media", "Group", "Background"):
        if draw(st.booleans()):
            row[column] = draw(WORDS)
    return row


# (the cells broken, the column refused, what the refusal says). A date is refused at its
# finest part given, so a bad month is given without its day and time, a bad day without
# its time.
CELL_BREAKS = [
    ({"Year": "18x7"}, "Year", "not a whole number"),
    ({"Year": ""}, "Year", "needs its year"),
    ({"Month": "13", "Day": "", "Time": ""}, "Month", "month 13"),
    ({"Day": "32", "Time": ""}, "Day", "day"),
    ({"Time": "noon"}, "Time", "not a time"),
    ({"Time": "13 pm"}, "Time", "am/pm"),
    ({"End Year": "1700"}, "End Year", "before the start"),
    ({"End Year": "", "End Month": "2"}, "End Year", "needs its year"),
]


def _csv(header: list[str], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([row.get(column, "") for column in header] for row in rows)
    return out.getvalue().encode()


@SETTINGS
@given(
    st.integers(1, 6).flatmap(lambda size: st.tuples(*(sheet_rows(n) for n in range(size)))),
    st.permutations([*COLUMNS, ID_COLUMN]),
    st.data(),
)
def test_a_sheet_broken_in_one_cell_is_refused_there(rows, header, data) -> None:
    assert len(read_timelinejs_csv(_csv(header, list(rows))).corpus.events) == len(rows)
    n = data.draw(st.integers(0, len(rows) - 1))
    cells, named, says = data.draw(st.sampled_from(CELL_BREAKS))
    broken = [*rows[:n], {**rows[n], **cells}, *rows[n + 1 :]]
    error = _refusal(read_timelinejs_csv, _csv(header, broken))
    assert error.where == f"line {n + 2}, column {header.index(named) + 1} ({named})"
    assert says in error.detail
