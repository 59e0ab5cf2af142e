"""Shared fixtures: stores in temporary files, empty or holding the seed corpus.

The ``store`` and ``seeded_store`` fixtures run each core test twice: on a SQLite file
and on a database of a PostgreSQL server the session starts (postgresql_server.py).
Tests of SQLite files themselves, and the GUI's, run on SQLite only.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt draws offscreen in tests: no display is needed, on CI or anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from argline.io.seed import load_seed
from argline.store import Store
from argline.store.schema import Base
from postgresql_server import PostgresServer, why_unavailable

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "test.argline"


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = Store.open(store_url)
    yield opened
    opened.close()


@pytest.fixture
def seeded_store(store: Store, backend: str, request: pytest.FixtureRequest) -> Store:
    if backend == "postgresql":
        # A copy of the seed loaded once per session: loading it costs a second on a server.
        server: PostgresServer = request.getfixturevalue("postgresql_server")
        server.refill(TEST_DATABASE, ARGLINE_TABLES, source=SEED_SCHEMA)
    else:
        load_seed(store)
    return store


@pytest.fixture
def shared_corpus() -> Path:
    """The real files of ../shared/corpus; skip, saying why, only where it is absent."""
    folder = SHARED / "corpus"
    if not folder.is_dir():
        pytest.skip(f"the shared corpus of real files is not beside this checkout ({folder.name})")
    return folder


# PostgreSQL: one server per test session, a fresh database per test ------------------

# Modules about SQLite files (their bytes, headers, backups) and the GUI's tests.
SQLITE_ONLY_MODULES = frozenset({"test_store_opening.py"})
SQLITE_ONLY_FOLDERS = frozenset({"gui"})
TEST_DATABASE = "argline_tests"
SEED_SCHEMA = "seed"
ARGLINE_TABLES = [table.name for table in Base.metadata.sorted_tables]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: runs on SQLite only, not on PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that opens a store on both databases, unless it is about SQLite."""
    if "backend" not in metafunc.fixturenames:
        return
    path = metafunc.definition.path
    if (
        path.name in SQLITE_ONLY_MODULES
        or SQLITE_ONLY_FOLDERS & set(path.parts)
        or metafunc.definition.get_closest_marker("sqlite_only")
    ):
        return
    metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def store_url(backend: str, store_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database URL (or SQLite file path) no other test uses."""
    if backend == "sqlite":
        yield str(store_path)
        return
    # One database for the session, emptied before each test: creating a database per
    # test would cost a second or more each.
    server: PostgresServer = request.getfixturevalue("postgresql_server")
    server.refill(TEST_DATABASE, ARGLINE_TABLES)
    yield server.url(TEST_DATABASE)


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole session, with an Argline database for the tests
    and, in its schema ``seed``, the seed corpus to copy from.

    Skipped, saying why, where the server binaries or psycopg are missing; CI sets
    ARGLINE_REQUIRE_POSTGRESQL=1, which turns that skip into a failure.
    """
    reason = why_unavailable()
    if reason is not None:
        if os.environ.get("ARGLINE_REQUIRE_POSTGRESQL"):
            pytest.fail(reason.replace("skipped", "required (ARGLINE_REQUIRE_POSTGRESQL)"))
        pytest.skip(reason)
    server = PostgresServer()
    try:
        # An ICU locale where the server has one: its ordering differs from SQLite's
        # bytewise one, which the tests of identical exports must survive.
        try:
            server.admin(
                f"CREATE DATABASE {TEST_DATABASE} TEMPLATE template0 "
                "LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
            )
        except Exception:  # a server built without ICU sorts like SQLite: test it as it is
            server.admin(f"CREATE DATABASE {TEST_DATABASE}")
        Store.open(server.url(TEST_DATABASE)).close()
        server.admin(f"CREATE SCHEMA {SEED_SCHEMA}", database=TEST_DATABASE)
        seed = Store.open(server.url(TEST_DATABASE, schema=SEED_SCHEMA))
        try:
            load_seed(seed)
        finally:
            seed.close()
        yield server
    finally:
        server.stop()
