"""The server goes away under the window: a restart, connections ended by an administrator,
a server stopped during a save. Each ends in a saved or a clearly refused edit, with no
traceback (pytest-qt fails a test on any exception in a slot) and nothing typed lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt, QTimer

from argline.gui.main_window import MainWindow
from argline.store import Store
from conftest import TEST_DATABASE
from postgresql_server import USER, PostgresServer
from team_faults import (
    close_window,
    disk_full_on_events,
    open_window,
    serving_again,
    stored_title,
    typed_title,
    until,
    waiting_for_locks,
)

SHOWN = "alaska-treaty"
RELOADED = "Updated with changes made by another client"
BOUND_MS = 30_000  # every wait ends on what it waits for; this only bounds a failure
pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


@pytest.fixture
def window(qtbot, seeded_store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    shown = open_window(qtbot, seeded_store, tmp_path)
    yield shown
    close_window(shown)


@pytest.fixture
def server(postgresql_server: PostgresServer) -> Iterator[PostgresServer]:
    """The session's server, serving again after the test whatever the test did to it."""
    yield postgresql_server
    serving_again(postgresql_server)


def _typing(qtbot, window: MainWindow, text: str):
    return typed_title(qtbot, window, SHOWN, text)


def _reloaded(qtbot, window: MainWindow) -> None:
    """Wait until the feed is back and the window has reloaded everything."""
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == RELOADED, timeout=BOUND_MS)
    assert window.live.label.text() == "● Live"


def _stored_title(store: Store) -> str:
    return stored_title(store, SHOWN)


def test_typing_survives_the_windows_connections_ended_by_an_administrator(
    qtbot, window: MainWindow, server: PostgresServer
) -> None:
    title = _typing(qtbot, window, "Mine")
    ended = server.query(
        "SELECT count(pg_terminate_backend(pid, 60000)) FROM pg_stat_activity"
        " WHERE datname = %s AND pid <> pg_backend_pid()",
        (TEST_DATABASE,),
    )
    assert ended
    _reloaded(qtbot, window)
    assert title.text() == "Mine"
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    assert not title.error.isVisible()
    assert _stored_title(window.store) == "Mine"


def test_typing_survives_a_server_restart_and_saves_after_it(
    qtbot, window: MainWindow, server: PostgresServer
) -> None:
    title = _typing(qtbot, window, "Mine")
    server.stop_serving()
    qtbot.waitUntil(lambda: window.live.label.text().startswith("○"), timeout=BOUND_MS)
    server.serve()
    _reloaded(qtbot, window)
    assert title.text() == "Mine"
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    assert _stored_title(window.store) == "Mine"


def test_a_save_while_the_server_is_stopped_is_refused_saying_so_and_keeps_the_typing(
    qtbot, window: MainWindow, server: PostgresServer
) -> None:
    title = _typing(qtbot, window, "Mine")
    server.stop_serving()
    try:
        qtbot.keyClick(title.editor, Qt.Key.Key_Return)
        message = title.error.text()
        assert "database" in message
        assert "nothing was changed" in message
        assert "file" not in message
        assert "UPDATE" not in message  # no SQL, no parameters
        assert title.text() == "Mine"
        assert not window.undo_action.isEnabled()
    finally:
        server.serve()
    _reloaded(qtbot, window)
    assert title.text() == "Mine"  # the reload kept it too
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    assert _stored_title(window.store) == "Mine"


def test_a_reload_when_the_server_has_gone_again_says_so_and_keeps_the_typing(
    qtbot, window: MainWindow, server: PostgresServer
) -> None:
    title = _typing(qtbot, window, "Mine")
    window.live.timer.stop()  # what the feed hears waits for the window to take it
    server.stop_serving()
    qtbot.waitUntil(lambda: not window.live.feed.live, timeout=BOUND_MS)
    server.serve()
    qtbot.waitUntil(lambda: not window.live._heard.empty(), timeout=BOUND_MS)  # the reload
    server.stop_serving()  # gone again before the window reloads
    try:
        window.live.poll()  # the reload's read runs on a thread, and fails
        qtbot.waitUntil(
            lambda: window.statusBar().currentMessage().startswith("Not updated: the database"),
            timeout=BOUND_MS,
        )
        assert title.text() == "Mine"
    finally:
        server.serve()
    window.live.timer.start()
    _reloaded(qtbot, window)
    assert title.text() == "Mine"


def test_a_save_onto_a_server_whose_disk_is_full_is_refused_in_one_line_keeping_the_typing(
    qtbot, window: MainWindow, server: PostgresServer
) -> None:
    title = _typing(qtbot, window, "Mine")
    with disk_full_on_events(server, TEST_DATABASE):
        qtbot.keyClick(title.editor, Qt.Key.Key_Return)
        message = title.error.text()
    assert message.endswith(
        ": the server's disk is full; nothing was changed. Ask its administrator."
    )
    assert message.startswith("the database ")
    assert "\n" not in message
    assert "UPDATE" not in message
    assert title.text() == "Mine"
    assert not window.undo_action.isEnabled()
    assert _stored_title(window.store) != "Mine"
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)  # room again: the same typing saves
    assert _stored_title(window.store) == "Mine"


@pytest.fixture
def colleague_holding_the_row(server: PostgresServer, seeded_store: Store):
    """Another session, in a transaction holding the shown event's row locked: a save
    waits for it, so the server can be stopped while the save is on its way."""
    connection = psycopg.connect(
        host="127.0.0.1", port=server.port, user=USER, dbname=TEST_DATABASE
    )
    connection.execute("SELECT id FROM events WHERE key = %s FOR UPDATE", (SHOWN,))
    yield connection
    connection.close()


def test_a_server_stopped_while_a_save_waits_refuses_it_saying_so_and_keeps_the_typing(
    qtbot, window: MainWindow, server: PostgresServer, colleague_holding_the_row
) -> None:
    title = _typing(qtbot, window, "Mine")
    stopped_while_saving: list[bool] = []

    def stop_once_the_save_waits() -> None:  # Qt's thread, while the save is on its way
        until(lambda: waiting_for_locks(server, TEST_DATABASE) == 1, "the save to wait")
        stopped_while_saving.append(window.history.saving)
        server.stop_serving()

    QTimer.singleShot(0, stop_once_the_save_waits)
    try:
        qtbot.keyClick(title.editor, Qt.Key.Key_Return)
        assert stopped_while_saving == [True]
        message = title.error.text()
        assert message.startswith("the database ")
        # The server's notice of its shutdown (57P01), or, when the socket closes before
        # the notice is read (a busy machine), the plain loss of the connection.
        assert (
            "the server ended the connection" in message
            or "the connection to the database server was lost" in message
        )
        assert "nothing was changed" in message
        assert title.text() == "Mine"
        assert not window.undo_action.isEnabled()
    finally:
        server.serve()
    _reloaded(qtbot, window)
    assert title.text() == "Mine"
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    assert _stored_title(window.store) == "Mine"
