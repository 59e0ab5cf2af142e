"""Bounded waits in the window: a row a colleague holds locked, a network gone silent.

Neither freezes the window: the edit waits on a thread, and the change feed's
heartbeat on its own, while Qt's thread answers and the status says what is going on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QSettings, Qt, QTimer

from argline.gui.main_window import MainWindow
from argline.ops.queries import load_events
from argline.store import Store
from conftest import TEST_DATABASE
from postgresql_server import USER, PostgresServer
from team_faults import Cable, shown_in_inspector, until, waiting_for_locks

SHOWN = "alaska-treaty"
BOUND_MS = 30_000  # every wait ends on what it waits for; this only bounds a failure
pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


def _window(qtbot, store: Store, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(store, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.fixture
def impatient(seeded_store: Store, postgresql_server: PostgresServer) -> Iterator[Store]:
    """A client of the seeded database that waits one second at most for a locked row."""
    url = postgresql_server.url(TEST_DATABASE) + "?options=-c%20lock_timeout%3D1s"
    opened = Store.open(url)
    yield opened
    opened.close()


@pytest.fixture
def colleague_holding_the_row(postgresql_server: PostgresServer, seeded_store: Store):
    """Another session, in a transaction that holds the shown event's row locked."""
    connection = psycopg.connect(
        host="127.0.0.1", port=postgresql_server.port, user=USER, dbname=TEST_DATABASE
    )
    connection.execute("SELECT id FROM events WHERE key = %s FOR UPDATE", (SHOWN,))
    yield connection
    connection.close()


def test_an_edit_of_a_row_held_locked_times_out_saying_so_while_the_window_answers(
    qtbot,
    impatient: Store,
    colleague_holding_the_row: psycopg.Connection,
    postgresql_server: PostgresServer,
    tmp_path: Path,
) -> None:
    window = _window(qtbot, impatient, tmp_path)
    window.inspector.show_event(SHOWN)
    shown_in_inspector(qtbot, window)
    title = window.inspector.field("event.title")
    title.editor.selectAll()
    qtbot.keyClicks(title.editor, "Mine")
    seen_while_saving: list[tuple[bool, str, int]] = []

    def look() -> None:  # Qt's thread, while the edit waits for the row
        # The timer may run before the saving thread has reached the row: wait for that.
        until(lambda: waiting_for_locks(postgresql_server, TEST_DATABASE) == 1, "the save")
        locked = waiting_for_locks(postgresql_server, TEST_DATABASE)
        seen_while_saving.append((window.history.saving, title.error.text(), locked))

    QTimer.singleShot(0, look)
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    # The window answered while the edit waited, and showed it as being saved.
    assert seen_while_saving == [(True, "Saving…", 1)]
    # The wait ended on the bound: the colleague still holds the row.
    assert "locked by another client longer than lock_timeout allows" in title.error.text()
    assert "nothing was changed" in title.error.text()
    assert title.text() == "Mine"
    colleague_holding_the_row.rollback()
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)  # the same typing, saved once free
    with impatient.reading() as session:
        (event,) = load_events(session, [SHOWN])
    assert event.title == "Mine"
    window.live.close()
    window.store = None


def test_a_silent_network_drop_shows_as_lost_within_seconds_while_the_window_answers(
    qtbot, seeded_store: Store, postgresql_server: PostgresServer, tmp_path: Path
) -> None:
    cable = Cable(postgresql_server.port)
    url = postgresql_server.url(TEST_DATABASE).replace(
        f":{postgresql_server.port}/", f":{cable.port}/"
    )
    store = Store.open(url)
    try:
        window = _window(qtbot, store, tmp_path)
        feed = window.live.feed
        assert feed is not None
        qtbot.waitUntil(lambda: window.live.label.text() == "● Live", timeout=BOUND_MS)
        cable.cut()
        qtbot.waitUntil(lambda: window.live.label.text().startswith("○"), timeout=BOUND_MS)
        # Said while the feed's heartbeat still waits for an answer: Qt's thread did not.
        assert feed._asked_at is not None
        cable.mend()
        qtbot.waitUntil(lambda: window.live.label.text() == "● Live", timeout=BOUND_MS)
        window.live.close()
        window.store = None
    finally:
        store.close()
        cable.close()


def test_an_edit_made_while_another_is_being_saved_is_refused_saying_so_keeping_it(
    qtbot,
    impatient: Store,
    colleague_holding_the_row: psycopg.Connection,
    postgresql_server: PostgresServer,
    tmp_path: Path,
) -> None:
    window = _window(qtbot, impatient, tmp_path)
    window.inspector.show_event(SHOWN)
    shown_in_inspector(qtbot, window)
    title = window.inspector.field("event.title")
    lane = window.inspector.field("event.category")
    title.editor.selectAll()
    qtbot.keyClicks(title.editor, "Mine")
    said_meanwhile: list[str] = []

    def edit_the_lane() -> None:  # Qt's thread, while the title waits for the row
        lane.editor.setFocus()
        lane.editor.selectAll()
        qtbot.keyClicks(lane.editor, "My lane")
        qtbot.keyClick(lane.editor, Qt.Key.Key_Return)
        said_meanwhile.append(lane.error.text())

    QTimer.singleShot(0, edit_the_lane)
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    # Refused, not queued: the user sees why and saves it again once the first is done.
    assert said_meanwhile == ["the last change is still being saved; make this one once it is"]
    assert lane.text() == "My lane"
    assert "lock_timeout" in title.error.text()  # the first edit ended on its own bound
    colleague_holding_the_row.rollback()
    qtbot.keyClick(lane.editor, Qt.Key.Key_Return)
    with impatient.reading() as session:
        (event,) = load_events(session, [SHOWN])
    assert event.category == "My lane"
    assert event.title != "Mine"
    assert title.text() == "Mine"
    window.live.close()
    window.store = None
