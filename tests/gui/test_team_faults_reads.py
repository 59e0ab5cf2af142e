"""The window's reads after a colleague's change wait off Qt's thread: while a table another
session holds locked keeps the read waiting, the window answers; then the read's result
arrives, or, past the configured bound, one line says it could not be made.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt, QTimer

from argline.gui.main_window import MainWindow
from argline.ops.event_edits import EditEvent
from argline.ops.running import run
from argline.store import Store
from conftest import TEST_DATABASE
from postgresql_server import PostgresServer
from team_faults import open_window, other_session, shown_in_inspector, until, waiting_for_locks

RENAMED = "fort-ross"
SHOWN = "alaska-treaty"
THEIRS = "Fort Ross, renamed by a colleague"
RELOADED = "Updated with changes made by another client"
BOUND_MS = 30_000  # every wait ends on what it waits for; this only bounds a failure
pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


def _client(server: PostgresServer, lock_timeout: str) -> Store:
    url = server.url(TEST_DATABASE) + f"?options=-c%20lock_timeout%3D{lock_timeout}"
    return Store.open(url)


@pytest.fixture
def colleague(seeded_store: Store) -> Iterator[Store]:
    other = Store.open(seeded_store.engine.url.render_as_string(hide_password=False))
    yield other
    other.close()


@pytest.fixture
def locker(postgresql_server: PostgresServer, seeded_store: Store) -> Iterator[psycopg.Connection]:
    """Another session, to hold the events table locked as a long maintenance would."""
    connection = other_session(postgresql_server, TEST_DATABASE)
    yield connection
    connection.close()


def _hear_a_change_under_a_lock(
    qtbot, window: MainWindow, colleague: Store, locker: psycopg.Connection, table: str
) -> None:
    """Let the window hear a colleague's rename, and start reading it again only once
    ``locker`` holds ``table`` locked."""
    window.live.timer.stop()  # what the feed hears waits for the window to take it
    run(colleague, EditEvent(RENAMED, title=THEIRS))
    qtbot.waitUntil(lambda: not window.live._heard.empty(), timeout=BOUND_MS)
    locker.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    window.live.poll()  # the window takes the notice and reads again: it returns at once
    window.live.timer.start()


def _answers(qtbot, window: MainWindow) -> list[bool]:
    """Run a timer through Qt's event loop; return whether a read was waiting when it ran."""
    seen: list[bool] = []
    QTimer.singleShot(0, lambda: seen.append(window.view_reads.busy))
    qtbot.waitUntil(lambda: bool(seen), timeout=BOUND_MS)
    return seen


def _shown_title(window: MainWindow, event_id: str) -> str:
    content = window.timeline.days_content
    position = content.position(event_id)
    assert position is not None
    return content.titles[position]


def test_a_read_held_by_a_locked_table_leaves_the_window_answering_then_arrives(
    qtbot,
    colleague: Store,
    locker: psycopg.Connection,
    postgresql_server: PostgresServer,
    tmp_path: Path,
) -> None:
    store = _client(postgresql_server, "60s")
    try:
        window = open_window(qtbot, store, tmp_path)
        _hear_a_change_under_a_lock(qtbot, window, colleague, locker, "events")
        until(lambda: waiting_for_locks(postgresql_server, TEST_DATABASE) == 1, "the read")
        assert _answers(qtbot, window) == [True]  # answered while the read waits
        assert _shown_title(window, RENAMED) != THEIRS
        locker.rollback()
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == RELOADED, timeout=BOUND_MS)
        assert _shown_title(window, RENAMED) == THEIRS
        assert not window.view_reads.busy
        window.live.close()
        window.store = None
    finally:
        store.close()


def test_a_read_held_past_lock_timeout_says_so_in_one_line_and_the_next_one_arrives(
    qtbot,
    colleague: Store,
    locker: psycopg.Connection,
    postgresql_server: PostgresServer,
    tmp_path: Path,
) -> None:
    store = _client(postgresql_server, "1s")
    try:
        window = open_window(qtbot, store, tmp_path)
        _hear_a_change_under_a_lock(qtbot, window, colleague, locker, "events")
        assert _answers(qtbot, window) == [True]
        qtbot.waitUntil(
            lambda: window.statusBar().currentMessage().startswith("Not updated:"),
            timeout=BOUND_MS,
        )
        message = window.statusBar().currentMessage()
        assert "longer than lock_timeout allows" in message
        assert "\n" not in message
        assert "SELECT" not in message
        assert _shown_title(window, RENAMED) != THEIRS  # the views stay as they were
        locker.rollback()
        run(colleague, EditEvent(RENAMED, title=THEIRS + ", again"))
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == RELOADED, timeout=BOUND_MS)
        assert _shown_title(window, RENAMED) == THEIRS + ", again"
        window.live.close()
        window.store = None
    finally:
        store.close()


def test_a_read_overtaken_by_the_users_own_save_is_made_again_not_shown_stale(
    qtbot,
    colleague: Store,
    locker: psycopg.Connection,
    postgresql_server: PostgresServer,
    tmp_path: Path,
) -> None:
    store = _client(postgresql_server, "60s")
    try:
        window = open_window(qtbot, store, tmp_path)
        window.inspector.show_event(SHOWN)
        shown_in_inspector(qtbot, window)
        title = window.inspector.field("event.title")
        title.editor.selectAll()
        qtbot.keyClicks(title.editor, "Mine")
        # The read has the events, and waits for the eras, which the save does not touch.
        _hear_a_change_under_a_lock(qtbot, window, colleague, locker, "eras")
        until(lambda: waiting_for_locks(postgresql_server, TEST_DATABASE) == 1, "the read")
        qtbot.keyClick(title.editor, Qt.Key.Key_Return)
        assert not title.error.isVisibleTo(window)  # saved
        # The views' read of the save waits behind the one held: gathered, not a second.
        assert window.view_reads.busy
        locker.rollback()
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == RELOADED, timeout=BOUND_MS)
        assert _shown_title(window, SHOWN) == "Mine"  # not the title the first read saw
        assert _shown_title(window, RENAMED) == THEIRS
        window.live.close()
        window.store = None
    finally:
        store.close()
