"""The command line on a server that fails under it: one line, exit 2, nothing half done,
and none of the user's data (SQL parameters) on the terminal."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from sqlalchemy import text

from argline import cli
from argline.io import transfer
from argline.io.transfer import export_file
from argline.model.dates import HistoricalDate
from argline.model.entities import Event
from argline.ops.event_edits import AddEvent
from argline.ops.running import run
from argline.store import Store
from conftest import ARGLINE_TABLES, TEST_DATABASE
from postgresql_server import PostgresServer
from team_faults import disk_full_on_events

SECRET = "Briefing of the source no one may know"


@pytest.fixture
def briefing(tmp_path: Path) -> Path:
    """A file of one new event whose title is the user's own (it must not be printed)."""
    path = tmp_path / "briefing.argline.json"
    scratch = Store.open(tmp_path / "scratch.argline")
    try:
        run(scratch, AddEvent(Event("ev-briefing", SECRET, HistoricalDate.from_edtf("2019"))))
        export_file(scratch, path)
    finally:
        scratch.close()
    return path


def _one_line(error: str) -> str:
    assert error.count("\n") == 1, error
    assert "Traceback" not in error
    assert SECRET not in error
    assert "INSERT" not in error
    return error


def test_an_import_cut_off_by_an_administrator_prints_one_line_and_imports_nothing(
    postgresql_server: PostgresServer,
    briefing: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    postgresql_server.refill(TEST_DATABASE, ARGLINE_TABLES)
    url = postgresql_server.url(TEST_DATABASE)
    merge = transfer.merge_corpus

    def merge_then_cut_off(session, corpus, **options):  # the rows are in, not committed
        merged = merge(session, corpus, **options)
        pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        postgresql_server.admin(f"SELECT pg_terminate_backend({pid}, 60000)")
        return merged

    monkeypatch.setattr(transfer, "merge_corpus", merge_then_cut_off)
    capsys.readouterr()
    assert cli.main(["--db", url, "import", str(briefing)]) == 2
    error = _one_line(capsys.readouterr().err)
    assert "the server ended the connection" in error
    assert "nothing was changed" in error
    check = Store.open(url)
    try:
        with check.reading() as session:
            assert session.execute(text("SELECT count(*) FROM events")).scalar_one() == 0
    finally:
        check.close()


def test_a_command_on_a_server_that_is_not_there_prints_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://argline@127.0.0.1:{port}/argline"
    assert cli.main(["--db", url, "export", str(tmp_path / "out.json")]) == 2
    error = _one_line(capsys.readouterr().err)
    assert f"cannot open postgresql+psycopg://argline@127.0.0.1:{port}/argline" in error
    assert "Connection refused" in error


def test_an_import_onto_a_server_whose_disk_is_full_prints_one_line_and_imports_nothing(
    postgresql_server: PostgresServer, briefing: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    postgresql_server.refill(TEST_DATABASE, ARGLINE_TABLES)
    url = postgresql_server.url(TEST_DATABASE)
    capsys.readouterr()
    with disk_full_on_events(postgresql_server, TEST_DATABASE):
        assert cli.main(["--db", url, "import", str(briefing)]) == 2
    error = _one_line(capsys.readouterr().err)
    assert "the server's disk is full; nothing was changed. Ask its administrator." in error
    assert "No space left" not in error
    assert "base/16384" not in error
    check = Store.open(url)
    try:
        with check.reading() as session:
            assert session.execute(text("SELECT count(*) FROM events")).scalar_one() == 0
    finally:
        check.close()
