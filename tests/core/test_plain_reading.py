"""A store on a file reads through sqlite3 alone, exactly as its SQLAlchemy sessions read."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

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
from argline.store.cursor import Cursor, session_cursor
from argline.store.viewing import open_read_only

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _seeded(path: Path) -> Path:
    store = Store.open(path)
    load_seed(store)
    store.close()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _everything(cursor: Cursor) -> tuple:
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


def test_a_store_on_a_file_reads_through_sqlite3_what_its_sessions_read(tmp_path: Path) -> None:
    store = Store.open(_seeded(tmp_path / "seed.argline"))
    try:
        assert not store.sessions_ready, "a file at this schema opens without SQLAlchemy"
        with store.plain_reading() as cursor:
            assert isinstance(cursor, sqlite3.Cursor)
            seen = _everything(cursor)
        with store.reading() as session, session_cursor(session) as cursor:
            stored = _everything(cursor)
    finally:
        store.close()
    assert seen == stored
    assert seen[-2] == (16, 2, len(seen[7][0].claims) + len(seen[7][1].claims))
    assert seen[6], "the seed's disputed Alaska purchase has its source marks"


def test_the_plain_reads_see_an_edit_once_it_is_committed(tmp_path: Path) -> None:
    from argline.ops.event_edits import EditEvent
    from argline.ops.running import run

    store = Store.open(_seeded(tmp_path / "seed.argline"))
    try:
        run(store, EditEvent("alaska-treaty", title="Alaska bought"))
        with store.plain_reading() as cursor:
            assert "Alaska bought" in read_timeline(cursor).titles
    finally:
        store.close()


def test_a_read_only_view_changes_nothing_and_writes_nothing(tmp_path: Path) -> None:
    path = _seeded(tmp_path / "seed.argline")
    before = _digest(path)
    view = open_read_only(path)
    with view.plain_reading() as cursor:
        _everything(cursor)
    with view.plain_reading() as cursor, pytest.raises(sqlite3.OperationalError):
        cursor.execute("DELETE FROM events")
    with pytest.raises(StoreError, match="read-only"), view.transaction() as session:
        session.execute(text("DELETE FROM events"))
    view.close()
    assert _digest(path) == before


def test_only_a_file_to_create_or_upgrade_brings_in_sqlalchemy_on_opening(tmp_path: Path) -> None:
    current = _seeded(tmp_path / "current.argline")
    older = tmp_path / "older.argline"
    shutil.copyfile(FIXTURES / "schema-0001.argline", older)
    probe = (
        "import json, sys\n"
        "from argline.store import Store\n"
        "ready = {}\n"
        "for target in sys.argv[1:]:\n"
        "    store = Store.open(target)\n"
        "    ready[target] = [store.sessions_ready, 'sqlalchemy' in sys.modules]\n"
        "    store.close()\n"
        "print(json.dumps(ready))\n"
    )
    new = tmp_path / "new.argline"
    for targets, expected in (
        ([current], [False, False]),
        ([new], [True, True]),
        ([older], [True, True]),
    ):
        finished = subprocess.run(
            [sys.executable, "-c", probe, *map(str, targets)],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        assert json.loads(finished.stdout) == {str(targets[0]): expected}
