"""What the user chooses to see is read off Qt's thread on a server: while a table another
session holds locked keeps the read waiting, the window answers and says it is reading;
the item arrives once the lock goes, and a newer choice is the one shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt, QTimer

from argline.gui.main_window import MainWindow
from argline.ops.queries import load_events
from argline.store import Store
from conftest import TEST_DATABASE
from postgresql_server import PostgresServer
from team_faults import close_window, open_window, other_session, until, waiting_for_locks

FIRST = "alaska-treaty"
SECOND = "fort-ross"
BOUND_MS = 30_000  # every wait ends on what it waits for; this only bounds a failure
pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


@pytest.fixture
def patient(postgresql_server: PostgresServer, seeded_store: Store) -> Iterator[Store]:
    """The window's own connection, patient enough that only the lock ends a wait."""
    url = postgresql_server.url(TEST_DATABASE) + "?options=-c%20lock_timeout%3D20s"
    opened = Store.open(url)
    yield opened
    opened.close()


@pytest.fixture
def locker(postgresql_server: PostgresServer, seeded_store: Store) -> Iterator[psycopg.Connection]:
    """Another session, to hold a table locked as a long maintenance would."""
    connection = other_session(postgresql_server, TEST_DATABASE)
    yield connection
    connection.close()


@pytest.fixture
def window(qtbot, patient: Store, tmp_path: Path) -> Iterator[MainWindow]:
    yield from _opened(qtbot, patient, tmp_path)


def _opened(qtbot, store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    """A window on ``store``, once it hears the server; closed after."""
    shown = open_window(qtbot, store, tmp_path)
    yield shown
    close_window(shown)


def _title(store: Store, event_id: str) -> str:
    with store.reading() as session:
        (event,) = load_events(session, [event_id])
    return event.title


def _answered_while(qtbot, waiting: Callable[[], bool]) -> bool:
    """Run a timer through Qt's event loop; return whether ``waiting()`` held when it ran."""
    seen: list[bool] = []
    QTimer.singleShot(0, lambda: seen.append(waiting()))
    qtbot.waitUntil(lambda: bool(seen), timeout=BOUND_MS)
    return seen[0]


def _held(server: PostgresServer) -> None:
    until(lambda: waiting_for_locks(server, TEST_DATABASE) == 1, "the read to wait")


def test_an_event_chosen_while_its_table_is_locked_is_shown_once_the_lock_goes(
    qtbot,
    window: MainWindow,
    patient: Store,
    locker: psycopg.Connection,
    postgresql_server: PostgresServer,
) -> None:
    title = _title(patient, FIRST)
    locker.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
    window.timeline.select_events([FIRST])
    window.choose_events([FIRST])  # what a click on the timeline does: it returns at once
    _held(postgresql_server)
    inspector = window.inspector
    assert _answered_while(qtbot, lambda: inspector.reading)
    assert inspector.currentWidget() is inspector._reading
    assert "Reading" in inspector._reading.text()
    locker.rollback()
    qtbot.waitUntil(lambda: not inspector.reading, timeout=BOUND_MS)
    assert inspector.field("event.title").text() == title
    assert inspector.currentWidget() is not inspector._reading


def test_choosing_another_event_while_the_first_waits_ends_on_the_second(
    qtbot,
    window: MainWindow,
    patient: Store,
    locker: psycopg.Connection,
    postgresql_server: PostgresServer,
) -> None:
    first, second = _title(patient, FIRST), _title(patient, SECOND)
    field = window.inspector.field("event.title")
    shown: list[str] = []
    field.editor.textChanged.connect(shown.append)
    locker.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
    window.choose_events([FIRST])
    _held(postgresql_server)
    window.choose_events([SECOND])  # while the first one's read waits
    assert _answered_while(qtbot, lambda: window.inspector.reading)
    locker.rollback()
    qtbot.waitUntil(lambda: not window.inspector.reading, timeout=BOUND_MS)
    assert (window.inspector.kind, window.inspector.item_id) == ("event", SECOND)
    assert field.text() == second
    assert first not in shown  # never shown late, over the second


def test_find_while_a_table_is_locked_leaves_the_window_answering_then_finds(
    qtbot, window: MainWindow, locker: psycopg.Connection, postgresql_server: PostgresServer
) -> None:
    bar = window.find_bar
    locker.execute("LOCK TABLE claims IN ACCESS EXCLUSIVE MODE")
    qtbot.keyClicks(bar.field, "CAATSA")
    qtbot.waitUntil(lambda: bar.count.text() == "searching…", timeout=BOUND_MS)  # the pause
    _held(postgresql_server)
    assert _answered_while(qtbot, lambda: window.view_reads.choosing("find"))
    with qtbot.waitSignal(bar.searched, timeout=BOUND_MS) as found:
        locker.rollback()
    events, claims = found.args
    assert events or claims
    assert bar.count.text() == f"{len(events) + len(claims)} found"


def test_a_choice_held_past_lock_timeout_says_so_in_one_line_and_keeps_what_is_shown(
    qtbot, locker: psycopg.Connection, postgresql_server: PostgresServer, tmp_path: Path
) -> None:
    url = postgresql_server.url(TEST_DATABASE) + "?options=-c%20lock_timeout%3D1s"
    impatient = Store.open(url)
    try:
        window = next(_opened(qtbot, impatient, tmp_path))
        window.choose_events([FIRST])
        qtbot.waitUntil(lambda: not window.inspector.reading, timeout=BOUND_MS)
        shown = window.inspector.currentWidget()
        locker.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
        window.choose_events([SECOND])
        qtbot.waitUntil(
            lambda: window.statusBar().currentMessage().startswith(f"Cannot show {SECOND}:"),
            timeout=BOUND_MS,
        )
        message = window.statusBar().currentMessage()
        assert "lock_timeout" in message
        assert "\n" not in message
        assert "SELECT" not in message
        assert (window.inspector.kind, window.inspector.item_id) == ("event", FIRST)
        assert window.inspector.currentWidget() is shown
        locker.rollback()
        window.live.close()
        window.store = None
    finally:
        impatient.close()


def test_the_views_refresh_after_the_users_own_save_waits_for_a_locked_table_off_qts_thread(
    qtbot,
    window: MainWindow,
    patient: Store,
    locker: psycopg.Connection,
    postgresql_server: PostgresServer,
) -> None:
    window.choose_events([FIRST])
    qtbot.waitUntil(lambda: not window.inspector.reading, timeout=BOUND_MS)
    title = window.inspector.field("event.title")
    title.editor.selectAll()
    qtbot.keyClicks(title.editor, "Mine")
    # The save writes the event; what the views read after it waits for the relations.
    locker.execute("LOCK TABLE relations IN ACCESS EXCLUSIVE MODE")
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    _held(postgresql_server)
    assert not title.error.isVisibleTo(window)  # saved
    assert _answered_while(qtbot, lambda: window.view_reads.busy)
    locker.rollback()
    qtbot.waitUntil(lambda: not window.view_reads.busy, timeout=BOUND_MS)
    content = window.timeline.days_content
    position = content.position(FIRST)
    assert position is not None
    assert content.titles[position] == "Mine"
    assert _title(patient, FIRST) == "Mine"
