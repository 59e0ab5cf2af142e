"""Which claims stand: grounded semantics over attacks, undercuts and assumptions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argline.cli import main
from argline.model.entities import Assumption, Claim, ClaimRole, Relation, RelationType
from argline.model.evaluation import Status, evaluate
from argline.ops.claim_edits import EditClaim
from argline.ops.evaluation import claim_statuses
from argline.ops.relation_edits import AddRelation
from argline.ops.running import run
from argline.store import Store, StoreError

IN, OUT, UNDECIDED = Status.IN, Status.OUT, Status.UNDECIDED


def _claims(*ids: str, assumptions: dict[str, Assumption] | None = None) -> list[Claim]:
    assumed = assumptions or {}
    return [Claim(i, "a", f"claim {i}", ClaimRole.REASON, assumption=assumed.get(i)) for i in ids]


def _attacks(*pairs: tuple[str, str]) -> list[Relation]:
    return [Relation(f"{s}>{t}", s, t, RelationType.ATTACK) for s, t in pairs]


def _statuses(claims: list[Claim], relations: list[Relation]) -> dict[str, Status]:
    return dict(evaluate(claims, relations).claims)


def test_an_unattacked_claim_is_in() -> None:
    assert _statuses(_claims("a"), []) == {"a": IN}


def test_reinstatement_an_attacker_that_is_out_lets_its_victim_stand() -> None:
    statuses = _statuses(_claims("a", "b", "c"), _attacks(("c", "b"), ("b", "a")))
    assert statuses == {"a": IN, "b": OUT, "c": IN}


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_attack_cycles_odd_and_even_are_undecided(length: int) -> None:
    ids = [f"n{i}" for i in range(length)]
    cycle = [(ids[i], ids[(i + 1) % length]) for i in range(length)]
    statuses = _statuses(_claims(*ids, "victim"), _attacks(*cycle, (ids[0], "victim")))
    assert set(statuses.values()) == {UNDECIDED}


def test_a_cycle_attacked_from_outside_is_decided() -> None:
    # x defeats a; then b (attacked only by a) is in, and defeats nothing that comes back.
    statuses = _statuses(_claims("x", "a", "b"), _attacks(("a", "b"), ("b", "a"), ("x", "a")))
    assert statuses == {"x": IN, "a": OUT, "b": IN}


def test_supports_carry_no_defeat() -> None:
    relations = [Relation("s", "a", "b", RelationType.SUPPORT)]
    assert _statuses(_claims("a", "b"), relations) == {"a": IN, "b": IN}


def test_an_undercut_that_is_in_disables_the_attack_it_targets() -> None:
    relations = [*_attacks(("b", "a")), Relation("u", "c", "b>a", RelationType.UNDERCUT)]
    evaluation = evaluate(_claims("a", "b", "c"), relations)
    assert dict(evaluation.claims) == {"a": IN, "b": IN, "c": IN}
    assert not evaluation.carries("b>a")
    assert evaluation.carries("u")


def test_an_undercut_whose_source_is_out_leaves_the_attack_standing() -> None:
    relations = [
        *_attacks(("b", "a"), ("d", "c")),
        Relation("u", "c", "b>a", RelationType.UNDERCUT),
    ]
    evaluation = evaluate(_claims("a", "b", "c", "d"), relations)
    assert evaluation.status("a") is OUT
    assert evaluation.carries("b>a")


def test_a_support_whose_undercutter_is_in_does_not_carry() -> None:
    relations = [
        Relation("s", "b", "a", RelationType.SUPPORT),
        Relation("u", "c", "s", RelationType.UNDERCUT),
    ]
    evaluation = evaluate(_claims("a", "b", "c"), relations)
    assert not evaluation.carries("s")
    assert evaluation.status("a") is IN


def test_an_undercut_in_a_cycle_leaves_the_relation_undecided() -> None:
    relations = [
        *_attacks(("c", "d"), ("d", "c"), ("b", "a")),
        Relation("u", "c", "b>a", RelationType.UNDERCUT),
    ]
    evaluation = evaluate(_claims("a", "b", "c", "d"), relations)
    assert evaluation.relations["b>a"] is UNDECIDED
    assert evaluation.status("a") is UNDECIDED
    assert evaluation.carries("b>a")


def test_assumptions_fix_a_claims_status_whatever_attacks_it() -> None:
    claims = _claims(
        "a", "b", "c", assumptions={"a": Assumption.ACCEPTED, "c": Assumption.REJECTED}
    )
    statuses = _statuses(claims, _attacks(("b", "a"), ("c", "b")))
    # a stands by assumption though b attacks it; c is rejected, so it cannot defeat b.
    assert statuses == {"a": IN, "b": IN, "c": OUT}


def test_an_accepted_assumption_breaks_a_cycle() -> None:
    claims = _claims("a", "b", assumptions={"a": Assumption.ACCEPTED})
    assert _statuses(claims, _attacks(("a", "b"), ("b", "a"))) == {"a": IN, "b": OUT}


def test_relations_to_unknown_claims_are_ignored() -> None:
    relations = [*_attacks(("ghost", "a")), Relation("u", "a", "missing", RelationType.UNDERCUT)]
    assert _statuses(_claims("a"), relations) == {"a": IN}


def test_a_long_chain_is_evaluated_without_recursion() -> None:
    ids = [f"n{i}" for i in range(20_000)]
    statuses = _statuses(_claims(*ids), _attacks(*zip(ids[1:], ids, strict=False)))
    assert statuses["n0"] is (IN if len(ids) % 2 else OUT)
    assert statuses[ids[-1]] is IN


def test_the_seed_undercut_reinstates_the_main_contention(seeded_store: Store) -> None:
    with seeded_store.reading() as session:
        statuses = dict(claim_statuses(session, assessment="rsis-cheang-2018-07"))
    assert len(statuses) == 23
    assert statuses["ch-main"] == "in"
    assert statuses["ch-pro-russian-image"] == "out"
    assert statuses["ch-value-trump"] == "in"


def test_attacks_across_assessments_count(seeded_store: Store) -> None:
    run(seeded_store, AddRelation(Relation("x-att", "ch-main", "ei-main", RelationType.ATTACK)))
    with seeded_store.reading() as session:
        forecast = dict(claim_statuses(session, assessment="expert-insights-2018-07-13"))
        everything = dict(claim_statuses(session))
    assert forecast["ei-main"] == "out"
    assert len(forecast) == 13
    assert len(everything) == 36
    # The forecast's objection attacks a claim of the retrospective across the maps.
    assert everything["ch-expert-talks"] == "out"
    run(seeded_store, EditClaim("ch-main", assumption=Assumption.REJECTED))
    with seeded_store.reading() as session:
        assert dict(claim_statuses(session))["ch-main"] == "out"


def test_an_unknown_assessment_is_refused(seeded_store: Store) -> None:
    with seeded_store.reading() as session, pytest.raises(StoreError, match="nope"):
        claim_statuses(session, assessment="nope")


def test_evaluate_prints_json_for_every_claim(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "e.argline")
    main(["--db", db, "seed"])
    capsys.readouterr()
    assert main(["--db", db, "evaluate", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 36
    assert {"claim": "ch-main", "status": "in"}.items() <= next(
        e for e in listed if e["claim"] == "ch-main"
    ).items()
    assert {entry["status"] for entry in listed} <= {"in", "out", "undecided"}
    assert main(["--db", db, "evaluate", "--assessment", "rsis-cheang-2018-07", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 23
    assert main(["--db", db, "evaluate", "--assessment", "nope"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
