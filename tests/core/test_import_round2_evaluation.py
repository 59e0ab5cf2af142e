"""The map's evaluation in one pass gives what its rules give applied until nothing changes.

``model.evaluation.evaluate`` propagates statuses from the claims nothing can defeat,
visiting each claim and relation a bounded number of times (issue 21, item 6: 100,000
claims in a chain, a star or at random). Here its statuses are compared, on any small
map of attacks, supports, undercuts (in cycles and aimed at nothing too) and
assumptions, with the rules of grounded semantics applied round after round from
"undecided" until a round changes nothing.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argline.model.entities import Assumption, Claim, ClaimRole, Relation, RelationType
from argline.model.evaluation import Status, evaluate

CLAIM_IDS = [f"c{n}" for n in range(6)]


@st.composite
def maps(draw: st.DrawFn) -> tuple[list[Claim], list[Relation]]:
    """Return claims with assumptions now and then, and relations between them or not."""
    claims = [
        Claim(
            claim_id,
            "a",
            "text",
            ClaimRole.REASON,
            assumption=draw(st.none() | st.none() | st.sampled_from(list(Assumption))),
        )
        for claim_id in CLAIM_IDS[: draw(st.integers(1, len(CLAIM_IDS)))]
    ]
    count = draw(st.integers(0, 10))
    relation_ids = [f"r{n}" for n in range(count)]
    relations = []
    for relation_id in relation_ids:
        kind = draw(st.sampled_from(list(RelationType)))
        targets = [*relation_ids, "r-none"] if kind is RelationType.UNDERCUT else CLAIM_IDS
        source = draw(st.sampled_from([*CLAIM_IDS, "c-none"]))
        relations.append(Relation(relation_id, source, draw(st.sampled_from(targets)), kind))
    return claims, relations


def _rounds(claims: list[Claim], relations: list[Relation]) -> dict[str, Status]:
    """Return each claim's status by the rules, applied until a round changes nothing."""
    known = {c.id for c in claims}
    usable: dict[str, Relation] = {}
    while True:
        more = {
            r.id: r
            for r in relations
            if r.source in known and r.target in (usable if r.targets_relation else known)
        }
        if more.keys() == usable.keys():
            break
        usable = more
    claim_status = {c.id: Status.UNDECIDED for c in claims}
    stands = dict.fromkeys(usable, Status.UNDECIDED)

    def attacks_on(target: str, *, on_relation: bool) -> list[Status]:
        """Return whether each attack on ``target`` succeeds (in), fails (out) or neither."""
        found = []
        for r in usable.values():
            if r.type is RelationType.SUPPORT or r.target != target:
                continue
            if r.targets_relation != on_relation:
                continue
            inputs = (claim_status[r.source], stands[r.id])
            if Status.OUT in inputs:
                found.append(Status.OUT)
            elif inputs == (Status.IN, Status.IN):
                found.append(Status.IN)
            else:
                found.append(Status.UNDECIDED)
        return found

    def defended(attacks: list[Status]) -> Status:
        if Status.IN in attacks:
            return Status.OUT
        return Status.IN if all(a is Status.OUT for a in attacks) else Status.UNDECIDED

    assumed = {Assumption.ACCEPTED: Status.IN, Assumption.REJECTED: Status.OUT}
    while True:
        new_claims = {
            c.id: assumed[c.assumption]
            if c.assumption
            else defended(attacks_on(c.id, on_relation=False))
            for c in claims
        }
        new_stands = {r: defended(attacks_on(r, on_relation=True)) for r in usable}
        if new_claims == claim_status and new_stands == stands:
            return claim_status
        claim_status, stands = new_claims, new_stands


@settings(max_examples=400, deadline=None)
@given(maps())
def test_evaluating_any_small_map_gives_what_the_rules_give_round_by_round(
    argument_map: tuple[list[Claim], list[Relation]],
) -> None:
    claims, relations = argument_map
    assert dict(evaluate(claims, relations).claims) == _rounds(claims, relations)
