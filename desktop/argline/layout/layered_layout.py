"""Return layered (Sugiyama-style) positions for maps where claims have several parents.

Four steps, after Sugiyama, Tagawa and Toda: (1) rows by the longest path from the
roots, so each claim sits below everything it supports or attacks (edges closing a
cycle are left out of the ranking); (2) a relation that spans several rows gets a
thin placeholder in each row between, so it keeps room to pass; (3) rows are ordered
by repeated barycentre sweeps, keeping the order with the fewest crossings (counted
with a Fenwick tree, as Barth, Jünger and Mutzel do); (4) x coordinates come from
alternating sweeps that pull each card towards the mean of its neighbours while
keeping every row's order and gaps, an isotonic regression solved exactly by pooling
adjacent violators. Every step is near linear in cards plus placeholders. The
premises of a linked reason share a row and stand next to each other in it, in their
order, where the first of them would stand.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Sequence

from argline.layout.map_graph import Card, MapGraph, Point, Spacing

ORDER_SWEEPS = 4
PLACEMENT_SWEEPS = 4
PLACEHOLDER_WIDTH = 8.0


def layered_positions(cards: Sequence[Card], graph: MapGraph, spacing: Spacing) -> dict[str, Point]:
    """Return the top-left corner of every card, rows by rank, crossings few, edges short."""
    sizes = {card.id: card for card in cards}
    rank = _ranks(graph)
    rows, up, down = _rows_with_placeholders(graph, rank)
    rows = [_premises_together(row, graph) for row in _ordered(rows, up, down)]
    width = [
        sizes[n].width if isinstance(n, str) else PLACEHOLDER_WIDTH for row in rows for n in row
    ]
    widths = dict(zip([n for row in rows for n in row], width, strict=True))
    x = _placed(rows, up, down, widths, spacing.horizontal)
    tops = [0.0]
    for row in rows[:-1]:
        tallest = max((sizes[n].height for n in row if isinstance(n, str)), default=0.0)
        tops.append(tops[-1] + tallest + spacing.vertical)
    return {
        n: (x[n] - sizes[n].width / 2, tops[r])
        for r, row in enumerate(rows)
        for n in row
        if isinstance(n, str)
    }


def _ranks(graph: MapGraph) -> dict[str, int]:
    """Return each card's row: one below the lowest of its parents, cycles broken."""
    closing = _cycle_closing_edges(graph)
    waiting = {
        card: sum(1 for p in graph.parents[card] if (card, p) not in closing) for card in graph.ids
    }
    rank = dict.fromkeys(graph.ids, 0)
    ready = deque(card for card in graph.order if waiting[card] == 0)
    while ready:
        card = ready.popleft()
        for child in graph.children[card]:
            if (child, card) in closing:
                continue
            rank[child] = max(rank[child], rank[card] + 1)
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    return _premises_level(graph, rank, closing)


def _premises_level(
    graph: MapGraph, rank: dict[str, int], closing: set[tuple[str, str]]
) -> dict[str, int]:
    """Return the ranks with each linked reason's premises in one row (the lowest of
    theirs), every card still below its parents; a few rounds reach it."""
    groups = list(graph.co_premises.values())
    for _ in range(len(graph.ids) + 1):
        changed = False
        for premises in groups:
            row = max(rank[p] for p in premises)
            for premise in premises:
                if rank[premise] != row:
                    rank[premise], changed = row, True
        for card in graph.order:
            for child in graph.children[card]:
                if (child, card) not in closing and rank[child] <= rank[card]:
                    rank[child], changed = rank[card] + 1, True
        if not changed:
            break
    return rank


def _premises_together(row: list[Node], graph: MapGraph) -> list[Node]:
    """Return the row with each linked reason's premises side by side where its first is."""
    for premises in graph.co_premises.values():
        where = {n: i for i, n in enumerate(row)}
        if not all(p in where for p in premises):
            continue
        rest = [n for n in row if n not in premises]
        at = sum(1 for n in row[: where[premises[0]]] if n not in premises)
        row = [*rest[:at], *premises, *rest[at:]]
    return row


def _cycle_closing_edges(graph: MapGraph) -> set[tuple[str, str]]:
    """Return the (child, parent) pairs that lead back to a card on the current walk."""
    closing: set[tuple[str, str]] = set()
    state: dict[str, int] = {}  # 1: on the walk's path, 2: finished
    for start in graph.order:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(graph.children[start]))]
        while stack:
            card, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[card] = 2
                stack.pop()
            elif state.get(child) == 1:
                closing.add((child, card))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(graph.children[child])))
    return closing


Node = str | tuple[str, str, int]  # a card, or a placeholder (child, parent, row)


def _rows_with_placeholders(
    graph: MapGraph, rank: dict[str, int]
) -> tuple[list[list[Node]], dict[Node, list[Node]], dict[Node, list[Node]]]:
    """Return rows in walk order, with the neighbours of every node above and below."""
    rows: list[list[Node]] = [[] for _ in range(max(rank.values(), default=0) + 1)]
    up: dict[Node, list[Node]] = {}
    down: dict[Node, list[Node]] = {}
    placed: set[Node] = set()

    def put(node: Node, row: int) -> None:
        if node not in placed:
            placed.add(node)
            rows[row].append(node)
            up.setdefault(node, [])
            down.setdefault(node, [])

    for card in graph.order:
        put(card, rank[card])
        for child in graph.children[card]:
            if rank[child] <= rank[card]:
                continue  # closes a cycle: drawn, but left out of the rows
            above: Node = card
            for row in range(rank[card] + 1, rank[child]):
                placeholder: Node = (child, card, row)
                put(placeholder, row)
                down[above].append(placeholder)
                up[placeholder].append(above)
                above = placeholder
            put(child, rank[child])
            down[above].append(child)
            up[child].append(above)
    return rows, up, down


def _ordered(
    rows: list[list[Node]], up: dict[Node, list[Node]], down: dict[Node, list[Node]]
) -> list[list[Node]]:
    """Return the rows reordered by barycentre sweeps, the order with fewest crossings."""
    best, fewest = [list(r) for r in rows], _crossings(rows, down)
    for _ in range(ORDER_SWEEPS):
        if fewest == 0:
            break
        for r in range(1, len(rows)):
            rows[r] = _by_barycentre(rows[r], rows[r - 1], up)
        for r in range(len(rows) - 2, -1, -1):
            rows[r] = _by_barycentre(rows[r], rows[r + 1], down)
        crossings = _crossings(rows, down)
        if crossings >= fewest:  # a sweep that gains nothing: later ones rarely do
            break
        best, fewest = [list(r) for r in rows], crossings
    return best


def _by_barycentre(row: list[Node], fixed: list[Node], links: dict[Node, list[Node]]) -> list[Node]:
    index = {n: i for i, n in enumerate(fixed)}
    keys = {}
    for i, n in enumerate(row):
        neighbours = links[n]
        # A node without neighbours in the fixed row keeps its place among the others.
        keys[n] = (
            sum(index[m] for m in neighbours) / len(neighbours) * len(row) / max(len(fixed), 1)
            if neighbours
            else float(i)
        )
    return sorted(row, key=keys.__getitem__)


def _crossings(rows: list[list[Node]], down: dict[Node, list[Node]]) -> int:
    total = 0
    for upper, lower in itertools.pairwise(rows):
        position = {n: i for i, n in enumerate(lower)}
        ends = [position[m] for n in upper for m in sorted(down[n], key=position.__getitem__)]
        total += _inversions(ends, len(lower))
    return total


def _inversions(values: list[int], size: int) -> int:
    """Return how many pairs of ``values`` are out of order, with a Fenwick tree."""
    tree = [0] * (size + 1)
    count = 0
    for seen, value in enumerate(values):
        i = value + 1
        not_greater = 0
        while i > 0:
            not_greater += tree[i]
            i -= i & -i
        count += seen - not_greater
        i = value + 1
        while i <= size:
            tree[i] += 1
            i += i & -i
    return count


def _placed(
    rows: list[list[Node]],
    up: dict[Node, list[Node]],
    down: dict[Node, list[Node]],
    widths: dict[Node, float],
    gap: float,
) -> dict[Node, float]:
    """Return each node's centre x: rows keep their order and gaps, nodes near neighbours."""
    x: dict[Node, float] = {}
    for row in rows:
        left = 0.0
        for n in row:
            x[n] = left + widths[n] / 2
            left += widths[n] + gap
    for sweep in range(PLACEMENT_SWEEPS):
        downward = sweep % 2 == 0
        order = range(1, len(rows)) if downward else range(len(rows) - 2, -1, -1)
        for r in order:
            _pull_row(rows[r], up if downward else down, x, widths, gap)
    for r in range(len(rows)):  # last, settle each row between its neighbours on both sides
        both = {n: up[n] + down[n] for n in rows[r]}
        _pull_row(rows[r], both, x, widths, gap)
    return x


def _pull_row(
    row: list[Node],
    links: dict[Node, list[Node]],
    x: dict[Node, float],
    widths: dict[Node, float],
    gap: float,
) -> None:
    """Move a row's nodes as near the mean x of their linked nodes as order and gaps allow."""
    if not row:
        return
    wanted = []
    weights = []
    for n in row:
        linked = links[n]
        wanted.append(sum(x[m] for m in linked) / len(linked) if linked else x[n])
        # Placeholders weigh more: long relations stay straight; cards without links weigh less.
        weights.append(4.0 if not isinstance(n, str) else (1.0 if linked else 0.2))
    offsets = [0.0]
    for a, b in itertools.pairwise(row):
        offsets.append(offsets[-1] + (widths[a] + widths[b]) / 2 + gap)
    solved = _isotonic([w - o for w, o in zip(wanted, offsets, strict=True)], weights)
    for n, value, offset in zip(row, solved, offsets, strict=True):
        x[n] = value + offset


def _isotonic(values: list[float], weights: list[float]) -> list[float]:
    """Return the non-decreasing sequence nearest ``values`` in weighted least squares."""
    means: list[float] = []
    masses: list[float] = []
    counts: list[int] = []
    for value, weight in zip(values, weights, strict=True):
        means.append(value)
        masses.append(weight)
        counts.append(1)
        while len(means) > 1 and means[-2] > means[-1]:
            mass = masses[-2] + masses[-1]
            mean = (means[-2] * masses[-2] + means[-1] * masses[-1]) / mass
            count = counts[-2] + counts[-1]
            del means[-1], masses[-1], counts[-1]
            means[-1], masses[-1], counts[-1] = mean, mass, count
    result: list[float] = []
    for mean, count in zip(means, counts, strict=True):
        result.extend([mean] * count)
    return result
