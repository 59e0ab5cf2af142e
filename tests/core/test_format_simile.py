"""Importing and exporting SIMILE Timeline XML: its dates, imprecise spans and attributes."""

from __future__ import annotations

import pytest

from argline.io.errors import ImportRefused
from argline.io.formats import for_file
from argline.io.formats.simile import read_gregorian, read_iso, read_simile, write_simile
from argline.io.transfer import import_bytes
from argline.model.dates import DateError, HistoricalDate, Precision
from argline.model.entities import Corpus, Event
from argline.store import Store


def _simile(events: str, data_attributes: str = "") -> bytes:
    return f'<?xml version="1.0"?>\n<data{data_attributes}>\n{events}</data>\n'.encode()


def _only(events: str, data_attributes: str = "") -> Event:
    (event,) = read_simile(_simile(events, data_attributes)).corpus.events
    return event


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("1963", "1963"),
        ("-500", "-0500"),
        ("44 BC", "-0043"),
        ("May 1961", "1961-05"),
        ("May 20 1961", "1961-05-20"),
        ("May 20, 1961", "1961-05-20"),
        ("20 May 1961", "1961-05-20"),
        ("05/06/1961", "1961-05-06"),  # month first, as JavaScript reads it
        ("Jan 1 2000", "2000-01-01"),
        ("January 2000", "2000-01"),
        ("Sat May 20 1961 00:00:00 GMT-0600", "1961-05-20"),
        ("Sat May 20 1961 14:30:00 GMT-0600 (Mountain Daylight Time)", "1961-05-20T14:30"),
        ("Sat, 20 May 1961 14:30:05 GMT", "1961-05-20T14:30:05"),
        ("1961-05", "1961-05"),
        ("1961-05-20T00:00:00+0000", "1961-05-20"),
        ("1961-05-20T06:00:00.000Z", "1961-05-20T06"),
    ],
)
def test_each_date_style_reads_at_the_precision_its_text_gives(text: str, edtf: str) -> None:
    assert read_gregorian(text).to_edtf() == edtf


def test_iso_files_read_only_iso_dates_and_negative_years_are_astronomical() -> None:
    assert read_iso("-0043-03-15").to_edtf() == "-0043-03-15"
    assert read_iso("1961").precision is Precision.YEAR
    with pytest.raises(DateError, match="not an ISO 8601 date"):
        read_iso("May 20 1961")
    event = _only('<event start="-0043-03-15" title="Ides"/>', ' date-time-format="iso8601"')
    assert event.start == HistoricalDate(-43, 3, 15, precision=Precision.DAY)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("May 20", "gives no year"), ("soon", "not a date SIMILE reads"), ("0 BC", "from 1")],
)
def test_dates_that_are_no_dates_are_refused_saying_why(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        read_gregorian(text)


def test_latest_start_and_earliest_end_make_the_dates_circa_and_are_kept() -> None:
    event = _only(
        '<event start="1900" latestStart="1905" earliestEnd="1915" end="1920"'
        ' durationEvent="true" title="Uncertain span"/>'
    )
    assert (event.start.to_edtf(), event.end and event.end.to_edtf()) == ("1900~", "1920~")
    assert dict(event.attributes) == {"latestStart": "1905", "earliestEnd": "1915"}


def test_bounds_equal_to_the_dates_say_nothing() -> None:
    event = _only('<event start="1900" latestStart="1900" end="1920" durationEvent="true"/>')
    assert not event.start.circa
    assert event.attributes == ()


@pytest.mark.parametrize(
    ("attributes", "kept"),
    [
        ('end="1910" durationEvent="true"', None),
        ('end="1910" isDuration="true"', None),
        ('end="1910" durationEvent="false"', "false"),
        ('end="1910"', "false"),  # SIMILE's default: an instant, somewhere in the span
        ('durationEvent="true"', None),
        ('durationEvent="false"', None),
    ],
)
def test_duration_event_is_kept_where_simile_draws_a_span_as_an_instant(
    attributes: str, kept: str | None
) -> None:
    event = _only(f'<event start="1900" {attributes} title="x"/>')
    assert dict(event.attributes).get("durationEvent") == kept


def test_links_colours_and_images_are_kept_and_unknown_attributes_reported() -> None:
    data = _simile(
        '<event start="1961" title="A" link="http://a.example" color="#f00" icon="i.png"'
        ' image="p.jpg" textColor="blue" mood="calm"/>\n'
        '<event start="1962" title="B" mood="sad" rating="5"/>\n'
        '<event start="1963" title="C"><b>bold</b></event>\n',
        ' wiki-url="http://w.example/" wiki-section="Cubism"',
    )
    reading = read_simile(data)
    assert dict(reading.corpus.events[0].attributes) == {
        "link": "http://a.example",
        "color": "#f00",
        "icon": "i.png",
        "image": "p.jpg",
        "textColor": "blue",
    }
    assert reading.skipped == (
        "line 2, column 1 <data>: <data wiki-url> is not kept",
        "line 2, column 1 <data>: <data wiki-section> is not kept",
        "line 3, column 1 <event>: attribute 'mood' is not a SIMILE event attribute; not kept"
        " (and 1 more like it)",
        "line 4, column 1 <event>: attribute 'rating' is not a SIMILE event attribute; not kept",
        "line 5, column 31 <b>: <b> in an event: SIMILE reads only the text before it; not kept",
    )


def test_escaped_html_descriptions_give_their_text_and_keep_their_markup() -> None:
    event = _only(
        '<event start="1961" title="AT&amp;amp;T &amp;eacute;">\n'
        "  Read &lt;a href=&quot;http://x.example&quot;&gt;this&lt;/a&gt; &amp;amp; that\n"
        "</event>"
    )
    assert event.title == "AT&T é"
    assert event.description == "Read this & that"
    assert (
        dict(event.attributes)["html.text"] == 'Read <a href="http://x.example">this</a> &amp; that'
    )


def test_events_without_ids_get_stable_ones_and_ids_given_are_kept() -> None:
    data = _simile('<event start="1961" title="A"/>\n<event id="b" start="1962" title="B"/>\n')
    first, second = read_simile(data).corpus.events
    assert first.id.startswith("ev-")
    assert second.id == "b"
    assert read_simile(data).corpus.events[0].id == first.id


@pytest.mark.parametrize(
    ("event", "place", "reason"),
    [
        ('<event title="x"/>', "line 3, column 1 <event>", "start: an event needs its start"),
        ('<event start="Mayy 20 1961"/>', "line 3, column 1 <event>", "start: 'Mayy 20 1961'"),
        ('<event start="1961" end="1950"/>', "line 3, column 1 <event>", "end: 1950 is before"),
        (
            '<event start="1961" latestStart="1950" end="1970"/>',
            "line 3, column 1 <event>",
            "latestStart: 1950 is before start",
        ),
        (
            '<event start="1961" earliestEnd="1980" end="1970"/>',
            "line 3, column 1 <event>",
            "end: 1970 is before earliestEnd",
        ),
        ('<event id="a" start="1"/><event id="a" start="2"/>', "line 3, column 26", "used twice"),
        ("<event start='1961'", "line 4, column 1", "malformed XML"),
    ],
)
def test_bad_input_is_refused_in_one_line_naming_the_place(
    event: str, place: str, reason: str
) -> None:
    with pytest.raises(ImportRefused) as refused:
        read_simile(_simile(event + "\n"))
    message = str(refused.value)
    assert place in message
    assert reason in message
    assert "\n" not in message


def test_a_file_with_another_root_is_refused() -> None:
    with pytest.raises(ImportRefused, match="expected a <data> root"):
        read_simile(b"<timeline><events/></timeline>")


def test_a_round_trip_keeps_spans_bounds_lanes_html_and_other_attributes() -> None:
    events = (
        Event(
            "a",
            "Span & more",
            HistoricalDate.from_edtf("1900~"),
            HistoricalDate.from_edtf("1920~"),
            "Line one\nline <two>",
            "Politics",
            attributes=(("earliestEnd", "1915"), ("hyperlink", "h"), ("latestStart", "1905")),
        ),
        Event("b", "Decade", HistoricalDate.from_edtf("186X"), None, "", ""),
        Event("c", "Doubt", HistoricalDate.from_edtf("1961-05-20?"), None, "", ""),
        Event(
            "d",
            "Instant",
            HistoricalDate.from_edtf("1961-05-20T14:30"),
            HistoricalDate.from_edtf("1961-06-01T09:15:07"),
            "<b>x</b>",
            "",
            attributes=(("color", "red"), ("durationEvent", "false"), ("html.text", "<b>x</b>")),
        ),
        Event("e", "Deep", HistoricalDate.from_edtf("Y-13800000000"), None, "", ""),
    )
    corpus = Corpus(events=events)
    written = write_simile(corpus)
    assert for_file("out.xml", written).name == "simile"
    assert read_simile(written).corpus == corpus


def test_an_import_names_the_file_and_changes_nothing_on_a_refusal(store: Store) -> None:
    good = _simile('<event start="May 20 1961" title="A"/>\n')
    report = import_bytes(store, good, name="a.xml")
    assert (report.format, report.tallies["events"].added) == ("simile", 1)
    bad = _simile('<event start="1961" title="B"/>\n<event start="never"/>\n')
    with pytest.raises(ImportRefused, match=r"^b\.xml: line 4, column 1 <event>: start:"):
        import_bytes(store, bad, name="b.xml")
    assert import_bytes(store, good, name="a.xml").tallies["events"].unchanged == 1
