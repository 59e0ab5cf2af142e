"""What the inspector shows of one item, read in one session: on Qt's thread for a file,
on a reading thread for a server (argline.gui.view_reads)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from argline.model.entities import Assessment, Claim, Event

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class ItemRead:
    """An item the inspector shows, as the store holds it; none of the three if gone."""

    kind: str
    item_id: str
    event: Event | None = None
    assessment: Assessment | None = None
    claim: Claim | None = None
    claims: tuple[Claim, ...] = ()  # the claims resting on the event
    events: tuple[Event, ...] = ()  # every event, for the claim's links
    linked: frozenset[str] = frozenset()  # the events the claim rests on


def read_item(session: Session, kind: str, item_id: str) -> ItemRead:
    """Read what the inspector shows of the item ``item_id`` of ``kind``."""
    from argline.ops.queries import load_assessments, load_events, load_links

    links = load_links(session)
    if kind == "event":
        found = load_events(session, [item_id])
        if not found:
            return ItemRead(kind, item_id)
        claims = {c.id: c for a in load_assessments(session) for c in a.claims}
        resting = tuple(claims[k.claim] for k in links if k.event == item_id)
        return ItemRead(kind, item_id, event=found[0], claims=resting)
    assessments = load_assessments(session)
    if kind == "assessment":
        chosen = [a for a in assessments if a.id == item_id]
        return ItemRead(kind, item_id, assessment=chosen[0] if chosen else None)
    claims = {c.id: c for a in assessments for c in a.claims}
    if kind != "claim" or item_id not in claims:
        return ItemRead(kind, item_id)
    linked = frozenset(k.event for k in links if k.claim == item_id)
    return ItemRead(
        kind, item_id, claim=claims[item_id], events=load_events(session), linked=linked
    )
