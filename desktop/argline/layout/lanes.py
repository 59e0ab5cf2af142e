"""Rows within a lane: each item goes to the first row where it overlaps nothing.

Items arrive from left to right (by start). A row remembers where its last item ends,
so placing is a scan of a handful of rows; when no row is free, ``next_free`` tells the
caller how far it can skip, so a crowded stretch costs one bisect instead of a visit to
every item hidden there. A few items (the selection) may be reserved first, anywhere;
the items that stream in afterwards go around them.
"""

from __future__ import annotations

import math


class LanePacker:
    """Packs items of a lane into ``rows`` rows, keeping ``gap`` pixels between neighbours."""

    __slots__ = ("_ends", "_reserved", "gap")

    def __init__(self, rows: int, gap: float = 6.0) -> None:
        if rows < 1:
            raise ValueError(f"a lane needs a row, not {rows}")
        self._ends = [-math.inf] * rows
        self._reserved: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
        self.gap = gap

    @property
    def rows(self) -> int:
        return len(self._ends)

    def reserve(self, left: float, right: float) -> int | None:
        """Return the first row where ``left``..``right`` clears the reserved items, claiming it.

        Call before any ``place``: reserved items are not ordered by position.
        """
        for row, taken in enumerate(self._reserved):
            if not self._blocked(taken, left, right):
                taken.append((left, right))
                return row
        return None

    def reserve_anyway(self, left: float, right: float) -> int:
        """Return the first free row for ``left``..``right`` among the reserved items, else the
        row it overlaps least, claiming it: a reserved item is drawn even over another."""
        row = self.reserve(left, right)
        if row is None:
            gap = self.gap
            overlaps = [
                sum(left < r + gap and l < right + gap for l, r in taken)  # noqa: E741
                for taken in self._reserved
            ]
            row = overlaps.index(min(overlaps))
            self._reserved[row].append((left, right))
        return row

    def place(self, left: float, right: float) -> int | None:
        """Return the first row where ``left``..``right`` fits and claim it there, else None."""
        ends = self._ends
        limit = left - self.gap
        for row, end in enumerate(ends):
            if end <= limit and not (
                self._reserved[row] and self._blocked(self._reserved[row], left, right)
            ):
                ends[row] = right
                return row
        return None

    def next_free(self) -> float:
        """Return the leftmost position where some row may take a new item again."""
        return min(self._ends) + self.gap

    def _blocked(self, taken: list[tuple[float, float]], left: float, right: float) -> bool:
        gap = self.gap
        return any(left < r + gap and l < right + gap for l, r in taken)  # noqa: E741
