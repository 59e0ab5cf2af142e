"""The TimelineJS spreadsheet's other columns: the old template's, Alt Text, unknown ones."""

from __future__ import annotations

import json

import pytest

from argline.io.errors import ImportRefused
from argline.io.formats import for_file
from argline.io.formats.timelinejs_csv import COLUMNS, read_timelinejs_csv
from argline.io.transfer import export_bytes, import_bytes
from argline.model.dates import Precision
from argline.store import Store

OLD = "Start Date,End Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Tag"


def _csv(header: str, *rows: str) -> bytes:
    return "\r\n".join((header, *rows)).encode()


def test_the_old_template_is_recognised_and_read_as_timelinejs2_read_it() -> None:
    data = _csv(
        OLD,
        ",,The Old Sheet,<p>Intro</p>,,,,,start,",
        '"2011,3,5","2011,3,6",Opening,<p>Body</p>,a.jpg,AP,A crowd,t.jpg,,Politics',
        "1/2/2012,,Slashed,,,,,,,",
        "-500,,Old,,,,,,,Ancient",
        "2011,2012,An era,,,,,,era,",
    )
    assert for_file("old.csv", data).name == "timelinejs-csv"
    reading = read_timelinejs_csv(data)
    corpus = reading.corpus
    assert corpus.title == "The Old Sheet"
    opening, slashed, old = corpus.events
    assert (opening.start.to_edtf(), opening.end and opening.end.to_edtf()) == (
        "2011-03-05",
        "2011-03-06",
    )
    assert (opening.category, opening.description) == ("Politics", "Body")
    assert dict(opening.attributes) == {
        "media.url": "a.jpg",
        "media.credit": "AP",
        "media.caption": "A crowd",
        "media.thumbnail": "t.jpg",
        "html.text": "<p>Body</p>",
    }
    assert slashed.start.to_edtf() == "2012-01-02"
    assert (old.start.year, old.start.precision, old.category) == (-500, Precision.YEAR, "Ancient")
    assert [(e.title, e.start.to_edtf(), e.end.to_edtf()) for e in corpus.eras] == [
        ("An era", "2011", "2012")
    ]
    assert reading.skipped == ("line 2: the title row keeps only its headline",)


@pytest.mark.parametrize(
    ("row", "where", "says"),
    [
        ("2011/13/5,,A,,,,,,,", "line 2, column 1 (Start Date)", "'2011/13/5'"),
        ('"2011,13,5",,A,,,,,,,', "line 2, column 1 (Start Date)", "13"),
        ("2012,2010,A,,,,,,,", "line 2, column 2 (End Date)", "before"),
        (",2012,A,,,,,,,", "line 2, column 1 (Start Date)", "start date"),
        ("2011,,E,,,,,,era,", "line 2, column 2 (End Date)", "end date"),
        ("now,,A,,,,,,,", "line 2, column 1 (Start Date)", "now"),
    ],
)
def test_a_bad_old_template_cell_is_refused_in_one_line_naming_its_column(row, where, says) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_timelinejs_csv(_csv(OLD, row))
    assert caught.value.where == where
    assert says in caught.value.detail
    assert "\n" not in str(caught.value)


def test_alt_text_is_kept_as_the_media_alt_text_timelinejs3_shows(store: Store) -> None:
    header = ",".join((*COLUMNS, "Alt Text"))
    row = "1867,,,,,,,,,Alaska,,a.jpg" + "," * (len(COLUMNS) - 12) + ",A map of Alaska"
    data = _csv(header, row)
    (event,) = read_timelinejs_csv(data).corpus.events
    assert dict(event.attributes) == {"media.url": "a.jpg", "media.alt": "A map of Alaska"}
    import_bytes(store, data, name="a.csv")
    (slide,) = json.loads(export_bytes(store, format="timelinejs"))["events"]
    assert slide["media"] == {"url": "a.jpg", "alt": "A map of Alaska"}


def test_every_column_not_kept_is_named_in_one_note() -> None:
    header = ",".join((*COLUMNS, "Notes", "Source", "Start Date", "Group"))
    reading = read_timelinejs_csv(_csv(header, "1867,,,,,,,,,Alaska"))
    assert len(reading.corpus.events) == 1
    assert reading.skipped == (
        "line 1: columns not in the template (or given twice), not kept:"
        " 'Notes', 'Source', 'Group', 'Start Date'",
    )


def test_a_unique_id_given_twice_is_renamed_as_timelinejs3_does_with_a_note() -> None:
    names = (*COLUMNS, "Unique ID")

    def row(**cells: str) -> str:
        return ",".join(cells.get(name.replace(" ", "_"), "") for name in names)

    rows = (
        row(Year="1867", Unique_ID="x"),
        row(Year="1868", Unique_ID="x"),
        row(Year="1860", End_Year="1870", Type="era", Unique_ID="e"),
        row(Year="1861", End_Year="1871", Type="era", Unique_ID="e"),
    )
    reading = read_timelinejs_csv(_csv(",".join(names), *rows))
    assert [e.id for e in reading.corpus.events] == ["x", "x-2"]
    assert [e.id for e in reading.corpus.eras] == ["e", "e-2"]
    assert reading.skipped == (
        "line 3, column 19 (Unique ID) ('x' → 'x-2'): an id used before is renamed,"
        " as TimelineJS3 renames it (and 1 more like it)",
    )
