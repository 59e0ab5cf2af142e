"""Importing and exporting TimelineJS3 JSON: the project's own files, errors, hostile input."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from allocations import Allocations, few_bytes_for
from argline.io.errors import ImportRefused
from argline.io.formats import for_file
from argline.io.formats.timelinejs import read_timelinejs, write_timelinejs
from argline.io.transfer import export_bytes, import_bytes, import_file
from argline.model.dates import Precision
from argline.model.entities import Event
from argline.ops.queries import load_corpus
from argline.store import Store


def _events(store: Store) -> dict[str, Event]:
    with store.reading() as session:
        return {e.id: dataclasses.replace(e, version=1) for e in load_corpus(session).events}


def _slides(*events: dict, **top: object) -> bytes:
    return json.dumps({"events": list(events), **top}).encode()


def _refusal(data: bytes) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        read_timelinejs(data)
    return caught.value


@pytest.mark.parametrize(
    ("name", "events", "ends", "eras", "title"),
    [
        ("women_in_computing.json", 10, 3, 0, "Women in Computing"),
        ("eras.json", 20, 5, 3, "Eras Test"),
        ("cosmo.json", 7, 1, 0, "Cosmological Scale Timeline"),
    ],
)
def test_each_timelinejs_file_imports_with_its_counts_and_survives_a_round_trip(
    shared_corpus: Path, store: Store, tmp_path: Path, *, name, events, ends, eras, title
) -> None:
    path = shared_corpus / "timelinejs" / name
    assert for_file(path.name, path.read_bytes()).name == "timelinejs"
    report = import_file(store, path)
    assert report.tallies["events"].added == events
    assert report.tallies["eras"].added == eras
    reading = read_timelinejs(path.read_bytes())
    assert reading.corpus.title == title
    assert sum(e.end is not None for e in reading.corpus.events) == ends

    exported = export_bytes(store, format="timelinejs")
    fresh = Store.open(tmp_path / "fresh.argline")
    try:
        import_bytes(fresh, exported, name="out.json", format="timelinejs")
        assert _events(fresh) == _events(store)
    finally:
        fresh.close()
    again = import_file(store, path)
    assert again.tallies["events"].added == 0
    assert again.tallies["events"].unchanged == events


def test_dates_keep_the_precision_given_from_deep_time_to_days(shared_corpus: Path) -> None:
    cosmo = read_timelinejs((shared_corpus / "timelinejs" / "cosmo.json").read_bytes()).corpus
    years = [e.start.year for e in cosmo.events]
    assert min(years) == -13_800_000_000
    assert max(years) == -3500
    assert all(e.start.precision is Precision.YEAR for e in cosmo.events)
    eras = read_timelinejs((shared_corpus / "timelinejs" / "eras.json").read_bytes()).corpus
    precisions = [e.start.precision for e in eras.events]
    assert precisions.count(Precision.YEAR) == 16
    assert precisions.count(Precision.DAY) == 4
    assert sorted(e.title for e in eras.eras)[0] == "Era Test 600-650"


def test_media_and_backgrounds_are_kept_as_attributes(shared_corpus: Path) -> None:
    data = (shared_corpus / "timelinejs" / "women_in_computing.json").read_bytes()
    reading = read_timelinejs(data)
    ada = next(e for e in reading.corpus.events if e.title == "Ada Lovelace")
    kept = dict(ada.attributes)
    assert kept["media.url"].endswith("Ada_Lovelace_portrait.jpg")
    assert kept["media.credit"] == "Wikimedia Commons"
    assert "<" not in ada.description  # shown as text; the markup is kept beside it
    assert kept["html.text"].startswith("<p>Women have been programming")
    assert any("title" in note for note in reading.skipped)
    cosmo = read_timelinejs((shared_corpus / "timelinejs" / "cosmo.json").read_bytes())
    assert dict(cosmo.corpus.events[0].attributes)["background.color"] == "#F45B69"


def test_an_untouched_event_leaves_with_its_original_markup(shared_corpus: Path) -> None:
    data = (shared_corpus / "timelinejs" / "women_in_computing.json").read_bytes()
    original = {e["text"]["headline"]: e for e in json.loads(data)["events"]}
    written = json.loads(write_timelinejs(read_timelinejs(data).corpus))
    for slide in written["events"]:
        source = original[slide["text"]["headline"]]
        assert slide["text"]["text"] == source["text"]["text"]
        assert slide["media"]["url"] == source["media"]["url"]


def test_unique_ids_are_kept_and_events_without_get_stable_ones() -> None:
    first = {"start_date": {"year": "1867"}, "text": {"headline": "Alaska"}, "unique_id": "ak"}
    second = {"start_date": {"year": 1991, "month": 12}, "text": {"headline": "USSR ends"}}
    one = read_timelinejs(_slides(first, second)).corpus.events
    two = read_timelinejs(_slides(first, second)).corpus.events
    assert one[0].id == "ak"
    assert one[1].id == two[1].id
    assert one[1].start.precision is Precision.MONTH
    twins = read_timelinejs(_slides(second, second)).corpus.events
    assert twins[0].id != twins[1].id


def test_reimporting_a_file_without_ids_updates_instead_of_duplicating(store: Store) -> None:
    slide = {"start_date": {"year": "1867"}, "text": {"headline": "Alaska", "text": "first"}}
    import_bytes(store, _slides(slide), name="a.json")
    slide["text"]["text"] = "second"
    report = import_bytes(store, _slides(slide), name="a.json")
    assert report.tallies["events"].updated == 1
    assert report.tallies["events"].added == 0


@pytest.mark.parametrize(
    ("slide", "where", "says"),
    [
        ({"start_date": {"month": "3"}}, "events[0].start_date.year", "year"),
        ({"start_date": {"year": "18x7"}}, "events[0].start_date.year", "'18x7'"),
        ({"start_date": {"year": "1867", "month": "13"}}, "events[0].start_date.month", "13"),
        ({"start_date": {"year": "1867", "day": "3"}}, "events[0].start_date.day", "month"),
        (
            {"start_date": {"year": "1867"}, "end_date": {"year": "1800"}},
            "events[0].end_date",
            "before",
        ),
        ({"start_date": {"year": "1867"}, "text": {"headline": 35}}, "", ""),
        (
            {"start_date": {"year": "1867"}, "text": {"headline": []}},
            "events[0].text.headline",
            "list",
        ),
        ({"start_date": "1867"}, "events[0].start_date", "object"),
        ({"start_date": {"year": "1867", "month": [3]}}, "events[0].start_date.month", "list"),
        ({"start_date": {"year": "1" * 5000}}, "events[0].start_date.year", "whole number"),
        ({"start_date": {"year": "-99999999999999"}}, "events[0].start_date.year", "beyond"),
        ({"start_date": {"year": "12345", "month": "2"}}, "events[0].start_date.month", "four"),
    ],
)
def test_a_bad_slide_is_refused_naming_its_json_path(slide, where, says) -> None:
    if not where:  # TimelineJS shows a number as its digits: accepted, not refused
        assert read_timelinejs(_slides(slide)).corpus.events[0].title == "35"
        return
    error = _refusal(_slides(slide))
    assert error.where == where
    assert says in error.detail


def test_a_repeated_unique_id_is_renamed_as_timelinejs3_does_with_a_note() -> None:
    slide = {"start_date": {"year": "1867"}, "unique_id": "x", "text": {"headline": "A"}}
    reading = read_timelinejs(_slides(slide, slide))
    assert [e.id for e in reading.corpus.events] == ["x", "x-2"]
    assert reading.skipped[0].startswith("events[1].unique_id ('x' → 'x-2'): ")


def test_a_failed_import_leaves_the_store_as_it_was(store: Store) -> None:
    good = {"start_date": {"year": "1867"}, "text": {"headline": "Alaska"}}
    bad = {"start_date": {"year": "1867", "month": "14"}, "text": {"headline": "No"}}
    with pytest.raises(ImportRefused) as caught:
        import_bytes(store, _slides(good, bad), name="bad.json", format="timelinejs")
    assert str(caught.value).startswith("bad.json: events[1].start_date.month")
    assert _events(store) == {}


@pytest.mark.parametrize(
    "data",
    [
        b'{"events": [' * 100_000,
        b'{"events": [{"start_date": {"year": ' + b"9" * 100_000 + b"}}]}",
        b'{"events": [{"start_date": {"year": NaN}}]}',
        b'{"events": [{"start_date": {"year": Infinity}}]}',
        b'{"events": [{"text": {"headline": "\xff\xfe"}}]}',
        b"[1, 2, 3]",
        b"",
    ],
)
def test_hostile_input_is_refused_before_it_is_built(data: bytes) -> None:
    # How fast: bench/hostile_input.py.
    with Allocations() as allocated, pytest.raises(ImportRefused):
        read_timelinejs(data)
    assert allocated.peak < few_bytes_for(data)


def test_attributes_timelinejs_has_no_field_for_survive_its_export() -> None:
    slide = {
        "start_date": {"year": "1867"},
        "text": {"headline": "Alaska"},
        "argline_attributes": {"hyperlink": "https://example.org"},
    }
    event = read_timelinejs(_slides(slide)).corpus.events[0]
    assert dict(event.attributes) == {"hyperlink": "https://example.org"}
    again = read_timelinejs(write_timelinejs(read_timelinejs(_slides(slide)).corpus))
    assert again.corpus.events[0] == event
