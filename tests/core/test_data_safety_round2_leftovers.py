"""Refused files keep their folders as they were, and the words say what is known (issue 21, 8).

A file Argline refuses (damaged, of an unknown schema) gets no ``-wal`` or ``-shm`` beside
it from any command; a revision Argline cannot place is "unknown", one it can order after
its own "newer"; and an empty file is refused by every command, never made into a store.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from argline.cli import main
from argline.io.seed import load_seed
from argline.store import NewerSchemaError, Store, StoreError
from argline.store.errors import UnknownSchemaError
from argline.store.revision import SCHEMA_HEAD

COMMANDS = {
    "check": ["check"],
    "evaluate": ["evaluate"],
    "export": ["export", "{folder}/out.json"],
    "import": ["import", "{folder}/in.json"],
    "seed": ["seed"],
    "upgrade": ["upgrade"],
}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seeded") / "library.argline"
    store = Store.open(path)
    load_seed(store)
    store.close()
    return path


def _stamped(seeded: Path, folder: Path, revision: str) -> Path:
    path = folder / "library.argline"
    shutil.copyfile(seeded, path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.close()
    return path


def _run(command: str, path: Path) -> int:
    folder = path.parent
    (folder / "in.json").write_text('{"format": "argline", "version": 3, "events": []}')
    words = [word.format(folder=folder) for word in COMMANDS[command]]
    return main(["--db", str(path), *words])


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-"))


def test_check_of_a_damaged_file_leaves_no_journal_beside_it(seeded: Path, tmp_path: Path) -> None:
    path = tmp_path / "library.argline"
    data = bytearray(seeded.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[3 * page : 3 * page + 24] = b"\xde\xad\xbe\xef" * 6
    path.write_bytes(bytes(data))
    assert main(["--db", str(path), "check"]) == 1
    assert _beside(path) == []
    assert path.read_bytes() == bytes(data)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_on_a_newer_file_leaves_it_alone(
    seeded: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _stamped(seeded, tmp_path, "9999")
    before = path.read_bytes()
    assert _run(command, path) in (1, 2)
    said = capsys.readouterr()
    assert "newer Argline" in said.out + said.err
    assert _beside(path) == []
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_revision_argline_cannot_place_is_called_unknown(
    seeded: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _stamped(seeded, tmp_path, "f00d5eed")
    assert _run(command, path) in (1, 2)
    said = capsys.readouterr()
    words = said.out + said.err
    assert "unknown" in words
    assert "newer" not in words
    assert _beside(path) == []


def test_opening_tells_newer_from_unknown(seeded: Path, tmp_path: Path) -> None:
    newer = _stamped(seeded, tmp_path, f"{int(SCHEMA_HEAD) + 1:04d}")
    with pytest.raises(NewerSchemaError, match="newer Argline"):
        Store.open(newer)
    unknown = _stamped(seeded, tmp_path, "f00d5eed")
    with pytest.raises(UnknownSchemaError, match="unknown schema f00d5eed") as refused:
        Store.open(unknown)
    assert not isinstance(refused.value, NewerSchemaError)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_empty_file_is_refused_by_every_command(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "library.argline"
    path.write_bytes(b"")
    status = _run(command, path)
    said = capsys.readouterr()
    assert status == (1 if command == "check" else 2)
    assert "empty file" in said.out + said.err
    assert path.read_bytes() == b""
    assert _beside(path) == []


def test_an_empty_file_is_refused_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "library.argline"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="is an empty file, not an Argline store"):
        Store.open(path)
    assert path.read_bytes() == b""
