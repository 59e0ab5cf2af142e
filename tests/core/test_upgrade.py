"""Files from every released schema open in this Argline with every row kept; newer ones are
refused untouched. Each released schema has a fixture in tests/fixtures (see its builder)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from argline.io.health import check_database
from argline.store import NewerSchemaError, Store, StoreError
from argline.store.backup import list_backups
from argline.store.migrations import SCHEMA_HEAD, known_revisions
from argline.store.viewing import open_read_only

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RELEASED = sorted(FIXTURES.glob("schema-*.argline"))
# Columns a migration deliberately rewrites, by table: none so far.
REWRITTEN: dict[str, set[str]] = {}


def _revision_of(fixture: Path) -> str:
    return fixture.stem.removeprefix("schema-")


def _rows_of(path: Path) -> dict[str, list[dict[str, object]]]:
    # The fixture builder's own reader, loaded by path: tests/ is not a package.
    spec = importlib.util.spec_from_file_location(
        "make_schema_fixture", FIXTURES / "make_schema_fixture.py"
    )
    assert spec is not None
    assert spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    return builder.rows_of(path)


def _expected(fixture: Path) -> dict[str, list[dict[str, object]]]:
    return json.loads(fixture.with_suffix(".rows.json").read_text(encoding="utf-8"))


def _primary_key(path: Path, table: str) -> list[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        columns = connection.execute(f'PRAGMA table_info("{table}")').fetchall()
    return [name for _, name, _, _, _, pk in sorted(columns, key=lambda c: c[5]) if pk]


def test_every_released_schema_has_a_fixture() -> None:
    assert {_revision_of(f) for f in RELEASED} >= known_revisions()


@pytest.mark.parametrize("fixture", RELEASED, ids=_revision_of)
def test_a_fixture_still_holds_the_rows_it_was_built_with(fixture: Path) -> None:
    assert _rows_of(fixture) == _expected(fixture)


@pytest.mark.parametrize("fixture", RELEASED, ids=_revision_of)
def test_opening_a_file_of_a_released_schema_keeps_every_row(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "library.argline"
    shutil.copyfile(fixture, path)
    Store.open(path).close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert revision == SCHEMA_HEAD
    after = _rows_of(path)
    for table, rows in _expected(fixture).items():
        assert table in after, f"table {table} is gone"
        key = _primary_key(path, table)
        found = {tuple(row[column] for column in key): row for row in after[table]}
        assert len(after[table]) >= len(rows), table
        for row in rows:
            upgraded = found.get(tuple(row[column] for column in key))
            assert upgraded is not None, (table, row)
            kept = set(row) & set(upgraded) - REWRITTEN.get(table, set())
            assert {c: row[c] for c in kept} == {c: upgraded[c] for c in kept}, table
    if _revision_of(fixture) != SCHEMA_HEAD:
        (backup, *_) = list_backups(path)
        assert backup.reason == f"before-upgrade-from-{_revision_of(fixture)}"
        assert _rows_of(backup.path) == _expected(fixture)


def test_a_file_from_a_newer_argline_is_refused_untouched_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "newer.argline"
    shutil.copyfile(RELEASED[-1], path)
    with sqlite3.connect(path) as connection:
        # A revision numbered after this Argline's own: one it can tell is newer.
        newer = f"{int(SCHEMA_HEAD) + 1:04d}"
        connection.execute("UPDATE alembic_version SET version_num = ?", (newer,))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(NewerSchemaError, match="newer Argline"):
        Store.open(path)
    with pytest.raises(StoreError, match="newer Argline"):
        open_read_only(path)
    report = check_database(str(path))
    assert not report.ok
    assert "newer Argline" in report.text()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
