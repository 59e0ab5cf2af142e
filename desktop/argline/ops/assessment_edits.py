"""Edit an assessment's own fields (its claims are edited one by one in claim_edits)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from argline.model.dates import HistoricalDate
from argline.model.entities import AssessmentKind
from argline.ops.changes import Changes, OpResult
from argline.ops.errors import EditRefused
from argline.ops.queries import assessment_snapshot
from argline.ops.rows import row_by_key
from argline.ops.versions import check_version
from argline.store.schema import AssessmentRow

KEEP = object()  # EditAssessment's marker for "leave this field as it is"
TEXT_FIELDS = ("title", "author", "outlet", "source")


@dataclass(frozen=True, slots=True)
class EditAssessment:
    """Change some of an assessment's fields; a field left as KEEP is not touched.

    ``published`` is a HistoricalDate or None (undated); ``kind`` an AssessmentKind.
    """

    assessment_id: str
    title: object = KEEP
    author: object = KEEP
    outlet: object = KEEP
    source: object = KEEP
    published: object = KEEP
    kind: object = KEEP
    label: str = "Edit assessment"
    expected_version: int | None = None

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, AssessmentRow, self.assessment_id, "assessment")
        check_version(session, row, self.expected_version, kind="assessment")
        old = assessment_snapshot(row)
        asked = {
            name: getattr(self, name)
            for name in (*TEXT_FIELDS, "published", "kind")
            if getattr(self, name) is not KEEP
        }
        if "title" in asked and not str(asked["title"]).strip():
            raise EditRefused("an assessment needs a title")
        for name in TEXT_FIELDS:
            if name in asked:
                setattr(row, name, str(asked[name]))
        if "published" in asked:
            published = asked["published"]
            if published is not None and not isinstance(published, HistoricalDate):
                raise EditRefused(f"a publication date must be a date, not {published!r}")
            row.published = published.to_edtf() if published else None
        if "kind" in asked:
            row.kind = AssessmentKind(asked["kind"]).value
        session.flush()
        inverse = EditAssessment(
            self.assessment_id,
            label=self.label,
            expected_version=row.version,
            **{n: getattr(old, n) for n in asked},
        )
        return OpResult(Changes(assessments=frozenset({self.assessment_id})), inverse)
