"""Reading a list's items as the JSON is parsed gives what reading the text whole gives.

``decode_json(data, stream=...)`` hands the items of one list in the top-level object
to a function as soon as each is parsed, and leaves any text not plainly of that shape
to ``json.loads``. These tests feed both roads texts written with any spacing, keys
given twice, and texts broken by one character, and ask for the same value or the same
refusal, worded and placed alike.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argline.io.errors import ImportRefused
from argline.io.json_input import decode_json

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SPACES = st.sampled_from(["", " ", "\n  ", "\t", "\r\n"])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**40), 10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", "x", "é", "\\u00e9", "\\ud800", 'a\\"b', "NaN"])
)


def _text(value: Any) -> str:
    """Return a JSON value's text; strings in SCALARS are written as they are, escapes kept."""
    return f'"{value}"' if isinstance(value, str) else json.dumps(value)


@st.composite
def values(draw: st.DrawFn, depth: int = 0) -> str:
    """Return the text of a JSON value, with any spacing between its tokens."""
    kind = draw(st.integers(0, 2 if depth < 2 else 0))
    if kind == 0:
        return _text(draw(SCALARS)) if draw(st.integers(0, 20)) else "NaN"
    items = draw(st.lists(values(depth + 1), max_size=3))
    if kind == 1:
        return "[" + ",".join(draw(SPACES) + item + draw(SPACES) for item in items) + "]"
    keys = draw(st.lists(st.sampled_from(["id", "a"]), min_size=len(items), max_size=len(items)))
    pairs = (
        f'{draw(SPACES)}"{k}"{draw(SPACES)}:{draw(SPACES)}{v}'
        for k, v in zip(keys, items, strict=True)
    )
    return "{" + ",".join(pairs) + draw(SPACES) + "}"


@st.composite
def files(draw: st.DrawFn) -> str:
    """Return a file's text: an object whose members, ``events`` among them, may repeat.

    A name that is no string (``1``, ``[]``) makes the object malformed.
    """
    members = []
    for key in draw(
        st.lists(st.sampled_from(['"events"', '"format"', '"x"', "1", "[]"]), max_size=4)
    ):
        if key == '"events"' and draw(st.integers(0, 5)):
            items = draw(st.lists(values(1), max_size=4))
            value = "[" + ",".join(draw(SPACES) + item + draw(SPACES) for item in items) + "]"
        else:
            value = draw(values())
        members.append(f"{draw(SPACES)}{key}{draw(SPACES)}:{draw(SPACES)}{value}{draw(SPACES)}")
    text = draw(SPACES) + "{" + ",".join(members) + "}" + draw(SPACES)
    return text if draw(st.integers(0, 20)) else draw(values())


@st.composite
def broken(draw: st.DrawFn) -> str:
    """Return a file's text with one character taken out, put in or changed."""
    text = draw(files())
    at = draw(st.integers(0, len(text)))
    mark = draw(st.sampled_from([",", ":", "{", "}", "[", "]", '"', " ", "x", "1", "\\"]))
    edit = draw(st.integers(0, 2))
    return text[:at] + (mark if edit else "") + text[at + (edit != 1) :]


def _decoded(text: str, *, streamed: bool) -> object:
    """Return the value both roads should agree on, or the refusal's reason and place."""
    stream = ("events", lambda item: ("read", item)) if streamed else None
    try:
        value = decode_json(text.encode(), stream=stream)
    except ImportRefused as refused:
        return (refused.detail, refused.where)
    if isinstance(value, dict) and isinstance(value.get("events"), list):
        # JSON holds no tuples: these are the items read, to compare with those parsed.
        value["events"] = [x[1] if isinstance(x, tuple) else x for x in value["events"]]
    return value


@SETTINGS
@given(files() | broken())
def test_a_list_read_as_parsed_reads_as_the_whole_text_does(text: str) -> None:
    assert _decoded(text, streamed=True) == _decoded(text, streamed=False)


@pytest.mark.parametrize("indent", [None, 2])
def test_each_event_of_a_plain_file_is_handed_over_as_it_is_parsed(indent: int | None) -> None:
    events = [{"id": f"e{n}", "title": "t", "start": "1867"} for n in range(3)]
    data = json.dumps({"format": "argline", "events": events, "eras": []}, indent=indent)
    read: list[Any] = []

    def count(item: Any) -> int:
        read.append(item)
        return len(read)

    value = decode_json(data.encode(), stream=("events", count))
    assert read == events
    assert value == {"format": "argline", "events": [1, 2, 3], "eras": []}
