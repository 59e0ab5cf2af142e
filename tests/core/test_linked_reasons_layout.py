"""A linked reason on the map: its premises side by side, joined into one arrow (as in
Rationale), and no stem or arrow passing behind a card it does not join."""

from __future__ import annotations

import itertools
import math
import random

import pytest
from test_edge_routes import _passes_inside

from argline.layout.edge_routes import Link, Router, joint, route_all
from argline.layout.map_graph import MapGraph
from argline.layout.map_layout import Card, lay_out
from argline.model.entities import Relation, RelationType

Box = tuple[float, float, float, float]
SUPPORT, ATTACK, UNDERCUT = RelationType.SUPPORT, RelationType.ATTACK, RelationType.UNDERCUT


def _boxes(cards: list[Card], relations: list[Relation]) -> dict[str, Box]:
    at = lay_out(cards, relations)
    return {c.id: (*at[c.id], at[c.id][0] + c.width, at[c.id][1] + c.height) for c in cards}


def _links(relations: list[Relation]) -> list[Link]:
    return [Link(r.id, r.source, r.target, co_sources=r.co_premises) for r in relations]


def _generated(count: int, seed: int, *, shared: float = 0.0) -> tuple[list[Card], list[Relation]]:
    """Return a map of ``count`` claims whose reasons are single or linked (2–4 premises),
    some linked reasons undercut by a claim of its own; with ``shared``, that share of the
    claims also supports a second claim (the map is then laid out in layers)."""
    rnd = random.Random(seed)
    cards = [Card(f"c{i}", 240.0, 40.0 + 17 * rnd.randint(1, 5)) for i in range(count)]
    relations: list[Relation] = []
    i = 1
    while i < count:
        if rnd.random() < shared * 2:  # a claim of a tree of its own
            i += 1
            continue
        parent = f"c{rnd.randrange(i)}"
        width = min(rnd.choice([1, 1, 2, 3, 4]), count - i)
        premises = [f"c{i + k}" for k in range(width)]
        kind = ATTACK if rnd.random() < 0.25 else SUPPORT
        relations.append(Relation(f"r{i}", premises[0], parent, kind, tuple(premises[1:])))
        i += width
        if width > 1 and i < count and rnd.random() < 0.2:
            relations.append(Relation(f"u{i}", f"c{i}", f"r{i - width}", UNDERCUT))
            i += 1
        if i > 10 and i < count and rnd.random() < shared:
            relations.append(Relation(f"s{i}", f"c{i - 1}", f"c{rnd.randrange(i - 1)}", SUPPORT))
    return cards, relations


@pytest.mark.parametrize("shared", [0.0, 0.05], ids=["tree", "layers"])
def test_co_premises_stand_side_by_side_in_one_row_with_no_card_between(shared: float) -> None:
    checked, laid_in_layers = 0, False
    for seed in range(5):
        cards, relations = _generated(80, seed, shared=shared)
        boxes = _boxes(cards, relations)
        graph = MapGraph([c.id for c in cards], relations)
        laid_in_layers = laid_in_layers or not graph.is_tree_like()
        # A premise that also supports another claim stands under the first one the walk
        # reaches it from: only reasons whose premises are theirs alone are kept together.
        alone = [
            r
            for r in relations
            if r.linked and all(graph.parents[p] == [r.target] for p in r.premises)
        ]
        checked += len(alone)
        for relation in alone:
            row = [boxes[p] for p in relation.premises]
            assert len({box[1] for box in row}) == 1, relation  # one row, tops aligned
            assert [box[0] for box in row] == sorted(box[0] for box in row)  # in their order
            left, right = row[0][0], row[-1][2]
            between = [
                c
                for c, box in boxes.items()
                if c not in relation.premises and box[1] == row[0][1] and left < box[0] < right
            ]
            assert not between, relation
    assert checked > 40
    assert laid_in_layers == bool(shared)


def test_a_linked_reason_is_one_arrow_from_the_joint_its_premises_meet_at() -> None:
    cards = [Card("c", 240, 60), *(Card(f"p{n}", 240, 60) for n in range(3))]
    relation = Relation("r", "p0", "c", SUPPORT, ("p1", "p2"))
    boxes = _boxes(cards, [relation])
    (link,) = _links([relation])
    arrow, *stems = Router(boxes, [link]).route_linked(
        link, [boxes[p] for p in relation.premises], boxes["c"]
    )
    meet = joint([boxes[p] for p in relation.premises], boxes["c"])
    assert len(stems) == 3
    assert all(stem[-1] == meet for stem in stems)
    assert arrow[0] == meet
    left, _, right, bottom = boxes["c"]
    assert left < arrow[-1][0] < right
    assert arrow[-1][1] == bottom  # into the conclusion's lower side, once
    assert all(stem[0][1] == boxes[p][1] for stem, p in zip(stems, relation.premises, strict=True))
    assert route_all(boxes, [link]) == {"r": arrow}


@pytest.mark.parametrize("shared", [0.0, 0.05], ids=["tree", "layers"])
def test_no_arrow_or_stem_passes_behind_a_card_it_does_not_join(shared: float) -> None:
    for seed in range(3):
        cards, relations = _generated(100, seed, shared=shared)
        boxes = _boxes(cards, relations)
        links = _links(relations)
        router = Router(boxes, links)
        routes = route_all(boxes, links)
        assert set(routes) == {r.id for r in relations}
        by_link = {link.id: link for link in links}
        for relation in relations:
            link = by_link[relation.id]
            ends = {*relation.premises, relation.target}
            paths = [routes[relation.id]]
            if relation.linked:
                premises = [boxes[p] for p in relation.premises]
                paths = router.route_linked(link, premises, boxes[relation.target])
            for points in paths:
                for a, b in itertools.pairwise(points):
                    for card, box in boxes.items():
                        if card not in ends and _passes_inside(a, b, box):
                            raise AssertionError((seed, relation.id, card))


def test_a_joint_lies_between_its_premises_just_above_them() -> None:
    premises = [(0.0, 100.0, 100.0, 160.0), (140.0, 100.0, 240.0, 150.0)]
    assert joint(premises, (60.0, 0.0, 180.0, 40.0)) == (120.0, 86.0)
    assert math.isclose(joint(premises, (60.0, 300.0, 180.0, 340.0))[1], 174.0)


DRAGGED = {
    "stacked": {  # p1 dragged right above p0: p0's stem would run behind it
        "c": (300.0, -300.0, 540.0, -240.0),
        "p0": (0.0, 200.0, 240.0, 260.0),
        "p1": (0.0, 0.0, 240.0, 60.0),
        "p2": (600.0, 100.0, 840.0, 160.0),
    },
    "between": {  # p1 between the joint and the conclusion: the arrow would run behind it
        "c": (772.0, 447.0, 1012.0, 507.0),
        "p0": (-337.0, 554.0, -97.0, 614.0),
        "p1": (63.0, 213.0, 303.0, 273.0),
        "p2": (305.0, 560.0, 545.0, 620.0),
    },
}


@pytest.mark.parametrize("placed", DRAGGED)
def test_premises_dragged_apart_are_passed_by_the_stems_and_the_arrow(placed: str) -> None:
    """Each stem joins its own premise only, the arrow its conclusion only: one drawn behind
    a co-premise's card would read as resting on it."""
    boxes: dict[str, Box] = DRAGGED[placed]
    relation = Relation("r", "p0", "c", SUPPORT, ("p1", "p2"))
    (link,) = _links([relation])
    arrow, *stems = Router(boxes, [link]).route_linked(
        link, [boxes[p] for p in relation.premises], boxes["c"]
    )
    for path, own in ((arrow, "c"), *zip(stems, relation.premises, strict=True)):
        for a, b in itertools.pairwise(path):
            for card, box in boxes.items():
                assert card == own or not _passes_inside(a, b, box), (own, card)
