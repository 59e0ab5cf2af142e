"""What a database server's failures mean to the user: one line each, never a traceback.

A server can go away, drop a connection, keep a row locked past the wait Argline
allows, run out of disk, or refuse a key another client has just added. SQLAlchemy
reports each as a ``DBAPIError`` whose message holds the statement and its
parameters (user data); ``database_failure`` turns the ones a user can meet into a
``StoreError`` that says what happened to which database, and nothing else. Each
kind is its own class, so that an edit can retry a race (``ConcurrentChange``).
"""

from __future__ import annotations

from typing import Any

from argline.store.errors import StoreError


class ConcurrentChange(StoreError):
    """Another client changed the same items at the same moment (a deadlock, a failed
    serialisation, a key it added first); a fresh try of the whole edit may succeed."""


class ServerUnreachable(StoreError):
    """The server cannot be reached, or the connection to it was lost mid-transaction."""


class WaitTooLong(StoreError):
    """A row stayed locked by another client, or a statement ran, past the bound allowed."""


class ServerFull(StoreError):
    """The server is out of disk, memory or connections."""


# SQLSTATE → (class, what happened). Classes 08 and 57P are connections lost.
_RACES = {
    "40P01": "another client was changing the same items (a deadlock)",
    "40001": "another client was changing the same items at the same moment",
    "23505": "another client added an item with the same id at the same moment",
    "23503": "another client deleted an item this one needs at the same moment",
}
_WAITS = {
    "55P03": "a row stayed locked by another client longer than lock_timeout allows",
    "57014": "the server took longer than statement_timeout allows",
}
_FULL = {
    "53100": "the server's disk is full",
    "53200": "the server is out of memory",
    "53300": "the server has too many connections",
}
_LOST = {
    "57P01": "the server ended the connection (an administrator, or a shutdown)",
    "57P02": "the server ended the connection (it crashed)",
    "57P03": "the server is starting up or shutting down",
}


def database_failure(error: Exception, name: str, outcome: str) -> StoreError | None:
    """Return the user's message for a driver error on database ``name``, or None when it
    is not one a user can meet (a bug, which should show as one). ``outcome`` says what
    became of the work: "nothing was changed"."""
    driver: Any = getattr(error, "orig", None) or error
    state = getattr(driver, "sqlstate", None) or ""
    if state in _RACES:
        return ConcurrentChange(f"{name}: {_RACES[state]}; {outcome}. Try again.")
    if state in _WAITS:
        return WaitTooLong(f"{name}: {_WAITS[state]}; {outcome}. Try again later.")
    if state in _FULL:
        return ServerFull(f"{name}: {_FULL[state]}; {outcome}. Ask its administrator.")
    if state in _LOST:
        return ServerUnreachable(f"{name}: {_LOST[state]}; {outcome}.")
    if state.startswith("08") or (not state and _is_connection_error(driver)):
        return ServerUnreachable(f"{name}: {_connection_trouble(driver)}; {outcome}.")
    return None


def _is_connection_error(driver: Any) -> bool:
    try:
        import psycopg
    except ImportError:  # no driver, no server
        return False
    return isinstance(driver, psycopg.OperationalError | psycopg.InterfaceError)


def _connection_trouble(driver: Any) -> str:
    """Say in a few words what the driver reports: refused, timed out, or lost."""
    said = str(driver).lower()
    if "refused" in said or "no such file" in said:
        return "the database server does not answer (connection refused)"
    if "timeout" in said or "timed out" in said:
        return "the database server did not answer in time"
    if "could not translate host name" in said or "name or service" in said:
        return "the database server's host name is not known"
    if "password" in said or "authentication" in said:
        return "the database server refused the login"
    return "the connection to the database server was lost"
