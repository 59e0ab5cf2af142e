"""Damaged files are refused untouched, check offers a backup, backups rotate and restore,
copies and exports are atomic, and disk full or permission denied keep the earlier file."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from argline.io import files
from argline.io.files import WriteFailed, write_atomically
from argline.io.health import check_database, newest_sound_backup
from argline.io.seed import load_seed
from argline.io.transfer import export_file
from argline.store import NotAnArglineDatabase, Store, StoreError
from argline.store import copies as copies_module
from argline.store.backup import backup_sqlite, list_backups
from argline.store.copies import CopyFailed, save_copy
from argline.store.lock import acquire
from argline.store.rotation import prune_rotating_backups, restore_backup, take_rotating_backup


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _events(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT count(*) FROM events").fetchone()[0]


@pytest.fixture
def seeded_file(tmp_path: Path) -> Path:
    path = tmp_path / "library.argline"
    store = Store.open(path)
    load_seed(store)
    store.close()
    return path


def _damaged_variants(data: bytes) -> dict[str, bytes]:
    page = int.from_bytes(data[16:18], "big")
    variants = {
        f"truncated-to-{cut}": data[:cut] for cut in (100, page, len(data) // 2, len(data) - page)
    }
    for number in (1, 2, len(data) // page // 2, len(data) // page - 1):
        broken = bytearray(data)
        broken[number * page : number * page + 24] = b"\xde\xad\xbe\xef" * 6
        variants[f"page-{number}-garbled"] = bytes(broken)
    header = bytearray(data)
    header[16:18] = b"\x00\x07"  # a page size that is no power of two
    variants["header-garbled"] = bytes(header)
    return variants


def test_damaged_files_are_refused_with_a_clear_error_and_left_byte_identical(
    seeded_file: Path, tmp_path: Path
) -> None:
    variants = _damaged_variants(seeded_file.read_bytes())
    assert len(variants) >= 9
    for name, content in variants.items():
        path = tmp_path / f"{name}.argline"
        path.write_bytes(content)
        with pytest.raises(NotAnArglineDatabase, match="left untouched") as refused:
            Store.open(path)
        assert str(path) in str(refused.value), name
        assert path.read_bytes() == content, name
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(name)) == [
            path.name
        ], name


def test_check_reports_damage_and_names_the_newest_sound_backup(
    seeded_file: Path, tmp_path: Path
) -> None:
    older = backup_sqlite(seeded_file, reason="rotating", now=datetime.now(UTC) - timedelta(days=1))
    newer = backup_sqlite(seeded_file, reason="rotating")
    newest = backup_sqlite(seeded_file, reason="rotating", now=datetime.now(UTC) + timedelta(1))
    newest.write_bytes(newest.read_bytes()[:300])  # the newest backup is itself damaged
    data = seeded_file.read_bytes()
    seeded_file.write_bytes(data[:4096] + b"\x00" * (len(data) - 4096))
    report = check_database(str(seeded_file))
    assert not report.ok
    assert f"newest sound backup: {newer}" in report.text()
    assert newest_sound_backup(seeded_file).path == newer
    assert older.exists()


def test_check_says_when_no_backup_is_there(tmp_path: Path) -> None:
    path = tmp_path / "notes.argline"
    path.write_bytes(b"SQLite format 3\x00" + b"\x01" * 5000)
    report = check_database(str(path))
    assert not report.ok
    assert "no sound backup" in report.text()


def test_a_rotating_backup_is_taken_while_the_store_is_open(seeded_file: Path) -> None:
    store = Store.open(seeded_file)
    try:
        with store.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE events SET title = 'edited' WHERE id = 1")
        backup = take_rotating_backup(store)
        assert backup is not None
        assert list_backups(seeded_file)[0].path == backup
        with sqlite3.connect(backup) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            title = connection.execute("SELECT title FROM events WHERE id = 1").fetchone()[0]
        assert title == "edited"
        # Taken again within the interval: nothing new.
        assert take_rotating_backup(store) is None
    finally:
        store.close()


def test_rotating_backups_keep_the_newest_of_each_of_the_last_days(seeded_file: Path) -> None:
    start = datetime(2025, 3, 1, 9, tzinfo=UTC)
    for day in range(8):
        for hour in (0, 5):
            backup_sqlite(seeded_file, reason="rotating", now=start + timedelta(day, hours=hour))
    upgrade = backup_sqlite(seeded_file, reason="before-upgrade-from-0001", now=start)
    prune_rotating_backups(seeded_file, keep_days=5)
    kept = list_backups(seeded_file)
    rotating = [b for b in kept if b.reason == "rotating"]
    assert len(rotating) == 5
    assert all(b.taken.hour == 14 for b in rotating)
    assert rotating[0].taken.day == 8
    assert upgrade in [b.path for b in kept]


def test_a_damaged_file_is_not_backed_up_over_good_backups(seeded_file: Path) -> None:
    store = Store.open(seeded_file)
    good = take_rotating_backup(store, now=datetime.now(UTC) - timedelta(days=2))
    store.close()
    data = seeded_file.read_bytes()
    seeded_file.write_bytes(data[:8192] + b"\xff" * (len(data) - 8192))
    # As if the file was damaged under an open store (Store.open would refuse it).
    damaged = Store(create_engine(f"sqlite:///{seeded_file}"))
    with pytest.raises(CopyFailed, match="damaged"):
        take_rotating_backup(damaged)
    damaged.close()
    assert [b.path for b in list_backups(seeded_file)] == [good]


def test_restoring_a_backup_backs_up_the_current_file_first(seeded_file: Path) -> None:
    backup = backup_sqlite(seeded_file, reason="rotating")
    with sqlite3.connect(seeded_file) as connection:
        connection.execute("DELETE FROM source_dates")
        connection.execute("DELETE FROM events")
    assert _events(seeded_file) == 0
    (listed,) = list_backups(seeded_file)
    # The GUI restores while holding the file's lock (its store closed).
    with acquire(seeded_file):
        before = restore_backup(listed, seeded_file)
    assert _events(seeded_file) == 16
    assert before is not None
    assert _events(before) == 0
    assert "before-restore" in before.name
    store = Store.open(seeded_file)
    store.close()
    assert backup.exists()


def test_restoring_over_a_damaged_file_moves_it_aside_whole(seeded_file: Path) -> None:
    backup = backup_sqlite(seeded_file, reason="rotating")
    data = seeded_file.read_bytes()
    damaged = data[:4096] + b"\x00" * (len(data) - 4096)
    seeded_file.write_bytes(damaged)
    aside = restore_backup(backup, seeded_file)
    assert aside is not None
    assert aside.read_bytes() == damaged
    assert _events(seeded_file) == 16


def test_a_backup_that_is_not_sound_is_not_restored(seeded_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "library.20250101-000000-000000.rotating.backup.argline"
    bad.write_bytes(b"not a database")
    before = _digest(seeded_file)
    with pytest.raises(CopyFailed, match="cannot restore"):
        restore_backup(bad, seeded_file)
    assert _digest(seeded_file) == before


def test_save_a_copy_writes_a_sound_database_while_the_store_is_open(
    seeded_file: Path, tmp_path: Path
) -> None:
    store = Store.open(seeded_file)
    try:
        target = save_copy(store, tmp_path / "copy.argline")
        with pytest.raises(CopyFailed, match="open file itself"):
            save_copy(store, seeded_file)
    finally:
        store.close()
    assert _events(target) == 16
    copy = Store.open(target)
    copy.close()


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        (PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
    ],
    ids=["disk-full", "permission-denied"],
)
def test_save_a_copy_fails_clearly_and_keeps_the_earlier_copy(
    seeded_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure, message
) -> None:
    store = Store.open(seeded_file)
    target = save_copy(store, tmp_path / "copy.argline")
    before = _digest(target)

    def fail(*_args, **_kwargs):
        raise failure

    # Disk full shows at the flush (as on real disks with delayed allocation);
    # permission denied when creating the file beside the target.
    if failure.errno == errno.ENOSPC:
        monkeypatch.setattr(copies_module.os, "fsync", fail)
    else:
        monkeypatch.setattr(copies_module.tempfile, "mkstemp", fail)
    try:
        with pytest.raises(CopyFailed, match=message) as refused:
            save_copy(store, target)
    finally:
        store.close()
    assert "earlier file was kept" in str(refused.value)
    assert _digest(target) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="file size limits are POSIX")
def test_save_a_copy_on_a_disk_that_fills_up_keeps_the_earlier_copy(
    seeded_file: Path, tmp_path: Path
) -> None:
    # A real failure inside SQLite: the copying process may not write more than 64 KiB.
    target = tmp_path / "copy.argline"
    target.write_bytes(b"the earlier copy")
    script = (
        "import resource, signal, sys;"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536));"
        "from argline.store.copies import copy_database, CopyFailed;"
        "from pathlib import Path;"
        f"copy_database(Path({str(seeded_file)!r}), Path({str(target)!r}))"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert finished.returncode != 0
    assert "CopyFailed: cannot write" in finished.stderr
    assert "earlier file was kept" in finished.stderr
    assert target.read_bytes() == b"the earlier copy"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


@pytest.mark.parametrize("where", ["fsync", "mkstemp", "replace"])
def test_an_export_that_cannot_be_written_keeps_the_earlier_file(
    seeded_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "out.argline.json"
    target.write_bytes(b'{"earlier": true}')
    store = Store.open(seeded_file)

    def fail(*_args, **_kwargs):
        if where == "fsync":
            raise OSError(errno.ENOSPC, "No space left on device")
        raise PermissionError(errno.EACCES, "Permission denied")

    owner = {"fsync": files.os, "mkstemp": tempfile, "replace": files.os}[where]
    monkeypatch.setattr(owner, where, fail)
    try:
        with pytest.raises(WriteFailed, match="earlier file was kept"):
            export_file(store, target, format="argline")
    finally:
        monkeypatch.undo()
        store.close()
    assert target.read_bytes() == b'{"earlier": true}'
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="a read-only folder does not stop root; the monkeypatched cases above cover it",
)
def test_writing_into_a_read_only_folder_says_permission_denied(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "out.json").write_bytes(b"earlier")
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteFailed, match="Permission denied"):
            write_atomically(folder / "out.json", b"new")
    finally:
        folder.chmod(0o700)
    assert (folder / "out.json").read_bytes() == b"earlier"


def test_a_store_error_is_what_the_command_line_reports(tmp_path: Path) -> None:
    assert issubclass(CopyFailed, StoreError)
