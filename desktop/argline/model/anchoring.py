"""Finding the passages claims cite in a document's text: when it is attached, and when replaced.

Two moments need it. When a document is first attached, its passages may be known only
by position in the normalised text and a checksum (the seed corpus ships no text):
``attach`` checks each against the text and takes its full selectors from it, or finds
it again by its checksum if the copy moved it. When a document's text is replaced (the
user re-imports a corrected version), ``reanchor`` finds each passage again as
Hypothesis does: at its position if the quote is still there, else by its quote and the
context around it, else by fuzzy match. A passage that cannot be found is kept, marked
orphaned, so that it can be listed and tried again; it is never dropped.

Passages are taken in the order they stood in the text, and each is first looked for
where the one before it moved to: an edit near the start of a document moves everything
after it by the same amount, so that guess is nearly always right and keeps a document
of a megabyte with a thousand passages well under a second.

Fuzzy matching is RapidFuzz's: its partial-ratio alignment finds where a quote best
fits in a stretch of text, in C++ over bit-parallel edit distances (well under a
millisecond for the stretch around a passage). diff-match-patch's ``match_main``
(Bitap) takes patterns of at most 32 characters and runs in pure Python, and a quote
is a sentence or more.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from argline.model.passages import NormalisedText, Passage, passage_checksum, quote

# A changed passage is still the passage when this much of it (Indel similarity) is kept.
SIMILAR_ENOUGH = 0.8
# Characters either side of where a passage is expected: searched first for its quote,
# and the only ones searched for its context or a fuzzy match of it.
NEAR = 2_000
# How much of its context (prefix and suffix averaged) a word-for-word occurrence of a
# quote keeps to be taken without looking for the passage where it was: text inserted
# right before a passage leaves it half.
CONTEXT_KEPT = 0.5
# Against the context, how much a candidate's distance from the expected place counts
# (over the text's length), as in Hypothesis's quote matching: it only breaks near ties.
POSITION_WEIGHT = 0.05
# Every offset this near the expected place is tried for a checksum, not only word starts.
NEAR_EVERY_OFFSET = 500
# How far the ends of a fuzzy alignment are moved, at most, to fit the quote's first and
# last words: a changed word makes the new passage longer or shorter than the quote.
END_SLACK = 16
_END_LENGTH = 12
_WORD_STARTS = re.compile(r"(?<![^ ])[^ ]|\b\w")
_WHITESPACE_RUN = re.compile(r"\s+")
# A way to find a passage's span, given where it is expected.
_Finder = Callable[[Passage, int], tuple[int, int] | None]


@dataclass(frozen=True, slots=True)
class AnchoringSummary:
    """How many of a document's passages were found, and how many are no longer there."""

    anchored: int
    orphaned: int

    @classmethod
    def of(cls, passages: Iterable[Passage]) -> AnchoringSummary:
        orphaned = anchored = 0
        for passage in passages:
            if passage.orphaned:
                orphaned += 1
            else:
                anchored += 1
        return cls(anchored=anchored, orphaned=orphaned)

    @property
    def message(self) -> str:
        """Return what the user is told: "3 passages no longer found" or "12 passages found"."""
        if self.orphaned:
            return f"{_passages(self.orphaned)} no longer found"
        return f"{_passages(self.anchored)} found"


def attach(passages: Iterable[Passage], text: str) -> tuple[Passage, ...]:
    """Return ``passages``, known by normalised position and checksum, quoted from ``text``.

    Each is checked where it says it is in the normalised ``text``; one that is not
    there is looked for by its checksum over windows of its length, at every offset
    near where it was first, then at every word start; one not found is kept,
    orphaned. A passage that already holds a quote (from another copy of the text) is
    found again as ``reanchor`` finds it. ``text`` is taken as NFC, as readers give it.
    """
    return _Text(text).anchor(tuple(passages))


def reanchor(passages: Iterable[Passage], new_text: str) -> tuple[Passage, ...]:
    """Return ``passages`` found again in ``new_text``, in the same order; lost ones orphaned.

    A passage with a quote is found at its position if the quote is still there, else
    by its quote (whitespace aside) where its context matches best and nearest where
    it was, else by fuzzy match (between its context, or aligned with its quote). A
    passage without a quote is attached as ``attach`` does. Orphaned passages are
    tried again. The same search as ``attach``: the two differ in what their passages
    usually hold.
    """
    return _Text(new_text).anchor(tuple(passages))


def _passages(count: int) -> str:
    return f"{count} passage" if count == 1 else f"{count} passages"


class _Text:
    """A document's text as the search needs it, its normalised form made only if asked for."""

    def __init__(self, text: str) -> None:
        self.raw = text
        self._normalised: NormalisedText | None = None
        self._word_starts: list[int] | None = None

    @property
    def normalised(self) -> NormalisedText:
        if self._normalised is None:
            self._normalised = NormalisedText.of(self.raw)
        return self._normalised

    @property
    def word_starts(self) -> list[int]:
        """Return where words and other runs of non-space begin in the normalised text."""
        if self._word_starts is None:
            self._word_starts = [m.start() for m in _WORD_STARTS.finditer(self.normalised.text)]
        return self._word_starts

    def anchor(self, passages: Sequence[Passage]) -> tuple[Passage, ...]:
        """Return each passage found in this text, or orphaned, in the order given."""
        found = list(passages)
        quoted = [i for i, p in enumerate(passages) if p.has_quote]
        for index, span in _in_text_order(passages, quoted, self._find_quote):
            found[index] = _orphaned(passages[index]) if span is None else quote(self.raw, *span)
        # Passages known by position count characters of the normalised text.
        by_position = [i for i, p in enumerate(passages) if not p.has_quote]
        for index, span in _in_text_order(passages, by_position, self._find_checksum):
            found[index] = (
                _orphaned(passages[index])
                if span is None
                else quote(self.raw, *self.normalised.raw_span(*span))
            )
        return tuple(found)

    # Passages with a quote -------------------------------------------------------------

    def _find_quote(self, passage: Passage, expected: int) -> tuple[int, int] | None:
        text, exact = self.raw, passage.exact
        expected = min(max(expected, 0), len(text))
        for start in (passage.start, expected):
            # Where it was, or where its neighbour's shift puts it, with all its context:
            # no other occurrence could fit better. Else each occurrence is weighed.
            span = start, start + len(exact)
            if text.startswith(exact, start) and _context(passage, text, *span) == 1.0:
                return span
        occurrence = self._by_quote(passage, expected)
        if occurrence is not None and occurrence[1] >= CONTEXT_KEPT:
            return occurrence[0]
        # A word-for-word copy among other words is taken only when the passage's own
        # context no longer holds anything like it: a common sentence is often quoted.
        return (
            self._between_context(passage, expected)
            or (occurrence[0] if occurrence is not None else None)
            or self._by_alignment(passage, expected)
        )

    def _by_quote(self, passage: Passage, expected: int) -> tuple[tuple[int, int], float] | None:
        """Return the occurrence of the quote whose context fits best, nearest ``expected``.

        It comes with how well its context matches, 0 to 1.
        """
        text = self.raw
        pattern = re.compile(r"\s+".join(map(re.escape, _WHITESPACE_RUN.split(passage.exact))))
        best: tuple[float, float, tuple[int, int]] | None = None
        near = max(0, expected - NEAR), min(len(text), expected + len(passage.exact) + NEAR)
        for window in (near, (0, len(text))):
            for span in _occurrences(pattern, text, *window):
                context = _context(passage, text, *span)
                distance = abs(span[0] - expected) / len(text)
                score = context - POSITION_WEIGHT * distance
                if best is None or score > best[0]:
                    best = score, context, span
            if best is not None and best[1] == 1.0:
                # No occurrence farther away can beat one near with all its context.
                break
        return None if best is None else (best[2], best[1])

    def _between_context(self, passage: Passage, expected: int) -> tuple[int, int] | None:
        """Return what now lies between the passage's prefix and suffix, if still like it."""
        text, exact = self.raw, passage.exact
        if passage.prefix:
            before = _nearest(text, passage.prefix, expected - len(passage.prefix))
            if before is None:
                return None
            start = before + len(passage.prefix)
        else:
            start = 0  # the passage began the text
        if passage.suffix:
            end = text.find(passage.suffix, start, start + 2 * len(exact) + len(passage.suffix))
            if end < 0:
                return None
        else:
            end = len(text)
        return _if_similar(exact, text, start, end)

    def _by_alignment(self, passage: Passage, expected: int) -> tuple[int, int] | None:
        """Return where the quote aligns best with the text near ``expected``, if it is there.

        Only near, and only with one of its ends word for word: prose is full of
        sentences as like each other as an edited passage is like itself, and a passage
        taken for another is worse than one listed as no longer found.
        """
        text, exact = self.raw, passage.exact
        lo, hi = max(0, expected - NEAR), min(len(text), expected + len(exact) + NEAR)
        hit = fuzz.partial_ratio_alignment(exact, text[lo:hi], score_cutoff=100 * SIMILAR_ENOUGH)
        if hit is None:
            return None
        start, end, an_end_kept = _fitted_ends(
            passage, text, lo + hit.dest_start, lo + hit.dest_end
        )
        return _if_similar(exact, text, start, end) if an_end_kept else None

    # Passages known by position and checksum ------------------------------------------

    def _find_checksum(self, passage: Passage, expected: int) -> tuple[int, int] | None:
        """Return the span of the normalised text with the passage's length and checksum."""
        normalised = self.normalised
        length = passage.end - passage.start
        holds = _checksum_test(normalised.text, length, passage.checksum)
        near = range(
            max(0, expected - NEAR_EVERY_OFFSET),
            min(len(normalised.text), expected + NEAR_EVERY_OFFSET) + 1,
        )
        candidates = (
            (passage.start, expected),
            _nearest_first(near, expected),
            _nearest_first(self.word_starts, expected),
        )
        for group in candidates:
            for start in group:
                if holds(start):
                    return start, start + length
        return None


def _in_text_order(
    passages: Sequence[Passage], indices: Iterable[int], find: _Finder
) -> Iterator[tuple[int, tuple[int, int] | None]]:
    """Yield each passage's index and the span ``find`` gives, in the order they stood.

    Each is expected where it was, moved as far as the one found before it moved.
    """
    shift = 0
    for index in sorted(indices, key=lambda i: passages[i].start):
        passage = passages[index]
        span = find(passage, passage.start + shift)
        if span is not None:
            shift = span[0] - passage.start
        yield index, span


def _occurrences(
    pattern: re.Pattern[str], text: str, lo: int, hi: int
) -> Iterator[tuple[int, int]]:
    """Yield the span of each match of ``pattern`` in ``text[lo:hi]``, overlapping ones too."""
    match = pattern.search(text, lo, hi)
    while match is not None:
        yield match.span()
        match = pattern.search(text, match.start() + 1, hi)


def _orphaned(passage: Passage) -> Passage:
    return replace(passage, orphaned=True)


def _checksum_test(text: str, length: int, checksum: str) -> Callable[[int], bool]:
    """Return a test of whether ``text[start:start + length]`` has ``checksum``.

    Normalised text needs no normalising again, so each window is only stripped and
    hashed, several times faster than ``passage_checksum``, which the test falls back
    on for text that is not NFC.
    """
    if not unicodedata.is_normalized("NFC", text):
        return lambda start: (
            0 <= start <= len(text) - length
            and passage_checksum(text[start : start + length]) == checksum
        )
    digest = bytes.fromhex(checksum)
    size = len(digest)
    sha256 = hashlib.sha256

    def holds(start: int) -> bool:
        if not 0 <= start <= len(text) - length:
            return False
        window = text[start : start + length].strip(" ")
        return sha256(window.encode("utf-8")).digest()[:size] == digest

    return holds


def _nearest_first(positions: Sequence[int], origin: int) -> Iterator[int]:
    """Yield the sorted ``positions`` from the one nearest ``origin`` outwards."""
    right = bisect_left(positions, origin)
    left = right - 1
    while left >= 0 or right < len(positions):
        if right >= len(positions) or (
            left >= 0 and origin - positions[left] <= positions[right] - origin
        ):
            yield positions[left]
            left -= 1
        else:
            yield positions[right]
            right += 1


def _context(passage: Passage, text: str, start: int, end: int) -> float:
    """Return how much of the passage's context is still beside ``[start, end)``, 0 to 1.

    Each side counts the characters that still stand next to the quote, whitespace
    aside: unlike an edit distance, a context of unrelated words scores next to nothing.
    """
    before = text[max(0, start - len(passage.prefix)) : start]
    after = text[end : end + len(passage.suffix)]
    return (_kept(passage.prefix[::-1], before[::-1]) + _kept(passage.suffix, after)) / 2


def _kept(old: str, new: str) -> float:
    """Return the share of ``old`` that ``new`` begins with, whitespace runs read as one space."""
    if not old:
        return 1.0  # the passage began or ended the text: nothing tells occurrences apart
    old, new = _WHITESPACE_RUN.sub(" ", old), _WHITESPACE_RUN.sub(" ", new)
    same = 0
    for kept, now in zip(old, new, strict=False):
        if kept != now:
            break
        same += 1
    return same / len(old)


def _nearest(text: str, needle: str, origin: int) -> int | None:
    """Return the occurrence of ``needle`` within ``NEAR`` of ``origin`` nearest to it."""
    lo, hi = max(0, origin - NEAR), min(len(text), origin + len(needle) + NEAR)
    best: int | None = None
    at = text.find(needle, lo, hi)
    while at >= 0:
        if best is None or abs(at - origin) < abs(best - origin):
            best = at
        at = text.find(needle, at + 1, hi)
    return best


def _fitted_ends(passage: Passage, text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Return an alignment's ``start`` and ``end`` moved to where the passage's ends now are.

    An end the edit left alone is found word for word near the alignment's. A changed
    one is put at the nearest place where it could stand (a word's start or end if the
    passage's did): the alignment, the quote's length wide, puts it about there. The
    third value tells whether either end was found word for word.
    """
    exact = passage.exact
    head, tail = exact[:_END_LENGTH], exact[-_END_LENGTH:]
    at_boundary = _boundary(passage.prefix[-1:], exact[0]), _boundary(exact[-1], passage.suffix[:1])

    def can_start(a: int) -> bool:
        return not at_boundary[0] or (
            _boundary(text[a - 1 : a], text[a : a + 1])
            and text[a : a + 1].isalnum() == exact[0].isalnum()
        )

    def can_end(b: int) -> bool:
        return not at_boundary[1] or (
            _boundary(text[b - 1 : b], text[b : b + 1])
            and text[b - 1 : b].isalnum() == exact[-1].isalnum()
        )

    starts = [a for a in _around(start, len(text)) if can_start(a)]
    ends = [b for b in _around(end, len(text)) if can_end(b)]
    fitted_start, start_kept = _first_or_nearest(starts, lambda a: text.startswith(head, a), start)
    fitted_end, end_kept = _first_or_nearest(ends, lambda b: text.endswith(tail, 0, b), end)
    return fitted_start, fitted_end, start_kept or end_kept


def _around(origin: int, length: int) -> list[int]:
    """Return the offsets within ``END_SLACK`` of ``origin``, nearest first."""
    offsets = range(max(0, origin - END_SLACK), min(length, origin + END_SLACK) + 1)
    return sorted(offsets, key=lambda offset: abs(offset - origin))


def _first_or_nearest(
    candidates: list[int], holds: Callable[[int], bool], origin: int
) -> tuple[int, bool]:
    """Return the first candidate that ``holds`` and True, else the first (or ``origin``)."""
    held = next((c for c in candidates if holds(c)), None)
    if held is not None:
        return held, True
    return (candidates[0] if candidates else origin), False


def _boundary(before: str, after: str) -> bool:
    """Return whether a word begins or ends between two characters (or the text does)."""
    return not before or not after or before.isalnum() != after.isalnum()


def _if_similar(exact: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return ``[start, end)`` off whitespace if what lies there is similar enough to ``exact``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start or Indel.normalized_similarity(exact, text[start:end]) < SIMILAR_ENOUGH:
        return None
    return start, end
