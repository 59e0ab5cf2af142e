"""Relations in an order where each undercut comes after the relation it targets.

An undercut needs its target first: to count in an evaluation, to find its primary key
in an import. Resolving them in rounds, each taking those whose targets were resolved
in the round before, takes one round per link of an undercut chain: quadratic.
"""

from __future__ import annotations

from collections.abc import Sequence

from argline.model.entities import Relation, RelationType


def targets_first(relations: Sequence[Relation]) -> list[Relation]:
    """Return the relations, each undercut after the one it targets among them.

    Otherwise the given order is kept as far as it can be. Undercuts in a cycle come
    in the order the cycle is met, so one of them always precedes its target. Each
    relation is visited once however long its chain of undercuts: linear time.
    """
    undercut = RelationType.UNDERCUT
    index_of = {relation.id: n for n, relation in enumerate(relations)}
    placed = [False] * len(relations)
    ordered: list[Relation] = []
    for start, relation in enumerate(relations):
        if placed[start]:
            continue
        if relation.type is not undercut:  # needs nothing first: most relations
            placed[start] = True
            ordered.append(relation)
            continue
        chain = [start]  # from ``start`` up its targets, to the first one placed
        walking = {start}
        at = index_of.get(relation.target)
        while at is not None and not placed[at] and at not in walking:
            chain.append(at)
            walking.add(at)
            target = relations[at]
            at = index_of.get(target.target) if target.type is undercut else None
        for n in reversed(chain):
            placed[n] = True
            ordered.append(relations[n])
    return ordered
