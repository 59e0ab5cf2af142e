"""Importing and exporting the TimelineJS3 spreadsheet template as CSV."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from argline.io.errors import ImportRefused
from argline.io.formats import for_file
from argline.io.formats.timelinejs import read_timelinejs
from argline.io.formats.timelinejs_csv import COLUMNS, read_timelinejs_csv, write_timelinejs_csv
from argline.io.transfer import export_bytes, import_bytes, import_file
from argline.model.dates import Precision
from argline.model.entities import Event
from argline.ops.queries import load_corpus
from argline.store import Store

HEADER = ",".join(COLUMNS)


def _events(store: Store) -> dict[str, Event]:
    with store.reading() as session:
        return {e.id: dataclasses.replace(e, version=1) for e in load_corpus(session).events}


def _sheet(*rows: str) -> bytes:
    return "\r\n".join((HEADER, *rows)).encode()


def _row(**cells: str) -> str:
    return ",".join(cells.get(c.replace(" ", "_").lower(), "") for c in COLUMNS)


def test_the_spreadsheet_imports_like_its_json_twin_and_survives_a_round_trip(
    shared_corpus: Path, store: Store, tmp_path: Path
) -> None:
    path = shared_corpus / "timelinejs" / "women_in_computing.csv"
    assert for_file(path.name, path.read_bytes()).name == "timelinejs-csv"
    report = import_file(store, path)
    assert report.tallies["events"].added == 10
    reading = read_timelinejs_csv(path.read_bytes())
    assert reading.corpus.title == "Women in Computing"
    twin = read_timelinejs((shared_corpus / "timelinejs" / "women_in_computing.json").read_bytes())
    assert {e.id for e in reading.corpus.events} == {e.id for e in twin.corpus.events}
    assert sum(e.end is not None for e in reading.corpus.events) == 3

    fresh = Store.open(tmp_path / "fresh.argline")
    try:
        exported = export_bytes(store, format="timelinejs-csv")
        import_bytes(fresh, exported, name="out.csv")
        assert _events(fresh) == _events(store)
    finally:
        fresh.close()
    assert import_file(store, path).tallies["events"].unchanged == 10


def test_quoted_html_and_line_breaks_inside_cells_are_read(shared_corpus: Path) -> None:
    data = (shared_corpus / "timelinejs" / "women_in_computing.csv").read_bytes()
    events = {e.title: e for e in read_timelinejs_csv(data).corpus.events}
    eniac = events["The First Computer"]
    assert "Project PX" in eniac.description
    assert eniac.start.precision is Precision.DAY
    assert events["...And the women who made it work"].end.to_edtf() == "1946"


def test_types_times_and_backgrounds_are_read_as_timelinejs_reads_them() -> None:
    data = _sheet(
        _row(year="1867", month="3", day="30", time="2:30 pm", headline="Treaty", group="Deals"),
        _row(year="1947", end_year="1991", headline="Cold War", type="era"),
        _row(year='"1,815"', headline="Comma year", background="#ff0000"),
        _row(year="2001", headline="Image", background="https://example.org/a.png"),
    )
    corpus = read_timelinejs_csv(data).corpus
    treaty, comma, image = corpus.events
    assert treaty.start.to_edtf() == "1867-03-30T14:30"
    assert treaty.category == "Deals"
    assert comma.start.year == 1815
    assert dict(comma.attributes) == {"background.color": "#ff0000"}
    assert dict(image.attributes) == {"background.url": "https://example.org/a.png"}
    assert [e.title for e in corpus.eras] == ["Cold War"]


@pytest.mark.parametrize(
    ("row", "where", "says"),
    [
        (_row(year="18x7", headline="A"), "line 2, column 1 (Year)", "'18x7'"),
        (_row(year="1867", month="13", headline="A"), "line 2, column 2 (Month)", "13"),
        (_row(year="1867", time="25:00", headline="A"), "line 2, column 4 (Time)", "hour"),
        (_row(year="1867", time="noonish", headline="A"), "line 2, column 4 (Time)", "noonish"),
        (_row(end_year="1867", headline="A"), "line 2, column 1 (Year)", "year"),
        (_row(year="1867", end_year="1800", headline="A"), "line 2, column 5 (End Year)", "before"),
        (_row(year="1867", headline="A", type="era"), "line 2, column 5 (End Year)", "end"),
    ],
)
def test_a_bad_cell_is_refused_naming_line_column_and_value(row, where, says) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_timelinejs_csv(_sheet(row))
    assert caught.value.where == where
    assert says in caught.value.detail


def test_malformed_csv_and_bad_bytes_are_refused_with_their_place() -> None:
    with pytest.raises(ImportRefused, match="line 2"):
        read_timelinejs_csv(_sheet('1867,,,,,,,,,"unclosed'))
    with pytest.raises(ImportRefused, match="UTF-8"):
        read_timelinejs_csv(HEADER.encode() + b"\r\n\xff\xfe")
    with pytest.raises(ImportRefused, match="Year"):
        read_timelinejs_csv(b"Headline,Text\r\nA,B\r\n")


def test_cells_that_would_run_as_formulas_are_neutralised_and_come_back() -> None:
    data = _sheet(_row(year="-43", headline="=HYPERLINK(1)", text="@SUM(A1)", group="+x"))
    corpus = read_timelinejs_csv(data).corpus
    written = write_timelinejs_csv(corpus).decode()
    assert "\n-43," in written  # a plain number is no formula
    assert "'=HYPERLINK(1)" in written
    assert "'@SUM(A1)" in written
    assert read_timelinejs_csv(written.encode()).corpus.events == corpus.events
