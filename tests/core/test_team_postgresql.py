"""Team mode on a PostgreSQL server: the command line, identical exports, migrations once,
live refresh between clients, and read-only viewers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from argline import cli
from argline.io.seed import load_seed
from argline.io.transfer import export_bytes
from argline.model.dates import HistoricalDate
from argline.model.entities import Event
from argline.ops.changes import Batch
from argline.ops.claim_edits import EditClaim
from argline.ops.event_edits import AddEvent
from argline.ops.links import LinkClaimEvent
from argline.ops.relation_edits import SetCoPremises
from argline.ops.running import run
from argline.store import Store, StoreError, migrations
from argline.store.notify import ChangeFeed, FeedState
from conftest import ARGLINE_TABLES, SEED_SCHEMA, TEST_DATABASE
from postgresql_server import PostgresServer

CLAIM = "ei-no-syria-compromise"
# How long a test waits for a notice before failing; the wait ends when one arrives.
NOTICE_BOUND_S = 30.0


@pytest.fixture
def team_url(postgresql_server: PostgresServer) -> str:
    """The URL of a database holding the seed corpus, shared by the test's clients."""
    postgresql_server.refill(TEST_DATABASE, ARGLINE_TABLES, source=SEED_SCHEMA)
    return postgresql_server.url(TEST_DATABASE)


@pytest.fixture
def two_clients(team_url: str) -> Iterator[tuple[Store, Store]]:
    first, second = Store.open(team_url), Store.open(team_url)
    yield first, second
    first.close()
    second.close()


def test_the_command_line_seeds_checks_evaluates_and_exports_a_server_database(
    postgresql_server: PostgresServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    postgresql_server.refill(TEST_DATABASE, ARGLINE_TABLES)
    # A plain postgresql:// URL works too: Argline picks its psycopg driver.
    url = postgresql_server.url(TEST_DATABASE).replace("+psycopg", "")
    assert cli.main(["--db", url, "seed"]) == 0
    assert cli.main(["--db", url, "check"]) == 0
    assert cli.main(["--db", url, "evaluate"]) == 0
    assert cli.main(["--db", url, "export", str(tmp_path / "out.json")]) == 0
    output = capsys.readouterr().out
    assert "36 claims" in output
    file_db = str(tmp_path / "file.argline")
    assert cli.main(["--db", file_db, "import", str(tmp_path / "out.json")]) == 0
    assert cli.main(["--db", file_db, "check"]) == 0


def test_an_export_from_postgresql_is_byte_identical_to_one_from_sqlite(
    team_url: str, tmp_path: Path
) -> None:
    file_store = Store.open(tmp_path / "same.argline")
    server_store = Store.open(team_url)
    load_seed(file_store)
    # Ids that a server's locale would sort otherwise than SQLite does, on one date.
    date = HistoricalDate.from_edtf("2018-07-16")
    edits = Batch(
        tuple(AddEvent(Event(key, key.upper(), date)) for key in ("ev-b", "ev_a", "Ev1", "eva"))
        + tuple(LinkClaimEvent(CLAIM, key) for key in ("ev-b", "ev_a", "Ev1", "eva"))
    )
    try:
        for store in (file_store, server_store):
            run(store, edits)
            run(store, EditClaim(CLAIM, text="Ünïcode — and “quotes”."))
        assert export_bytes(server_store) == export_bytes(file_store)
    finally:
        file_store.close()
        server_store.close()


def test_two_clients_opening_a_new_database_at_once_create_it_once(
    postgresql_server: PostgresServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = postgresql_server.new_database()
    url = postgresql_server.url(name)
    created: list[str] = []
    create = migrations._create_new

    def create_once_the_other_waits(connection):
        created.append(threading.current_thread().name)
        # Holding the schema lock: go on only once the other client waits for it.
        _until(lambda: _waiting_for_advisory_locks(connection) > 0, "the other client to wait")
        create(connection)

    monkeypatch.setattr(migrations, "_create_new", create_once_the_other_waits)
    opened: list[Store] = []
    failures: list[BaseException] = []

    def open_store() -> None:
        try:
            opened.append(Store.open(url))
        except BaseException as error:  # reported by the assertion below
            failures.append(error)

    threads = [threading.Thread(target=open_store) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
        assert len(created) == 1
        with opened[0].reading() as session:
            assert session.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    finally:
        for store in opened:
            store.close()
        postgresql_server.drop_database(name)


def _until(happened: Callable[[], bool], what: str) -> None:
    """Return once ``happened()`` is true, asking every 10 ms; fail after a minute without."""
    for _ in range(6000):
        if happened():
            return
        time.sleep(0.01)
    raise AssertionError(f"waited a minute for {what}")


def _waiting_for_advisory_locks(connection: Connection) -> int:
    query = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    return int(connection.execute(query).scalar_one())


def test_an_edit_by_one_client_reaches_the_others_feed(two_clients: tuple[Store, Store]) -> None:
    # How soon it arrives: bench/change_notice.py. Here poll returns on the notice itself.
    editor, viewer = two_clients
    with ChangeFeed(viewer) as feed, ChangeFeed(editor) as own:
        assert feed.state is FeedState.LIVE
        run(editor, EditClaim(CLAIM, text="Changed elsewhere."))
        (change,) = feed.poll(NOTICE_BOUND_S)
        assert change.ids_of("claims") == {CLAIM}
        assert change.ids_of("events") == frozenset()
        # A window refreshes its own edits from their result: its feed drops its own
        # notice, and hears the next one, the viewer's, made after it.
        run(viewer, EditClaim(CLAIM, text="Changed here."))
        heard = own.poll(NOTICE_BOUND_S) or own.poll(NOTICE_BOUND_S)
        assert [c.origin for c in heard] == [viewer.origin]


def test_linking_a_co_premise_reaches_the_others_feed(two_clients: tuple[Store, Store]) -> None:
    """Setting a reason's premises writes only their own table: the others must hear it."""
    editor, viewer = two_clients
    with ChangeFeed(viewer) as feed:
        run(editor, SetCoPremises("r-ch-13", ("ch-weaker-power",)))
        (change,) = feed.poll(NOTICE_BOUND_S)
        assert change.ids_of("relations") == {"r-ch-13"}


def test_an_import_is_announced_as_whole_kinds(two_clients: tuple[Store, Store]) -> None:
    editor, viewer = two_clients
    with ChangeFeed(viewer) as feed:
        run(editor, AddEvent(Event("new", "New", HistoricalDate.from_edtf("2019"))))
        load_seed(editor)  # changes nothing: announces nothing
        run(editor, AddEvent(Event("later", "Later", HistoricalDate.from_edtf("2020"))))
        # Notices arrive in commit order: the seed's would come between the two.
        heard = feed.poll(NOTICE_BOUND_S)
        if len(heard) < 2:
            heard += feed.poll(NOTICE_BOUND_S)
        assert [change.ids_of("events") for change in heard] == [{"new"}, {"later"}]


def test_after_a_lost_connection_the_feed_asks_for_a_full_reload(
    two_clients: tuple[Store, Store], postgresql_server: PostgresServer
) -> None:
    _editor, viewer = two_clients
    with ChangeFeed(viewer) as feed:
        pid = feed._connection.info.backend_pid
        # Waits (up to a minute) until the server's process has gone, not a set time.
        postgresql_server.admin(f"SELECT pg_terminate_backend({pid}, 60000)")
        (change,) = feed.poll(NOTICE_BOUND_S)
        assert change.full_reload
        assert change.ids_of("claims") is None
        assert feed.state is FeedState.LIVE


def test_a_sqlite_store_has_a_local_feed(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "alone.argline")
    with ChangeFeed(store) as feed:
        assert feed.state is FeedState.LOCAL
        assert feed.poll(0.1) == []
    store.close()


def test_the_test_server_sorts_text_otherwise_than_sqlite(team_url: str) -> None:
    """Else the test of identical exports would prove nothing about a real server."""
    from sqlalchemy import text

    store = Store.open(team_url)
    try:
        with store.reading() as session:
            provider = session.scalar(
                text("SELECT datlocprovider FROM pg_database WHERE datname = current_database()")
            )
    finally:
        store.close()
    if provider != "i":
        pytest.skip("this PostgreSQL server was built without ICU collations")


def test_a_select_only_role_opens_read_only_and_cannot_edit(
    team_url: str, postgresql_server: PostgresServer
) -> None:
    viewer = "viewer_team_test"
    postgresql_server.admin(
        f"DO $$ BEGIN CREATE ROLE {viewer} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    postgresql_server.admin(
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {viewer}", database=TEST_DATABASE
    )
    writer = Store.open(team_url)
    reader = Store.open(postgresql_server.url(TEST_DATABASE, user=viewer))
    try:
        assert not writer.read_only
        assert reader.read_only
        assert b"ei-no-syria-compromise" in export_bytes(reader)
        with pytest.raises(StoreError, match="read-only"):
            run(reader, EditClaim(CLAIM, text="Not allowed."))
    finally:
        writer.close()
        reader.close()
