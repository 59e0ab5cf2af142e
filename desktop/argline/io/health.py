"""``argline check``: the schema version and integrity of a database, in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from argline.store.access import why_read_only
from argline.store.backup import Backup, list_backups
from argline.store.engine import create_read_only_engine, database_url, sqlite_path
from argline.store.errors import StoreError, unknown_schema
from argline.store.inspection import check_sqlite_file, integrity_report
from argline.store.lock import holder_of, refuse_untrusted_sidecars
from argline.store.migrations import current_revision, known_revisions
from argline.store.revision import SCHEMA_HEAD
from argline.store.schema import AssessmentRow, ClaimRow, EventRow, RelationRow

COUNTED = (
    ("events", EventRow),
    ("assessments", AssessmentRow),
    ("claims", ClaimRow),
    ("relations", RelationRow),
)


@dataclass(frozen=True, slots=True)
class HealthReport:
    target: str
    problems: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        verdict = "ok" if self.ok else "PROBLEMS FOUND"
        lines = [f"{self.target}: {verdict}", *(f"  {f}" for f in self.facts)]
        lines += [f"  problem: {p}" for p in self.problems]
        return "\n".join(lines)


def check_database(target: str) -> HealthReport:
    """Return what is known and what is wrong about the database at ``target``."""
    url = database_url(target)
    path = sqlite_path(url)
    report = HealthReport(str(path) if path else url.render_as_string(hide_password=True))
    if path is not None:
        if not path.exists():
            report.problems.append("no such file")
            return report
        refuse_untrusted_sidecars(path)  # before SQLite writes a -shm planted beside it
        report.problems.extend(integrity_report(path))
        if report.problems:
            report.facts.append(_backup_offer(path))
            return report
        reason = why_read_only(path)
        if reason is not None:  # no lock can be taken there, so no Argline writes it
            report.facts.append(f"read-only: {reason}")
        elif (holder := holder_of(path)) is not None:
            report.facts.append(holder.describe())
    engine = create_read_only_engine(url)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
            if revision is None:
                report.problems.append("not an Argline database (no schema version)")
                return report
            report.facts.append(f"schema {revision} (this Argline writes {SCHEMA_HEAD})")
            if revision not in known_revisions():
                report.problems.append(str(unknown_schema(report.target, revision)))
                return report
            for label, table in COUNTED:
                count = connection.scalar(select(func.count()).select_from(table))
                report.facts.append(f"{count} {label}")
    except DBAPIError as error:
        report.problems.append(str(error.orig))
    finally:
        engine.dispose()
    return report


def newest_sound_backup(path: Path) -> Backup | None:
    """Return the newest backup of ``path`` that Argline can open, or None when there is none."""
    for backup in list_backups(path):
        try:
            check_sqlite_file(backup.path)
        except StoreError:
            continue
        return backup
    return None


def _backup_offer(path: Path) -> str:
    backup = newest_sound_backup(path)
    if backup is None:
        return "no sound backup of this file was found beside it"
    taken = backup.taken.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"newest sound backup: {backup.path} (taken {taken}); restore it to recover"
