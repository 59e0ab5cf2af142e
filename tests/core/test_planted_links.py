"""Files planted beside a user's file are never followed, truncated or written (issue 21, 1).

Anyone who can write in a shared folder can put a symbolic link, a pipe, a hard link or
a file of their own where Argline keeps its lock, where SQLite keeps its journals, or
where a copy's temporary file is about to be. Each test plants one and checks that the
file it points at (the user's thesis, another of their databases) is byte-identical
afterwards, and that Argline says in one line what it found and where.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from argline.cli import main
from argline.io.files import write_atomically
from argline.store import Store
from argline.store.backup import backup_sqlite, list_backups
from argline.store.copies import CopyFailed, copy_database
from argline.store.errors import UntrustedFile
from argline.store.lock import Holder, Lock, acquire, holder_of, lock_path_of
from argline.store.rotation import restore_backup

THESIS = b"Chapter 1. What the archives say\n" * 300
NOBODY = 65534


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The user's own folder, with a file they care about in it."""
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "thesis.odt").write_bytes(THESIS)
    return folder


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """An Argline file in a shared folder, closed, with no lock or journal beside it."""
    shared = tmp_path / "shared"
    shared.mkdir()
    path = shared / "library.argline"
    Store.open(path).close()
    return path


def _one_line(error: BaseException | str) -> str:
    text = str(error).strip()
    assert "\n" not in text
    return text


# --- the lock file ------------------------------------------------------------------------


def _by_acquire(path: Path) -> None:
    acquire(path)


def _by_holder_of(path: Path) -> None:
    holder_of(path)


def _by_restore(path: Path) -> None:
    backup = backup_sqlite(path, reason="rotating")
    restore_backup(backup, path)


def _by_window(path: Path) -> None:
    from argline.gui.headless import ensure_application
    from argline.gui.opening import open_for_window

    ensure_application()  # opening shows its progress in a dialog, if it gets that far
    open_for_window(None, str(path))


WAYS_IN: dict[str, Callable[[Path], None]] = {
    "acquire": _by_acquire,
    "holder_of": _by_holder_of,
    "restore": _by_restore,
    "window": _by_window,
}


@pytest.mark.parametrize("way_in", WAYS_IN)
def test_a_lock_planted_as_a_link_to_the_thesis_is_refused_and_the_thesis_kept(
    database: Path, home: Path, way_in: str
) -> None:
    lock = lock_path_of(database)
    lock.symlink_to(home / "thesis.odt")
    with pytest.raises(UntrustedFile) as refused:
        WAYS_IN[way_in](database)
    assert (home / "thesis.odt").read_bytes() == THESIS
    assert lock.is_symlink()  # left as it was found
    message = _one_line(refused.value)
    assert message.startswith(f"{lock} is a symbolic link (to {home / 'thesis.odt'})")
    assert "not Argline's lock file; it was left untouched" in message
    assert "remove it if you did not make it" in message


def test_a_lock_planted_as_a_link_to_nowhere_creates_nothing(database: Path, home: Path) -> None:
    # O_CREAT through a dangling link would create the file it names, anywhere.
    lock_path_of(database).symlink_to(home / "made-by-argline.txt")
    with pytest.raises(UntrustedFile, match="symbolic link"):
        acquire(database)
    assert not (home / "made-by-argline.txt").exists()


@pytest.mark.parametrize("command", ["check", "restore"])
def test_the_command_line_says_in_one_line_and_exits_2(
    database: Path, home: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backup_sqlite(database, reason="rotating")
    before = database.read_bytes()
    lock = lock_path_of(database)
    lock.symlink_to(home / "thesis.odt")
    argv = ["--db", str(database), command, *([str(backup)] if command == "restore" else [])]
    assert main(argv) == 2
    error = _one_line(capsys.readouterr().err)
    assert error.startswith(f"argline: {lock} is a symbolic link")
    assert (home / "thesis.odt").read_bytes() == THESIS
    assert database.read_bytes() == before


def test_a_lock_that_is_a_hard_link_to_the_thesis_is_refused(database: Path, home: Path) -> None:
    # Truncating a second name of the thesis would empty the thesis itself.
    os.link(home / "thesis.odt", lock_path_of(database))
    with pytest.raises(UntrustedFile, match=r"is a hard link \(one file with 2 names\)"):
        acquire(database)
    assert (home / "thesis.odt").read_bytes() == THESIS


def test_a_lock_that_is_a_pipe_is_refused_without_waiting(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock = lock_path_of(database)
    os.mkfifo(lock)
    # Opening a pipe waits for its other end unless asked not to (O_NONBLOCK): an open
    # of the lock's name without it fails here, before it could wait.
    opened: list[int] = []
    real_open = os.open

    def open_without_waiting(path: str | Path, flags: int, *args: int) -> int:
        if Path(path) == lock:
            assert flags & os.O_NONBLOCK, f"{lock.name} opened in a way that waits on a pipe"
            opened.append(flags)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", open_without_waiting)
    with pytest.raises(UntrustedFile) as refused:
        acquire(database)
    assert opened, "the lock file was never opened"
    assert f"{lock} is a named pipe (FIFO), not Argline's lock file" in _one_line(refused.value)
    assert lock.is_fifo()


def test_a_lock_that_is_a_folder_is_refused(database: Path) -> None:
    lock = lock_path_of(database)
    lock.mkdir()
    (lock / "inside").write_text("kept")
    with pytest.raises(UntrustedFile, match="is a folder, not Argline's lock file"):
        acquire(database)
    assert (lock / "inside").read_text() == "kept"


def _someone_elses(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``path`` another user's: chown it where we may (root), else be another user."""
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    else:
        real = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: real + 1)


def test_a_lock_file_of_another_user_that_no_argline_holds_is_refused_untouched(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock = lock_path_of(database)
    planted = json.dumps({"pid": 1, "host": "elsewhere", "user": "mallory"}).encode()
    lock.write_bytes(planted)
    os.chmod(lock, 0o666)  # writable by all: Argline could write it, and must not
    os.utime(lock, (1_000_000_000, 1_000_000_000))  # no heartbeat from elsewhere
    _someone_elses(lock, monkeypatch)
    with pytest.raises(UntrustedFile) as refused:
        acquire(database)
    message = _one_line(refused.value)
    assert message.startswith(f"{lock} belongs to ")
    assert "not to you, and no Argline holds it; it was left untouched" in message
    assert lock.read_bytes() == planted


def test_a_lock_file_of_another_user_that_their_argline_holds_names_them(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Refusing the file is for a lock nobody holds; one held is reported as held.
    held = acquire(database, heartbeat=False)
    assert isinstance(held, Lock)
    try:
        _someone_elses(held.lock_path, monkeypatch)
        found = acquire(database)
        assert isinstance(found, Holder)
        assert found.pid == os.getpid()
    finally:
        held.release()


@pytest.mark.parametrize("held", [True, False], ids=["held", "left-behind"])
def test_a_lock_file_this_user_cannot_write_is_read_to_say_who_holds_it_or_why_not(
    database: Path, held: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another user's lock is theirs to write (0644): it is opened read-only to tell
    # whether their Argline holds it. Root may write anything, so it is refused here.
    lock = lock_path_of(database)
    holding = acquire(database, heartbeat=False) if held else None
    if not held:  # what a killed holder leaves behind: its file, nobody's lock on it
        lock.write_bytes(json.dumps({"pid": 1, "host": "their-pc", "user": "them"}).encode())
        os.utime(lock, (1_000_000_000, 1_000_000_000))  # its heartbeat long stopped
    before = lock.read_bytes()
    _someone_elses(lock, monkeypatch)
    real_open = os.open

    def open_as_another_user(name: object, flags: int, *args: int, **kwargs: object) -> int:
        if Path(str(name)) == lock and flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_as_another_user)
    try:
        if held:
            found = acquire(database)
            assert isinstance(found, Holder)
            assert found.pid == os.getpid()
        else:
            with pytest.raises(UntrustedFile) as refused:
                acquire(database)
            message = _one_line(refused.value)
            assert message.startswith(f"{lock} belongs to ")
            assert "not to you, and no Argline holds it" in message
    finally:
        monkeypatch.undo()
        if holding is not None:
            assert isinstance(holding, Lock)
            holding.release()
    if not held:
        assert lock.read_bytes() == before


def test_the_heartbeat_never_touches_a_link_put_at_the_locks_name(
    database: Path, home: Path
) -> None:
    held = acquire(database, heartbeat=False)
    assert isinstance(held, Lock)
    thesis = home / "thesis.odt"
    os.utime(thesis, (1_000_000_000, 1_000_000_000))
    # Someone swaps the lock file's name for a link while Argline holds the file.
    held.lock_path.unlink()
    held.lock_path.symlink_to(thesis)
    held.beat()
    held.release()
    assert thesis.stat().st_mtime == 1_000_000_000
    assert thesis.read_bytes() == THESIS
    assert held.lock_path.is_symlink()  # not Argline's file: not Argline's to remove


# --- SQLite's journals beside the database --------------------------------------------------


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
@pytest.mark.parametrize("plant", ["symlink", "hard link"])
def test_a_journal_planted_beside_the_database_is_refused_before_sqlite_opens_it(
    database: Path, home: Path, suffix: str, plant: str
) -> None:
    journal = database.with_name(database.name + suffix)
    if plant == "symlink":
        journal.symlink_to(home / "thesis.odt")
    else:
        # SQLite writes into a hard-linked -wal or -shm (its other name is the thesis),
        # even from a read-only look: this is what a planted link costs without the check.
        os.link(home / "thesis.odt", journal)
    with pytest.raises(UntrustedFile) as refused:
        _by_window(database)
    message = _one_line(refused.value)
    assert message.startswith(f"{journal} is a ")
    assert f"library.argline; it was left untouched and {database.name} was not opened" in (message)
    assert (home / "thesis.odt").read_bytes() == THESIS
    assert not lock_path_of(database).exists()  # the lock taken on the way was given back


@pytest.mark.parametrize("command", ["check", "seed", "export", "evaluate", "upgrade"])
def test_every_command_refuses_a_journal_hard_linked_to_the_thesis(
    database: Path, home: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = database.with_name(database.name + "-shm")
    os.link(home / "thesis.odt", journal)
    before = database.read_bytes()
    argv = ["--db", str(database), command, *(["-"] if command == "export" else [])]
    assert main(argv) == 2
    assert _one_line(capsys.readouterr().err).startswith(f"argline: {journal} is a hard link")
    assert (home / "thesis.odt").read_bytes() == THESIS
    assert database.read_bytes() == before


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away"
)
def test_a_write_ahead_log_of_another_user_is_refused(database: Path) -> None:
    # A planted -wal with valid frames would be replayed into the user's database.
    wal = database.with_name(database.name + "-wal")
    wal.write_bytes(b"frames someone else wrote")
    os.chown(wal, NOBODY, NOBODY)
    with pytest.raises(UntrustedFile, match=r"neither to you nor to the owner of library\.argline"):
        acquire(database)
    assert wal.read_bytes() == b"frames someone else wrote"


# --- copies, backups and atomic writes ----------------------------------------------------


def test_a_link_swapped_in_for_a_copys_temporary_file_is_not_copied_through(
    database: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: between creating the temporary file and SQLite opening it by name, the
    name becomes a link to another of the user's databases, which SQLite would follow."""
    other = home / "other.argline"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE notes (text)")
    connection.execute("INSERT INTO notes VALUES ('years of work')")
    connection.commit()
    connection.close()
    kept = other.read_bytes()
    real_connect = sqlite3.connect

    def connect_after_a_swap(named: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        name = str(named)
        if name.endswith(".partial") and not name.startswith("file:"):
            Path(name).unlink()
            Path(name).symlink_to(other)
        return real_connect(named, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect_after_a_swap)
    target = database.with_name("copy.argline")
    with pytest.raises(CopyFailed) as refused:
        copy_database(database, target)
    monkeypatch.undo()
    assert other.read_bytes() == kept
    assert not target.exists()
    assert not list(database.parent.glob("*.partial"))
    assert "was replaced by a link to" in _one_line(refused.value)


def test_a_link_planted_at_a_backups_name_is_replaced_not_written_through(
    database: Path, home: Path
) -> None:
    from datetime import UTC, datetime

    when = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    name = database.with_name(
        f"library.{when.strftime('%Y%m%d-%H%M%S-%f')}.rotating.backup.argline"
    )
    name.symlink_to(home / "thesis.odt")
    taken = backup_sqlite(database, reason="rotating", now=when)
    assert taken == name
    assert not taken.is_symlink()
    assert (home / "thesis.odt").read_bytes() == THESIS
    with sqlite3.connect(f"file:{taken}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_link_named_like_a_backup_is_not_offered_as_one(database: Path, home: Path) -> None:
    real = backup_sqlite(database, reason="rotating")
    planted = database.with_name("library.20990101-000000-000000.rotating.backup.argline")
    planted.symlink_to(home / "thesis.odt")
    assert [backup.path for backup in list_backups(database)] == [real]


WRITERS: dict[str, Callable[[Path, Path], None]] = {
    "write_atomically": lambda _source, target: write_atomically(target, b"exported"),
    "copy_database": copy_database,
}


@pytest.mark.parametrize("writer", WRITERS)
def test_a_link_planted_at_the_next_temporary_name_is_passed_over(
    database: Path, home: Path, writer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Temporary names are random; make the first one known, as if someone had guessed it.
    target = database.with_name("out.argline")
    for guessed in (f".{target.name}.guessed", f".{target.name}.guessed.partial"):
        (target.parent / guessed).symlink_to(home / "thesis.odt")
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: iter(["guessed", "fresh"]))
    WRITERS[writer](database, target)
    assert (home / "thesis.odt").read_bytes() == THESIS
    assert target.is_file()
    assert not target.is_symlink()
