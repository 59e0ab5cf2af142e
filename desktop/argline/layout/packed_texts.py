"""A column of texts kept as one string and where each text ends, sliced out when asked.

A million titles read as a million strings take 0.6 s to split and some 90 MB; as one
string they take neither, and a frame asks for a few hundred of them.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, islice
from operator import eq
from typing import overload

from argline.layout.splice import Splice


class PackedTexts(Sequence[str]):
    """Texts ``whole[bounds[i]:bounds[i + 1]]``."""

    __slots__ = ("_bounds", "_whole")

    def __init__(self, whole: str, bounds: array[int]) -> None:
        """Raise ValueError unless the bounds run from 0 to the string's end. (Bounds that
        go back give wrong texts, never an error: they are not checked, which would take
        0.1 s a million.)"""
        if not bounds or bounds[0] != 0 or bounds[-1] != len(whole):
            raise ValueError("the bounds do not cover the texts")
        self._whole, self._bounds = whole, bounds

    @classmethod
    def of(cls, texts: Iterable[str]) -> PackedTexts:
        """Pack ``texts`` (a tuple of them, a generator of them)."""
        texts = list(texts)
        return cls("".join(texts), array("q", accumulate(map(len, texts), initial=0)))

    @property
    def parts(self) -> tuple[str, array[int]]:
        """The string and the bounds, as ``PackedTexts`` takes them."""
        return self._whole, self._bounds

    def __len__(self) -> int:
        return len(self._bounds) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return tuple(map(self.__getitem__, range(start, stop, step)))
            # A stretch (as a splice keeps): its bounds sliced, its texts cut by map.
            return tuple(_cut(self._whole, self._bounds[start : max(start, stop) + 1]))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("text index out of range")
        return self._whole[self._bounds[index] : self._bounds[index + 1]]

    def __iter__(self) -> Iterator[str]:
        return _cut(self._whole, self._bounds)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, tuple | PackedTexts):
            return NotImplemented
        return _same_texts(self, other)

    __hash__ = None  # type: ignore[assignment]  # equal to a tuple, but never hashed whole

    def spliced(self, splice: Splice, new_texts: Sequence[str]) -> PackedTexts:
        """Return these texts spliced (as ``Splice.fill`` does a column), still packed:
        the kept stretches cut whole from the string, their bounds moved by one amount."""
        whole, bounds = self._whole, self._bounds
        pieces: list[str] = []
        into = array("q", [0])
        total = 0
        for part in splice.parts():
            if isinstance(part, int):
                text = new_texts[part]
                pieces.append(text)
                total += len(text)
                into.append(total)
                continue
            first, stop = part
            pieces.append(whole[bounds[first] : bounds[stop]])
            moved = bounds[first + 1 : stop + 1]
            offset = total - bounds[first]
            into.extend(moved if offset == 0 else array("q", map(offset.__add__, moved)))
            total += bounds[stop] - bounds[first]
        return PackedTexts("".join(pieces), into)

    def letters(self) -> int:
        """Return how many letters the texts hold in all."""
        return len(self._whole)


class PackedEnds(Sequence[str | None]):
    """Packed texts, each there or not (an event's end, or None): ``present`` has a byte
    per text, 0 where there is none."""

    __slots__ = ("_present", "_texts")

    def __init__(self, texts: PackedTexts, present: bytes) -> None:
        if len(present) != len(texts):
            raise ValueError("the texts and their presence differ in number")
        self._texts, self._present = texts, present

    def __len__(self) -> int:
        return len(self._present)

    @overload
    def __getitem__(self, index: int) -> str | None: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str | None, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str | None, ...] | None:
        if isinstance(index, slice):
            return tuple(map(_kept, self._texts[index], self._present[index]))
        return self._texts[index] if self._present[index] else None

    def __iter__(self) -> Iterator[str | None]:
        return map(_kept, self._texts, self._present)

    def spliced(self, splice: Splice, new_texts: Sequence[str | None]) -> PackedEnds:
        """Return these texts spliced, still packed (see ``PackedTexts.spliced``)."""
        present = b"".join(
            self._present[part[0] : part[1]]
            if isinstance(part, tuple)
            else bytes([new_texts[part] is not None])
            for part in splice.parts()
        )
        texts = self._texts.spliced(splice, [text or "" for text in new_texts])
        return PackedEnds(texts, present)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, tuple | PackedEnds):
            return NotImplemented
        return _same_texts(self, other)

    __hash__ = None  # type: ignore[assignment]  # equal to a tuple, but never hashed whole


def _cut(whole: str, bounds: array[int]) -> Iterator[str]:
    """Yield the texts between consecutive bounds, cut by map (no step a text in Python)."""
    return map(whole.__getitem__, map(slice, bounds, islice(bounds, 1, None)))


def _kept(text: str, present: int) -> str | None:
    return text if present else None


def _same_texts(packed: Sequence[str | None], other: Sequence[object]) -> bool:
    """Compare as a tuple does: packed texts equal a tuple of the same texts (not a list)."""
    return len(other) == len(packed) and all(map(eq, packed, other))
