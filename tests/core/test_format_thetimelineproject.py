"""Importing and exporting The Timeline Project's .timeline XML, safely."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from allocations import Allocations, few_bytes_for
from argline.io.errors import ImportRefused
from argline.io.formats import for_file
from argline.io.formats.thetimelineproject import (
    read_thetimelineproject,
    write_thetimelineproject,
)
from argline.io.transfer import export_bytes, import_bytes, import_file
from argline.model.dates import HistoricalDate, Precision
from argline.model.entities import Corpus, Event
from argline.ops.queries import load_corpus
from argline.store import Store


def _events(store: Store) -> dict[str, Event]:
    with store.reading() as session:
        return {e.id: dataclasses.replace(e, version=1) for e in load_corpus(session).events}


def _timeline(events: str, timetype: str = "gregoriantime") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<timeline>\n<version>2.5.0</version>\n'
        f"<timetype>{timetype}</timetype>\n<categories/>\n<events>\n{events}</events>\n"
        "<view/>\n</timeline>\n"
    ).encode()


def _event(start: str, end: str, text: str = "A", extra: str = "") -> str:
    return f"<event><start>{start}</start><end>{end}</end><text>{text}</text>{extra}</event>\n"


@pytest.mark.parametrize(
    ("name", "events", "containers", "members", "eras"),
    [("gregorian-sample.timeline", 25, 5, 10, 2), ("numeric-sample.timeline", 17, 1, 3, 1)],
)
def test_each_sample_imports_with_its_counts_and_survives_a_round_trip(
    shared_corpus: Path, store: Store, tmp_path: Path, *, name, events, containers, members, eras
) -> None:
    path = shared_corpus / "thetimelineproj" / name
    assert for_file(path.name, path.read_bytes()).name == "thetimelineproject"
    report = import_file(store, path)
    assert report.tallies["events"].added == events
    assert report.tallies["eras"].added == eras
    corpus = read_thetimelineproject(path.read_bytes()).corpus
    kept = [dict(e.attributes) for e in corpus.events]
    assert sum("container" in k for k in kept) == containers
    assert sum("in_container" in k for k in kept) == members
    assert len({e.category for e in corpus.events} - {""}) == 4

    fresh = Store.open(tmp_path / "fresh.argline")
    try:
        exported = export_bytes(store, format="thetimelineproject")
        import_bytes(fresh, exported, name="out.timeline")
        assert _events(fresh) == _events(store)
    finally:
        fresh.close()
    assert import_file(store, path).tallies["events"].unchanged == events


def test_the_numeric_sample_reads_its_numbers_as_years_and_says_so(shared_corpus: Path) -> None:
    data = (shared_corpus / "thetimelineproj" / "numeric-sample.timeline").read_bytes()
    reading = read_thetimelineproject(data)
    assert any("numtime" in note for note in reading.skipped)
    container = next(e for e in reading.corpus.events if e.title == "Container")
    assert (container.start.to_edtf(), container.end.to_edtf()) == ("0005", "0024")
    kept = [dict(e.attributes) for e in reading.corpus.events]
    assert sum(k.get("milestone") == "true" for k in kept) == 2
    assert sum("hyperlink" in k for k in kept) == 2
    assert any("\n\n" in e.description for e in reading.corpus.events)


def test_instants_give_the_precision_their_trailing_zeros_leave(shared_corpus: Path) -> None:
    events = _timeline(
        _event("2021-10-13 13:23:09", "2021-10-13 13:23:09", "second")
        + _event("2021-10-13 13:23:00", "2021-10-13 13:23:00", "minute")
        + _event("2021-10-13 00:00:00", "2021-10-20 00:00:00", "day")
        + _event("2021-10-01 00:00:00", "2021-10-01 00:00:00", "month")
        + _event("-0043-01-01 00:00:00", "-0043-01-01 00:00:00", "year")
    )
    read = {e.title: e for e in read_thetimelineproject(events).corpus.events}
    assert read["second"].start.precision is Precision.SECOND
    assert read["minute"].start.precision is Precision.MINUTE
    assert read["day"].end.to_edtf() == "2021-10-20"
    assert read["month"].start.to_edtf() == "2021-10"
    assert read["year"].start.to_edtf() == "-0043"
    assert read["second"].end is None


def test_fuzzy_is_circa_and_survives_export() -> None:
    data = _timeline(
        _event(
            "1859-01-01 00:00:00",
            "1867-03-30 00:00:00",
            extra="<fuzzy>False</fuzzy><fuzzy_start>True</fuzzy_start><fuzzy_end>False</fuzzy_end>",
        )
    )
    event = read_thetimelineproject(data).corpus.events[0]
    assert event.start.circa
    assert not event.end.circa
    again = read_thetimelineproject(write_thetimelineproject(Corpus(events=(event,))))
    assert again.corpus.events == (event,)


def test_an_exported_corpus_reads_back_with_its_lanes_and_containers() -> None:
    events = (
        Event(
            "a",
            "Box",
            HistoricalDate(1990),
            HistoricalDate(1999),
            category="Lane <1>",
            attributes=(("container", "3"),),
        ),
        Event(
            "b",
            "Member & co",
            HistoricalDate(1991),
            description="x\ny",
            category="Lane <1>",
            attributes=(("hyperlink", "https://example.org"), ("in_container", "3")),
        ),
    )
    back = read_thetimelineproject(write_thetimelineproject(Corpus(events=events))).corpus
    assert [(e.title, e.category, e.description) for e in back.events] == [
        ("Box", "Lane <1>", ""),
        ("Member & co", "Lane <1>", "x\ny"),
    ]
    assert dict(back.events[1].attributes)["in_container"] == "3"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (
            _timeline(_event("2021-13-01 00:00:00", "2021-13-01 00:00:00")),
            "line 7, column 8 <start>",
        ),
        (_timeline(_event("yesterday", "today")), "'yesterday'"),
        (_timeline(_event("2021-10-13 00:00:00", "2020-10-13 00:00:00")), "before"),
        (_timeline(_event("1", "x"), timetype="numtime"), "whole number"),
        (_timeline("", timetype="bosparaniantime"), "bosparaniantime"),
        (b"<timeline><events><event></timeline>", "line 1, column 28"),
        (b"<other/>", "not a .timeline file"),
    ],
)
def test_a_bad_file_is_refused_naming_line_and_column(data: bytes, says: str) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_thetimelineproject(data)
    assert says in str(caught.value)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<timeline><events><event><text>&lol3;</text></event></events></timeline>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE t [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<timeline><events><event><text>&secret;</text></event></events></timeline>"""


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        EXTERNAL,
        b'<!DOCTYPE t SYSTEM "http://example.org/t.dtd"><timeline/>',
        b"<timeline>" + b"<a>" * 100_000 + b"</timeline>",
        b"<timeline><text>\xff\xfe</text></timeline>",
        b"",
    ],
)
def test_hostile_xml_is_refused_unexpanded_without_reaching_out(data: bytes) -> None:
    # How fast: bench/hostile_input.py.
    with Allocations() as allocated, pytest.raises(ImportRefused):
        read_thetimelineproject(data)
    assert allocated.peak < few_bytes_for(data)


def test_deep_nesting_is_refused_before_it_is_built() -> None:
    deep = "<x>" * 50_000 + "</x>" * 50_000
    data = _timeline(_event("2021-10-13 00:00:00", "2021-10-13 00:00:00", extra=deep))
    with Allocations() as allocated, pytest.raises(ImportRefused, match="nested"):
        read_thetimelineproject(data)
    assert allocated.peak < few_bytes_for(data)


def test_unknown_elements_of_an_event_are_reported() -> None:
    data = _timeline(_event("2021-10-13 00:00:00", "2021-10-13 00:00:00", extra="<icon>AA</icon>"))
    reading = read_thetimelineproject(data)
    assert any("<icon>" in note for note in reading.skipped)
