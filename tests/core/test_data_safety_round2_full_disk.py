"""Every write onto a full disk says so in one line and leaves the disk as it was (issue 21,
item 3).

The disk is a small tmpfs, mounted where that is permitted (CI runs as root), and filled
with one file: to the last byte ("full"), or to a few pages short ("nearly full"), where
SQLite starts and then finds no room for an import's pages. Each test skips, saying
why, where mounting is not permitted.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from argline.cli import main
from argline.io.seed import load_seed
from argline.ops.event_edits import EditEvent
from argline.ops.running import run
from argline.store import Store, StoreError
from argline.store.backup import backup_sqlite
from argline.store.copies import CopyFailed, save_copy
from argline.store.errors import DiskFull
from argline.store.lock import acquire
from argline.store.rotation import take_rotating_backup

FILLER = "filler"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROOM = {"full": 0, "nearly full": 96 * 1024}


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs of its own, to be filled."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if (
        not _is_root()
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)],
            check=False,
            capture_output=True,
        ).returncode
    ):
        pytest.skip("mounting a tmpfs is not permitted here (it needs root with CAP_SYS_ADMIN)")
    try:
        yield mount
    finally:
        gc.collect()  # a failed connection in a traceback's cycle keeps its file open
        subprocess.run(["umount", str(mount)], check=True)


def _fill(disk: Path, *, leave: int = 0) -> None:
    """Fill ``disk`` with one file to its last byte, then give back ``leave`` bytes."""
    filler = disk / FILLER
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for chunk in (bytes(1 << 16), bytes(512)):
            with pytest.raises(OSError, match="No space left on device"):
                _write_until_refused(descriptor, chunk)
    finally:
        os.close(descriptor)
    if leave:
        os.truncate(filler, filler.stat().st_size - leave)


def _write_until_refused(descriptor: int, chunk: bytes) -> None:
    while os.write(descriptor, chunk):
        pass


def _listing(disk: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in disk.iterdir() if p.name != FILLER}


def _seeded(disk: Path) -> Path:
    path = disk / "library.argline"
    store = Store.open(path)
    load_seed(store)
    store.close()
    return path


def _big_import(folder: Path) -> Path:
    """An exchange file whose import needs some 3 MB: more than any disk here has left."""
    events = [
        {"id": f"event-{n}", "title": f"An event of a long title, number {n} " * 3, "start": "2001"}
        for n in range(20_000)
    ]
    path = folder / "big.argline.json"
    path.write_text(json.dumps({"format": "argline", "version": 3, "events": events}))
    return path


def _said_in_one_line(capsys: pytest.CaptureFixture[str]) -> str:
    error = capsys.readouterr().err
    assert error.count("\n") == 1, error
    assert "Traceback" not in error
    return error


@pytest.mark.parametrize("room", ROOM.values(), ids=ROOM.keys())
def test_an_import_onto_a_full_disk_says_so_and_the_file_stays_sound(
    disk: Path, tmp_path: Path, room: int, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _seeded(disk)
    big = _big_import(tmp_path)
    _fill(disk, leave=room)
    before = _listing(disk)
    assert main(["--db", str(path), "import", str(big)]) == 2
    error = _said_in_one_line(capsys)
    # Said by its lock (no room to write who holds it) or by SQLite, as room allows.
    assert error.startswith("argline: cannot ")
    assert error.endswith(
        f"{path.name}: the disk is full; nothing was changed. Make room on it and try again.\n"
    )
    assert _listing(disk) == before  # no -wal, no -shm: the next command finds it sound
    assert main(["--db", str(path), "check"]) == 0
    assert "PROBLEMS" not in capsys.readouterr().out
    assert _listing(disk) == before
    (disk / FILLER).unlink()
    assert main(["--db", str(path), "import", str(big)]) == 0  # room made: it imports


@pytest.mark.parametrize("room", [0, 16 * 1024, 64 * 1024], ids=["full", "16 KiB", "64 KiB"])
def test_seed_onto_a_full_disk_leaves_no_file(
    disk: Path, room: int, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(disk, leave=room)
    new = disk / "new.argline"
    assert main(["--db", str(new), "seed"]) == 2
    error = _said_in_one_line(capsys)
    assert "the disk is full" in error
    assert _listing(disk) == {}  # not even an empty file, which every command would refuse


def test_a_store_made_whole_whose_first_import_finds_the_disk_full_is_not_left(
    disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(disk, leave=512 * 1024)  # room for a new store, not for the import
    assert main(["--db", str(disk / "new.argline"), "import", str(_big_import(tmp_path))]) == 2
    assert "the disk is full; nothing was changed" in _said_in_one_line(capsys)
    assert _listing(disk) == {}


def test_an_edit_onto_a_full_disk_is_refused_and_the_store_goes_on(disk: Path) -> None:
    path = _seeded(disk)
    store = Store.open(path)
    try:
        run(store, EditEvent("fort-ross", title="Fort Ross"))  # the window, open and writing
        _fill(disk)
        with pytest.raises(DiskFull, match="the disk is full; nothing was changed"):
            run(store, EditEvent("fort-ross", description="A long note. " * 200_000))
        (disk / FILLER).unlink()
        run(store, EditEvent("fort-ross", description="A short note."))
    finally:
        store.close()
    store = Store.open(path)
    try:
        with store.plain_reading() as cursor:
            row = cursor.execute("SELECT title, description FROM events WHERE key = 'fort-ross'")
            assert row.fetchone() == ("Fort Ross", "A short note.")
    finally:
        store.close()


def test_add_source_onto_a_full_disk_says_so(
    disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _seeded(disk)
    document = tmp_path / "long.txt"
    document.write_text("A long assessment of the summit.\n\n" * 100_000)
    _fill(disk, leave=ROOM["nearly full"])
    before = _listing(disk)
    assert main(["--db", str(path), "add-source", str(document)]) == 2
    assert "the disk is full; nothing was changed" in _said_in_one_line(capsys)
    assert _listing(disk) == before


@pytest.mark.parametrize(
    "room", [0, 96 * 1024, 176 * 1024], ids=["full", "nearly full", "room for its backup"]
)
def test_an_upgrade_onto_a_full_disk_leaves_the_file_and_no_backup(
    disk: Path, room: int, capsys: pytest.CaptureFixture[str]
) -> None:
    path = disk / "old.argline"
    shutil.copyfile(FIXTURES / "schema-0001.argline", path)
    _fill(disk, leave=room)
    before = set(_listing(disk))
    assert main(["--db", str(path), "upgrade"]) == 2
    assert "the disk is full" in _said_in_one_line(capsys)
    assert set(_listing(disk)) == before  # no backup left, no -wal, no -shm
    # Opening switched it to WAL (two bytes of its header); every row is as it was.
    assert _dump(path) == _dump(FIXTURES / "schema-0001.argline")


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_backups_and_copies_onto_a_full_disk_say_so_and_leave_nothing(disk: Path) -> None:
    path = _seeded(disk)
    store = Store.open(path)
    try:
        _fill(disk)
        before = _listing(disk)
        with pytest.raises(CopyFailed, match=r"the disk is full.*; any earlier file was kept"):
            take_rotating_backup(store)
        with pytest.raises(CopyFailed, match=r"the disk is full.*; any earlier file was kept"):
            save_copy(store, disk / "copy.argline")
        assert _listing(disk) == before
    finally:
        store.close()


@pytest.mark.parametrize("room", [0, 200 * 1024], ids=["full", "room for one backup"])
def test_a_restore_onto_a_full_disk_says_so_and_leaves_the_file(
    disk: Path, room: int, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _seeded(disk)
    backup = backup_sqlite(path, reason="rotating")
    _fill(disk, leave=room)
    before = _listing(disk)
    assert main(["--db", str(path), "restore", str(backup)]) == 2
    assert "the disk is full" in _said_in_one_line(capsys)
    assert _listing(disk) == before


def test_an_export_onto_a_full_disk_says_so_and_leaves_nothing(
    disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _seeded(disk)
    _fill(disk)
    before = _listing(disk)
    assert main(["--db", str(path), "export", str(disk / "out.argline.json")]) == 2
    assert "the disk is full" in _said_in_one_line(capsys)
    assert _listing(disk) == before


def test_the_window_taking_its_lock_on_a_full_disk_says_so_and_leaves_no_lock(
    disk: Path,
) -> None:
    path = _seeded(disk)
    _fill(disk)
    before = _listing(disk)
    with pytest.raises(StoreError, match="the disk is full"):
        acquire(path)
    assert _listing(disk) == before


# A disk quota or a file-size limit, which SQLite reports as a plain "disk I/O error":
# here the import's process may write no file past 400,000 bytes (no root needed).
IMPORT_UNDER_A_FILE_SIZE_LIMIT = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))
from argline.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="file size limits are POSIX")
def test_an_import_past_a_file_size_limit_says_so_and_leaves_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    path = _seeded(folder)
    before = _listing(folder)
    big = _big_import(tmp_path)
    finished = subprocess.run(
        [
            sys.executable,
            "-c",
            IMPORT_UNDER_A_FILE_SIZE_LIMIT,
            "--db",
            str(path),
            "import",
            str(big),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 2
    assert finished.stderr == (
        f"argline: cannot write {path.name}: the disk refused to write it (over a disk quota "
        'or a file-size limit, or a failing disk: SQLite says only "disk I/O error"); '
        "nothing was changed.\n"
    )
    assert _listing(folder) == before
