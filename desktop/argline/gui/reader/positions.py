"""Offsets into a document's text as Qt's text document counts them, and back.

Passages count the characters of a Python string; Qt counts UTF-16 units, two for a
character beyond the Basic Multilingual Plane (an emoji, a mathematical letter), and
reads a CR LF line end as one character. The Reader shows a text whose every line end
keeps its length, and converts offsets where such characters stand.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def shown_text(text: str) -> str:
    """Return ``text`` as the Reader shows it: a CR before a LF as a space, keeping offsets."""
    return text.replace("\r\n", " \n")


class TextPositions:
    """Convert offsets of one text between Python's characters and Qt's positions."""

    def __init__(self, text: str) -> None:
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        # Where each of those characters starts in Qt's count.
        self._qt_starts = [offset + n for n, offset in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        """Return the Qt position of the character at ``offset``."""
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """Return the offset of the character at Qt's ``position`` (within a pair: its start)."""
        return position - bisect_left(self._qt_starts, position)
