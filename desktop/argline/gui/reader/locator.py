"""Say where a passage is in its document as a reader would cite it: "p. 3" or "¶4".

A claim's locator is what the analyst reads in the inspector and what exports carry
beside the passage's selectors: a page for a PDF (its page boundaries are known), else
the paragraph, counting paragraphs as prose is written, separated by blank lines.
"""

from __future__ import annotations

import re

from argline.model.passages import Passage, SourceDocument

# A paragraph break: a line end, then one or more lines holding only blanks.
_PARAGRAPH_BREAK = re.compile(r"\n(?:[^\S\n]*\n)+")


def passage_locator(document: SourceDocument, passage: Passage) -> str:
    """Return "p. N" for a passage of a paged document, else "¶N"; "" without the text.

    The offsets of a passage of a document not yet attached count normalised text, in
    which pages and paragraphs are not known, and an orphaned passage is nowhere.
    """
    if document.text is None or passage.orphaned:
        return ""
    page = document.page_of(passage.start)
    if page is not None:
        return f"p. {page}"
    text = document.text
    first_word = len(text) - len(text.lstrip())
    breaks = sum(
        1
        for found in _PARAGRAPH_BREAK.finditer(text, 0, passage.start)
        if found.start() > first_word
    )
    return f"¶{breaks + 1}"
