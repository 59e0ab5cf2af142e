"""A closed pipe, Ctrl+C and a user's mistake end argline with one line (or none) and the
exit status README documents, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argline import cli
from argline.cli import INTERRUPTED, OUTPUT_CLOSED, USER_ERROR, main


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("exits") / "seeded.argline")
    assert main(["--db", db, "seed"]) == 0
    return db


@pytest.mark.slow
@pytest.mark.parametrize("command", [["evaluate"], ["list", "events"], ["export", "-"]])
def test_a_reader_that_goes_away_ends_argline_quietly(seeded: str, command: list[str]) -> None:
    # The pipe's reading end is closed before argline writes a byte, as `| head -0` would.
    reading, writing = os.pipe()
    os.close(reading)
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "argline", "--db", seeded, *command],
            stdout=writing,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(writing)
    assert finished.stderr == ""
    assert finished.returncode == OUTPUT_CLOSED


def test_ctrl_c_is_one_line_and_status_130(
    seeded: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_evaluate", interrupted)
    assert main(["--db", seeded, "evaluate"]) == INTERRUPTED
    err = capsys.readouterr().err
    assert err == "argline: interrupted; nothing half-done was kept\n"


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (["restore", "missing.argline"], "cannot restore missing.argline: there is no such file"),
        (["evaluate", "--assessment", ""], "an empty name names no assessment"),
        (["export", "-", "--assessment", "nope"], "there is no assessment 'nope'"),
    ],
)
def test_a_mistake_is_one_line_and_status_2(
    seeded: str, command: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Path(seeded).read_bytes()
    capsys.readouterr()
    assert main(["--db", seeded, *command]) == USER_ERROR
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert said in err
    assert Path(seeded).read_bytes() == before
    assert not list(Path(seeded).parent.glob("*before-restore*"))


def test_a_database_url_whose_driver_is_missing_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--db", "mysql://localhost/argline", "list"]) == USER_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is not installed" in err
