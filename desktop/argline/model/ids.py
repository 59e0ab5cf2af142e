"""Ids for items made by hand: readable in an exchange file, and never taken twice.

An id is the item's words folded to ASCII (``caatsa-signed-into-law``) and a random
tail, so two events of one title, or an id typed in an imported file, cannot collide.
"""

from __future__ import annotations

import os
import re
import unicodedata

_LONGEST_WORDS = 40
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def new_id(words: str, fallback: str) -> str:
    """Return a fresh id made from ``words`` (``fallback`` when they hold no letter or digit)."""
    folded = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_WORD.sub("-", folded.lower()).strip("-")[:_LONGEST_WORDS].rstrip("-")
    return f"{slug or fallback}-{os.urandom(3).hex()}"
