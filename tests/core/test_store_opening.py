"""Opening: new files are made at head; foreign, damaged or newer ones are refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from argline.store import NewerSchemaError, NotAnArglineDatabase, Store, migrations
from argline.store.migrations import SCHEMA_HEAD, known_revisions, upgrade


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_a_new_file_is_created_at_the_newest_schema(store_path: Path) -> None:
    Store.open(store_path).close()
    assert _revision(store_path) == SCHEMA_HEAD
    with sqlite3.connect(store_path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_code_names_the_newest_migration_as_head() -> None:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory(str(migrations.migrations_folder())).get_heads()
    assert heads == [SCHEMA_HEAD]


def test_migrations_build_the_same_schema_as_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from argline.store.schema import Base

    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    upgrade(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


@pytest.mark.parametrize(
    "content",
    [b"\x00\xff random bytes \x13" * 100, b"Just some notes, not a database.\n"],
    ids=["random-bytes", "text-file"],
)
def test_a_file_that_is_not_a_database_is_refused_and_untouched(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "notes.argline"
    path.write_bytes(content)
    with pytest.raises(NotAnArglineDatabase, match="not an Argline database"):
        Store.open(path)
    assert path.read_bytes() == content


def test_a_truncated_database_is_refused_and_untouched(seeded_store: Store, tmp_path: Path) -> None:
    source = seeded_store.path
    seeded_store.close()
    data = source.read_bytes()
    path = tmp_path / "truncated.argline"
    path.write_bytes(data[: len(data) // 2])
    before = _digest(path)
    with pytest.raises(NotAnArglineDatabase):
        Store.open(path)
    assert _digest(path) == before


def test_another_programs_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    before = _digest(path)
    with pytest.raises(NotAnArglineDatabase, match="not an Argline database"):
        Store.open(path)
    assert _digest(path) == before


def test_a_database_from_a_newer_argline_is_refused_and_untouched(store_path: Path) -> None:
    Store.open(store_path).close()
    with sqlite3.connect(store_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = _digest(store_path)
    with pytest.raises(NewerSchemaError, match="newer Argline"):
        Store.open(store_path)
    assert _digest(store_path) == before


def test_an_older_database_is_backed_up_then_upgraded(store_path: Path) -> None:
    # A file of the first released schema: opening it takes a backup, then upgrades it.
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "schema-0001.argline"
    store_path.write_bytes(fixture.read_bytes())
    Store.open(store_path).close()
    assert _revision(store_path) == SCHEMA_HEAD
    (backup,) = store_path.parent.glob("*.before-upgrade-from-0001.backup.argline")
    assert _revision(backup) == "0001"


def test_every_shipped_revision_is_known() -> None:
    assert SCHEMA_HEAD in known_revisions()


def test_a_bad_url_gives_a_clear_error() -> None:
    from argline.store import StoreError

    with pytest.raises(StoreError, match="cannot open"):
        Store.open("nosuchdriver+x://")


def test_foreign_keys_are_enforced(store: Store) -> None:
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
