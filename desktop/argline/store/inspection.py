"""Look at a SQLite file without changing a byte, before Argline opens it for writing.

Opening a file with SQLAlchemy switches it to WAL mode, which rewrites its header;
so a file is first read through a read-only connection and refused there if it is
not an SQLite database, is damaged, or holds something other than Argline's tables.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from argline.store.access import read_only_uri
from argline.store.errors import NotAnArglineDatabase, StoreError, unknown_schema
from argline.store.lock import refuse_untrusted_sidecars
from argline.store.revision import SCHEMA_HEAD
from argline.store.shutdown import closed_cleanly

SQLITE_HEADER = b"SQLite format 3\x00"
EMPTY = "is an empty file, not an Argline store (remove it to make a new store there)"


def check_sqlite_file(path: Path) -> str | None:
    """Raise NotAnArglineDatabase unless ``path`` is missing or a sound SQLite file (an
    empty file is refused: it may be a store that lost its content); return the schema
    revision it is stamped with (None for a file to create).

    Its pages are checked unless a clean close of Argline left it as it is now.
    """
    if not path.exists():
        return None
    if path.is_dir():
        raise NotAnArglineDatabase(f"{path} is a folder, not an Argline database")
    if path.stat().st_size == 0:
        raise NotAnArglineDatabase(f"{path} {EMPTY}; it was left untouched")
    with path.open("rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotAnArglineDatabase(
            f"{path} is not an Argline database (it is not an SQLite file); it was left untouched"
        )
    # Even a read-only look writes the -shm: a planted journal is refused before SQLite opens.
    refuse_untrusted_sidecars(path)
    sidecars = _sidecars(path)
    before = {sidecar for sidecar in sidecars if sidecar.exists()}
    try:
        # A file as Argline's clean close left it needs no check (store/shutdown.py).
        problem = "" if closed_cleanly(path) else quick_check_problem(path)
        if problem:
            raise NotAnArglineDatabase(
                f"{path} is damaged and cannot be opened ({problem}); it was left untouched"
            )
        return _check_schema(path)
    except StoreError:
        # Beside a -wal with no -shm, reading makes SQLite create the -shm:
        # remove what we caused, so a refused file's folder is as it was.
        for sidecar in sidecars:
            if sidecar not in before:
                sidecar.unlink(missing_ok=True)
        raise


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _check_schema(path: Path) -> str | None:
    connection = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    finally:
        connection.close()
    if revision is None and tables:
        raise NotAnArglineDatabase(
            f"{path} is an SQLite database of another program, not an Argline database; "
            "it was left untouched"
        )
    if revision is not None and revision != SCHEMA_HEAD and revision not in _known_revisions():
        raise unknown_schema(str(path), revision)
    return revision


def _known_revisions() -> set[str]:
    from argline.store.migrations import known_revisions  # SQLAlchemy: only for old files

    return known_revisions()


def integrity_report(path: Path) -> list[str]:
    """Return SQLite's integrity_check findings for the file; an empty list means sound."""
    if path.stat().st_size == 0:
        return [f"it {EMPTY}"]
    connection = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    finally:
        connection.close()
    findings = [row[0] for row in rows]
    return [] if findings == ["ok"] else findings


def quick_check_problem(path: Path) -> str:
    """Return SQLite's quick_check findings in a line, or an empty string when sound."""
    connection = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        connection.close()
    findings = [row[0] for row in rows]
    return "" if findings == ["ok"] else "; ".join(findings[:3])
