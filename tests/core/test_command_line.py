"""The headless commands do the GUI's work and report user errors in one line, exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argline import __version__
from argline.cli import main
from argline.store.revision import SCHEMA_HEAD


def test_seed_then_export_to_standard_output(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "cli.argline")
    assert main(["--db", db, "seed"]) == 0
    assert "16 events added" in capsys.readouterr().out
    assert main(["--db", db, "export", "-"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["format"] == "argline"
    assert len(exported["events"]) == 16


def test_import_then_check(tmp_path: Path, capsys) -> None:
    first, second = str(tmp_path / "a.argline"), str(tmp_path / "b.argline")
    main(["--db", first, "seed"])
    main(["--db", first, "export", str(tmp_path / "out.json")])
    assert main(["--db", second, "import", str(tmp_path / "out.json")]) == 0
    assert main(["--db", second, "check"]) == 0
    out = capsys.readouterr().out
    assert "36 claims" in out
    assert ": ok" in out


def test_a_bad_file_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "argline", "version": 1, "events": [{"id": "x"}]}')
    assert main(["--db", str(tmp_path / "c.argline"), "import", str(bad)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "events[0].title" in error
    assert str(bad) in error


def test_a_database_that_is_not_one_is_refused_byte_identical(tmp_path: Path, capsys) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n")
    assert main(["--db", str(notes), "seed"]) == 2
    assert "not an Argline database" in capsys.readouterr().err
    assert notes.read_text() == "not a database\n"


def test_check_reports_a_damaged_file_with_a_nonzero_exit(tmp_path: Path, capsys) -> None:
    db = tmp_path / "d.argline"
    main(["--db", str(db), "seed"])
    data = db.read_bytes()
    db.write_bytes(data[:4096] + b"\x00" * (len(data) - 4096))
    assert main(["--db", str(db), "check"]) == 1
    assert "PROBLEMS FOUND" in capsys.readouterr().out


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_without_a_display_the_window_says_so_in_one_line(tmp_path: Path) -> None:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    finished = subprocess.run(
        [sys.executable, "-m", "argline", "--db", str(tmp_path / "w.argline")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode != 0
    assert finished.stderr.count("\n") == 1
    assert "no display" in finished.stderr


def test_evaluate_prints_every_claim_status_as_json(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "cli.argline")
    main(["--db", db, "seed"])
    capsys.readouterr()
    assert main(["--db", db, "evaluate", "--json"]) == 0
    statuses = json.loads(capsys.readouterr().out)
    assert len(statuses) == 36
    assert {s["status"] for s in statuses} <= {"in", "out", "undecided"}
    assert (
        main(["--db", db, "evaluate", "--assessment", "expert-insights-2018-07-13", "--json"]) == 0
    )
    only = json.loads(capsys.readouterr().out)
    assert 0 < len(only) < 36
    assert all(s["claim"] in {t["claim"] for t in statuses} for s in only)


def test_evaluate_names_an_unknown_assessment(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "cli.argline")
    main(["--db", db, "seed"])
    assert main(["--db", db, "evaluate", "--assessment", "nope"]) == 2
    assert "'nope'" in capsys.readouterr().err


def test_restore_puts_a_backup_back_and_keeps_what_was_there(tmp_path: Path, capsys) -> None:
    from argline.store import Store
    from argline.store.backup import backup_sqlite

    db = tmp_path / "cli.argline"
    main(["--db", str(db), "seed"])
    backup = backup_sqlite(db, reason="manual")
    store = Store.open(db)
    store.close()
    main(["--db", str(db), "import", str(_one_event_file(tmp_path))])
    capsys.readouterr()
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    assert "kept as" in capsys.readouterr().out
    main(["--db", str(db), "export", "-"])
    assert len(json.loads(capsys.readouterr().out)["events"]) == 16


def _one_event_file(folder: Path) -> Path:
    path = folder / "one.json"
    event = {"id": "one", "title": "One", "start": "1999"}
    path.write_text(json.dumps({"format": "argline", "version": 1, "events": [event]}))
    return path


def test_upgrade_creates_or_upgrades_and_says_the_schema(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "new.argline")
    assert main(["--db", db, "upgrade"]) == 0
    assert f"schema {SCHEMA_HEAD}" in capsys.readouterr().out
    assert main(["--db", db, "check"]) == 0
