"""Source documents and the passages of them that claims and source dates cite.

A passage is kept as the W3C Web Annotation selectors that Hypothesis uses: a
TextQuoteSelector (``exact`` with its ``prefix`` and ``suffix``) and a
TextPositionSelector (``start``, ``end``), plus a checksum of the passage. The
checksum and the document's fingerprint are taken over *normalised* text (runs of
whitespace read as one space, ends stripped), so a copy of the document with other
line breaks or spacing is still recognised, and a passage that moved is found again.

A document may be known before its text is: the seed corpus names its documents and
anchors its claims without carrying a word of them. Until the text is attached, a
passage holds only its checksum and its position in the normalised text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

# How much context a quote keeps on either side: as Hypothesis does.
CONTEXT_CHARACTERS = 32
_WHITESPACE = re.compile(r"\s+")


class DocumentFormat:
    """The kinds of file a document's text can come from."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"
    ALL = (TEXT, MARKDOWN, HTML, PDF)


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of a source document that a claim or a source date cites.

    ``start`` and ``end`` count characters of the document's text when it is
    attached, of its normalised text when it is not (``exact`` is then empty).
    ``orphaned`` marks a passage that a new version of the text no longer holds: it
    is kept and listed, never dropped.
    """

    start: int
    end: int
    checksum: str
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    orphaned: bool = False

    @property
    def has_quote(self) -> bool:
        return bool(self.exact)


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """The document an assessment was read from: its text (once attached) and what it is.

    ``name`` is where it came from as the user gave it (file name or URL);
    ``fingerprint`` the SHA-256 of its normalised text, ``characters`` that text's
    length; ``pages`` the offset in ``text`` where each page starts (PDF only).
    """

    name: str
    fingerprint: str
    characters: int
    format: str = DocumentFormat.TEXT
    text: str | None = None
    pages: tuple[int, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()

    @property
    def attached(self) -> bool:
        return self.text is not None

    def page_of(self, offset: int) -> int | None:
        """Return the 1-based page that holds ``offset``, or None for a document without pages."""
        if not self.pages:
            return None
        return max(1, bisect_right(self.pages, offset))


def normalise(text: str) -> str:
    """Return ``text`` as fingerprints read it: NFC, whitespace runs as one space, stripped."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fingerprint(text: str) -> str:
    """Return the SHA-256 (hex) of the normalised ``text``: the same for any re-wrapped copy."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def passage_checksum(text: str) -> str:
    """Return the checksum of a passage: 16 hex digits of the SHA-256 of its normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


def quote(text: str, start: int, end: int) -> Passage:
    """Return the full selectors of ``text[start:end]``, the passage's ends moved off whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    exact = text[start:end]
    return Passage(
        start=start,
        end=end,
        checksum=passage_checksum(exact),
        exact=exact,
        prefix=text[max(0, start - CONTEXT_CHARACTERS) : start],
        suffix=text[end : end + CONTEXT_CHARACTERS],
    )


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """A text's normalised form with the way back: ``raw_offset`` of each normalised offset."""

    text: str
    raw_offsets: tuple[int, ...]

    @classmethod
    def of(cls, raw: str) -> NormalisedText:
        """Normalise ``raw`` (already NFC) keeping, for each character kept, where it was."""
        kept: list[str] = []
        offsets: list[int] = []
        pending_space = False
        for index, character in enumerate(raw):
            if character.isspace():
                pending_space = bool(kept)
                continue
            if pending_space:
                kept.append(" ")
                offsets.append(index - 1)
                pending_space = False
            kept.append(character)
            offsets.append(index)
        offsets.append(len(raw))
        return cls("".join(kept), tuple(offsets))

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of the raw text that normalised ``[start, end)`` came from."""
        start = min(max(start, 0), len(self.text))
        end = min(max(end, start), len(self.text))
        if end == start:
            return self.raw_offsets[start], self.raw_offsets[start]
        return self.raw_offsets[start], self.raw_offsets[end - 1] + 1


def passage_record(passage: Passage) -> dict[str, object]:
    """Return the passage as the store and the exchange format keep it (empty fields left out)."""
    record: dict[str, object] = {
        "start": passage.start,
        "end": passage.end,
        "checksum": passage.checksum,
    }
    if passage.exact:
        record.update(exact=passage.exact, prefix=passage.prefix, suffix=passage.suffix)
    if passage.orphaned:
        record["orphaned"] = True
    return record


def passage_from_record(record: dict[str, Any]) -> Passage:
    """Return the passage a stored record holds (``passage_record``'s inverse).

    The record is JSON read back, so its values are typed only by what wrote them.
    """
    return Passage(
        start=int(record["start"]),
        end=int(record["end"]),
        checksum=str(record["checksum"]),
        exact=str(record.get("exact", "")),
        prefix=str(record.get("prefix", "")),
        suffix=str(record.get("suffix", "")),
        orphaned=bool(record.get("orphaned", False)),
    )
