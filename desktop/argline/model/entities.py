"""Frozen snapshots of what the store holds: events, eras, assessments, claims, relations.

Everything above the store works with these, never with ORM objects, so a view can
keep them across user actions without holding a database session open. Each item's
``id`` is its exchange-format id (the file's own string), the one identity used
everywhere from the CLI to the GUI.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from argline.model.dates import HistoricalDate
from argline.model.lanes import Lane, lane_name
from argline.model.passages import Passage, SourceDocument


class AssessmentKind(enum.StrEnum):
    FORECAST = "forecast"
    RETROSPECTIVE = "retrospective"
    OTHER = "other"


class ClaimRole(enum.StrEnum):
    MAIN = "main"
    REASON = "reason"
    OBJECTION = "objection"
    REBUTTAL = "rebuttal"
    CONCLUSION = "conclusion"


class RelationType(enum.StrEnum):
    SUPPORT = "support"
    ATTACK = "attack"
    UNDERCUT = "undercut"


class Assumption(enum.StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class SourceDate:
    """The date one source gives an event, beside the date the analyst accepts."""

    source: str
    date: HistoricalDate
    locator: str = ""
    passages: tuple[Passage, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    title: str
    start: HistoricalDate
    end: HistoricalDate | None = None
    description: str = ""
    category: str = ""
    source_dates: tuple[SourceDate, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()
    version: int = 1

    @property
    def disputed_by(self) -> tuple[SourceDate, ...]:
        """The source dates that disagree with the accepted date at their common precision."""
        return tuple(s for s in self.source_dates if not s.date.agrees_with(self.start))

    @property
    def axis_start(self) -> float:
        return self.start.axis_start()

    @property
    def axis_end(self) -> float:
        return (self.end or self.start).axis_end()


@dataclass(frozen=True, slots=True)
class Era:
    id: str
    title: str
    start: HistoricalDate
    end: HistoricalDate


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    assessment_id: str
    text: str
    role: ClaimRole
    title: str = ""
    locator: str = ""
    position: tuple[float, float] | None = None
    placed_by_hand: bool = False
    assumption: Assumption | None = None
    version: int = 1
    passages: tuple[Passage, ...] = ()


@dataclass(frozen=True, slots=True)
class Assessment:
    id: str
    title: str
    kind: AssessmentKind = AssessmentKind.OTHER
    author: str = ""
    outlet: str = ""
    published: HistoricalDate | None = None
    source: str = ""
    claims: tuple[Claim, ...] = ()
    version: int = 1
    document: SourceDocument | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """A support or attack from one claim to a claim, or an undercut of another relation.

    A linked reason (Rationale's co-premises, Argdown's premise–conclusion structure, an
    AIF RA node with several premises) is one relation whose premises only together
    support or attack: ``source`` is its first premise and ``co_premises`` the others.
    """

    id: str
    source: str
    target: str
    type: RelationType
    co_premises: tuple[str, ...] = ()

    @property
    def targets_relation(self) -> bool:
        return self.type is RelationType.UNDERCUT

    @property
    def premises(self) -> tuple[str, ...]:
        """Every claim the relation starts from: its source, then its co-premises."""
        return (self.source, *self.co_premises)

    @property
    def linked(self) -> bool:
        return bool(self.co_premises)


@dataclass(frozen=True, slots=True)
class ClaimEventLink:
    """The claim rests on the event."""

    claim: str
    event: str


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything in a store (or in an exchange file) at one moment."""

    title: str = ""
    events: tuple[Event, ...] = ()
    eras: tuple[Era, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    relations: tuple[Relation, ...] = ()
    links: tuple[ClaimEventLink, ...] = field(default=())
    # The lanes with their marks: a store's all, those a file names (version 3 on).
    lanes: tuple[Lane, ...] = ()

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for a in self.assessments for c in a.claims)

    def only_assessment(self, assessment_id: str) -> Corpus:
        """Return one assessment with its own relations, its links and the events they name.

        Relations that cross to another assessment's claims are left out, and so are
        undercuts of relations that were left out. Raise KeyError for an unknown id.
        """
        chosen = [a for a in self.assessments if a.id == assessment_id]
        if not chosen:
            raise KeyError(assessment_id)
        claim_ids = {c.id for c in chosen[0].claims}
        kept = {
            r.id
            for r in self.relations
            if not r.targets_relation and claim_ids.issuperset(r.premises) and r.target in claim_ids
        }
        while True:  # undercuts, and undercuts of undercuts, whose target is kept
            more = {
                r.id
                for r in self.relations
                if r.targets_relation
                and r.id not in kept
                and claim_ids.issuperset(r.premises)
                and r.target in kept
            }
            if not more:
                break
            kept |= more
        relations = tuple(r for r in self.relations if r.id in kept)
        links = tuple(k for k in self.links if k.claim in claim_ids)
        event_ids = {k.event for k in links}
        events = tuple(e for e in self.events if e.id in event_ids)
        lanes = {lane_name(e.category) for e in events}
        return Corpus(
            title=chosen[0].title,
            events=events,
            assessments=tuple(chosen),
            relations=relations,
            links=links,
            lanes=tuple(lane for lane in self.lanes if lane.name in lanes),
        )
