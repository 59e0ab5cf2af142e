"""Argument-map layout: pure geometry, card sizes as numbers, no screen needed."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from argline.layout.map_layout import Card, MapGraph, Spacing, arrange, columns, lay_out
from argline.model.entities import Relation, RelationType
from argline.ops.evaluation import load_argument_state
from argline.store import Store

SUPPORT, ATTACK, UNDERCUT = RelationType.SUPPORT, RelationType.ATTACK, RelationType.UNDERCUT


def _cards(*ids: str, width: float = 200.0, height: float = 60.0) -> list[Card]:
    return [Card(i, width, height) for i in ids]


def _rel(source: str, target: str, kind: RelationType = SUPPORT, rid: str = "") -> Relation:
    return Relation(rid or f"{source}>{target}", source, target, kind)


def _overlaps(cards: list[Card], positions: dict[str, tuple[float, float]]) -> list[tuple]:
    boxes = [(c.id, positions[c.id][0], positions[c.id][1], c.width, c.height) for c in cards]
    return [
        (a[0], b[0])
        for a, b in itertools.combinations(boxes, 2)
        if a[1] < b[1] + b[3] and b[1] < a[1] + a[3] and a[2] < b[2] + b[4] and b[2] < a[2] + a[4]
    ]


def _centre_x(card: Card, positions: dict[str, tuple[float, float]]) -> float:
    return positions[card.id][0] + card.width / 2


def test_reasons_and_objections_sit_below_what_they_target() -> None:
    cards = _cards("main", "r1", "o1", "rebut")
    relations = [_rel("r1", "main"), _rel("o1", "main", ATTACK), _rel("rebut", "o1", ATTACK)]
    positions = lay_out(cards, relations)
    assert positions["main"][1] < positions["r1"][1] == positions["o1"][1] < positions["rebut"][1]
    assert not _overlaps(cards, positions)


def test_siblings_put_pros_before_cons_then_keep_source_order() -> None:
    cards = _cards("main", "con1", "pro1", "con2", "pro2")
    relations = [
        _rel("con1", "main", ATTACK),
        _rel("pro1", "main"),
        _rel("con2", "main", ATTACK),
        _rel("pro2", "main"),
    ]
    positions = lay_out(cards, relations)
    order = sorted(["con1", "pro1", "con2", "pro2"], key=lambda c: positions[c])
    assert order == ["pro1", "pro2", "con1", "con2"]  # read down each column, then across
    two = lay_out(cards[:3], relations[:2])  # two children side by side
    assert two["pro1"][0] < two["con1"][0]
    assert two["pro1"][1] == two["con1"][1]


def test_many_children_hang_in_columns_below_their_parent() -> None:
    kids = [f"k{i}" for i in range(12)]
    cards = _cards("main", *kids, width=250, height=100)
    positions = lay_out(cards, [_rel(k, "main") for k in kids])
    assert not _overlaps(cards, positions)
    assert all(positions[k][1] > positions["main"][1] + 100 for k in kids)
    columns = {positions[k][0] for k in kids}
    assert 2 <= len(columns) <= 5  # neither one long row nor one long column
    width = max(x for x, _ in positions.values()) + 250 - min(x for x, _ in positions.values())
    assert width < 12 * 250 / 2


def test_a_parent_is_centred_over_its_children() -> None:
    cards = _cards("main", "a", "c")
    positions = lay_out(cards, [_rel(k, "main") for k in "ac"])
    by_id = {c.id: c for c in cards}
    middle = (_centre_x(by_id["a"], positions) + _centre_x(by_id["c"], positions)) / 2
    assert math.isclose(_centre_x(by_id["main"], positions), middle)


def test_cards_of_different_sizes_never_overlap_and_keep_the_gaps() -> None:
    cards = [Card("main", 300, 120), Card("a", 120, 40), Card("b", 260, 200), Card("c", 90, 30)]
    cards += [Card("a1", 250, 80), Card("b1", 250, 80)]
    relations = [_rel("a", "main"), _rel("b", "main"), _rel("c", "main")]
    relations += [_rel("a1", "a"), _rel("b1", "b")]
    spacing = Spacing(horizontal=30, vertical=50)
    positions = lay_out(cards, relations, spacing)
    assert not _overlaps(cards, positions)
    # Each card sits at least the vertical gap below the card it argues about.
    assert positions["a1"][1] >= positions["a"][1] + 40 + 50
    assert positions["b1"][1] >= positions["b"][1] + 200 + 50


def test_an_undercutter_sits_beside_the_claim_whose_inference_it_attacks() -> None:
    cards = _cards("main", "objection", "other", "undercutter")
    relations = [
        _rel("objection", "main", ATTACK, "r-obj"),
        _rel("other", "main"),
        Relation("u", "undercutter", "r-obj", UNDERCUT),
    ]
    positions = lay_out(cards, relations)
    assert not _overlaps(cards, positions)
    # Read down each column, then across: the undercutter comes right after the objection.
    read = sorted(["objection", "other", "undercutter"], key=lambda c: positions[c])
    assert read.index("undercutter") == read.index("objection") + 1
    two = lay_out(cards[:2] + cards[3:], [relations[0], relations[2]])  # side by side
    assert two["undercutter"][1] == two["objection"][1]
    assert two["undercutter"][0] > two["objection"][0]


def test_claims_with_several_parents_are_laid_out_in_layers() -> None:
    cards = _cards("m1", "m2", "shared", "below", "deep")
    relations = [_rel("shared", "m1"), _rel("shared", "m2", ATTACK), _rel("below", "shared")]
    relations.append(_rel("deep", "m1"))
    graph = MapGraph([c.id for c in cards], relations)
    assert not graph.is_tree_like()
    positions = lay_out(cards, relations)
    assert not _overlaps(cards, positions)
    assert positions["shared"][1] > max(positions["m1"][1], positions["m2"][1])
    assert positions["below"][1] > positions["shared"][1]
    # The shared reason sits between the two claims it argues about.
    by_id = {c.id: c for c in cards}
    left, right = sorted(_centre_x(by_id[m], positions) for m in ("m1", "m2"))
    assert left <= _centre_x(by_id["shared"], positions) <= right


def test_attack_cycles_are_laid_out_without_overlap() -> None:
    cards = _cards("a", "b", "c", "d")
    relations = [_rel("a", "b", ATTACK), _rel("b", "c", ATTACK), _rel("c", "a", ATTACK)]
    relations.append(_rel("d", "a"))
    positions = lay_out(cards, relations)
    assert set(positions) == {"a", "b", "c", "d"}
    assert not _overlaps(cards, positions)


def test_tidy_keeps_hand_placed_cards_and_places_the_rest_around_them() -> None:
    cards = _cards("main", "a", "b", "c", "a1")
    relations = [_rel("a", "main"), _rel("b", "main"), _rel("c", "main"), _rel("a1", "a")]
    fresh = lay_out(cards, relations)
    fixed = {"main": (1000.0, 500.0), "b": fresh["a"]}  # b dropped where a would go
    positions = arrange(cards, relations, fixed)
    assert positions["main"] == (1000.0, 500.0)
    assert positions["b"] == fresh["a"]
    assert not _overlaps(cards, positions)
    # The unplaced children follow the main contention they argue about.
    assert positions["c"][1] > positions["main"][1]


def test_a_fresh_layout_is_stable() -> None:
    cards = _cards("main", "a", "b", "c", "a1")
    relations = [_rel("a", "main"), _rel("b", "main", ATTACK), _rel("a1", "a")]
    assert lay_out(cards, relations) == lay_out(list(cards), list(reversed(relations)))


def test_columns_put_maps_side_by_side_tops_aligned() -> None:
    shifts = columns([(-100, 20, 100, 300), None, (50, -40, 250, 100)], gap=60)
    assert shifts[0] == (100, -20)
    assert shifts[1] == (260, 0.0)
    assert shifts[2] == (260 - 50, 40)


def _seed_cards(store: Store) -> list[tuple[list[Card], list[Relation]]]:
    with store.reading() as session:
        state = load_argument_state(session)
    maps = []
    for assessment in state.assessments:
        # Roughly what the screen measures: 232 px of 13 px text, ~36 characters a line.
        cards = [Card(c.id, 257, 40 + 17 * math.ceil(len(c.text) / 36)) for c in assessment.claims]
        maps.append((cards, list(state.relations)))
    return maps


def test_no_card_overlaps_another_in_either_seed_map(seeded_store: Store) -> None:
    maps = _seed_cards(seeded_store)
    assert len(maps) == 2
    for cards, relations in maps:
        positions = lay_out(cards, relations)
        assert set(positions) == {c.id for c in cards}
        assert not _overlaps(cards, positions)


@st.composite
def _maps(draw: st.DrawFn) -> tuple[list[Card], list[Relation], dict[str, tuple[float, float]]]:
    count = draw(st.integers(1, 40))
    sizes = st.tuples(st.integers(60, 320), st.integers(24, 200))
    cards = [Card(f"c{i}", *draw(sizes)) for i in range(count)]
    relations: list[Relation] = []
    for i in range(1, count):
        parents = draw(st.lists(st.integers(0, count - 1), max_size=2, unique=True))
        for p in parents:
            if p != i:
                kind = draw(st.sampled_from([SUPPORT, ATTACK]))
                relations.append(Relation(f"r{len(relations)}", f"c{i}", f"c{p}", kind))
    if relations and draw(st.booleans()):
        target = draw(st.sampled_from(relations))
        source = draw(st.integers(0, count - 1))
        relations.append(Relation("u", f"c{source}", target.id, UNDERCUT))
    fixed_ids = draw(st.lists(st.sampled_from([c.id for c in cards]), unique=True, max_size=4))
    fixed: dict[str, tuple[float, float]] = {}
    for i, card in enumerate(fixed_ids):  # hand-placed cards far apart from each other
        fixed[card] = (i * 1000.0 + draw(st.integers(-50, 50)), draw(st.integers(-200, 600)))
    return cards, relations, fixed


@settings(max_examples=150, deadline=None)
@given(_maps())
def test_generated_maps_never_overlap(generated) -> None:
    cards, relations, fixed = generated
    positions = lay_out(cards, relations)
    assert set(positions) == {c.id for c in cards}
    assert not _overlaps(cards, positions)
    tidied = arrange(cards, relations, fixed)
    assert {k: tidied[k] for k in fixed} == fixed
    assert not _overlaps(cards, tidied)


def test_five_thousand_cards_are_all_laid_out() -> None:
    # How fast: bench/map_layout.py --nodes 5000 (layout_ms).
    cards = [Card(f"c{i}", 250, 60 + (i % 5) * 17) for i in range(5000)]
    relations = [
        _rel(f"c{i}", f"c{(i - 1) // 4}", SUPPORT if i % 3 else ATTACK) for i in range(1, 5000)
    ]
    positions = lay_out(cards, relations)
    assert set(positions) == {card.id for card in cards}
