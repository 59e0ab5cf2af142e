"""Lanes and their marks: the symbol and colour each lane's events are drawn with.

A lane is the events of one category. Its mark is stored with it, so that it stays the
same whatever lanes come and go. The palette is Okabe and Ito's, safe for colour-blind
readers (black is left out: it is the text colour on light backgrounds), in an order
that keeps neighbouring lanes far apart in hue and lightness; every mark differs from
the others by its symbol as well, so the timeline reads the same in greyscale.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

# Events without a category share a lane, named so that it reads as one.
UNSORTED_LANE = "No category"
SYMBOLS = ("circle", "square", "diamond", "triangle", "inverted", "hexagon", "star")
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
COLOUR_NAMES = {
    "#0072B2": "blue",
    "#E69F00": "orange",
    "#009E73": "bluish green",
    "#D55E00": "vermillion",
    "#CC79A7": "reddish purple",
    "#56B4E9": "sky blue",
    "#F0E442": "yellow",
}
_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


class MarkError(ValueError):
    """A symbol or colour that no lane can be drawn with; ``part`` says which."""

    def __init__(self, message: str, *, part: str) -> None:
        super().__init__(message)
        self.part = part


@dataclass(frozen=True, slots=True)
class LaneMark:
    """How a lane's events are drawn: a glyph of ``symbol``, filled with ``colour`` (#RRGGBB)."""

    symbol: str
    colour: str

    @classmethod
    def of(cls, symbol: object, colour: object) -> LaneMark:
        """Return the mark, its colour in capitals; raise MarkError for one not drawable."""
        if symbol not in SYMBOLS:
            raise MarkError(f"the symbol {symbol!r} is none of {', '.join(SYMBOLS)}", part="symbol")
        if not isinstance(colour, str) or not _HEX_COLOUR.fullmatch(colour):
            raise MarkError(f"the colour {colour!r} is not of the form #RRGGBB", part="colour")
        return cls(str(symbol), colour.upper())

    def describe(self) -> str:
        """Return the mark in words: "orange square"."""
        return f"{COLOUR_NAMES.get(self.colour, self.colour)} {self.symbol}"


@dataclass(frozen=True, slots=True)
class Lane:
    """A lane, named as the timeline shows it, with its mark."""

    name: str
    mark: LaneMark


# The default marks in the order new lanes take them: each symbol in a colour of its own
# first (the first seven are the marks lanes had by their place before marks were
# stored), then each symbol again in the next colour along, until every pair is used.
PALETTE = tuple(
    LaneMark(SYMBOLS[k % len(SYMBOLS)], COLOURS[(k + k // len(SYMBOLS)) % len(COLOURS)])
    for k in range(len(SYMBOLS) * len(COLOURS))
)


def lane_name(category: str) -> str:
    """Return the name of the lane an event of this category is drawn in."""
    return category or UNSORTED_LANE


def lane_order(name: str) -> tuple[bool, str]:
    """Return the key lanes are drawn in order of: alphabetical, the unsorted lane last."""
    return (name == UNSORTED_LANE, name.casefold())


def free_mark(taken: Iterable[LaneMark]) -> LaneMark:
    """Return the mark a new lane takes beside lanes holding ``taken``.

    The first of the palette whose symbol no lane has, so that lanes differ by shape as
    long as there are shapes; once every symbol is taken, the first mark no lane has (of
    the least used symbol and colour); once every mark is taken, the least used.
    """
    marks = Counter(taken)
    symbols = Counter(mark.symbol for mark in marks.elements())
    colours = Counter(mark.colour for mark in marks.elements())
    return min(
        PALETTE,
        key=lambda mark: (marks[mark], symbols[mark.symbol], colours[mark.colour]),
    )
