"""Importing and exporting the exchange format: round trips, located errors, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argline.io.errors import ImportCancelled, ImportRefused
from argline.io.exchange import read_exchange
from argline.io.formats.timelinejs import write_timelinejs
from argline.io.seed import seed_bytes
from argline.io.transfer import export_file, export_text, import_bytes, import_file
from argline.store import Store


def _write(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _seed_document() -> dict:
    return json.loads(seed_bytes())


def test_the_seed_survives_export_and_reimport_unchanged(
    seeded_store: Store, tmp_path: Path
) -> None:
    exported = tmp_path / "out.json"
    export_file(seeded_store, exported)
    fresh = Store.open(tmp_path / "fresh.argline")
    try:
        import_file(fresh, exported)
        assert export_text(fresh) == exported.read_text(encoding="utf-8")
    finally:
        fresh.close()


def test_the_export_holds_what_the_seed_file_says(seeded_store: Store) -> None:
    exported = json.loads(export_text(seeded_store))
    original = _seed_document()
    for kind in ("events", "relations", "claim_events"):
        assert len(exported[kind]) == len(original[kind])
    assert {e["id"]: e["start"] for e in exported["events"]} == {
        e["id"]: e["start"] for e in original["events"]
    }
    claim_texts = {c["id"]: c["text"] for a in original["assessments"] for c in a["claims"]}
    assert {c["id"]: c["text"] for a in exported["assessments"] for c in a["claims"]} == (
        claim_texts
    )


def test_reimporting_a_changed_file_updates_instead_of_duplicating(
    seeded_store: Store, tmp_path: Path
) -> None:
    document = _seed_document()
    document["events"][0]["title"] = "Relations begin (retitled)"
    report = import_file(seeded_store, _write(tmp_path / "changed.json", document))
    assert report.tallies["events"].updated == 1
    assert report.tallies["events"].added == 0
    exported = json.loads(export_text(seeded_store))
    assert len(exported["events"]) == len(document["events"])
    assert "Relations begin (retitled)" in {e["title"] for e in exported["events"]}


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["events"][3].update(start="1867-13-30"), "events[3].start"),
        (lambda d: d["events"][2].pop("title"), "events[2].title"),
        (lambda d: d["assessments"][1]["claims"][4].update(role="hunch"), "claims[4].role"),
        (lambda d: d["relations"][-1].update(to="no-such-claim"), "no-such-claim"),
        (lambda d: d["claim_events"][-1].update(event="no-such-event"), "no-such-event"),
        (lambda d: d["events"].append(dict(d["events"][0])), "used twice"),
        (lambda d: d.update(version=99), "version"),
    ],
    ids=[
        "bad-date",
        "missing-title",
        "bad-role",
        "dangling-relation",
        "dangling-link",
        "duplicate-id",
        "newer-version",
    ],
)
def test_a_bad_file_names_the_place_and_changes_nothing(
    seeded_store: Store, tmp_path: Path, change, where: str
) -> None:
    before = export_text(seeded_store)
    document = _seed_document()
    document["events"].append(
        {"id": "brand-new", "title": "Arrives first, must not stay", "start": "2019"}
    )
    change(document)
    path = _write(tmp_path / "bad.json", document)
    with pytest.raises(ImportRefused) as refused:
        import_file(seeded_store, path)
    assert str(path) in str(refused.value)
    assert where in str(refused.value)
    assert export_text(seeded_store) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "argline", "version": 1, "events": [', "line 1, column"),
        (b"\xff\xfe\x00garbage", "not valid UTF-8"),
        (b'{"format": "argline", "version": 1, "title": NaN}', "NaN"),
        (b'{"format": "argline", "version": ' + b"9" * 5000 + b"}", "digits"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"format": "timeline"}', "not an Argline file"),
    ],
    ids=["truncated", "bad-utf8", "nan", "huge-int", "deep-nesting", "other-json"],
)
def test_hostile_or_malformed_input_is_refused_cleanly(
    store: Store, tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    with pytest.raises(ImportRefused, match=expected):
        import_file(store, path)


def test_an_event_whose_end_is_empty_text_has_no_end_and_converts() -> None:
    event = {"id": "alaska", "title": "Alaska purchased", "start": "1867-03-30", "end": ""}
    data = json.dumps({"format": "argline", "version": 2, "events": [event]}).encode()
    corpus = read_exchange(data)
    assert corpus.events[0].end is None
    assert "end_date" not in json.loads(write_timelinejs(corpus))["events"][0]


def test_an_undercut_may_target_a_relation_already_in_the_store(
    seeded_store: Store, tmp_path: Path
) -> None:
    document = _seed_document()
    support = next(r for r in document["relations"] if r["type"] == "support")
    some_claim = document["assessments"][0]["claims"][1]["id"]
    later = {
        "format": "argline",
        "version": 1,
        "relations": [
            {"id": "late-undercut", "from": some_claim, "to": support["id"], "type": "undercut"}
        ],
    }
    report = import_file(seeded_store, _write(tmp_path / "later.json", later))
    assert report.tallies["relations"].added == 1


def test_an_import_declined_after_its_summary_leaves_the_store_as_it_was(
    seeded_store: Store,
) -> None:
    before = export_text(seeded_store)
    seen = []

    def decline(report) -> bool:
        seen.append(report.tallies["events"].added)
        return False

    data = json.dumps(
        {"format": "argline", "version": 1, "events": [{"id": "x", "title": "X", "start": "1999"}]}
    ).encode()
    with pytest.raises(ImportCancelled):
        import_bytes(seeded_store, data, name="x.json", confirm=decline)
    assert seen == [1]
    assert export_text(seeded_store) == before
    report = import_bytes(seeded_store, data, name="x.json", confirm=lambda report: True)
    assert report.tallies["events"].added == 1
