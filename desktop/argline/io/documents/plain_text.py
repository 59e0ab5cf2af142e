"""Plain text files: decoded in their detected encoding, otherwise kept as they are.

Only line ends and Unicode normalisation change, so a passage's position in the text
is its position in the file as the analyst sees it in any editor.
"""

from __future__ import annotations

from argline.io.documents.document import ReadDocument, clean_text, metadata_pairs, within_limit
from argline.io.documents.text_encoding import decode_text
from argline.model.passages import DocumentFormat


def read_plain_text(data: bytes, *, file: str) -> ReadDocument:
    """Return the text of a plain text file, with the encoding it was read in."""
    decoded = decode_text(data, file=file)
    return ReadDocument(
        within_limit(clean_text(decoded.text), file=file),
        DocumentFormat.TEXT,
        metadata=metadata_pairs(encoding=decoded.encoding),
    )
