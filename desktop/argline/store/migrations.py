"""Bring a database to the current schema: create it new, upgrade it, or refuse it.

A new database is created from the models and stamped at the head revision (as
GNS3's server does); an older one is backed up and upgraded with Alembic; one whose
revision this Argline does not know is refused (newer, when it numbers after ours).
Alembic is imported only when there is work for it, which keeps start-up quick.

On PostgreSQL many clients may open a new or old database at once: the first takes
a transaction-scoped advisory lock and does the work in the same transaction (DDL
is transactional there), the others wait for it and then find nothing to do.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, String, inspect, text
from sqlalchemy.exc import DBAPIError

from argline.store.backup import backup_sqlite
from argline.store.disk_full import is_disk_full
from argline.store.engine import is_postgresql, sqlite_path
from argline.store.errors import NotAnArglineDatabase, unknown_schema
from argline.store.revision import SCHEMA_HEAD
from argline.store.schema import Base

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

ARGLINE_TABLES = frozenset(Base.metadata.tables)
# pg_advisory_xact_lock key of schema work: "ARGLINE" in ASCII, fits a bigint.
MIGRATION_LOCK = 0x4152474C494E45


def migrations_folder() -> Path:
    """Return the folder of the migration scripts installed with the package."""
    return Path(str(resources.files("argline.migrations")))


def prepare_schema(engine: Engine) -> None:
    """Create, upgrade or refuse the database behind the engine, as its revision says."""
    if is_postgresql(engine.url):
        with engine.begin() as connection:
            # Schema work is not bounded as edits are (docs/TEAM.md): an upgrade of a large
            # database may take long, and the clients opening meanwhile wait for it.
            connection.execute(text("SET LOCAL lock_timeout = 0"))
            connection.execute(text("SET LOCAL statement_timeout = 0"))
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            _prepare(connection, _describe(engine))
        return
    with engine.connect() as connection:
        work = _work_to_do(connection, _describe(engine))
    if work == "create":
        with engine.begin() as connection:
            _create_new(connection)
    elif work is not None:
        path = sqlite_path(engine.url)
        backup = backup_sqlite(path, reason=f"before-upgrade-from-{work}") if path else None
        try:
            upgrade(engine)
        except DBAPIError as error:
            if backup is not None and is_disk_full(error, path):
                backup.unlink(missing_ok=True)  # the file is as it was: the copy adds nothing
            raise


def _prepare(connection: Connection, name: str) -> None:
    work = _work_to_do(connection, name)
    if work == "create":
        _create_new(connection)
    elif work is not None:
        _upgrade(connection, "head")


def _work_to_do(connection: Connection, name: str) -> str | None:
    """Return "create", the revision to upgrade from, or None when the schema is current."""
    revision = current_revision(connection)
    tables = set(inspect(connection).get_table_names())
    if revision is None:
        if tables & ARGLINE_TABLES or tables - {"alembic_version"}:
            raise NotAnArglineDatabase(
                f"{name} holds tables but no Argline schema version: it is not an Argline database"
            )
        return "create"
    if revision == SCHEMA_HEAD:
        return None
    if revision not in known_revisions():
        raise unknown_schema(name, revision)
    return revision


def current_revision(connection: Connection) -> str | None:
    """Return the Alembic revision stamped in the database, or None when there is none."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def known_revisions() -> set[str]:
    """Return every revision id of the migration scripts shipped with this Argline."""
    return {script.revision for script in _script_directory().walk_revisions()}


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations up to ``revision`` in one transaction."""
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            # sqlite3 begins a transaction only before DML, and runs DDL as it comes: begun
            # here, a failure part-way (a full disk) leaves the old schema, not half a new one.
            connection.exec_driver_sql("BEGIN")
        _upgrade(connection, revision)


def _upgrade(connection: Connection, revision: str) -> None:
    from alembic import command

    command.upgrade(_alembic_config(connection), revision)


def _create_new(connection: Connection) -> None:
    from alembic import command

    Base.metadata.create_all(connection)
    if connection.dialect.name == "postgresql":
        _compare_ids_bytewise(connection)
    command.stamp(_alembic_config(connection), SCHEMA_HEAD)


def _compare_ids_bytewise(connection: Connection) -> None:
    # Ids sort as SQLite sorts them (byte by byte), whatever the server's locale: exports
    # list items in id order, and must be the same from either database.
    for table in Base.metadata.sorted_tables:
        key = table.c.get("key")
        if key is not None and isinstance(key.type, String):
            length = key.type.length
            connection.execute(
                text(
                    f'ALTER TABLE {table.name} ALTER COLUMN key TYPE varchar({length}) COLLATE "C"'
                )
            )


def _alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    config.attributes["connection"] = connection
    return config


def _script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(migrations_folder()))


def _describe(engine: Engine) -> str:
    path = sqlite_path(engine.url)
    return str(path) if path else engine.url.render_as_string(hide_password=True)
