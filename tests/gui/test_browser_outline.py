"""The browser's outline: each claim under the first claim it supports or attacks, never
in a cycle, in time linear in the relations, and no deeper than a reader follows (a chain
of 100,000 claims took many minutes to outline, and as long again to outline anew)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argline.gui import browser as browser_module
from argline.gui.browser import MAX_DEPTH, AssessmentBrowser, _outline_parents
from argline.model.entities import Assessment, Claim, ClaimRole, Relation, RelationType

KINDS = (RelationType.SUPPORT, RelationType.ATTACK, RelationType.UNDERCUT)


def _walked(relations: list[Relation]) -> dict[str, str]:
    """The outline's parents as first written: walk up from the parent, looking for the claim."""
    parents: dict[str, str] = {}
    for relation in relations:
        if relation.type is RelationType.UNDERCUT:
            continue
        for premise in relation.premises:
            if premise in parents:
                continue
            ancestor: str | None = relation.target
            while ancestor is not None and ancestor != premise:
                ancestor = parents.get(ancestor)
            if ancestor is None:
                parents[premise] = relation.target
    return parents


relation_lists = st.lists(
    st.tuples(
        st.integers(0, 12),
        st.integers(0, 12),
        st.sampled_from(KINDS),
        st.lists(st.integers(0, 12), max_size=2),
    ),
    max_size=40,
).map(
    lambda rows: [
        Relation(f"r{n}", f"c{a}", f"c{b}", kind, tuple(f"c{p}" for p in co if p != a))
        for n, (a, b, kind, co) in enumerate(rows)
    ]
)


@settings(max_examples=300, deadline=None)
@given(relation_lists)
def test_the_outline_puts_each_claim_where_walking_up_does(relations: list[Relation]) -> None:
    assert _outline_parents(relations) == _walked(relations)


def test_a_long_chain_is_indented_to_a_readable_depth_then_listed(qtbot) -> None:
    count = 20_000  # walking up took 9 s at this length; Qt took 35 s to clear its rows
    claims = tuple(
        Claim(f"c{n}", "a", f"Claim {n}", ClaimRole.MAIN if n == 0 else ClaimRole.REASON)
        for n in range(count)
    )
    relations = [
        Relation(f"r{n}", f"c{n}", f"c{n - 1}", RelationType.SUPPORT) for n in range(1, count)
    ]
    browser = AssessmentBrowser()
    qtbot.addWidget(browser)
    with qtbot.waitSignal(browser.loaded, timeout=20_000):  # a large outline: in slices
        browser.load([Assessment("a", "A chain", claims=claims)], relations)
    item = browser.tree.topLevelItem(0).child(0)
    for n in range(MAX_DEPTH):  # one claim below the next, MAX_DEPTH levels down
        assert item.text(0) == f"Claim {n}"
        assert item.childCount() == 1
        item = item.child(0)
    deepest = item
    assert deepest.text(0) == f"Claim {MAX_DEPTH}"
    assert deepest.childCount() == count - MAX_DEPTH - 1  # the rest, in the chain's order
    assert [deepest.child(n).text(0) for n in (0, 1)] == [
        f"Claim {MAX_DEPTH + 1}",
        f"Claim {MAX_DEPTH + 2}",
    ]
    with qtbot.waitSignal(browser.loaded, timeout=20_000):  # shown again
        browser.load([Assessment("a", "A chain", claims=claims)], relations)
    assert browser.tree.topLevelItem(0).child(0).text(0) == "Claim 0"


def test_a_large_outline_is_built_in_slices_the_old_one_shown_meanwhile(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browser_module, "LARGE_OUTLINE", 10)
    monkeypatch.setattr(browser_module, "SLICE_SECONDS", 0.0)
    small = Assessment("s", "Small", claims=(Claim("s0", "s", "Only claim", ClaimRole.MAIN),))
    browser = AssessmentBrowser()
    qtbot.addWidget(browser)
    browser.load([small], [])
    browser.highlight_claims(["b3"])
    claims = tuple(Claim(f"b{n}", "b", f"Claim {n}", ClaimRole.REASON) for n in range(50))
    browser.load([Assessment("b", "Big", claims=claims)], [])
    assert browser.tree.topLevelItem(0).text(0) == "Small"  # still shown, the rest on its way
    with qtbot.waitSignal(browser.loaded):
        pass
    assert browser.tree.topLevelItem(0).text(0) == "Big"
    assert browser.tree.topLevelItem(0).childCount() == 50
    assert browser.is_highlighted("b3")
    assert not browser.is_highlighted("b4")
