"""PDF files with a text layer: each page's text, where each page starts, the document info.

Read with ``pypdf`` (pure Python, kept up by the py-pdf project). On pypdf's own test
files pdfminer.six read the same words but wrote Arabic in visual order, reversed
("ملاعلاب ابحرم" for "مرحبا بالعالم"), where pypdf keeps the logical order a search
or a quote needs. Argline does no OCR: a PDF whose pages hold no text is refused, and
so is text drawn outside every page, as ImageMagick puts a label beside a scanned image.

A PDF encrypted with an empty user password (a "protected" PDF that any viewer opens
without asking, only printing or copying restricted) is read: its owner published it
to be read. One that needs a password is refused until the user decrypts it.
"""

from __future__ import annotations

import io
import logging
import math
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from argline.io.documents.document import (
    ReadDocument,
    check_length,
    metadata_pairs,
    paragraphs,
    reason,
)
from argline.io.errors import ImportRefused
from argline.model.passages import DocumentFormat

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

# pypdf logs what it repairs in a damaged file; with no handler Python would print it
# on the user's terminal, where Argline speaks in one line.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

# Typesetters' ligatures (ﬁ, ﬂ, ﬀ…) as their letters, so "misﬁts" is found by "misfits".
_LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_PAGE_BREAK = "\n\n"
_HEADER_BYTES = 1024


def read_pdf(data: bytes, *, file: str) -> ReadDocument:
    """Return a PDF's text, page by page, and its title, author, date and language."""
    if b"%PDF-" not in data[:_HEADER_BYTES]:
        raise ImportRefused("is not a PDF file (it does not start with %PDF-)", file=file)
    from pypdf import PdfReader

    # pypdf raises many kinds of error (and some of Python's own) on a damaged file;
    # the user hears one line whichever it was.
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportRefused(
                "is encrypted and needs a password; save a decrypted copy (a PDF viewer "
                "that has the password can) and read that",
                file=file,
            )
        pages = reader.pages
        count = len(pages)
    except ImportRefused:
        raise
    except Exception as error:
        raise ImportRefused(f"cannot be read as a PDF ({reason(error)})", file=file) from None
    texts = _page_texts(pages, count, file=file)
    if not any(texts):
        raise ImportRefused(
            "has no text layer (scanned pages?); Argline does not do OCR", file=file
        )
    text, starts = _joined(texts)
    return ReadDocument(text, DocumentFormat.PDF, pages=starts, metadata=_metadata(reader))


def _page_texts(pages: Sequence[PageObject], count: int, *, file: str) -> list[str]:
    texts, characters = [], 0
    for number in range(1, count + 1):
        try:
            text = _page_text(pages[number - 1])
        except Exception as error:
            raise ImportRefused(
                f"cannot be read ({reason(error)})", file=file, where=f"page {number}"
            ) from None
        characters += len(text) + len(_PAGE_BREAK)
        check_length(characters, file=file)
        texts.append(text)
    return texts


def _metadata(reader: PdfReader) -> tuple[tuple[str, str], ...]:
    """Return the title, author, date and language the PDF's document info gives.

    Damaged document info is left out rather than refused: the text is what matters.
    """
    try:
        info = reader.metadata
        language = reader.root_object.get("/Lang")
        return metadata_pairs(
            title=info.title if info else None,
            author=info.author if info else None,
            # When the PDF was made: for a published brief, near enough its date of
            # publication to offer it; the analyst corrects it before it is kept.
            published=_iso_date(info.creation_date_raw if info else None),
            language=str(language.get_object()) if language else None,
        )
    except Exception:
        return ()


def _page_text(page: PageObject) -> str:
    """Return the text of a page, or "" when none of it lies on the page."""
    left, bottom, right, top = _bounds(page.cropbox)
    on_page = False

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        nonlocal on_page
        if on_page or not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        height = size * math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        # The baseline's start: glyphs rise above it and run right of it.
        on_page = left - height * len(text) <= x <= right and bottom - height <= y <= top

    text = page.extract_text(visitor_text=visit)
    return paragraphs(text.translate(_LIGATURES)) if on_page else ""


def _bounds(box: Sequence[float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(value) for value in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _joined(texts: list[str]) -> tuple[str, tuple[int, ...]]:
    """Return the pages' texts as one, a blank line apart, and where each page starts.

    A page without text starts where the text so far ends, so it holds no passage.
    """
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for text in texts:
        if text and length:
            parts.append(_PAGE_BREAK)
            length += len(_PAGE_BREAK)
        starts.append(length)
        parts.append(text)
        length += len(text)
    return "".join(parts), tuple(starts)


def _iso_date(raw: str | None) -> str | None:
    """Return a PDF date ("D:20150604133406-06'00'") as far as it is known: "2015-06-04"."""
    match = _PDF_DATE.match(raw or "")
    return "-".join(part for part in match.groups() if part) if match else None
