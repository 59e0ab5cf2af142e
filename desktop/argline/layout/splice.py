"""Where the events of sorted columns move when a few go and a few come, as stretches.

An edit changes a few events of a timeline of many: the columns keep their order with
those few taken out and their new versions put in where they now sort. Every other event
keeps its neighbours, so positions move by stretches, each by one amount: the index and
the caches keyed by position follow those stretches (a slice and an addition each),
rather than being built again from every event.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, MutableSequence, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import add
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Splice:
    """Old positions taken out, new positions put in, and the stretches kept between.

    ``kept`` holds (first, stop, shift): old positions first..stop-1 are kept, each now at
    its old position plus ``shift``; they cover every old position not ``removed``.
    """

    old_length: int
    removed: tuple[int, ...]
    inserted: tuple[int, ...]
    kept: tuple[tuple[int, int, int], ...]

    @classmethod
    def of(cls, old_length: int, removed: Sequence[int], inserted: Sequence[int]) -> Splice:
        """Return the splice taking out ``removed`` (old positions) and putting in ``inserted``
        (their places in the new columns); both sorted, neither repeating a position."""
        kept: list[tuple[int, int, int]] = []
        old = new = gone = come = 0
        while old < old_length:
            if gone < len(removed) and removed[gone] == old:
                old, gone = old + 1, gone + 1
                continue
            if come < len(inserted) and inserted[come] == new:
                new, come = new + 1, come + 1
                continue
            # A run of kept events: up to the next one taken out, or the next place put in.
            run = old_length - old
            if gone < len(removed):
                run = min(run, removed[gone] - old)
            if come < len(inserted):
                run = min(run, inserted[come] - new)
            kept.append((old, old + run, new - old))
            old, new = old + run, new + run
        return cls(old_length, tuple(removed), tuple(inserted), tuple(kept))

    @property
    def in_place(self) -> bool:
        """Tell whether each event put in took the place of one taken out: nothing moved."""
        return self.removed == self.inserted

    @property
    def new_length(self) -> int:
        return self.old_length - len(self.removed) + len(self.inserted)

    def moved(self, position: int) -> int | None:
        """Return where an old position is now, or None if it was taken out."""
        k = bisect_right(self.kept, position, key=_first) - 1
        if k < 0:
            return None
        _, stop, shift = self.kept[k]
        return position + shift if position < stop else None

    def fill(self, into: MutableSequence[T], old: Sequence[T], new_items: Sequence[T]) -> None:
        """Fill ``into`` (an empty list or array) with a column spliced: the old items kept
        (an array extends by its own slices at once), the new ones put in at ``inserted``."""
        for part in self.parts():
            if isinstance(part, tuple):
                into.extend(old[part[0] : part[1]])
            else:
                into.append(new_items[part])

    def parts(self) -> Iterator[tuple[int, int] | int]:
        """Yield what the spliced column holds, in order: (first, stop) for a stretch of
        old items kept, k for the k-th new item."""
        put = 0
        for first, stop, shift in self.kept:
            while put < len(self.inserted) and self.inserted[put] < first + shift:
                yield put
                put += 1
            yield first, stop
        yield from range(put, len(self.inserted))

    def follow(self, positions: array[int]) -> array[int]:
        """Return where increasing old positions are now, without those taken out: a slice
        and one addition per stretch, not a step per position."""
        followed = array(positions.typecode)
        for first, stop, shift in self.kept:
            low = bisect_left(positions, first)
            high = bisect_left(positions, stop, low)
            if low == high:
                continue
            part = positions[low:high]
            followed.extend(array(part.typecode, map(add, part, repeat(shift))) if shift else part)
        return followed


def _first(stretch: tuple[int, int, int]) -> int:
    return stretch[0]
