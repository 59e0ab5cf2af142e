"""The link index answers both directions of the seed corpus's claim–event links."""

from __future__ import annotations

from argline.model.entities import ClaimEventLink
from argline.model.link_index import LinkIndex
from argline.ops.queries import load_links
from argline.store import Store


def test_both_directions_agree() -> None:
    index = LinkIndex(
        [ClaimEventLink("c1", "e1"), ClaimEventLink("c2", "e1"), ClaimEventLink("c2", "e2")]
    )
    assert index.claims_resting_on(["e1"]) == {"c1", "c2"}
    assert index.claims_resting_on(["e2", "unknown"]) == {"c2"}
    assert index.events_under(["c2"]) == {"e1", "e2"}
    assert index.events_under([]) == set()
    assert index.events_under(["c1"]) == {"e1"}


def test_the_seed_summit_carries_claims_of_both_assessments(seeded_store: Store) -> None:
    with seeded_store.reading() as session:
        links = load_links(session)
    index = LinkIndex(links)
    assert len(links) == 28
    every = index.claims_resting_on({link.event for link in links})
    assert every == {link.claim for link in links}
    assert all(index.claims_resting_on(index.events_under([c])) >= {c} for c in every)
