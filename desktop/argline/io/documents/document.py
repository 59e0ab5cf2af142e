"""What a reader gives back: a document's plain text, the format it came from, its pages.

Every reader ends here, so every document's text obeys the same rules whatever it was
read from: NFC, ``\\n`` line ends, no control characters but ``\\n`` and ``\\t``, and no
more text than Argline will hold.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from argline.io.errors import ImportRefused

# A document larger than this is no commentary or brief: refused before it is parsed.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
# Some 10,000 pages of prose; past it the Reader and re-anchoring would crawl.
MAX_TEXT_CHARACTERS = 20_000_000

_LINE_ENDS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028]")
# C0 and C1 controls but tab and newline, and the non-characters no text holds.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_TRAILING_SPACE = re.compile("[ \t\u00a0]+\n")
_BLANK_LINES = re.compile("\n{3,}")
_REASON_CHARACTERS = 80


@dataclass(frozen=True, slots=True)
class ReadDocument:
    """A source document as text: what the Reader shows and what passages are anchored in.

    ``format`` is one of ``argline.model.passages.DocumentFormat``; ``pages`` the offset in
    ``text`` where each page starts (PDF only, the first 0); ``metadata`` pairs such as
    ("title", …), ("author", …), ("published", "2018-07-13"), ("site", …),
    ("language", …), ("encoding", …), each key at most once.
    """

    text: str
    format: str
    pages: tuple[int, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()

    def meta(self, key: str) -> str | None:
        """Return the metadata value called ``key``, or None where the document has none."""
        return next((value for name, value in self.metadata if name == key), None)


def clean_text(text: str) -> str:
    """Return ``text`` NFC-normalised, every line end a ``\\n``, control characters dropped.

    A paragraph separator (U+2029) ends a paragraph, so it becomes a blank line.
    """
    text = _LINE_ENDS.sub("\n", text.replace("\u2029", "\n\n"))
    return unicodedata.normalize("NFC", _CONTROLS.sub("", text))


def paragraphs(text: str) -> str:
    """Return cleaned ``text`` with its paragraphs one blank line apart, lines right-stripped."""
    text = _TRAILING_SPACE.sub("\n", clean_text(text) + "\n")
    return _BLANK_LINES.sub("\n\n", text).strip("\n")


def within_limit(text: str, *, file: str) -> str:
    """Return ``text``, refusing it when it is longer than Argline holds."""
    check_length(len(text), file=file)
    return text


def check_length(characters: int, *, file: str) -> None:
    """Refuse a document whose text runs past what Argline holds."""
    if characters > MAX_TEXT_CHARACTERS:
        raise ImportRefused(
            f"has more text than Argline reads in one document ({MAX_TEXT_CHARACTERS:,} "
            "characters)",
            file=file,
        )


def reason(error: Exception) -> str:
    """Return what a library said went wrong as one short line: up to its first colon, past
    which libraries quote the bytes or markup they choked on."""
    said = " ".join(str(error).split(":", 1)[0].split()) or type(error).__name__
    return said if len(said) <= _REASON_CHARACTERS else said[: _REASON_CHARACTERS - 1] + "…"


def metadata_pairs(**values: str | None) -> tuple[tuple[str, str], ...]:
    """Return the given metadata as pairs, each value cleaned to one line, empty ones left out."""
    pairs = []
    for key, value in values.items():
        line = " ".join(clean_text(value or "").split())
        if line:
            pairs.append((key, line))
    return tuple(pairs)
