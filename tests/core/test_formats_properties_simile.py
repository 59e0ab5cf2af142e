"""Properties of SIMILE XML: any events Argline holds read back equal; no bytes crash it."""

from __future__ import annotations

import contextlib
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argline.io.errors import ImportRefused
from argline.io.formats.simile import iso_text, read_iso, read_simile, write_simile
from argline.model.dates import HistoricalDate, Precision
from argline.model.entities import Corpus, Event

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# XML holds no control characters but newline and tab (a carriage return is escaped).
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\n\r\t<>&\"';"),
    max_size=30,
)
TITLE = TEXT.filter(lambda t: t.strip() and t == t.strip())
IDS = st.text(string.ascii_letters + string.digits + "-_.:", min_size=1, max_size=12)
KEYS = st.sampled_from(
    [
        *("link", "color", "icon", "image", "textColor", "latestStart", "earliestEnd"),
        *("durationEvent", "html.text", "hyperlink", "a key with spaces"),
    ]
)


@st.composite
def dates(draw) -> HistoricalDate:
    """Any date Argline holds: years of any size to seconds, seasons, decades, qualifiers."""
    precision = draw(st.sampled_from(list(Precision)))
    year = draw(st.integers(-9999, 9999))
    if precision is Precision.YEAR:
        date = HistoricalDate(draw(st.integers(-(10**12), 10**12) | st.just(year)))
    elif precision in (Precision.DECADE, Precision.CENTURY):
        text = f"{year:05d}" if year < 0 else f"{year:04d}"
        cut = 1 if precision is Precision.DECADE else 2
        date = HistoricalDate.from_edtf(text[:-cut] + "X" * cut)
    elif precision is Precision.SEASON:
        date = HistoricalDate(year, draw(st.integers(21, 24)), precision=precision)
    else:
        fields = [draw(st.integers(1, 12)), draw(st.integers(1, 28))]
        fields += [draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59))]
        count = precision - Precision.MONTH + 1
        date = HistoricalDate(year, *fields[:count], precision=precision)
        if precision >= Precision.DAY:
            date = read_iso(iso_text(date))  # a clock's trailing zeros say nothing
    qualifier = draw(st.sampled_from(["", "", "~", "?", "%"]))
    return HistoricalDate.from_edtf(date.to_edtf() + qualifier) if qualifier else date


@st.composite
def events(draw) -> Event:
    start = draw(dates())
    end = draw(st.none() | dates())
    if end is not None and end.axis_start() < start.axis_end():
        end = None
    attributes = draw(st.dictionaries(KEYS, TITLE, max_size=4))
    return Event(
        draw(IDS),
        draw(TITLE),
        start,
        end,
        draw(TEXT).strip(),  # HTML ignores the space round a description, and so does SIMILE
        draw(TEXT).strip(),
        attributes=tuple(sorted(attributes.items())),
    )


@SETTINGS
@given(st.lists(events(), max_size=6))
def test_any_events_read_back_equal_from_simile_xml(event_list) -> None:
    corpus = Corpus(events=tuple({e.id: e for e in event_list}.values()))
    assert read_simile(write_simile(corpus)).corpus == corpus


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=200).map(lambda t: f"<data>{t}</data>".encode()))
def test_arbitrary_bytes_never_crash_the_simile_reader(data: bytes) -> None:
    with contextlib.suppress(ImportRefused):
        read_simile(data)


ATTRIBUTE_VALUES = st.sampled_from(
    ["", "1961", "May 20 1961", "-0043", "44 BC", "x", "1961-13", "99999999999999", "true"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["start", "end", "latestStart", "earliestEnd", "durationEvent"]),
            ATTRIBUTE_VALUES,
        ),
        max_size=4,
    ),
    st.sampled_from(["", ' date-time-format="iso8601"']),
)
def test_arbitrary_event_attributes_never_crash_the_simile_reader(nodes, data_format) -> None:
    body = "".join(
        "<event" + "".join(f' {k}="{v}"' for k, v in node.items()) + "/>" for node in nodes
    )
    with contextlib.suppress(ImportRefused):
        read_simile(f"<data{data_format}>{body}</data>".encode())
