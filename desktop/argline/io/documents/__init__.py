"""Source documents read as plain text: what an assessment's own words are, to cite passages of.

One entry point, ``read_document`` (or ``read_document_bytes``), chooses the reader by
the file's content first (a PDF's header, an HTML page's opening tag, the signature of
a binary file), then by its extension; a caller may name the format instead. Every
refusal is an ImportRefused naming the file and the problem in one line.

Readers: plain text (``text_encoding``: charset-normalizer), Markdown (markdown-it-py),
HTML (readability-lxml, metadata read here), PDF (pypdf). Each module says why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from argline.io.documents.document import (
    MAX_DOCUMENT_BYTES,
    MAX_TEXT_CHARACTERS,
    ReadDocument,
)
from argline.io.errors import ImportRefused
from argline.model.passages import DocumentFormat

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_TEXT_CHARACTERS",
    "SUFFIXES",
    "ReadDocument",
    "read_document",
    "read_document_bytes",
]

SUFFIXES = {
    ".txt": DocumentFormat.TEXT,
    ".text": DocumentFormat.TEXT,
    ".md": DocumentFormat.MARKDOWN,
    ".markdown": DocumentFormat.MARKDOWN,
    ".html": DocumentFormat.HTML,
    ".htm": DocumentFormat.HTML,
    ".xhtml": DocumentFormat.HTML,
    ".pdf": DocumentFormat.PDF,
}
# Files people mistake for documents Argline reads, by their first bytes.
_NOT_DOCUMENTS = (
    (b"PK\x03\x04", "a ZIP archive (as Word .docx, OpenDocument and EPUB files are)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"{\\rtf", "an RTF file"),
    (b"SQLite format 3\x00", "a database (open an Argline file, do not read it as a document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "an image; Argline does not do OCR"),
    (b"\xff\xd8\xff", "an image; Argline does not do OCR"),
    (b"GIF8", "an image; Argline does not do OCR"),
    (b"II*\x00", "an image; Argline does not do OCR"),
    (b"MM\x00*", "an image; Argline does not do OCR"),
)
_HTML_START = re.compile(
    r"^(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_SNIFF_BYTES = 1024


def read_document(path: Path, *, format: str | None = None) -> ReadDocument:
    """Return the text of the document at ``path``; refuse what Argline cannot read."""
    file = str(path)
    try:
        if path.is_dir():
            raise ImportRefused("is a folder, not a document", file=file)
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise ImportRefused(_too_large(size), file=file)
        data = path.read_bytes()
    except OSError as error:
        raise ImportRefused(error.strerror or str(error), file=file) from None
    return read_document_bytes(data, file, format=format)


def read_document_bytes(data: bytes, name: str, *, format: str | None = None) -> ReadDocument:
    """Return the text of a document's bytes; ``name`` (a file name or URL) says where they
    came from, and gives the extension when the content does not tell the format."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ImportRefused(_too_large(len(data)), file=name)
    if not data.strip():
        raise ImportRefused("is empty", file=name)
    chosen = format or _format_of(data, name)
    if chosen not in DocumentFormat.ALL:
        raise ImportRefused(
            f"unknown document format {chosen!r}; known: {', '.join(DocumentFormat.ALL)}",
            file=name,
        )
    document = _reader(chosen)(data, file=name)
    if not document.text.strip():
        raise ImportRefused("holds no text", file=name)
    return document


def _format_of(data: bytes, name: str) -> str:
    """Return the format the content shows, else the one the extension names; refuse others."""
    head = data[:_SNIFF_BYTES]
    for signature, kind in _NOT_DOCUMENTS:
        if head.startswith(signature):
            raise ImportRefused(f"is {kind}, not a text, Markdown, HTML or PDF file", file=name)
    if b"%PDF-" in head:
        return DocumentFormat.PDF
    if _HTML_START.match(_sniffed_text(head)):
        return DocumentFormat.HTML
    if "://" in name:
        name = name.split("?", 1)[0].split("#", 1)[0]
    suffix = Path(name.rsplit("/", 1)[-1]).suffix.lower()
    if not suffix:
        return DocumentFormat.TEXT
    if suffix not in SUFFIXES:
        raise ImportRefused(
            f"is a {suffix} file; Argline reads documents ending in "
            f"{' '.join(SUFFIXES)} (or name the format)",
            file=name,
        )
    return SUFFIXES[suffix]


def _sniffed_text(head: bytes) -> str:
    """Return the first bytes as text enough to see tags in: UTF-16 by its mark, else ASCII."""
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, "ignore")
    return head.decode("latin-1").removeprefix("\xef\xbb\xbf")


def _reader(format: str) -> Callable[..., ReadDocument]:
    # Each reader imports its library (lxml, pypdf) only when a document needs it.
    if format == DocumentFormat.PDF:
        from argline.io.documents.pdf_text import read_pdf

        return read_pdf
    if format == DocumentFormat.HTML:
        from argline.io.documents.html_article import read_html

        return read_html
    if format == DocumentFormat.MARKDOWN:
        from argline.io.documents.markdown_text import read_markdown

        return read_markdown
    from argline.io.documents.plain_text import read_plain_text

    return read_plain_text


def _too_large(size: int) -> str:
    return (
        f"is {size / 2**20:.0f} MiB; Argline reads documents of up to "
        f"{MAX_DOCUMENT_BYTES // 2**20} MiB"
    )
