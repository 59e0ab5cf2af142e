"""Which claims rest on which events, both ways: what the linked views light up."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from argline.model.entities import ClaimEventLink


class LinkIndex:
    """Claim–event links indexed by claim and by event, for lookups in either direction."""

    def __init__(self, links: Iterable[ClaimEventLink] = ()) -> None:
        self._events_of: dict[str, set[str]] = defaultdict(set)
        self._claims_of: dict[str, set[str]] = defaultdict(set)
        for link in links:
            self._events_of[link.claim].add(link.event)
            self._claims_of[link.event].add(link.claim)

    def claims_resting_on(self, event_ids: Iterable[str]) -> set[str]:
        """Return the claims that rest on any of these events."""
        return {c for e in event_ids for c in self._claims_of.get(e, ())}

    def events_under(self, claim_ids: Iterable[str]) -> set[str]:
        """Return the events that any of these claims rests on."""
        return {e for c in claim_ids for e in self._events_of.get(c, ())}
