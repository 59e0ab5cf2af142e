"""Return which card of an argument map sits below which: the graph every map layout reads.

Each claim is drawn below the claims it supports or attacks. An undercut attacks a
relation, so its source is drawn beside the source of the relation it undercuts, as
a child of that relation's target. Siblings keep a stable order: supports before
attacks, then the order of their sources in the assessment, an undercutter right
after the claim whose inference it attacks. The premises of a linked reason are
children of its target side by side, in their order, at the place of the first.
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
        # (first premise, target) -> a linked reason's premises, which stand in one row.
        self.co_premises: dict[tuple[str, str], tuple[str, ...]] = {}
        for relation in by_id.values():
            if relation.linked and self._placements(relation, by_id):
                self.co_premises.setdefault((relation.source, relation.target), relation.premises)
        for relation in by_id.values():
            for child, parent, key in self._placements(relation, by_id):
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

    def _placements(
        self, relation: Relation, by_id: dict[str, Relation]
    ) -> list[tuple[str, str, tuple[int, ...]]]:
        index = self.index
        child = relation.source
        if relation.targets_relation:
            undercut = by_id.get(relation.target)
            if undercut is None or undercut.targets_relation:
                return []
            parent, beside = undercut.target, undercut.source
            if child not in index or parent not in index or beside not in index:
                return []
            return [(child, parent, (_RANK[undercut.type], index[beside], 1, index[child]))]
        premises = relation.premises
        if relation.target not in index or not all(p in index for p in premises):
            return []
        rank, first = _RANK[relation.type], index[child]
        if not relation.linked:
            return [(child, relation.target, (rank, first, 0, first))]
        # Co-premises follow the first premise, in their order: side by side in a row.
        return [(p, relation.target, (rank, first, 0, first, n)) for n, p in enumerate(premises)]

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
