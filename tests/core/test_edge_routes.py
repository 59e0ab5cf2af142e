"""Edge routes on laid-out maps: no edge passes behind a card it does not join, heads apart."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter

from argline.layout.edge_routes import Link, Router, route_all
from argline.layout.map_layout import Card, lay_out
from argline.layout.route_geometry import halfway
from argline.model.entities import Relation, RelationType
from argline.ops.evaluation import load_argument_state
from argline.store import Store

Box = tuple[float, float, float, float]
SUPPORT, ATTACK, UNDERCUT = RelationType.SUPPORT, RelationType.ATTACK, RelationType.UNDERCUT


def _boxes(cards: list[Card], relations: list[Relation]) -> dict[str, Box]:
    positions = lay_out(cards, relations)
    return {
        c.id: (*positions[c.id], positions[c.id][0] + c.width, positions[c.id][1] + c.height)
        for c in cards
    }


def _links(relations: list[Relation], boxes: dict[str, Box]) -> list[Link]:
    drawn = [r for r in relations if r.source in boxes and (r.target in boxes)]
    ids = {r.id for r in drawn}
    undercuts = [
        r for r in relations if r.targets_relation and r.source in boxes and r.target in ids
    ]
    return [Link(r.id, r.source, r.target) for r in drawn + undercuts]


def _passes_inside(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    """Tell whether segment a-b runs through the inside of ``box`` (sampled finely)."""
    steps = max(2, int(math.dist(a, b) / 2))
    left, top, right, bottom = box
    for k in range(steps + 1):
        x = a[0] + (b[0] - a[0]) * k / steps
        y = a[1] + (b[1] - a[1]) * k / steps
        if left + 1 < x < right - 1 and top + 1 < y < bottom - 1:
            return True
    return False


def _crossings(boxes: dict[str, Box], links: list[Link], routes: dict) -> list[tuple[str, str]]:
    found = []
    for link in links:
        points = routes[link.id]
        for a, b in itertools.pairwise(points):
            for card, (left, top, right, bottom) in boxes.items():
                if card in (link.source, link.target):
                    continue
                if max(a[0], b[0]) <= left or min(a[0], b[0]) >= right:
                    continue
                if max(a[1], b[1]) <= top or min(a[1], b[1]) >= bottom:
                    continue
                if _passes_inside(a, b, (left, top, right, bottom)):
                    found.append((link.id, card))
    return found


def _shared_heads(links: list[Link], routes: dict) -> list[tuple[str, tuple[float, float]]]:
    heads = Counter((link.target, routes[link.id][-1]) for link in links)
    return [key for key, count in heads.items() if count > 1]


def _seed_maps(store: Store) -> list[tuple[list[Card], list[Relation]]]:
    with store.reading() as session:
        state = load_argument_state(session)
    return [
        (
            [Card(c.id, 257, 40 + 17 * math.ceil(len(c.text) / 36)) for c in a.claims],
            list(state.relations),
        )
        for a in state.assessments
    ]


def _generated(count: int, seed: int = 18) -> tuple[list[Card], list[Relation]]:
    """Return a bushy map of ``count`` claims, some with a second parent, some undercuts."""
    rnd = random.Random(seed)
    cards = [Card(f"c{i}", 257.0, 40.0 + 17 * rnd.randint(1, 6)) for i in range(count)]
    relations: list[Relation] = []
    for i in range(1, count):
        parent = rnd.randrange(i)
        relations.append(
            Relation(f"r{i}", f"c{i}", f"c{parent}", ATTACK if rnd.random() < 0.3 else SUPPORT)
        )
        if i > 20 and rnd.random() < 0.03 and (other := rnd.randrange(i)) != parent:
            relations.append(Relation(f"s{i}", f"c{i}", f"c{other}", SUPPORT))
        if i > 10 and rnd.random() < 0.015:
            target = rnd.choice([r for r in relations if not r.targets_relation])
            relations.append(Relation(f"u{i}", f"c{i}", target.id, UNDERCUT))
    return cards, relations


def test_no_edge_passes_behind_a_card_in_either_seed_map(seeded_store: Store) -> None:
    for cards, relations in _seed_maps(seeded_store):
        boxes = _boxes(cards, relations)
        links = _links(relations, boxes)
        routes = route_all(boxes, links)
        assert set(routes) == {link.id for link in links}
        assert not _crossings(boxes, links, routes)
        assert not _shared_heads(links, routes)


def test_no_edge_passes_behind_a_card_in_a_generated_500_claim_map() -> None:
    cards, relations = _generated(500)
    boxes = _boxes(cards, relations)
    links = _links(relations, boxes)
    routes = route_all(boxes, links)
    assert len(routes) == len(links)
    assert any(r.targets_relation for r in relations)
    assert len(relations) > 510
    assert not _crossings(boxes, links, routes)
    assert not _shared_heads(links, routes)


def test_a_relation_goes_round_a_card_standing_in_its_way() -> None:
    boxes = {
        "main": (0.0, 0.0, 200.0, 60.0),
        "in-way": (0.0, 140.0, 200.0, 200.0),
        "reason": (0.0, 280.0, 200.0, 340.0),
    }
    link = Link("r", "reason", "main")
    route = route_all(boxes, [link])["r"]
    assert route[0][1] in (280.0, 340.0) or route[0][0] in (0.0, 200.0)  # leaves its own card
    assert route[-1][1] == 60.0  # and ends on the bottom of the claim it supports
    assert not _crossings(boxes, [link], {"r": route})


def test_arrows_into_one_card_end_at_points_of_their_own_in_their_sources_order() -> None:
    boxes = {"main": (200.0, 0.0, 457.0, 60.0)}
    links = []
    for i in range(5):
        boxes[f"k{i}"] = (i * 300.0, 200.0, i * 300.0 + 257.0, 260.0)
        links.append(Link(f"r{i}", f"k{i}", "main"))
    routes = route_all(boxes, links)
    ends = [routes[f"r{i}"][-1] for i in range(5)]
    assert all(y == 60.0 for _, y in ends)
    assert [x for x, _ in ends] == sorted({x for x, _ in ends})  # distinct, left to right
    assert all(200.0 < x < 457.0 for x, _ in ends)


def test_a_link_across_maps_runs_down_its_lane_in_the_gutter() -> None:
    boxes = {"a": (0.0, 0.0, 257.0, 80.0), "b": (600.0, 300.0, 857.0, 380.0)}
    link = Link("x", "a", "b", across=True, lane=430.0)
    route = route_all(boxes, [link])["x"]
    assert route[0] == (257.0, 24.0)  # out of the side facing the other map
    assert route[-1][0] == 600.0  # into the facing side of the other card
    assert (430.0, 24.0) in route


def test_an_undercut_points_at_the_middle_of_the_relation_it_attacks() -> None:
    boxes = {
        "main": (0.0, 0.0, 257.0, 60.0),
        "reason": (0.0, 200.0, 257.0, 260.0),
        "doubt": (400.0, 200.0, 657.0, 260.0),
    }
    links = [Link("r", "reason", "main"), Link("u", "doubt", "r")]
    routes = route_all(boxes, links)
    assert routes["u"][-1] == halfway(routes["r"])


def test_a_dragged_card_is_routed_where_it_stands_now() -> None:
    boxes = {"main": (0.0, 0.0, 257.0, 60.0), "reason": (0.0, 200.0, 257.0, 260.0)}
    link = Link("r", "reason", "main")
    router = Router(boxes, [link])
    route = router.route(link, (300.0, 400.0, 557.0, 460.0), boxes["main"])
    assert route[0][0] == 300.0 or route[0][1] == 400.0  # out of the card where it is now
    assert route[-1][1] == 60.0


def test_ends_too_far_apart_to_follow_keep_their_expected_shape() -> None:
    # A row of cards between two ends 200,000 units apart: a path round them would walk
    # every bucket of the row, and no eye follows it; the side-to-side line stays.
    boxes = {f"k{n}": (1_000.0 + n * 300.0, 0.0, 1_257.0 + n * 300.0, 60.0) for n in range(600)}
    boxes |= {"near": (0.0, 0.0, 257.0, 60.0), "far": (200_000.0, 0.0, 200_257.0, 60.0)}
    route = route_all(boxes, [Link("r", "far", "near")])["r"]
    (start_x, _), (end_x, _) = route  # one straight stretch, side to side
    assert (start_x, end_x) == (200_000.0, 257.0)
