"""While the window has lost the server, it is read-only, keeping what the user typed;
editing comes back with the connection.

The server goes as it does for a user: stopped (a restart, a crash), or its
administrator ends the window's connections and refuses new ones for a while.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from argline.gui.main_window import MainWindow
from argline.store import Store
from conftest import TEST_DATABASE
from postgresql_server import PostgresServer
from team_faults import (
    close_window,
    open_window,
    serving_again,
    stored_title,
    typed_title,
)

SHOWN = "alaska-treaty"
OTHER = "fort-ross"
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
    """The session's server, serving and taking connections after the test."""
    yield postgresql_server
    serving_again(postgresql_server)
    postgresql_server.admin(f"ALTER DATABASE {TEST_DATABASE} ALLOW_CONNECTIONS true")


def _typing(qtbot, window: MainWindow, text: str):
    return typed_title(qtbot, window, SHOWN, text)


def _lost(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.live.label.text().startswith("○"), timeout=BOUND_MS)


def _back(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == RELOADED, timeout=BOUND_MS)
    assert window.live.label.text() == "● Live"


def _stored_title(store: Store) -> str:
    return stored_title(store, SHOWN)


def _editing_offered(window: MainWindow) -> list[bool]:
    """Whether each way to change the store is offered: menus, inspector, Reader."""
    return [
        window.delete_action.isEnabled(),
        window.import_action.isEnabled(),
        *(action.isEnabled() for action in window.creating.actions),
        not window.inspector.field("event.start").editor.isReadOnly(),
        window.reader._editable,
    ]


def test_a_stopped_server_makes_the_window_read_only_keeping_the_typing(
    qtbot, window: MainWindow, server: PostgresServer
) -> None:
    title = _typing(qtbot, window, "Mine")
    assert all(_editing_offered(window))
    server.stop_serving()
    try:
        _lost(qtbot, window)
        assert title.editor.isReadOnly()
        assert title.text() == "Mine"
        assert "connection to the database is lost. Yours is kept here" in title.error.text()
        assert not any(_editing_offered(window))
        assert window.statusBar().currentMessage().startswith("Connection to the database lost")
        # Enter anyway: refused at once, saying why; nothing is sent, nothing typed goes.
        qtbot.keyClick(title.editor, Qt.Key.Key_Return)
        assert "is lost; nothing was changed" in title.error.text()
        assert title.text() == "Mine"
        assert not window.undo_action.isEnabled()
    finally:
        server.serve()
    _back(qtbot, window)
    assert all(_editing_offered(window))
    assert not title.editor.isReadOnly()
    assert title.text() == "Mine"
    assert not title.error.isVisibleTo(window)  # the note went with the fault
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    assert _stored_title(window.store) == "Mine"
    assert window.undo_action.isEnabled()


def test_connections_ended_and_refused_by_an_administrator_pause_editing_until_allowed(
    qtbot, window: MainWindow, server: PostgresServer
) -> None:
    title = _typing(qtbot, window, "Mine")
    server.admin(f"ALTER DATABASE {TEST_DATABASE} ALLOW_CONNECTIONS false")
    ended = server.query(
        "SELECT count(pg_terminate_backend(pid, 60000)) FROM pg_stat_activity"
        " WHERE datname = %s AND pid <> pg_backend_pid()",
        (TEST_DATABASE,),
    )
    assert ended
    _lost(qtbot, window)
    assert title.editor.isReadOnly()
    assert not window.delete_action.isEnabled()
    # Another event chosen meanwhile cannot be read: the typing stays shown, and its own.
    window.inspector.show_event(OTHER)
    qtbot.waitUntil(
        lambda: (
            window.statusBar().currentMessage().startswith(f"Cannot show {OTHER}: the database")
        ),
        timeout=BOUND_MS,
    )
    assert (window.inspector.kind, window.inspector.item_id) == ("event", SHOWN)
    assert title.text() == "Mine"
    assert window.inspector.field("claim.text").editor.isReadOnly()  # a page made meanwhile
    server.admin(f"ALTER DATABASE {TEST_DATABASE} ALLOW_CONNECTIONS true")
    _back(qtbot, window)
    assert not title.editor.isReadOnly()
    assert not window.inspector.field("claim.text").editor.isReadOnly()
    assert title.text() == "Mine"
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    assert _stored_title(window.store) == "Mine"
