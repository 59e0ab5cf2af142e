"""Two clients adding the same new ids at once: a race like any other, never a traceback.

The first client's transaction holds the new key uncommitted; the second, which could
not see it when it looked, waits on the server's unique index; the first commits, and
the server refuses the second's key. An edit then runs again from the start and sees
what the first added; an import says in one line that nothing was imported.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from argline import cli
from argline.io.transfer import export_file, import_file
from argline.model.dates import HistoricalDate
from argline.model.entities import Event
from argline.ops.errors import EditRefused
from argline.ops.event_edits import AddEvent
from argline.ops.queries import load_events
from argline.ops.running import run
from argline.store import Store
from conftest import ARGLINE_TABLES, SEED_SCHEMA, TEST_DATABASE
from postgresql_server import PostgresServer
from team_faults import until, waiting_for_locks

DATE = HistoricalDate.from_edtf("2019-05-08")


@pytest.fixture
def team_url(postgresql_server: PostgresServer) -> str:
    postgresql_server.refill(TEST_DATABASE, ARGLINE_TABLES, source=SEED_SCHEMA)
    return postgresql_server.url(TEST_DATABASE)


@pytest.fixture
def first(team_url: str) -> Iterator[Store]:
    opened = Store.open(team_url)
    yield opened
    opened.close()


@pytest.fixture
def second(team_url: str) -> Iterator[Store]:
    opened = Store.open(team_url)
    yield opened
    opened.close()


def _while_first_holds(
    server: PostgresServer, first: Store, hold: AddEvent, then: Callable[[], object]
) -> list[object]:
    """Run ``then`` on a thread while ``first`` has made ``hold`` uncommitted; commit it once
    ``then`` waits for the key, and return what ``then`` returned or raised."""
    outcome: list[object] = []

    def second_client() -> None:
        try:
            outcome.append(then())
        except Exception as error:  # what the user would see: checked by the test
            outcome.append(error)

    thread = threading.Thread(target=second_client)
    with first.transaction() as session:
        hold.apply(session)
        session.flush()
        thread.start()
        until(lambda: waiting_for_locks(server, TEST_DATABASE) > 0, "the second client to wait")
    thread.join()
    return outcome


def test_adding_an_event_another_client_adds_at_once_is_refused_in_one_line(
    postgresql_server: PostgresServer, first: Store, second: Store
) -> None:
    theirs = AddEvent(Event("ev-same", "Theirs", DATE))
    mine = AddEvent(Event("ev-same", "Mine", DATE))
    (outcome,) = _while_first_holds(postgresql_server, first, theirs, lambda: run(second, mine))
    # Tried again, the edit sees the first client's event: a plain refusal of the id.
    assert isinstance(outcome, EditRefused)
    assert str(outcome) == "a event with the id 'ev-same' exists already"
    with second.reading() as session:
        assert [e.title for e in load_events(session, ["ev-same"])] == ["Theirs"]


def test_two_events_in_the_same_new_lane_at_once_are_both_saved(
    postgresql_server: PostgresServer, first: Store, second: Store
) -> None:
    # Both make the lane "Ceasefire talks", which neither saw: the second's try again uses
    # the first's lane, as if they had come one after the other.
    theirs = AddEvent(Event("ev-theirs", "Theirs", DATE, category="Ceasefire talks"))
    mine = AddEvent(Event("ev-mine", "Mine", DATE, category="Ceasefire talks"))
    (outcome,) = _while_first_holds(postgresql_server, first, theirs, lambda: run(second, mine))
    assert not isinstance(outcome, Exception)
    with second.reading() as session:
        found = load_events(session, ["ev-mine", "ev-theirs"])
    assert {e.category for e in found} == {"Ceasefire talks"}


def test_importing_a_file_another_client_imports_at_once_prints_one_line(
    postgresql_server: PostgresServer,
    team_url: str,
    first: Store,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A file of new events, as two analysts might import the same briefing at once.
    briefing = tmp_path / "briefing.argline.json"
    scratch = Store.open(tmp_path / "scratch.argline")
    try:
        run(scratch, AddEvent(Event("ev-briefing", "Briefing", DATE)))
        export_file(scratch, briefing)
    finally:
        scratch.close()
    capsys.readouterr()
    outcome: list[int] = []
    thread = threading.Thread(
        target=lambda: outcome.append(cli.main(["--db", team_url, "import", str(briefing)]))
    )

    def once_the_other_waits(_report: object) -> bool:
        thread.start()
        until(lambda: waiting_for_locks(postgresql_server, TEST_DATABASE) > 0, "the CLI to wait")
        return True

    import_file(first, briefing, confirm=once_the_other_waits)
    thread.join()
    error = capsys.readouterr().err
    assert outcome == [2]
    assert error.count("\n") == 1
    assert "another client added an item with the same id at the same moment" in error
    assert "nothing was changed" in error
    assert "Traceback" not in error
    assert "INSERT" not in error  # nor the parameters, the user's data
    assert "Briefing" not in error
