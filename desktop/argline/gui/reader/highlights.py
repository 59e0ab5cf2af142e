"""Which stretches of an assessment's document the Reader marks, and which claim owns a click.

Every anchored passage of the assessment's claims is a highlight in its claim's role;
the passages of the source dates that cite this assessment are marked apart. Orphaned
passages are nowhere in the text, so they are counted, for the header, not drawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from argline.model.entities import Assessment, ClaimRole, Event
from argline.model.passages import Passage


@dataclass(frozen=True, slots=True)
class Highlight:
    """A stretch ``[start, end)`` of the document's text that a claim or a source date cites.

    ``role`` and ``claim_id`` are None for a source date's passage; ``label`` says, for a
    tooltip, what cites it ("Reason: …", "Source date 1859: …").
    """

    start: int
    end: int
    label: str
    claim_id: str | None = None
    role: ClaimRole | None = None

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class DocumentHighlights:
    """The highlights of one assessment's document, and how many of its passages are lost."""

    claims: tuple[Highlight, ...]
    source_dates: tuple[Highlight, ...]
    orphaned: int

    @classmethod
    def of(
        cls, assessment: Assessment, events: Iterable[Event], role_names: dict[ClaimRole, str]
    ) -> DocumentHighlights:
        """Return what to mark in the assessment's attached text; nothing when it has none."""
        document = assessment.document
        if document is None or document.text is None:
            return cls((), (), 0)
        size = len(document.text)
        claims: list[Highlight] = []
        orphaned = 0
        for claim in assessment.claims:
            label = f"{role_names[claim.role]}: {claim.title or claim.text}"
            for passage in claim.passages:
                if _drawable(passage, size):
                    claims.append(
                        Highlight(passage.start, passage.end, label, claim.id, claim.role)
                    )
                orphaned += passage.orphaned
        dates: list[Highlight] = []
        for event in events:
            for source_date in event.source_dates:
                if source_date.source != assessment.id:
                    continue
                label = f"Source date {source_date.date.display()}: {event.title}"
                for passage in source_date.passages:
                    if _drawable(passage, size):
                        dates.append(Highlight(passage.start, passage.end, label))
                    orphaned += passage.orphaned
        # Longest first, so that where passages nest the inner one is drawn over the outer.
        claims.sort(key=lambda h: (-h.length, h.start))
        dates.sort(key=lambda h: h.start)
        return cls(tuple(claims), tuple(dates), orphaned)

    def claim_at(self, offset: int) -> str | None:
        """Return the claim whose passage holds ``offset``: the shortest, where passages nest."""
        holding = [h for h in self.claims if h.start <= offset < h.end]
        if not holding:
            return None
        return min(holding, key=lambda h: h.length).claim_id

    def labels_at(self, offset: int) -> list[str]:
        """Return what cites the text at ``offset``, innermost claim first, then source dates."""
        claims = sorted(
            (h for h in self.claims if h.start <= offset < h.end), key=lambda h: h.length
        )
        dates = [h for h in self.source_dates if h.start <= offset < h.end]
        return [h.label for h in [*claims, *dates]]

    def first_of(self, claim_id: str) -> Highlight | None:
        """Return the claim's passage that comes first in the text, or None if none is drawn."""
        own = [h for h in self.claims if h.claim_id == claim_id]
        return min(own, key=lambda h: h.start) if own else None


def _drawable(passage: Passage, size: int) -> bool:
    """Tell whether a passage is anchored inside text of ``size`` characters."""
    return not passage.orphaned and 0 <= passage.start < passage.end <= size
