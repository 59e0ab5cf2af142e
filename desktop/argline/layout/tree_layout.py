"""Return tree positions: few children spread under their parent, many hung in columns.

Each subtree is a block (a rectangle holding its cards). A card with up to
``STACK_AT`` children is centred over their blocks, set side by side as in a tidy
tree. A card with more children would make the map far wider than a window, so its
children's blocks hang below it in a few columns, read down then across, each column
to the right of a spine gap where its edges run up to the parent (they enter each
card from the side). The number of columns is the one that makes the group's shape
closest to a window's. The premises of a linked reason are one unit among the
children: their blocks side by side in a row, hung or spread together. Blocks are
built children first in one pass and placed parents first in another: linear, with
no recursion however deep the tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from argline.layout.map_graph import Card, MapGraph, Point, Spacing

STACK_AT = 2  # a card with more children than this hangs them in columns
STACK_GAP = 22.0  # between blocks stacked in one column
HANG_EXTRA = 44.0  # a hung group starts this much lower than a spread row: its edges turn
ASPECT = 1.45  # width over height of the window a map is usually read in
MAX_COLUMNS = 12
WIDE = 1400.0  # a hung group wider than this is not read in a window at a readable zoom


@dataclass(slots=True)
class _Block:
    """A subtree's rectangle: the card's left inside it, and where each child block starts."""

    width: float
    height: float
    card_left: float
    card_width: float
    kids: list[tuple[str, float, float]] = field(default_factory=list)


def tree_positions(cards: Sequence[Card], graph: MapGraph, spacing: Spacing) -> dict[str, Point]:
    """Return the top-left corner of every card of a tree-shaped map, roots on the top row.

    A card reached from several parents sits under the first one (in the walk's order).
    """
    sizes = {card.id: card for card in cards}
    depth: dict[str, int] = {}
    for card in graph.order:  # parents before their children
        parent = graph.first_parent[card]
        depth[card] = 0 if parent is None else depth[parent] + 1
    blocks: dict[str, _Block] = {}
    for card in reversed(graph.order):  # children before their parents
        kids = _units(card, graph, blocks, spacing)
        size = sizes[card]
        if not kids:
            blocks[card] = _Block(size.width, size.height, 0.0, size.width)
        elif len(kids) <= STACK_AT:
            blocks[card] = _spread(size, kids, blocks, spacing)
        else:
            # Groups nested in others hang narrower, leaving the width to the top groups.
            wide = WIDE if depth[card] == 0 else WIDE / 2
            blocks[card] = _hang(size, kids, blocks, spacing, wide)
    positions: dict[str, Point] = {}
    left = 0.0
    stack: list[tuple[str, float, float]] = []
    for root in graph.roots:
        stack.append((root, left, 0.0))
        left += blocks[root].width + spacing.trees
    stack.reverse()
    while stack:  # parents before their children
        card, x, y = stack.pop()
        block = blocks.pop(card)
        if not card.startswith(_ROW):
            positions[card] = (x + block.card_left, y)
        stack.extend((kid, x + dx, y + dy) for kid, dx, dy in block.kids)
    return positions


_ROW = "\x00row:"  # the name of a linked reason's row of premises among the blocks


def _units(card: str, graph: MapGraph, blocks: dict[str, _Block], spacing: Spacing) -> list[str]:
    """Return the card's children to lay out, each linked reason's premises made one row
    (a block of their blocks side by side) where they are all this card's and adjacent."""
    kids = [k for k in graph.children[card] if graph.first_parent.get(k) == card]
    units: list[str] = []
    n = 0
    while n < len(kids):
        premises = graph.co_premises.get((kids[n], card), ())
        if premises and tuple(kids[n : n + len(premises)]) == premises:
            name = f"{_ROW}{kids[n]}"
            blocks[name] = _row(premises, blocks, spacing)
            units.append(name)
            n += len(premises)
        else:
            units.append(kids[n])
            n += 1
    return units


def _row(premises: Sequence[str], blocks: dict[str, _Block], spacing: Spacing) -> _Block:
    """Return the block of cards set side by side, tops aligned, with no card of their own."""
    kids = []
    x = 0.0
    for premise in premises:
        kids.append((premise, x, 0.0))
        x += blocks[premise].width + spacing.horizontal
    first = blocks[premises[0]]
    return _Block(
        width=x - spacing.horizontal,
        height=max(blocks[p].height for p in premises),
        card_left=first.card_left,
        card_width=first.card_width,
        kids=kids,
    )


def _spread(size: Card, kids: list[str], blocks: dict[str, _Block], spacing: Spacing) -> _Block:
    """Return the block of a card centred over its children's blocks set side by side."""
    lefts = []
    x = 0.0
    for kid in kids:
        lefts.append(x)
        x += blocks[kid].width + spacing.horizontal
    first, last = blocks[kids[0]], blocks[kids[-1]]
    first_centre = lefts[0] + first.card_left + first.card_width / 2
    last_centre = lefts[-1] + last.card_left + last.card_width / 2
    card_left = (first_centre + last_centre) / 2 - size.width / 2
    shift = max(0.0, -card_left)
    top = size.height + spacing.vertical
    row_width = x - spacing.horizontal
    return _Block(
        width=max(row_width + shift, card_left + shift + size.width),
        height=top + max(blocks[k].height for k in kids),
        card_left=card_left + shift,
        card_width=size.width,
        kids=[(kid, left + shift, top) for kid, left in zip(kids, lefts, strict=True)],
    )


def _hang(
    size: Card, kids: list[str], blocks: dict[str, _Block], spacing: Spacing, wide: float
) -> _Block:
    """Return the block of a card whose children hang below it in columns, spines at left."""
    gap = spacing.horizontal
    top = size.height + spacing.vertical + HANG_EXTRA
    for kid in kids:
        # A hung card sits at its column's left, so its edge runs up a clear spine gap.
        block = blocks[kid]
        if block.card_left > 0:
            block.width = max(block.width, block.card_width)
            block.card_left = 0.0
    best: tuple[float, list[list[str]]] | None = None
    for count in range(1, min(len(kids), MAX_COLUMNS) + 1):
        columns = _split(kids, count, blocks)
        width = sum(gap + max(blocks[k].width for k in column) for column in columns)
        height = top + max(_column_height(column, blocks) for column in columns)
        # How far the group's shape is from a window's, as a ratio (1 is a perfect fit).
        cost = max(width / (height * ASPECT), height * ASPECT / width)
        if width > wide and count > 1:
            cost += 100 + width / wide  # only when no narrower choice is left
        if best is None or cost < best[0]:
            best = (cost, columns)
    assert best is not None
    placed: list[tuple[str, float, float]] = []
    x = 0.0
    height = 0.0
    for column in best[1]:
        x += gap  # the spine's gap: edges run up it to the parent
        y = top
        for kid in column:
            placed.append((kid, x, y))
            y += blocks[kid].height + STACK_GAP
        height = max(height, y - STACK_GAP)
        x += max(blocks[k].width for k in column)
    # The parent's left edge is the first spine's gap: its edges leave it straight down.
    return _Block(
        width=max(x, size.width), height=height, card_left=0.0, card_width=size.width, kids=placed
    )


def _column_height(column: list[str], blocks: dict[str, _Block]) -> float:
    return sum(blocks[k].height for k in column) + STACK_GAP * (len(column) - 1)


def _split(kids: list[str], count: int, blocks: dict[str, _Block]) -> list[list[str]]:
    """Return ``kids`` cut, in order, into at most ``count`` columns of about equal height."""
    total = sum(blocks[k].height + STACK_GAP for k in kids)
    target = total / count
    columns: list[list[str]] = [[]]
    filled = 0.0
    for index, kid in enumerate(kids):
        tall = blocks[kid].height + STACK_GAP
        left_after = len(kids) - index
        if (
            columns[-1]
            and len(columns) < count
            and (filled + tall / 2 > target * len(columns) or left_after <= count - len(columns))
        ):
            columns.append([])
        columns[-1].append(kid)
        filled += tall
    return columns
