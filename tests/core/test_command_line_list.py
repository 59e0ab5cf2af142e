"""`argline list` shows what a database holds: ids, titles, kinds, dates and counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argline.cli import main


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("list") / "seeded.argline")
    assert main(["--db", db, "seed"]) == 0
    return db


def test_listing_assessments_shows_ids_titles_kinds_dates_and_claim_counts(
    seeded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", seeded, "list"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    assert header.split() == ["ID", "KIND", "PUBLISHED", "CLAIMS", "DOCUMENT", "TITLE"]
    assert len(rows) == 2
    forecast = next(row for row in rows if row.startswith("expert-insights-2018-07-13"))
    assert forecast.split()[1:5] == ["forecast", "2018-07-13", "13", "no"]
    assert forecast.endswith("Helsinki Talks: Has Putin Already Won?")


def test_listing_events_as_json_gives_every_event_in_time_order(
    seeded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", seeded, "list", "events", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert len(events) == 16
    assert events[0] == {
        "id": "us-russia-relations-1807",
        "start": "1807",
        "end": "",
        "lane": "Diplomacy",
        "claims": 0,
        "source_dates": 0,
        "title": "Formal US–Russian diplomatic relations begin",
    }
    summit = next(e for e in events if e["id"] == "helsinki-summit-2018")
    assert summit["claims"] > 0
    assert sum(e["claims"] for e in events) == 28  # the seed's claim–event links


def test_listing_lanes_counts_their_events_and_spans(
    seeded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", seeded, "list", "lanes", "--json"]) == 0
    lanes = {lane["name"]: lane for lane in json.loads(capsys.readouterr().out)}
    assert sum(lane["events"] for lane in lanes.values()) == 16
    assert lanes["Diplomacy"]["first"] == "1807"
    assert lanes["Diplomacy"]["symbol"]
    assert lanes["Diplomacy"]["colour"].startswith("#")
    assert main(["--db", seeded, "list", "lanes"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split()[0] == "EVENTS"


def test_an_empty_database_lists_nothing_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "empty.argline")
    assert main(["--db", db, "upgrade"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "list", "events"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "holds no events" in err
    assert main(["--db", db, "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_an_unknown_kind_of_list_is_a_usage_error(
    seeded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--db", seeded, "list", "claims"])
    assert exited.value.code == 2
    assert "invalid choice: 'claims'" in capsys.readouterr().err
