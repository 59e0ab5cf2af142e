"""Properties of the timeline formats: what can be written reads back equal; no bytes crash."""

from __future__ import annotations

import contextlib
import json
import string

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from argline.io.errors import ImportRefused
from argline.io.formats import events_csv, thetimelineproject, timelinejs, timelinejs_csv
from argline.io.formats.thetimelineproject import _instant, read_instant
from argline.model.dates import HistoricalDate, Precision
from argline.model.entities import Corpus, Era, Event

TIMELINE_FORMATS = (timelinejs, timelinejs_csv, thetimelineproject, events_csv)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text any of these files can carry: XML holds no control characters but newline, and
# turns a carriage return into a newline.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\n<>&\"'=+-@[]()"),
    max_size=30,
)
TITLE = TEXT.filter(lambda t: t.strip() and t == t.strip())
LANE = TEXT.map(str.strip)
IDS = st.text(string.ascii_letters + string.digits + "-_.:", min_size=1, max_size=12)
VALUE = TITLE


@st.composite
def dates(draw, *, deep: bool = True) -> HistoricalDate:
    """Dates TimelineJS holds: a year (any size) down to a second, no qualifiers."""
    precision = draw(
        st.sampled_from(
            [
                Precision.YEAR,
                Precision.MONTH,
                Precision.DAY,
                Precision.HOUR,
                Precision.MINUTE,
                Precision.SECOND,
            ]
        )
    )
    if precision is Precision.YEAR and deep:
        return HistoricalDate(draw(st.integers(-(10**12), 10**12)))
    year = draw(st.integers(-9999, 9999))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    clock = [draw(st.integers(0, 23)), draw(st.integers(0, 59)), draw(st.integers(0, 59))]
    fields = [month, day, *clock][
        : {
            Precision.YEAR: 0,
            Precision.MONTH: 1,
            Precision.DAY: 2,
            Precision.HOUR: 3,
            Precision.MINUTE: 4,
        }.get(precision, 5)
    ]
    return HistoricalDate(year, *fields, precision=precision)


def _span(draw, start_dates) -> tuple[HistoricalDate, HistoricalDate | None]:
    start = draw(start_dates)
    end = draw(st.none() | start_dates)
    if end is not None and end.axis_start() < start.axis_end():
        end = None
    return start, end


@st.composite
def slide_events(draw, keys: st.SearchStrategy[str]) -> Event:
    start, end = _span(draw, dates())
    attributes = draw(st.dictionaries(keys, VALUE, max_size=4))
    return Event(
        draw(IDS),
        draw(TITLE),
        start,
        end,
        draw(TEXT),
        draw(LANE),
        attributes=tuple(sorted(attributes.items())),
    )


def _unique(events: list[Event]) -> tuple[Event, ...]:
    return tuple({e.id: e for e in events}.values())


@st.composite
def eras(draw, start_dates) -> Era:
    start = draw(start_dates)
    end = draw(start_dates)
    assume(end.axis_start() >= start.axis_start())
    return Era(draw(IDS), draw(TITLE), start, end)


JSON_KEYS = (
    st.sampled_from(
        [
            "media.url",
            "media.caption",
            "background.color",
            "display_date",
            "start_date.format",
            "hyperlink",
            "color",
            "html.text",
            "autolink",
        ]
    )
    | TITLE
)


@SETTINGS
@given(
    st.lists(slide_events(JSON_KEYS), max_size=6),
    st.lists(eras(dates()), max_size=3),
    st.just("") | TITLE,
)
def test_any_corpus_timelinejs_json_can_hold_reads_back_equal(events, era_list, title) -> None:
    era_list = list({e.id: e for e in era_list}.values())
    corpus = Corpus(title=title, events=_unique(events), eras=tuple(era_list))
    back = timelinejs.read_timelinejs(timelinejs.write_timelinejs(corpus)).corpus
    assert back == corpus


CSV_KEYS = st.sampled_from(
    ["media.url", "media.credit", "media.caption", "media.thumbnail", "display_date"]
)


@SETTINGS
@given(
    st.lists(slide_events(CSV_KEYS), max_size=6),
    st.lists(eras(dates()), max_size=3),
    st.sampled_from(["", "#ff0000", "https://example.org/a.png"]),
)
def test_any_corpus_the_spreadsheet_can_hold_reads_back_equal(events, era_list, background):
    if background:
        key = "background.url" if background.startswith("http") else "background.color"
        events = [
            Event(
                e.id,
                e.title,
                e.start,
                e.end,
                e.description,
                e.category,
                attributes=tuple(sorted({**dict(e.attributes), key: background}.items())),
            )
            for e in events
        ]
    era_list = list({e.id: e for e in era_list}.values())
    corpus = Corpus(events=_unique(events), eras=tuple(era_list))
    written = timelinejs_csv.write_timelinejs_csv(corpus)
    assert timelinejs_csv.read_timelinejs_csv(written).corpus == corpus


@st.composite
def instants(draw, *, circa: bool = False) -> HistoricalDate:
    """Dates a .timeline file holds: the precision its instant's trailing zeros give."""
    date = read_instant(_instant(draw(dates(deep=False))))
    return HistoricalDate.from_edtf(date.to_edtf() + "~") if circa else date


TTP_KEYS = st.sampled_from(["hyperlink", "progress", "alert", "color"])


@st.composite
def timeline_events(draw) -> Event:
    start = draw(instants(circa=draw(st.booleans())))
    end = draw(st.none() | instants(circa=draw(st.booleans())))
    if end is not None and end.axis_start() <= start.axis_start():
        end = None
    attributes = dict(draw(st.dictionaries(TTP_KEYS, VALUE, max_size=3)))
    flags = draw(st.lists(st.sampled_from(["milestone", "locked", "ends_today"]), unique=True))
    attributes.update(dict.fromkeys(flags, "true"))
    box = draw(st.sampled_from(["", "container", "in_container"]))
    if box:
        attributes[box] = str(draw(st.integers(0, 99)))
    title = draw(TITLE)
    assume(title[0] not in "[(")
    return Event(
        "", title, start, end, draw(TEXT), draw(LANE), attributes=tuple(sorted(attributes.items()))
    )


def _without_ids(corpus: Corpus) -> tuple[list, list]:
    def event_key(e: Event) -> tuple:
        return (
            e.title,
            e.start.to_edtf(),
            e.end.to_edtf() if e.end else "",  # sortable beside a date
            e.description,
            e.category,
            e.attributes,
        )

    return (
        sorted(map(event_key, corpus.events)),
        sorted((e.title, e.start.to_edtf(), e.end.to_edtf()) for e in corpus.eras),
    )


@SETTINGS
@given(
    st.lists(timeline_events(), max_size=6),
    st.lists(eras(instants()), max_size=3).map(
        lambda es: [Era(e.id, e.title.strip() or "x", e.start, e.end) for e in es]
    ),
)
def test_any_corpus_a_timeline_file_can_hold_reads_back_equal(events, era_list) -> None:
    corpus = Corpus(events=tuple(events), eras=tuple(era_list))
    written = thetimelineproject.write_thetimelineproject(corpus)
    back = thetimelineproject.read_thetimelineproject(written).corpus
    assert _without_ids(back) == _without_ids(corpus)
    again = thetimelineproject.read_thetimelineproject(written).corpus
    assert [e.id for e in again.events] == [e.id for e in back.events]


@st.composite
def any_dates(draw) -> HistoricalDate:
    date = draw(dates())
    if date.precision is Precision.YEAR and abs(date.year) < 10_000:
        kind = draw(st.sampled_from(["year", "decade", "century", "season"]))
        if kind == "decade":
            date = HistoricalDate.from_edtf(date.to_edtf()[:-1] + "X")
        elif kind == "century":
            date = HistoricalDate.from_edtf(date.to_edtf()[:-2] + "XX")
        elif kind == "season":
            date = HistoricalDate(date.year, draw(st.integers(21, 24)), precision=Precision.SEASON)
    qualifier = draw(st.sampled_from(["", "~", "?", "%"]))
    return HistoricalDate.from_edtf(date.to_edtf() + qualifier)


CSV_ATTRIBUTE_KEYS = TITLE.filter(lambda k: k.lower() not in events_csv.COLUMNS)


@SETTINGS
@given(
    st.lists(
        st.builds(
            lambda id_, title, span, description, lane, attributes: Event(
                id_,
                title,
                span[0],
                span[1],
                description,
                lane,
                attributes=tuple(sorted(attributes.items())),
            ),
            IDS,
            TITLE,
            st.tuples(any_dates(), st.none()),
            TEXT,
            TEXT,
            st.dictionaries(CSV_ATTRIBUTE_KEYS, VALUE, max_size=3),
        ),
        max_size=6,
    )
)
def test_any_corpus_of_events_reads_back_equal_from_csv(events) -> None:
    corpus = Corpus(events=_unique(events))
    back = events_csv.read_events_csv(events_csv.write_events_csv(corpus)).corpus
    assert back == corpus


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_a_reader(data: bytes) -> None:
    for module in TIMELINE_FORMATS:
        with contextlib.suppress(ImportRefused):
            module.FORMAT.read(data)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "events",
                    "eras",
                    "title",
                    "start_date",
                    "end_date",
                    "year",
                    "month",
                    "day",
                    "hour",
                    "text",
                    "headline",
                    "media",
                    "url",
                    "background",
                    "unique_id",
                    "group",
                    "display_date",
                    "argline_attributes",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_arbitrary_json_never_crashes_the_timelinejs_reader(value) -> None:
    with contextlib.suppress(ImportRefused):
        timelinejs.read_timelinejs(json.dumps(value).encode())


CSV_TEXT = st.lists(
    st.lists(
        st.sampled_from(
            [
                "",
                "1867",
                "-5",
                "12",
                "x",
                '"a,b"',
                "2:30 pm",
                "era",
                "title",
                "1,2",
                "99999999999999",
                "='x",
                "ok",
            ]
        ),
        max_size=20,
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(CSV_TEXT)
def test_arbitrary_sheets_never_crash_the_csv_readers(rows) -> None:
    header = ",".join(timelinejs_csv.COLUMNS)
    for module, first in ((timelinejs_csv, header), (events_csv, "id,title,start,end,x")):
        data = "\r\n".join([first, *(",".join(r) for r in rows)]).encode()
        with contextlib.suppress(ImportRefused):
            module.FORMAT.read(data)
