"""A linked reason holds only while every premise is in and its inference stands."""

from __future__ import annotations

from argline.model.entities import Assumption, Claim, ClaimRole, Relation, RelationType
from argline.model.evaluation import Status, evaluate

IN, OUT, UNDECIDED = Status.IN, Status.OUT, Status.UNDECIDED
SUPPORT, ATTACK, UNDERCUT = RelationType.SUPPORT, RelationType.ATTACK, RelationType.UNDERCUT


def _claims(*ids: str, rejected: tuple[str, ...] = ()) -> list[Claim]:
    return [
        Claim(i, "a", f"claim {i}", ClaimRole.REASON, assumption=Assumption.REJECTED)
        if i in rejected
        else Claim(i, "a", f"claim {i}", ClaimRole.REASON)
        for i in ids
    ]


LINKED = Relation("why", "p1", "c", SUPPORT, co_premises=("p2", "p3"))


def test_a_linked_support_carries_while_every_premise_is_in() -> None:
    evaluation = evaluate(_claims("p1", "p2", "p3", "c"), [LINKED])
    assert evaluation.carries("why")
    assert evaluation.relations["why"] is IN


def test_an_attack_on_any_one_premise_defeats_a_linked_support() -> None:
    for premise in LINKED.premises:
        attack = Relation("x>p", "x", premise, ATTACK)
        evaluation = evaluate(_claims("p1", "p2", "p3", "c", "x"), [LINKED, attack])
        assert evaluation.status(premise) is OUT
        assert not evaluation.carries("why"), premise
        assert evaluation.relations["why"] is OUT


def test_an_undercut_of_the_inference_defeats_a_linked_support() -> None:
    undercut = Relation("u", "x", "why", UNDERCUT)
    evaluation = evaluate(_claims("p1", "p2", "p3", "c", "x"), [LINKED, undercut])
    assert not evaluation.carries("why")
    assert {p: evaluation.status(p) for p in LINKED.premises} == dict.fromkeys(LINKED.premises, IN)


def test_a_premise_left_undecided_by_a_cycle_keeps_a_linked_support_from_carrying() -> None:
    cycle = [Relation("x>p2", "x", "p2", ATTACK), Relation("p2>x", "p2", "x", ATTACK)]
    evaluation = evaluate(_claims("p1", "p2", "p3", "c", "x"), [LINKED, *cycle])
    assert evaluation.relations["why"] is UNDECIDED
    assert not evaluation.carries("why")


def test_a_single_support_still_carries_whatever_its_premise() -> None:
    single = Relation("s", "p1", "c", SUPPORT)
    evaluation = evaluate(_claims("p1", "c", rejected=("p1",)), [single])
    assert evaluation.carries("s")


def test_a_linked_attack_succeeds_only_when_all_its_premises_are_in() -> None:
    attack = Relation("against", "p1", "c", ATTACK, co_premises=("p2",))
    assert evaluate(_claims("p1", "p2", "c"), [attack]).status("c") is OUT
    one_out = evaluate(_claims("p1", "p2", "c", rejected=("p2",)), [attack])
    assert one_out.status("c") is IN
    assert not one_out.carries("against")


def test_a_reinstated_premise_brings_the_linked_attack_back() -> None:
    attack = Relation("against", "p1", "c", ATTACK, co_premises=("p2",))
    on_p2 = Relation("x>p2", "x", "p2", ATTACK)
    on_x = Relation("y>x", "y", "x", ATTACK)
    evaluation = evaluate(_claims("p1", "p2", "c", "x", "y"), [attack, on_p2, on_x])
    assert [evaluation.status(i) for i in ("y", "x", "p2", "c")] == [IN, OUT, IN, OUT]


def test_a_linked_reason_naming_an_unknown_premise_is_ignored() -> None:
    attack = Relation("against", "p1", "c", ATTACK, co_premises=("gone",))
    assert evaluate(_claims("p1", "c"), [attack]).status("c") is IN
