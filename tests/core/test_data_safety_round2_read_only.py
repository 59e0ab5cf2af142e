"""A sound file on a read-only folder or disk opens read-only and says why (issue 21, item 2).

The folder is made unwritable in a way the OS enforces even for root (CI runs as root,
and root ignores permission bits): ``chattr +i`` (an immutable folder) where the file
system has it, else ``chmod 0555`` for a user who is not root. The read-only disk is a
small tmpfs remounted read-only, where mounting is permitted. Each test skips, saying
why, only where the OS offers neither.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from argline.cli import main
from argline.io.seed import load_seed
from argline.ops.event_edits import DeleteEvent
from argline.ops.running import run
from argline.store import Store, StoreError

IMPORTED = json.dumps(
    {
        "format": "argline",
        "version": 3,
        "events": [{"id": "new-event", "title": "A new event", "start": "2001-02-03"}],
    }
)


def _seeded(folder: Path) -> Path:
    path = folder / "library.argline"
    store = Store.open(path)
    load_seed(store)
    store.close()
    return path


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def locked_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding a seeded file, which the OS refuses to let anyone write in."""
    folder = tmp_path / "locked"
    folder.mkdir()
    _seeded(folder)
    chattr = shutil.which("chattr")
    if _is_root():
        if chattr is None or subprocess.run([chattr, "+i", str(folder)], check=False).returncode:
            pytest.skip("root ignores chmod, and chattr +i is not available on this file system")
        undo = [chattr, "-i", str(folder)]
    else:
        folder.chmod(0o555)
        undo = ["chmod", "0755", str(folder)]
    try:
        assert not os.access(folder, os.W_OK)
        yield folder
    finally:
        subprocess.run(undo, check=True)


@pytest.fixture
def read_only_disk(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs holding a seeded file, remounted read-only."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if (
        not _is_root()
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
            check=False,
            capture_output=True,
        ).returncode
    ):
        pytest.skip("mounting a tmpfs is not permitted here (it needs root with CAP_SYS_ADMIN)")
    try:
        _seeded(mount)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.fixture(params=["locked folder", "read-only disk"])
def unwritable(request: pytest.FixtureRequest) -> tuple[Path, str]:
    if request.param == "locked folder":
        return request.getfixturevalue("locked_folder"), "its folder cannot be written"
    return request.getfixturevalue("read_only_disk"), "it is on a read-only disk or share"


def test_a_sound_file_there_opens_read_only_and_says_why(unwritable: tuple[Path, str]) -> None:
    folder, reason = unwritable
    before = _listing(folder)
    store = Store.open(folder / "library.argline")
    try:
        assert store.read_only
        with store.plain_reading() as cursor:
            assert cursor.execute("SELECT count(*) FROM events").fetchone()[0] == 16
        with pytest.raises(StoreError, match=f"is read-only: {reason}: nothing was changed"):
            run(store, DeleteEvent("fort-ross"))
    finally:
        store.close()
    assert _listing(folder) == before


@pytest.mark.parametrize(
    ("command", "status"),
    [
        (["check"], 0),
        (["evaluate"], 0),
        (["export", "{out}/out.json"], 0),
        (["upgrade"], 0),
        (["seed"], 0),  # the seed is there already: nothing to write
        (["import", "{out}/in.json"], 2),
    ],
    ids=["check", "evaluate", "export", "upgrade", "seed", "import"],
)
def test_every_command_there_reads_or_says_why_in_one_line(
    unwritable: tuple[Path, str],
    tmp_path: Path,
    command: list[str],
    status: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, reason = unwritable
    out = tmp_path / "elsewhere"
    out.mkdir()
    (out / "in.json").write_text(IMPORTED)
    before = _listing(folder)
    words = [word.format(out=out) for word in command]
    assert main(["--db", str(folder / "library.argline"), *words]) == status
    said = capsys.readouterr()
    error = said.err
    if command == ["check"]:
        assert f"read-only: {reason}" in said.out
    if status:
        assert error.count("\n") == 1
        assert f"read-only: {reason}: nothing was changed" in error
    assert _listing(folder) == before


def test_a_new_file_there_is_refused_in_one_line(
    unwritable: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, reason = unwritable
    before = _listing(folder)
    assert main(["--db", str(folder / "new.argline"), "seed"]) == 2
    error = capsys.readouterr().err
    assert error == f"argline: cannot create {folder / 'new.argline'}: {reason}\n"
    assert _listing(folder) == before


def test_the_window_opens_it_read_only_and_says_why(
    unwritable: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from argline.gui.headless import ensure_application
    from argline.gui.opening import open_for_window

    folder, reason = unwritable
    ensure_application()
    said: list[str] = []

    def answer(box: QMessageBox) -> int:
        said.append(box.text())
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    before = _listing(folder)
    store = open_for_window(None, str(folder / "library.argline"))
    assert store is not None
    try:
        assert store.read_only
        assert said == [
            f"library.argline opens read-only: {reason}.\n\nYou can look and export, but not "
            "change it. To change it, save a copy in a folder you can write to."
        ]
    finally:
        store.close()
    assert _listing(folder) == before
