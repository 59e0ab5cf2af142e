"""Bounded waits on a server: Argline's defaults, the URL's own, and the command line
meeting a row another session holds locked (one line, exit 2, nothing imported)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from argline import cli
from argline.io.transfer import export_file
from argline.model.dates import HistoricalDate
from argline.model.entities import Event
from argline.ops.event_edits import AddEvent
from argline.ops.queries import load_events
from argline.ops.running import run
from argline.store import Store, migrations
from conftest import ARGLINE_TABLES, SEED_SCHEMA, TEST_DATABASE
from postgresql_server import USER, PostgresServer

HELD = "alaska-treaty"


@pytest.fixture
def team_url(postgresql_server: PostgresServer) -> str:
    postgresql_server.refill(TEST_DATABASE, ARGLINE_TABLES, source=SEED_SCHEMA)
    return postgresql_server.url(TEST_DATABASE)


def _settings(url: str) -> tuple[str, str, str]:
    """The server's lock and statement timeouts, and the client's TCP timeout, in force."""
    store = Store.open(url)
    try:
        with store.reading() as session:
            lock, statement = (
                session.execute(text(f"SHOW {name}")).scalar_one()
                for name in ("lock_timeout", "statement_timeout")
            )
            driver = session.connection().connection.driver_connection
            return lock, statement, driver.info.get_parameters()["tcp_user_timeout"]
    finally:
        store.close()


def test_every_connection_waits_a_bounded_time_by_default(team_url: str) -> None:
    assert _settings(team_url) == ("5s", "1min", "10000")


def test_the_urls_own_settings_win_over_the_defaults(team_url: str) -> None:
    url = f"{team_url}?tcp_user_timeout=20000&options=-c%20lock_timeout%3D2s"
    assert _settings(url) == ("2s", "1min", "20000")


@pytest.fixture
def held(postgresql_server: PostgresServer, team_url: str) -> Iterator[psycopg.Connection]:
    """Another session, in a transaction holding the treaty's row locked."""
    connection = psycopg.connect(
        host="127.0.0.1", port=postgresql_server.port, user=USER, dbname=TEST_DATABASE
    )
    connection.execute("SELECT id FROM events WHERE key = %s FOR UPDATE", (HELD,))
    yield connection
    connection.close()


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ("lock_timeout%3D1s", "a row stayed locked by another client longer than lock_timeout"),
        (
            "lock_timeout%3D0%20-c%20statement_timeout%3D1s",
            "the server took longer than statement_timeout allows",
        ),
    ],
    ids=["lock_timeout", "statement_timeout"],
)
def test_an_import_onto_a_row_held_locked_stops_at_the_bound_in_one_line(
    team_url: str, held: psycopg.Connection, tmp_path: Path, options: str, said: str, *, capsys
) -> None:
    renamed = tmp_path / "renamed.argline.json"
    scratch = Store.open(tmp_path / "scratch.argline")
    try:
        run(scratch, AddEvent(Event(HELD, "The treaty, renamed", HistoricalDate.from_edtf("1867"))))
        export_file(scratch, renamed)
    finally:
        scratch.close()
    capsys.readouterr()
    url = f"{team_url}?options=-c%20{options}"
    assert cli.main(["--db", url, "import", str(renamed)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert said in error
    assert "nothing was changed" in error
    assert "renamed" not in error  # nor the user's data
    held.rollback()  # the bound ended the wait: the row was held until now
    store = Store.open(team_url)
    try:
        with store.reading() as session:
            (event,) = load_events(session, [HELD])
        assert event.title != "The treaty, renamed"
    finally:
        store.close()


def test_schema_work_waits_as_long_as_it_takes(
    team_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An upgrade of a large database may outlast any bound, and those opening meanwhile
    # wait for it under the advisory lock: neither is cut off by lock or statement timeouts.
    seen: list[tuple[str, str]] = []
    prepare = migrations._prepare

    def prepare_noting_bounds(connection, name):
        seen.append(
            tuple(  # type: ignore[arg-type]
                connection.execute(text(f"SHOW {bound}")).scalar_one()
                for bound in ("lock_timeout", "statement_timeout")
            )
        )
        return prepare(connection, name)

    monkeypatch.setattr(migrations, "_prepare", prepare_noting_bounds)
    Store.open(team_url).close()
    assert seen == [("0", "0")]
