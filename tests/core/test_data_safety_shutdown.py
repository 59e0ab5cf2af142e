"""Opening checks a file's pages only when it can matter: after a kill, or a change
Argline did not make; a file as Argline's clean close left it opens without the check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from argline.io.seed import load_seed
from argline.store import NotAnArglineDatabase, Store, inspection
from argline.store.shutdown import record_of

KILLED_WHILE_OPEN = """
import os, signal, sys
from argline.store import Store
store = Store.open(sys.argv[1])
with store.transaction() as session:
    session.connection().exec_driver_sql("UPDATE events SET title = 'edited' WHERE id = 1")
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files whose pages opening checked, in turn."""
    checked: list[Path] = []
    real = inspection.quick_check_problem

    def recording(path: Path) -> str:
        checked.append(path)
        return real(path)

    monkeypatch.setattr(inspection, "quick_check_problem", recording)
    return checked


@pytest.fixture
def closed_file(tmp_path: Path) -> Path:
    path = tmp_path / "library.argline"
    store = Store.open(path)
    load_seed(store)
    store.close()
    return path


def test_a_file_opened_after_a_clean_close_skips_the_check(
    closed_file: Path, checks: list[Path]
) -> None:
    Store.open(closed_file).close()
    Store.open(closed_file).close()
    assert checks == []


def test_a_file_opened_after_a_kill_is_checked(closed_file: Path, checks: list[Path]) -> None:
    run = subprocess.run([sys.executable, "-c", KILLED_WHILE_OPEN, str(closed_file)], check=False)
    assert run.returncode == -9
    assert closed_file.with_name(closed_file.name + "-wal").exists()  # left by the kill
    store = Store.open(closed_file)
    with store.plain_reading() as cursor:  # as the window does: its reads end the -wal
        cursor.execute("SELECT title FROM events WHERE id = 1")
        assert cursor.fetchall() == [("edited",)]
    store.close()
    assert checks == [closed_file]
    # Closed cleanly this time: the next open skips the check again.
    Store.open(closed_file).close()
    assert checks == [closed_file]


def test_a_file_damaged_after_a_clean_close_is_refused_untouched(closed_file: Path) -> None:
    data = bytearray(closed_file.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    middle = len(data) // page // 2
    data[middle * page : middle * page + 24] = b"\xde\xad\xbe\xef" * 6  # same size, garbled
    closed_file.write_bytes(bytes(data))
    with pytest.raises(NotAnArglineDatabase, match="damaged"):
        Store.open(closed_file)
    assert closed_file.read_bytes() == bytes(data)


def test_a_record_planted_as_a_link_is_not_trusted(
    closed_file: Path, tmp_path: Path, checks: list[Path]
) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    record_of(closed_file).rename(elsewhere)
    record_of(closed_file).symlink_to(elsewhere)
    Store.open(closed_file).close()
    assert checks == [closed_file]
    assert elsewhere.read_text() != ""  # the close replaced the link, never wrote through it
    assert not record_of(closed_file).is_symlink()
