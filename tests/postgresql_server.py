"""A throwaway PostgreSQL server for the test session: initdb into a temporary folder,
pg_ctl on a free loopback port, a fresh database per test cloned from a template.

The server runs with fsync off: it lives for one test session and holds nothing to keep.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from itertools import count
from pathlib import Path

USER = "argline"
FOLDER_PREFIX = "argline-pg-"
# Candidate folders of the server binaries when they are not on PATH (Debian, Ubuntu, Fedora).
BIN_PATTERNS = (
    "/usr/lib/postgresql/*/bin",
    "/usr/pgsql-*/bin",
    "/opt/homebrew/opt/postgresql*/bin",
)


def why_unavailable() -> str | None:
    """Return why PostgreSQL tests cannot run here, or None when they can."""
    if server_binaries() is None:
        return (
            "PostgreSQL tests skipped: initdb and pg_ctl were not found (install the PostgreSQL "
            "server, e.g. apt-get install postgresql; .ci/run does so on CI)"
        )
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return (
            "PostgreSQL tests skipped: the psycopg driver is not installed "
            "(pip install 'psycopg[binary]'; .ci/run does so on CI)"
        )
    return None


def server_binaries() -> Path | None:
    """Return the folder holding initdb and pg_ctl, or None when there is none."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    for pattern in BIN_PATTERNS:
        for folder in sorted(glob.glob(pattern), reverse=True):
            if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
                return Path(folder)
    return None


class PostgresServer:
    """A running server owned by the test session; ``stop`` removes every trace of it."""

    def __init__(self) -> None:
        binaries = server_binaries()
        assert binaries is not None
        self._bin = binaries
        _stop_orphans(binaries)
        self.folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
        # Which test session owns the server, for a later session to stop it if this one
        # is killed before it can.
        (self.folder / "owner.pid").write_text(str(os.getpid()))
        self.port = _free_port()
        self._names = count(1)
        # initdb and postgres refuse to run as root (CI runs as root): run them as an
        # unprivileged user that owns the folder.
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            account = _unprivileged_account()
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self._as_user = [
                "setpriv",
                f"--reuid={account.pw_uid}",
                f"--regid={account.pw_gid}",
                "--init-groups",
            ]
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-sync")
        self.serve()

    def serve(self) -> None:
        """Start the server (again, after ``stop_serving``) on the same port and data."""
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.folder} -F "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-o", options,
                  "-l", str(self.folder / "log"), "-w", "start")  # fmt: skip

    def stop_serving(self) -> None:
        """Stop the server as its administrator would (clients' connections end), keeping
        its data for ``serve``."""
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def url(self, database: str, *, user: str = USER, schema: str | None = None) -> str:
        url = f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"
        return f"{url}?options=-csearch_path%3D{schema}" if schema else url

    def admin(self, sql: str, database: str = "postgres") -> None:
        """Run one statement outside any transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=USER, dbname=database, autocommit=True
        ) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def query(self, sql: str, params: tuple[object, ...] = ()) -> object:
        """Return the first value of a query's first row, asked on a connection of its own."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=USER, dbname="postgres", autocommit=True
        ) as connection:
            row = connection.execute(sql, params).fetchone()  # type: ignore[arg-type]
            return row[0] if row else None

    def new_database(self, template: str = "template1") -> str:
        """Create an empty database (or a copy of ``template``) and return its name.

        This takes a second or more (a checkpoint): most tests reuse one database instead,
        emptied by ``empty_tables`` between them.
        """
        name = f"test_{os.getpid()}_{next(self._names)}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def refill(self, database: str, tables: list[str], *, source: str | None = None) -> None:
        """Empty ``tables`` (listed in dependency order) of the public schema, then copy
        them from schema ``source`` if given; ids go on as in a new database.

        One script in one transaction: DELETE is quicker than TRUNCATE on tables this small.
        """
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=USER, dbname=database
        ) as connection:
            sequences = connection.execute(
                "SELECT table_name, pg_get_serial_sequence('public.' || table_name, 'id')"
                " FROM information_schema.columns WHERE table_schema = 'public'"
                " AND column_name = 'id' AND table_name = ANY(%s)",
                (tables,),
            ).fetchall()
            script = ["SET LOCAL lock_timeout = '10s'"]
            script += [f"DELETE FROM public.{table}" for table in reversed(tables)]
            if source is not None:
                script += [
                    f"INSERT INTO public.{table} SELECT * FROM {source}.{table}" for table in tables
                ]
            script += [
                f"SELECT setval('{sequence}', coalesce(max(id), 0) + 1, false) FROM public.{table}"
                for table, sequence in sequences
                if sequence is not None
            ]
            connection.execute(";\n".join(script))  # type: ignore[arg-type]

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        command = [*self._as_user, str(self._bin / program), *args]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _unprivileged_account() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        return pwd.getpwnam("nobody")


def _stop_orphans(binaries: Path) -> None:
    """Stop the servers of earlier test sessions that were killed before stopping them."""
    for owner in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*/owner.pid"):
        try:
            os.kill(int(owner.read_text()), 0)
            continue  # its session is still running
        except ProcessLookupError:
            pass
        except (ValueError, OSError):
            continue
        data = owner.parent / "data"
        command = [str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
        if os.geteuid() == 0:
            stat = data.stat() if data.exists() else None
            if stat is not None:
                command = [
                    "setpriv",
                    f"--reuid={stat.st_uid}",
                    f"--regid={stat.st_gid}",
                    "--init-groups",
                    *command,
                ]
        subprocess.run(command, check=False, capture_output=True)
        shutil.rmtree(owner.parent, ignore_errors=True)
