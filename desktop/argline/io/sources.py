"""Source documents from files: a new assessment holding one, or one attached to an assessment.

The GUI's File ▸ New Assessment from Document… and Attach Source Document…, and the
``add-source`` command, all come here: read the file (io.documents), then one edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from argline.io.documents import ReadDocument
from argline.model.anchoring import AnchoringSummary
from argline.model.dates import DateError, HistoricalDate
from argline.model.entities import Assessment
from argline.model.ids import new_id
from argline.model.passages import SourceDocument, fingerprint, normalise
from argline.ops.assessment_edits import AddAssessment
from argline.ops.changes import Batch
from argline.ops.documents import AttachDocument, SetDocument, document_of
from argline.ops.errors import EditRefused
from argline.ops.queries import load_assessments, load_events
from argline.ops.running import run
from argline.store import Store

TITLE_LENGTH = 120  # characters: a longer first line is prose, not a title


@dataclass(frozen=True, slots=True)
class SourceAdded:
    """What adding or attaching a document did: the counts ``add-source`` prints."""

    assessment: str
    characters: int
    pages: int
    anchored: int = 0
    orphaned: int = 0
    # False when the assessment named another text than this one (its fingerprint differs).
    matched: bool = True

    def record(self, *, attached: bool) -> dict[str, object]:
        found: dict[str, object] = {
            "assessment": self.assessment,
            "characters": self.characters,
            "pages": self.pages,
        }
        if attached:
            found.update(anchored=self.anchored, orphaned=self.orphaned)
        return found


def source_document(read: ReadDocument, name: str) -> SourceDocument:
    """Return the store's record of a document read from the file called ``name``."""
    return SourceDocument(
        name=name,
        fingerprint=fingerprint(read.text),
        characters=len(normalise(read.text)),
        format=read.format,
        text=read.text,
        pages=read.pages,
        metadata=read.metadata,
    )


@dataclass(frozen=True, slots=True)
class Suggested:
    """What a document says of itself, as text: the fields a new assessment starts from."""

    title: str
    author: str = ""
    outlet: str = ""
    published: str = ""  # as the document writes it; read as a typed date


def suggested(read: ReadDocument, name: str) -> Suggested:
    """Return the document's metadata; a title missing there is its first short line, else
    the file's name."""
    metadata = dict(read.metadata)
    return Suggested(
        title=metadata.get("title", "").strip() or _first_line(read.text) or Path(name).stem,
        author=metadata.get("author", ""),
        outlet=metadata.get("outlet", "") or metadata.get("site", ""),
        published=metadata.get("published", ""),
    )


def proposed_assessment(read: ReadDocument, name: str) -> Assessment:
    """Return the assessment a document suggests (``suggested``), under a fresh id."""
    fields = suggested(read, name)
    published = None
    if fields.published:
        try:
            published = HistoricalDate.from_text(fields.published)
        except DateError:
            published = None
    return Assessment(
        id=new_id(fields.title, "assessment"),
        title=fields.title,
        author=fields.author,
        outlet=fields.outlet,
        published=published,
        source=name,
    )


def _first_line(text: str) -> str:
    """Return the text's first line when it reads as a title: short, not a sentence, not a
    label ("English:")."""
    for written in text.splitlines():
        line = " ".join(written.split())
        if line:
            titled = len(line) <= TITLE_LENGTH and not line.endswith((".", ":"))
            return line if titled else ""
    return ""


def new_assessment_from(assessment: Assessment, document: SourceDocument) -> Batch:
    """Return the edit that adds the assessment holding the document: one undo step."""
    return Batch(
        (AddAssessment(assessment), SetDocument(assessment.id, document)),
        "New assessment from document",
    )


def add_source(store: Store, assessment: Assessment, read: ReadDocument, name: str) -> SourceAdded:
    """Create the assessment holding the document (see ``proposed_assessment``)."""
    document = source_document(read, name)
    run(store, new_assessment_from(assessment, document))
    return SourceAdded(assessment.id, document.characters, len(document.pages))


def attach_source(store: Store, assessment_id: str, read: ReadDocument, name: str) -> SourceAdded:
    """Attach (or replace) the document of an assessment and find its passages again."""
    document = source_document(read, name)
    with store.reading() as session:
        named = document_of(session, assessment_id)
    run(store, AttachDocument(assessment_id, document))
    anchored, orphaned = passage_counts(store, assessment_id)
    return SourceAdded(
        assessment_id,
        document.characters,
        len(read.pages),
        anchored,
        orphaned,
        matched=named is None or named.attached or named.fingerprint == document.fingerprint,
    )


def passage_counts(store: Store, assessment_id: str) -> tuple[int, int]:
    """Return how many passages the assessment's claims and source dates cite, found and not."""
    with store.reading() as session:
        assessments = {a.id: a for a in load_assessments(session)}
        if assessment_id not in assessments:
            raise EditRefused(f"there is no assessment {assessment_id!r}")
        passages = [p for c in assessments[assessment_id].claims for p in c.passages]
        passages += [
            p
            for event in load_events(session)
            for source_date in event.source_dates
            if source_date.source == assessment_id
            for p in source_date.passages
        ]
    summary = AnchoringSummary.of(passages)
    return summary.anchored, summary.orphaned
