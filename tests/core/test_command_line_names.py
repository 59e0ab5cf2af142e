"""An assessment or event is named on the command line by its id, its exact title, or a
unique start of either; a name that fits none, or several, lists those that exist."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from argline.cli import main

FORECAST = "expert-insights-2018-07-13"
RETROSPECTIVE = "rsis-cheang-2018-07"


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("names") / "seed.argline"
    assert main(["--db", str(db), "seed"]) == 0
    return db


@pytest.fixture
def seeded(seed_file: Path, tmp_path: Path) -> str:
    copy = tmp_path / "seeded.argline"
    shutil.copy(seed_file, copy)
    return str(copy)


def _evaluated(db: str, name: str, capsys: pytest.CaptureFixture[str]) -> set[str]:
    capsys.readouterr()
    assert main(["--db", db, "evaluate", "--assessment", name, "--json"]) == 0
    return {claim["assessment"] for claim in json.loads(capsys.readouterr().out)}


@pytest.mark.parametrize(
    "name",
    [
        FORECAST,  # the id
        "Helsinki Talks: Has Putin Already Won?",  # the exact title
        "helsinki talks: has putin already won?",  # the title, case aside
        "expert",  # the start of the id
        "Helsinki Talks",  # the start of the title
    ],
)
def test_an_assessment_is_named_by_id_title_or_their_start(
    seeded: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _evaluated(seeded, name, capsys) == {FORECAST}


def test_an_unknown_assessment_lists_those_that_exist_in_one_line(
    seeded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", seeded, "evaluate", "--assessment", "Brexit"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "there is no assessment 'Brexit'" in err
    assert FORECAST in err
    assert RETROSPECTIVE in err


def test_a_name_two_assessments_start_with_lists_both_and_changes_nothing(
    seeded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "aftermath.txt"
    text.write_text("Helsinki, a week on.\n\nThe summit's aftermath.\n", encoding="utf-8")
    assert main(["--db", seeded, "add-source", str(text), "--title", "Helsinki aftermath"]) == 0
    new_id = json.loads(capsys.readouterr().out.splitlines()[-1])["assessment"]
    before = Path(seeded).read_bytes()
    assert main(["--db", seeded, "export", "-", "--assessment", "helsinki"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "'helsinki' names 2 assessments" in err
    assert FORECAST in err
    assert new_id in err
    assert Path(seeded).read_bytes() == before
    assert main(["--db", seeded, "export", "-", "--assessment", "Helsinki a"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in exported["assessments"]] == [new_id]


def test_export_and_add_source_take_a_title_for_the_assessment(
    seeded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", seeded, "export", "-", "--assessment", "Trump-Putin"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in exported["assessments"]] == [RETROSPECTIVE]
    text = tmp_path / "forecast.txt"
    text.write_text("Putin has already won, whatever Helsinki brings.\n", encoding="utf-8")
    assert main(["--db", seeded, "add-source", str(text), "--assessment", "Helsinki T"]) == 0
    attached = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert attached["assessment"] == FORECAST


def test_the_log_scale_reference_is_an_event_title_or_start_or_a_date(
    seeded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = str(tmp_path / "log.svg")
    export = ["--db", seeded, "export", image, "--scale", "log", "--width", "800"]
    assert main([*export, "--reference", "Trump–Putin summit in Helsinki"]) == 0
    assert main([*export, "--reference", "helsinki-summit-19"]) == 2
    err = capsys.readouterr().err
    assert "'helsinki-summit-19' names 2 events" in err
    assert "helsinki-summit-1990" in err
    assert "helsinki-summit-1997" in err
    assert main([*export, "--reference", "1997"]) == 0  # a year, not the 1997 summit's start
    assert main([*export, "--reference", "Tsar's visit"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert 'there is no event "Tsar\'s visit"' in err
    assert "nor is it a date" in err
    assert "(argline list events)" in err  # 16 events: only the nearest are named
