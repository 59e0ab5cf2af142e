"""Return which card of an argument map sits below which: the graph every map layout reads.

Each claim is drawn below the claims it supports or attacks. An undercut attacks a
relation, so its source is drawn beside the source of the relation it undercuts, as
a child of that relation's target. Siblings keep a stable order: supports before
attacks, then the order of their sources in the assessment, an undercutter right
after the claim whose inference it attacks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from argline.model.entities import Relation, RelationType

Point = tuple[float, float]

_RANK = {RelationType.SUPPORT: 0, RelationType.ATTACK: 1, RelationType.UNDERCUT: 1}


@dataclass(frozen=True, slots=True)
class Card:
    """A claim's card as the layout sees it: an id and a size measured by the GUI."""

    id: str
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Spacing:
    """The least gaps between cards side by side, between rows, and between separate trees."""

    horizontal: float = 36.0
    vertical: float = 72.0
    trees: float = 72.0


class MapGraph:
    """The placement graph of one map: ordered parents and children of every card."""

    def __init__(self, ids: Sequence[str], relations: Iterable[Relation]) -> None:
        self.ids = list(ids)
        self.index = {card: i for i, card in enumerate(self.ids)}
        keys: dict[tuple[str, str], tuple[int, ...]] = {}
        by_id = {r.id: r for r in relations}
        for relation in by_id.values():
            placed = self._placement(relation, by_id)
            if placed is None:
                continue
            child, parent, key = placed
            if child != parent:
                keys[(child, parent)] = min(key, keys.get((child, parent), key))
        self.parents: dict[str, list[str]] = {card: [] for card in self.ids}
        self.children: dict[str, list[str]] = {card: [] for card in self.ids}
        for (child, parent), _ in sorted(keys.items(), key=lambda item: item[1]):
            self.children[parent].append(child)
        for child, parent in sorted(keys, key=lambda pair: self.index[pair[1]]):
            self.parents[child].append(parent)
        self.roots = [card for card in self.ids if not self.parents[card]]
        self._walk()

    def _placement(
        self, relation: Relation, by_id: dict[str, Relation]
    ) -> tuple[str, str, tuple[int, ...]] | None:
        index = self.index
        child = relation.source
        if relation.targets_relation:
            undercut = by_id.get(relation.target)
            if undercut is None or undercut.targets_relation:
                return None
            parent, beside = undercut.target, undercut.source
            if child not in index or parent not in index or beside not in index:
                return None
            return child, parent, (_RANK[undercut.type], index[beside], 1, index[child])
        if child not in index or relation.target not in index:
            return None
        return child, relation.target, (_RANK[relation.type], index[child], 0, index[child])

    def is_tree_like(self) -> bool:
        """Return True when every card is reached from a root and shares no two roots' trees.

        Such a map is laid out as the tree of first parents; a claim's other parents, all in
        the same tree, are joined by edges that the tree does not place.
        """
        if self.reached_from_roots != len(self.ids):
            return False
        root_of: dict[str, str] = {}
        for card in self.order:
            parent = self.first_parent[card]
            root_of[card] = card if parent is None else root_of[parent]
        return all(
            root_of[parent] == root_of[card]
            for card, parents in self.parents.items()
            for parent in parents
        )

    def _walk(self) -> None:
        # Depth first from the roots in source order, then from any card that a cycle keeps
        # out of their reach: every card once, parents before children, each under the card
        # it was first reached from.
        self.order: list[str] = []
        self.first_parent: dict[str, str | None] = {}
        for root in self.roots:
            self._visit(root)
        self.reached_from_roots = len(self.order)
        for card in self.ids:
            if card not in self.first_parent:
                self._visit(card)

    def _visit(self, start: str) -> None:
        self.first_parent[start] = None
        stack = [start]
        while stack:
            card = stack.pop()
            self.order.append(card)
            for child in reversed(self.children[card]):
                if child not in self.first_parent:
                    self.first_parent[child] = card
                    stack.append(child)
