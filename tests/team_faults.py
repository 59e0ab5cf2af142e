"""What the fault tests of team mode share: waiting on the server's own state, not a clock."""

from __future__ import annotations

import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg

from postgresql_server import USER, PostgresServer

# Every wait below ends as soon as what it waits for happens; this only bounds a failure.
BOUND_S = 60.0


def until(happened: Callable[[], bool], what: str) -> None:
    """Return once ``happened()`` is true, asking every 10 ms; fail after a minute without."""
    deadline = time.monotonic() + BOUND_S
    while not happened():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited a minute for {what}")
        time.sleep(0.01)


def waiting_for_locks(server: PostgresServer, database: str) -> int:
    """How many of the database's sessions wait for a lock another session holds."""
    return int(
        server.query(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
            (database,),
        )
    )


@contextmanager
def disk_full_on_events(server: PostgresServer, database: str) -> Iterator[None]:
    """Make the server answer every write of an event as a full disk does: SQLSTATE 53100
    (disk_full) with PostgreSQL's own wording, raised by the server through the driver."""
    server.admin(
        "CREATE FUNCTION no_space_left() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " RAISE EXCEPTION 'could not extend file \"base/16384/16385\": No space left on device'"
        " USING ERRCODE = 'disk_full', HINT = 'Check free disk space.'; END $$;"
        " CREATE TRIGGER no_space_left BEFORE INSERT OR UPDATE ON events"
        " FOR EACH ROW EXECUTE FUNCTION no_space_left()",
        database,
    )
    try:
        yield
    finally:
        server.admin(
            "DROP TRIGGER no_space_left ON events; DROP FUNCTION no_space_left()", database
        )


class Cable:
    """A loopback TCP relay to the server that can go silent, as a dropped network does:
    ``cut`` stops passing bytes either way without closing anything; ``mend`` resumes."""

    def __init__(self, port: int) -> None:
        self._target = port
        self._open = threading.Event()
        self._open.set()
        self._closed = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = [self._listener]
        threading.Thread(target=self._accept, name="cable", daemon=True).start()

    def cut(self) -> None:
        self._open.clear()

    def mend(self) -> None:
        self._open.set()

    def close(self) -> None:
        self._closed.set()
        self._open.set()
        for each in self._sockets:
            each.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                near, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:  # closed
                return
            far = socket.create_connection(("127.0.0.1", self._target))
            self._sockets += [near, far]
            for source, sink in ((near, far), (far, near)):
                threading.Thread(target=self._relay, args=(source, sink), daemon=True).start()

    def _relay(self, source: socket.socket, sink: socket.socket) -> None:
        while not self._closed.is_set():
            self._open.wait()
            try:
                ready, _, _ = select.select([source], [], [], 0.1)
                if not ready or not self._open.is_set():
                    continue
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
            except OSError:
                break
        source.close()
        sink.close()


def shown_in_inspector(qtbot, window) -> None:
    """Wait for the item chosen to reach the inspector: on a server it is read on a thread."""
    qtbot.waitUntil(lambda: not window.inspector.reading, timeout=int(BOUND_S * 1000))


def open_window(qtbot, store, tmp_path, *, live: bool = True):
    """Show a main window on ``store`` with settings of its own; with ``live``, once it
    hears the server. Qt is imported here, so that the core's tests never load it."""
    from PySide6.QtCore import QSettings

    from argline.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(store, settings=settings)
    qtbot.addWidget(window)
    window.show()
    if live:
        qtbot.waitUntil(lambda: window.live.label.text() == "● Live", timeout=int(BOUND_S * 1000))
    return window


def close_window(window) -> None:
    """Stop the window hearing the server and let go of its store (the test closes it)."""
    window.live.close()
    window.store = None


def typed_title(qtbot, window, event_id: str, text: str):
    """Show the event and type ``text`` over its title without leaving the field."""
    window.inspector.show_event(event_id)
    shown_in_inspector(qtbot, window)
    title = window.inspector.field("event.title")
    title.editor.selectAll()
    qtbot.keyClicks(title.editor, text)
    return title


def stored_title(store, event_id: str) -> str:
    """The event's title as the store holds it."""
    from argline.ops.queries import load_events

    with store.reading() as session:
        (event,) = load_events(session, [event_id])
    return event.title


def other_session(server: PostgresServer, database: str):
    """Another session on the database, to hold a table locked as a long maintenance would."""
    return psycopg.connect(host="127.0.0.1", port=server.port, user=USER, dbname=database)


def serving_again(server: PostgresServer) -> None:
    """Start the server again if a test that failed left it stopped."""
    try:
        server.query("SELECT 1")
    except psycopg.OperationalError:
        server.serve()
