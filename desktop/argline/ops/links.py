"""Link a claim to an event it rests on, and unlink it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from argline.ops.changes import Changes, OpResult
from argline.ops.errors import EditRefused
from argline.ops.rows import row_by_key
from argline.store.schema import ClaimEventRow, ClaimRow, EventRow


@dataclass(frozen=True, slots=True)
class LinkClaimEvent:
    claim_id: str
    event_id: str
    label: str = "Link claim to event"

    def apply(self, session: Session) -> OpResult:
        claim = row_by_key(session, ClaimRow, self.claim_id, "claim")
        event = row_by_key(session, EventRow, self.event_id, "event")
        if session.get(ClaimEventRow, (claim.id, event.id)) is not None:
            raise EditRefused(f"claim {self.claim_id!r} rests on {self.event_id!r} already")
        session.add(ClaimEventRow(claim_id=claim.id, event_id=event.id))
        session.flush()
        return OpResult(
            _changes(self.claim_id, self.event_id), UnlinkClaimEvent(self.claim_id, self.event_id)
        )


@dataclass(frozen=True, slots=True)
class UnlinkClaimEvent:
    claim_id: str
    event_id: str
    label: str = "Unlink claim from event"

    def apply(self, session: Session) -> OpResult:
        claim = row_by_key(session, ClaimRow, self.claim_id, "claim")
        event = row_by_key(session, EventRow, self.event_id, "event")
        link = session.get(ClaimEventRow, (claim.id, event.id))
        if link is None:
            raise EditRefused(f"claim {self.claim_id!r} does not rest on {self.event_id!r}")
        session.delete(link)
        session.flush()
        return OpResult(
            _changes(self.claim_id, self.event_id), LinkClaimEvent(self.claim_id, self.event_id)
        )


def _changes(claim_id: str, event_id: str) -> Changes:
    return Changes(
        claims=frozenset({claim_id}),
        events=frozenset({event_id}),
        links=frozenset({(claim_id, event_id)}),
    )
