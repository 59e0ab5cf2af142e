"""`argline evaluate` reads as a table by default: each claim's title, role and status
under a line per assessment; `--json` gives the same for a script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argline.cli import main


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("evaluate") / "seeded.argline")
    assert main(["--db", db, "seed"]) == 0
    return db


def test_evaluate_shows_claim_titles_roles_and_statuses(
    seeded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", seeded, "evaluate", "--assessment", "Helsinki Talks"]) == 0
    heading, header, *rows = capsys.readouterr().out.splitlines()
    assert heading == (
        "Helsinki Talks: Has Putin Already Won? (expert-insights-2018-07-13): "
        "13 claims, 12 in, 1 out, 0 undecided"
    )
    assert header.split() == ["STATUS", "ROLE", "CLAIM"]
    assert len(rows) == 13
    assert rows[0].split(maxsplit=2) == ["out", "main", "Putin has already won"]
    assert all(row.split()[0] in {"in", "out", "undecided"} for row in rows)
    assert not any("expert-insights" in row for row in rows)  # titles, not ids


def test_evaluate_json_carries_titles_roles_and_assessments(
    seeded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", seeded, "evaluate", "--json"]) == 0
    claims = json.loads(capsys.readouterr().out)
    assert len(claims) == 36
    main_claim = next(c for c in claims if c["title"] == "Putin has already won")
    assert main_claim["role"] == "main"
    assert main_claim["status"] == "out"
    assert main_claim["assessment"] == "expert-insights-2018-07-13"


def test_a_claim_without_a_title_shows_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = {
        "format": "argline",
        "version": 1,
        "assessments": [
            {
                "id": "a",
                "title": "A",
                "claims": [{"id": "c", "role": "main", "text": "Sanctions bite.\nMore text."}],
            }
        ],
    }
    source = tmp_path / "one.json"
    source.write_text(json.dumps(corpus))
    db = str(tmp_path / "one.argline")
    assert main(["--db", db, "import", str(source)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "evaluate"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].split(maxsplit=2) == [
        "in",
        "main",
        "Sanctions bite.",
    ]
