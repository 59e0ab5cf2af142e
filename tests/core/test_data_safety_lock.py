"""A second Argline on the same file is told who holds it within two seconds, and can read."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from argline.io.seed import load_seed
from argline.ops.claim_edits import MoveClaims
from argline.ops.running import run
from argline.store import Store, StoreError
from argline.store.backup import backup_sqlite
from argline.store.copies import CopyFailed
from argline.store.lock import Holder, Lock, acquire, holder_of, lock_path_of
from argline.store.rotation import restore_backup
from argline.store.viewing import open_read_only

pytestmark = pytest.mark.slow

# Holds the file and makes a move each time it is asked (a line on stdin), saying so.
HOLDER = """
import sys
from pathlib import Path
from argline.store import Store
from argline.store.backup import backup_sqlite
from argline.store.copies import CopyFailed
from argline.store.lock import acquire
from argline.ops.claim_edits import MoveClaims
from argline.ops.running import run
path = Path(sys.argv[1])
lock = acquire(path)
store = Store.open(path)
print("holding", flush=True)
for step, _ in enumerate(sys.stdin, start=1):
    run(store, MoveClaims((("ch-main", (float(step), 0.0)),)))
    print("moved", step, flush=True)
"""


@pytest.fixture
def seeded_file(tmp_path: Path) -> Path:
    path = tmp_path / "shared.argline"
    store = Store.open(path)
    load_seed(store)
    store.close()
    return path


def test_a_second_process_is_told_who_holds_the_file_and_can_view_it(
    seeded_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(seeded_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdin is not None
    assert other.stdout is not None

    def move() -> None:
        other.stdin.write("move\n")
        other.stdin.flush()

    try:
        assert other.stdout.readline().strip() == "holding"
        # Told at once, within the two seconds promised: acquiring never waits.
        found = _without_waiting(monkeypatch, acquire, seeded_file)
        assert isinstance(found, Holder)
        assert found.pid == other.pid
        assert "open in another Argline" in found.describe()
        # The read-only view reads while the other process writes.
        view = open_read_only(seeded_file)
        try:
            move()
            with view.reading() as session:
                assert session.execute(text("SELECT count(*) FROM events")).scalar() == 16
            move()
            with pytest.raises(StoreError, match="read-only"), view.transaction() as session:
                session.execute(text("DELETE FROM events"))
            assert [other.stdout.readline().split() for _ in range(2)] == [
                ["moved", "1"],
                ["moved", "2"],
            ]
        finally:
            view.close()
        # A backup can be taken meanwhile, but not restored over the file in use.
        backup = backup_sqlite(seeded_file, reason="rotating")
        with pytest.raises(CopyFailed, match="open in another Argline"):
            restore_backup(backup, seeded_file)
        # Killed without releasing: the OS drops the lock, the next Argline takes it.
        other.send_signal(signal.SIGKILL)
        other.wait(timeout=10)
        taken = _without_waiting(monkeypatch, acquire, seeded_file)
        assert isinstance(taken, Lock)
        taken.release()
    finally:
        if other.poll() is None:
            other.kill()
            other.wait(timeout=10)
        other.stdin.close()
        other.stdout.close()
    store = Store.open(seeded_file)
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    store.close()


def _without_waiting(
    monkeypatch: pytest.MonkeyPatch, call: Callable[[Path], Lock | Holder], path: Path
) -> Lock | Holder:
    """Return ``call(path)``, failing if it sleeps: what it learns it learns at once."""

    def refuse(seconds: float) -> None:
        raise AssertionError(f"{call.__name__} waited {seconds} s")

    with monkeypatch.context() as patched:
        patched.setattr(time, "sleep", refuse)
        return call(path)


def test_the_lock_is_released_and_its_file_removed(seeded_file: Path) -> None:
    with acquire(seeded_file) as lock:
        assert isinstance(lock, Lock)
        assert lock_path_of(seeded_file).exists()
        # A second opening in the same process is detected too.
        assert isinstance(acquire(seeded_file), Holder)
        # ...but this program may restore into or copy over the file it holds.
        assert holder_of(seeded_file) is None
    assert not lock_path_of(seeded_file).exists()
    assert holder_of(seeded_file) is None


def test_a_fresh_heartbeat_from_another_machine_counts_as_held(seeded_file: Path) -> None:
    # Network file systems may not share OS locks between machines: the heartbeat does.
    lock_file = lock_path_of(seeded_file)
    lock_file.write_text('{"pid": 4242, "host": "elsewhere", "user": "ana", "since": "today"}')
    found = acquire(seeded_file)
    assert isinstance(found, Holder)
    assert found.host == "elsewhere"
    old = time.time() - 10
    os.utime(lock_file, (old, old))
    taken = acquire(seeded_file)
    assert isinstance(taken, Lock)
    taken.release()


def test_the_holder_keeps_its_heartbeat(seeded_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    beaten = threading.Event()
    beat = Lock.beat

    def beat_and_say(lock: Lock) -> None:
        beat(lock)
        beaten.set()

    monkeypatch.setattr(Lock, "beat", beat_and_say)
    lock = acquire(seeded_file)
    assert isinstance(lock, Lock)
    try:
        # A beat makes a stale lock file fresh again...
        old = time.time() - 10
        os.utime(lock.lock_path, (old, old))
        lock.beat()
        assert lock.lock_path.stat().st_mtime > old
        # ...and the holder beats by itself, without being asked.
        beaten.clear()
        assert beaten.wait(timeout=60), "the holder stopped beating"
    finally:
        lock.release()


def test_two_stores_writing_one_file_corrupt_nothing(seeded_file: Path) -> None:
    first, second = Store.open(seeded_file), Store.open(seeded_file)
    try:
        for step in range(20):
            run(first, MoveClaims((("ch-main", (float(step), 0.0)),)))
            run(second, MoveClaims((("ch-main", (0.0, float(step))),)))
        with first.engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        first.close()
        second.close()
