"""Ids for items of formats that carry none, stable across re-imports of the same file.

An id is a short hash of what identifies the item in the file (its start and title, say),
so importing the file again matches the same items instead of duplicating them. Items
that hash alike get '-2', '-3'… in file order.
"""

from __future__ import annotations

from hashlib import blake2b


class StableIds:
    """Hands out content-derived ids, unique within one file, and claims ids a file gives."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.taken: set[str] = set()

    def claim(self, given: str) -> bool:
        """Record an id the file gives itself; return False when it is already taken."""
        if given in self.taken:
            return False
        self.taken.add(given)
        return True

    def make(self, *parts: str) -> str:
        """Return a new id hashed from ``parts``, suffixed when that id is already taken."""
        digest = blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=6)
        base = f"{self.prefix}-{digest.hexdigest()}"
        candidate, count = base, 1
        while candidate in self.taken:
            count += 1
            candidate = f"{base}-{count}"
        self.taken.add(candidate)
        return candidate
