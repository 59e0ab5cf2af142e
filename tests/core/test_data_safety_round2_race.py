"""A window and a command writing one SQLite file lose neither's work (issue 21).

A command (import, seed, add-source, an edit from a script) takes the file's lock at its
first write, as the window does when it opens the file. While a window holds it, the
command is refused in one line naming the window, exit 2, and changes nothing; while a
command writes, a window opening the file is told who writes it (and offered the
read-only view). Each side runs in its own process, as it does for the user.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argline.io.seed import load_seed
from argline.ops.event_edits import EditEvent
from argline.ops.running import run
from argline.store import Store
from argline.store.lock import Holder, Lock, acquire, lock_path_of
from argline.store.viewing import open_read_only

INCOMING = {
    "format": "argline",
    "version": 3,
    "events": [{"id": "new-event", "title": "An event the command adds", "start": "2001-02-03"}],
}


@pytest.fixture
def seeded_file(tmp_path: Path) -> Path:
    path = tmp_path / "library.argline"
    store = Store.open(path)
    load_seed(store)
    store.close()
    return path


def _titles(path: Path) -> dict[str, str]:
    store = open_read_only(path)
    try:
        with store.plain_reading() as cursor:
            rows = cursor.execute("SELECT key, title FROM events").fetchall()
    finally:
        store.close()
    return dict(rows)


def _import_command(path: Path, incoming: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "argline", "--db", str(path), "import", str(incoming)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_import_while_a_window_holds_the_file_is_refused_and_the_windows_edits_kept(
    seeded_file: Path, tmp_path: Path
) -> None:
    incoming = tmp_path / "incoming.argline.json"
    incoming.write_text(json.dumps(INCOMING))
    lock = acquire(seeded_file)  # the window's, as gui.opening takes it
    assert isinstance(lock, Lock)
    window = Store.open(seeded_file, lock=lock)
    try:
        run(window, EditEvent("fort-ross", title="Fort Ross, renamed in the window"))
        refused = _import_command(seeded_file, incoming)
        assert refused.returncode == 2
        assert refused.stderr.count("\n") == 1
        assert refused.stderr.startswith(
            f"argline: {seeded_file.name} is open in another Argline: "
        )
        assert f"(process {os.getpid()})" in refused.stderr
        assert refused.stderr.endswith(
            "close it there to change it from here; nothing was changed\n"
        )
        run(window, EditEvent("fort-ross", description="The window goes on writing."))
    finally:
        window.close()
    titles = _titles(seeded_file)
    assert titles["fort-ross"] == "Fort Ross, renamed in the window"
    assert "new-event" not in titles
    assert _import_command(seeded_file, incoming).returncode == 0  # the window closed
    titles = _titles(seeded_file)
    assert titles["fort-ross"] == "Fort Ross, renamed in the window"
    assert titles["new-event"] == "An event the command adds"


# An import that stops at its summary (inside its transaction, its rows written) until
# told to go on: the moment a window may try to open the file.
IMPORT_THAT_WAITS = """
import sys
from pathlib import Path
from argline.io.transfer import import_bytes
from argline.store import Store

def wait(_report):
    print("writing", flush=True)
    return sys.stdin.readline() == "commit\\n"

store = Store.open(Path(sys.argv[1]))
try:
    import_bytes(store, Path(sys.argv[2]).read_bytes(), name=sys.argv[2], confirm=wait)
finally:
    store.close()
"""


def test_a_window_opening_the_file_while_a_command_writes_it_is_told_who(
    seeded_file: Path, tmp_path: Path
) -> None:
    incoming = tmp_path / "incoming.argline.json"
    incoming.write_text(json.dumps(INCOMING))
    with subprocess.Popen(
        [sys.executable, "-c", IMPORT_THAT_WAITS, str(seeded_file), str(incoming)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as command:
        assert command.stdout is not None
        assert command.stdin is not None
        try:
            assert command.stdout.readline() == "writing\n"
            held = acquire(seeded_file)  # what the window does when it opens the file
            assert isinstance(held, Holder)
            assert held.pid == command.pid
            assert "new-event" not in _titles(seeded_file)  # the view: not committed yet
            command.stdin.write("commit\n")
            command.stdin.close()
            assert command.wait(timeout=120) == 0
        finally:
            if command.poll() is None:
                command.kill()
    assert _titles(seeded_file)["new-event"] == "An event the command adds"
    lock = acquire(seeded_file)  # the command let the file go when it closed
    assert isinstance(lock, Lock)
    lock.release()


def test_a_window_takes_the_file_over_from_a_store_of_its_own_program(seeded_file: Path) -> None:
    command = Store.open(seeded_file)  # a store of the window's own process (its tests, say)
    try:
        run(command, EditEvent("fort-ross", title="Fort Ross, renamed by the store"))
        lock = acquire(seeded_file)  # the window opening the file: not told it is held
        assert isinstance(lock, Lock)
        window = Store.open(seeded_file, lock=lock)
        try:
            run(window, EditEvent("fort-ross", description="Written by the window."))
            run(command, EditEvent("fort-ross", category="Written by the store again"))
        finally:
            window.close()
    finally:
        command.close()
    assert not lock_path_of(seeded_file).exists()
    store = open_read_only(seeded_file)
    try:
        with store.plain_reading() as cursor:
            row = cursor.execute(
                "SELECT title, description, category FROM events WHERE key = 'fort-ross'"
            ).fetchone()
    finally:
        store.close()
    assert row == (
        "Fort Ross, renamed by the store",
        "Written by the window.",
        "Written by the store again",
    )
