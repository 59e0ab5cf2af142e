"""The first look: a file read through sqlite3 alone, exactly as the store proper reads it."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from argline.io.seed import load_seed
from argline.ops.evaluation import read_argument_state
from argline.ops.plain_reads import (
    read_assessments,
    read_links,
    read_relations,
    read_totals,
)
from argline.ops.timeline_data import read_timeline
from argline.store import Store, StoreError
from argline.store.first_look import FirstLook


def _seeded(path: Path) -> Path:
    store = Store.open(path)
    load_seed(store)
    store.close()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _everything(reader: Store | FirstLook) -> tuple:
    with reader.plain_reading() as cursor:
        timeline = read_timeline(cursor)
        return (
            timeline.keys,
            timeline.titles,
            timeline.starts.tolist(),
            timeline.lanes.tolist(),
            timeline.eras,
            timeline.publications,
            timeline.disputes,
            read_assessments(cursor),
            read_relations(cursor),
            read_links(cursor),
            read_totals(cursor),
            read_argument_state(cursor).evaluation,
        )


def test_a_first_look_reads_what_the_store_reads(tmp_path: Path) -> None:
    path = _seeded(tmp_path / "seed.argline")
    store = Store.open(path)
    look = FirstLook.take(str(path))
    assert look is not None
    try:
        seen, stored = _everything(look), _everything(store)
    finally:
        look.close()
        store.close()
    assert seen == stored
    assert seen[-2] == (16, 2, len(seen[7][0].claims) + len(seen[7][1].claims))
    assert seen[6], "the seed's disputed Alaska purchase has its source marks"


def test_a_first_look_changes_nothing_and_writes_nothing(tmp_path: Path) -> None:
    path = _seeded(tmp_path / "seed.argline")
    before = _digest(path)
    look = FirstLook.take(str(path))
    assert look is not None
    _everything(look)
    with pytest.raises(StoreError, match="still opening"):
        look.transaction()
    with look.plain_reading() as cursor, pytest.raises(sqlite3.OperationalError, match="readonly"):
        cursor.execute("DELETE FROM events")
    look.close()
    assert _digest(path) == before


def test_only_a_file_argline_can_open_as_it_is_gets_a_first_look(tmp_path: Path) -> None:
    missing = tmp_path / "missing.argline"
    text = tmp_path / "notes.argline"
    text.write_text("not a database")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE things (name TEXT)")
    older = _seeded(tmp_path / "older.argline")
    with sqlite3.connect(older) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0000'")
    for target in (missing, text, other, older, tmp_path):
        assert FirstLook.take(str(target)) is None, target
    assert FirstLook.take(f"sqlite:///{_seeded(tmp_path / 'url.argline')}") is None
    assert not missing.exists()
