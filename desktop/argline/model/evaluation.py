"""Which claims stand: grounded semantics over attacks, with undercuts and assumptions.

A claim is *in* when every attack on it fails, *out* when some attack on it
succeeds, and *undecided* otherwise (as in attack cycles). An attack succeeds when
its source claim is in and the attack itself stands; an undercut attacks the
inference of a relation, so a relation stands when every undercut of it fails and
falls when some undercut of it succeeds. Supports carry no defeat: they only show
what a claim rests on, and a support that falls to an undercut is drawn as not
carrying. An assumption fixes a claim's status, whatever attacks it.

The statuses are the least fixed point of these rules in the order
undecided < in, out (Kleene's three-valued logic), reached by propagation from the
claims nothing can defeat: this is Dung's grounded labelling, extended to attacks
on relations. Each claim and relation is visited a bounded number of times, so the
evaluation is linear in the size of the map.
"""

from __future__ import annotations

import enum
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from argline.model.entities import Assumption, Claim, Relation, RelationType
from argline.model.relation_order import targets_first


class Status(enum.StrEnum):
    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The status of every claim, and whether each relation stands against its undercuts."""

    claims: Mapping[str, Status]
    relations: Mapping[str, Status]

    def status(self, claim_id: str) -> Status:
        return self.claims.get(claim_id, Status.UNDECIDED)

    def carries(self, relation_id: str) -> bool:
        """Return False when an undercut of the relation succeeds: it no longer carries."""
        return self.relations.get(relation_id, Status.IN) is not Status.OUT


# Three kinds of node in the propagation network, all three-valued:
#   claim    in when all incoming attack nodes are out (a NOR), unless an assumption fixes it;
#   stands   a relation's inference: in when all undercut nodes on it are out (a NOR);
#   attack   an attack or undercut that succeeds: in when its source claim and its own
#            inference are both in, out when either is out (an AND).
_CLAIM, _STANDS, _ATTACK = "c", "s", "a"
Node = tuple[str, str]


def evaluate(claims: Iterable[Claim], relations: Iterable[Relation]) -> Evaluation:
    """Return the grounded statuses of ``claims``; relations to unknown claims are ignored."""
    claim_list = list(claims)
    known = {c.id for c in claim_list}
    usable = _usable_relations(known, relations)
    nor_inputs: dict[Node, list[Node]] = defaultdict(list)  # NOR node -> its attack nodes
    feeds: dict[Node, list[Node]] = defaultdict(list)  # node -> the nodes it is an input of
    for relation in usable.values():
        if relation.type is RelationType.SUPPORT:
            continue
        attack = (_ATTACK, relation.id)
        for source in ((_CLAIM, relation.source), (_STANDS, relation.id)):
            feeds[source].append(attack)
        victim = (
            (_STANDS, relation.target) if relation.targets_relation else (_CLAIM, relation.target)
        )
        nor_inputs[victim].append(attack)
        feeds[attack].append(victim)
    nodes = [(_CLAIM, c.id) for c in claim_list] + [(_STANDS, r) for r in usable]
    nodes += [(_ATTACK, r.id) for r in usable.values() if r.type is not RelationType.SUPPORT]
    fixed = {(_CLAIM, c.id): _ASSUMED[c.assumption] for c in claim_list if c.assumption}
    labels = _propagate(nodes, nor_inputs, feeds, fixed)
    return Evaluation(
        claims={c.id: labels.get((_CLAIM, c.id), Status.UNDECIDED) for c in claim_list},
        relations={r: labels.get((_STANDS, r), Status.UNDECIDED) for r in usable},
    )


_ASSUMED = {Assumption.ACCEPTED: Status.IN, Assumption.REJECTED: Status.OUT}


def _usable_relations(known: set[str], relations: Iterable[Relation]) -> dict[str, Relation]:
    """Return the relations between known claims, and the undercuts of those, by id."""
    usable: dict[str, Relation] = {}
    for relation in targets_first(list(relations)):  # an undercut counts when its target does
        if relation.source not in known:
            continue
        if relation.target in (usable if relation.targets_relation else known):
            usable[relation.id] = relation
    return usable


def _propagate(
    nodes: list[Node],
    nor_inputs: Mapping[Node, list[Node]],
    feeds: Mapping[Node, list[Node]],
    fixed: Mapping[Node, Status],
) -> dict[Node, Status]:
    """Return the label of every node that the rules force; the rest stay undecided."""
    labels: dict[Node, Status] = {}
    # For a NOR node: how many inputs are not yet out. For an AND node: how many not yet in.
    waiting = {node: len(nor_inputs.get(node, ())) for node in nodes if node[0] != _ATTACK}
    waiting.update({node: 2 for node in nodes if node[0] == _ATTACK})
    queue: deque[tuple[Node, Status]] = deque(fixed.items())
    queue.extend((node, Status.IN) for node, count in waiting.items() if count == 0)
    while queue:
        node, status = queue.popleft()
        if node in labels:
            continue
        labels[node] = status
        for consumer in feeds.get(node, ()):
            if consumer in labels or consumer in fixed:
                continue
            forced = _forced(consumer, status, waiting)
            if forced is not None:
                queue.append((consumer, forced))
    return labels


def _forced(consumer: Node, input_status: Status, waiting: dict[Node, int]) -> Status | None:
    """Return the status one newly known input forces on ``consumer``, if any yet."""
    if consumer[0] == _ATTACK:  # AND: any input out makes it out; both in make it in
        if input_status is Status.OUT:
            return Status.OUT
        waiting[consumer] -= 1
        return Status.IN if waiting[consumer] == 0 else None
    if input_status is Status.IN:  # NOR: any input in makes it out; all out make it in
        return Status.OUT
    waiting[consumer] -= 1
    return Status.IN if waiting[consumer] == 0 else None
