"""Importing and exporting events as CSV: documented columns, typed dates, no formulas."""

from __future__ import annotations

import dataclasses

import pytest

from argline.io.errors import ImportRefused
from argline.io.formats import for_file, for_output
from argline.io.formats.csv_cells import neutralised, restored
from argline.io.formats.events_csv import read_events_csv, write_events_csv
from argline.io.transfer import export_bytes, import_bytes
from argline.model.dates import HistoricalDate, Precision
from argline.model.entities import Corpus, Event
from argline.store import Store


def _csv(*lines: str) -> bytes:
    return "\r\n".join(lines).encode()


def test_dates_may_be_edtf_or_typed_text_at_the_precision_given() -> None:
    data = _csv(
        "title,start,end,category,source",
        "Alaska,30 March 1867,,Territory,treaty",
        "Caesar,44 BC,,,",
        "Idea,c. 1859,1860s,,",
        "Summit,2018-07-16T14:30,,,",
    )
    assert for_file("events.csv", data).name == "csv"
    alaska, caesar, idea, summit = read_events_csv(data).corpus.events
    assert alaska.start.to_edtf() == "1867-03-30"
    assert dict(alaska.attributes) == {"source": "treaty"}
    assert caesar.start.year == -43
    assert idea.start.circa
    assert idea.end.precision is Precision.DECADE
    assert summit.start.precision is Precision.MINUTE


def test_ids_are_kept_or_made_stable_so_reimport_updates(store: Store) -> None:
    data = _csv("id,title,start", "ak,Alaska,1867", ",Caesar,44 BC")
    first = read_events_csv(data).corpus.events
    assert first[0].id == "ak"
    assert first[1].id == read_events_csv(data).corpus.events[1].id
    import_bytes(store, data, name="e.csv")
    report = import_bytes(store, data, name="e.csv")
    assert report.tallies["events"].unchanged == 2


@pytest.mark.parametrize(
    ("lines", "where", "says"),
    [
        (("title,start", "A,yesterday-ish"), "line 2, column 2 (start)", "yesterday-ish"),
        (("title,start", ",1867"), "line 2, column 1 (title)", "title"),
        (("title,start", "A,"), "line 2, column 2 (start)", "start"),
        (("title,start,end", "A,1867,1800"), "line 2, column 3 (end)", "before"),
        (("id,title,start", "x,A,1867", "x,B,1868"), "line 3, column 1 (id)", "'x'"),
        (("title,start", '"multi\nline",1867', "B,Y" + "9" * 5000), "line 4, column 2 (start)", ""),
        (("title,when",), "line 1", "start"),
        (("title,start,title",), "line 1, column 3 (title)", "twice"),
    ],
)
def test_a_bad_row_is_refused_naming_line_column_and_value(lines, where, says) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_events_csv(_csv(*lines))
    assert caught.value.where == where
    assert says in caught.value.detail


def test_bad_bytes_and_broken_quoting_are_refused() -> None:
    with pytest.raises(ImportRefused, match="UTF-8"):
        read_events_csv(b"title,start\r\n\xff,1867\r\n")
    with pytest.raises(ImportRefused, match="line 2"):
        read_events_csv(b'title,start\r\n"A,1867\r\n')
    with pytest.raises(ImportRefused, match="empty"):
        read_events_csv(b"")


@pytest.mark.parametrize("cell", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "'=1", "'abc", "'"])
def test_formula_cells_are_neutralised_on_export_and_restored_on_import(cell: str) -> None:
    assert neutralised(cell)[0] == "'"
    assert restored(neutralised(cell)) == cell


@pytest.mark.parametrize("cell", ["-43", "+7", "1867", "plain", "", "a'b"])
def test_numbers_and_plain_text_are_left_as_they_are(cell: str) -> None:
    assert neutralised(cell) == cell
    assert restored(cell) == cell


def test_an_export_runs_no_formula_and_reimports_equal(store: Store, tmp_path) -> None:
    event = Event(
        "=cmd|' /C calc'!A0",
        "@evil",
        HistoricalDate.from_edtf("-0043-03-15"),
        description="+1 more",
        category="-lane",
        attributes=(("media.url", '=HYPERLINK("x")'),),
    )
    written = write_events_csv(Corpus(events=(event,)))
    for line in written.decode().splitlines()[1:]:
        assert all(not cell or cell[0] not in "=+-@" for cell in line.split(","))
    assert read_events_csv(written).corpus.events == (event,)
    import_bytes(store, written, name="x.csv")
    assert for_output("out.csv", None).name == "csv"
    back = read_events_csv(export_bytes(store, format="csv")).corpus.events
    assert [dataclasses.replace(e, version=1) for e in back] == [event]


@pytest.mark.parametrize("name", ["=cmd|' /C calc'!A0", "''", "'"])
def test_an_attribute_named_like_a_formula_heads_its_column_safely_and_reimports(name) -> None:
    event = Event("e1", "Alaska", HistoricalDate(1867), attributes=((name, "x"),))
    written = write_events_csv(Corpus(events=(event,)))
    header = written.decode().splitlines()[0].split(",")
    assert all(not cell or cell[0] not in "=+-@" for cell in header)
    assert read_events_csv(written).corpus.events == (event,)
