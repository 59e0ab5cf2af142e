"""Importing TimelineJS2 JSON and TimelineJS3 files wrapped as {"timeline": {...}}."""

from __future__ import annotations

import json

import pytest

from argline.io.errors import ImportRefused
from argline.io.formats import for_file
from argline.io.formats.timelinejs import read_timelinejs
from argline.io.transfer import export_bytes, import_bytes
from argline.model.dates import Precision
from argline.store import Store


def _timeline(*dates: dict, **fields: object) -> bytes:
    return json.dumps(
        {"timeline": {"headline": "T", "type": "default", "date": list(dates), **fields}}
    ).encode()


def _refusal(data: bytes) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        read_timelinejs(data)
    return caught.value


@pytest.mark.parametrize(
    ("text", "edtf", "precision"),
    [
        ("2011", "2011", Precision.YEAR),
        ("2011,3", "2011-03", Precision.MONTH),
        ("2011,3,5", "2011-03-05", Precision.DAY),
        ("2011,03,05,", "2011-03-05", Precision.DAY),
        ("2011, 3, 5", "2011-03-05", Precision.DAY),
        ("2011,3,5,10", "2011-03-05T10", Precision.HOUR),
        ("2011,12,10,07,02", "2011-12-10T07:02", Precision.MINUTE),
        ("2011,12,10,07,02,10", "2011-12-10T07:02:10", Precision.SECOND),
        ("2011,3,5,0,0", "2011-03-05", Precision.DAY),  # TimelineJS2 takes 0 for not given
        ("2011,3,5,0,30", "2011-03-05T00:30", Precision.MINUTE),
        ("2011,0,0", "2011", Precision.YEAR),
        ("-500", "-0500", Precision.YEAR),
        ("-1200,3,1", "-1200-03-01", Precision.DAY),
        ("1/2/2011", "2011-01-02", Precision.DAY),  # month/day/year, as TimelineJS2 reads it
        ("3/2011", "2011-03", Precision.MONTH),
        ("1/2/2011 14:30", "2011-01-02T14:30", Precision.MINUTE),
        ("2011-03-05", "2011-03-05", Precision.DAY),
        ("2011-03-05T10:30:00Z", "2011-03-05T10:30", Precision.MINUTE),
        ("201103051030", "2011-03-05T10:30", Precision.MINUTE),
        (1990, "1990", Precision.YEAR),
    ],
)
def test_each_form_of_timelinejs2_date_reads_as_timelinejs2_reads_it(text, edtf, precision) -> None:
    event = read_timelinejs(_timeline({"startDate": text, "headline": "A"})).corpus.events[0]
    assert event.start.to_edtf() == edtf
    assert event.start.precision is precision


def test_a_timelinejs2_file_is_recognised_and_reads_its_title_tags_media_and_eras() -> None:
    data = _timeline(
        {
            "startDate": "2011,3,5",
            "endDate": "2011,3,6",
            "headline": "<b>Opening</b>",
            "text": "<p>Body text</p>",
            "tag": "Politics",
            "classname": "big",
            "asset": {"media": "https://example.org/a.jpg", "credit": "AP", "caption": "A crowd"},
        },
        {"startDate": "2012", "headline": "Second", "asset": {"media": "", "thumbnail": "t.jpg"}},
        headline="The <i>Main</i> Timeline",
        era=[{"startDate": "2011", "endDate": "2012,6", "headline": "First years"}],
    )
    assert for_file("story.json", data).name == "timelinejs"
    reading = read_timelinejs(data)
    corpus = reading.corpus
    assert corpus.title == "The Main Timeline"
    opening, second = corpus.events
    assert (opening.title, opening.category, opening.description) == (
        "Opening",
        "Politics",
        "Body text",
    )
    assert opening.end is not None
    assert opening.end.to_edtf() == "2011-03-06"
    kept = dict(opening.attributes)
    assert kept["media.url"] == "https://example.org/a.jpg"
    assert (kept["media.credit"], kept["media.caption"], kept["classname"]) == (
        "AP",
        "A crowd",
        "big",
    )
    assert dict(second.attributes) == {"media.thumbnail": "t.jpg"}
    (era,) = corpus.eras
    assert (era.title, era.start.to_edtf(), era.end.to_edtf()) == ("First years", "2011", "2012-06")
    assert reading.skipped == ()


def test_reimporting_a_timelinejs2_file_updates_instead_of_duplicating(store: Store) -> None:
    date = {"startDate": "1867,3,30", "headline": "Alaska", "text": "first"}
    import_bytes(store, _timeline(date), name="a.json")
    date["text"] = "second"
    report = import_bytes(store, _timeline(date), name="a.json")
    assert (report.tallies["events"].added, report.tallies["events"].updated) == (0, 1)


def test_a_timelinejs2_import_exports_as_timelinejs3_with_its_media(store: Store) -> None:
    date = {"startDate": "2011,3,5", "headline": "A", "tag": "G", "asset": {"media": "m.jpg"}}
    import_bytes(store, _timeline(date), name="a.json")
    (slide,) = json.loads(export_bytes(store, format="timelinejs"))["events"]
    assert slide["start_date"] == {"year": "2011", "month": "3", "day": "5"}
    assert (slide["group"], slide["media"]) == ("G", {"url": "m.jpg"})


def test_what_argline_cannot_keep_of_a_timelinejs2_file_is_reported() -> None:
    data = _timeline(
        {"startDate": "2011", "headline": "A", "asset": {"media": "m", "thing": "x"}, "votes": 3},
        text="<p>Intro</p>",
        asset={"media": "cover.jpg"},
        era=[{"startDate": "2011", "endDate": "2012", "headline": "E", "tag": "x", "text": "t"}],
    )
    skipped = read_timelinejs(data).skipped
    assert (
        "timeline.date[0].asset.thing: not a TimelineJS2 field Argline keeps (and 1 more like it)"
        in skipped
    )
    assert any(note.startswith("timeline.era[0].tag: an era keeps only") for note in skipped)
    assert any(note.startswith("timeline.text: the title slide keeps only") for note in skipped)


@pytest.mark.parametrize(
    ("data", "where", "says"),
    [
        (_timeline({"headline": "A"}), "timeline.date[0].startDate", "year"),
        (_timeline({"startDate": "2011,13,1"}), "timeline.date[0].startDate", "13"),
        (_timeline({"startDate": "2011,,5"}), "timeline.date[0].startDate", "without a month"),
        (_timeline({"startDate": "March 2011"}), "timeline.date[0].startDate", "'March 2011'"),
        (_timeline({"startDate": "now"}), "timeline.date[0].startDate", "now"),
        (_timeline({"startDate": "1,2,3,4,5,6,7"}), "timeline.date[0].startDate", "more parts"),
        (_timeline({"startDate": "3/11"}), "timeline.date[0].startDate", "'3/11'"),
        (_timeline({"startDate": ["2011"]}), "timeline.date[0].startDate", "date text"),
        (_timeline({"startDate": "2012", "endDate": "2010"}), "timeline.date[0].endDate", "before"),
        (_timeline({"startDate": "2011", "tag": ["x"]}), "timeline.date[0].tag", "list"),
        (_timeline({"startDate": "2011", "asset": "m.jpg"}), "timeline.date[0].asset", "object"),
        (_timeline("2011"), "timeline.date[0]", "object"),
        (_timeline(era=[{"startDate": "2011"}]), "timeline.era[0].endDate", "end date"),
        (json.dumps({"timeline": {"date": {}}}).encode(), "timeline.date", "list"),
        (json.dumps({"timeline": []}).encode(), "timeline", "object"),
        (json.dumps({"timeline": {"headline": "T"}}).encode(), "timeline", "TimelineJS2"),
    ],
)
def test_a_bad_timelinejs2_file_is_refused_in_one_line_naming_the_place(data, where, says) -> None:
    error = _refusal(data)
    assert error.where == where
    assert says in error.detail
    assert "\n" not in str(error)


def test_a_timelinejs3_file_wrapped_in_timeline_reads_as_the_bare_one() -> None:
    bare = {
        "title": {"text": {"headline": "Wrapped"}},
        "events": [{"start_date": {"year": "1867"}, "text": {"headline": "Alaska"}, "group": "G"}],
        "eras": [{"start_date": {"year": "1860"}, "end_date": {"year": "1870"}}],
    }
    wrapped = json.dumps({"timeline": bare}).encode()
    assert for_file("w.json", wrapped).name == "timelinejs"
    assert read_timelinejs(wrapped) == read_timelinejs(json.dumps(bare).encode())


def test_a_wrapped_timelinejs3_file_is_refused_at_its_path_inside_the_wrapper() -> None:
    slide = {"start_date": {"year": "1867", "month": "14"}}
    error = _refusal(json.dumps({"timeline": {"events": [slide]}}).encode())
    assert error.where == "timeline.events[0].start_date.month"


def test_duplicate_unique_ids_are_renamed_as_timelinejs3_does_with_a_note() -> None:
    def slide(unique_id: str, year: int) -> dict:
        return {"start_date": {"year": year}, "unique_id": unique_id}

    slides = [slide("a", 1), slide("a", 2), slide("a", 3), slide("a-2", 4), slide("b", 5)]
    eras = [
        {"start_date": {"year": 1}, "end_date": {"year": 2}, "unique_id": "e"},
        {"start_date": {"year": 3}, "end_date": {"year": 4}, "unique_id": "e"},
    ]
    reading = read_timelinejs(json.dumps({"events": slides, "eras": eras}).encode())
    # TimelineJS3's ensureUniqueKey: 'a-2', 'a-3'; 'a-2' given again is 'a-2-1'.
    assert [e.id for e in reading.corpus.events] == ["a", "a-2", "a-3", "a-2-1", "b"]
    assert [e.id for e in reading.corpus.eras] == ["e", "e-2"]
    assert reading.skipped == (
        "events[1].unique_id ('a' → 'a-2'): an id used before is renamed, as TimelineJS3"
        " renames it (and 3 more like it)",
    )


def test_a_renamed_id_imports_as_its_own_event(store: Store) -> None:
    slide = {"start_date": {"year": "1867"}, "unique_id": "x", "text": {"headline": "A"}}
    report = import_bytes(store, json.dumps({"events": [slide, slide]}).encode(), name="d.json")
    assert report.tallies["events"].added == 2
    assert any("renamed" in note for note in report.skipped)
