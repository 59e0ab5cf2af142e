"""``argline check``: the schema version and integrity of a database, in plain words."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from argline.store.backup import backups_of
from argline.store.engine import create_read_only_engine, database_url, sqlite_path
from argline.store.inspection import integrity_report
from argline.store.migrations import SCHEMA_HEAD, current_revision, known_revisions
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
        report.problems.extend(integrity_report(path))
        if report.problems:
            newest = next(iter(backups_of(path)), None)
            if newest is not None:
                report.facts.append(f"newest backup: {newest}")
            return report
    engine = create_read_only_engine(url)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
            if revision is None:
                report.problems.append("not an Argline database (no schema version)")
                return report
            report.facts.append(f"schema {revision} (this Argline writes {SCHEMA_HEAD})")
            if revision not in known_revisions():
                report.problems.append(f"schema {revision} is from a newer Argline")
                return report
            for label, table in COUNTED:
                count = connection.scalar(select(func.count()).select_from(table))
                report.facts.append(f"{count} {label}")
    except DBAPIError as error:
        report.problems.append(str(error.orig))
    finally:
        engine.dispose()
    return report
