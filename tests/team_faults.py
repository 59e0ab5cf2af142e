"""What the fault tests of team mode share: waiting on the server's own state, not a clock."""

from __future__ import annotations

import time
from collections.abc import Callable

from postgresql_server import PostgresServer

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
