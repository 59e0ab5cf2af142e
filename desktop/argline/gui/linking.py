"""Keep the timeline, the map, the browser and the inspector showing one selection.

Every view emits only what the user did, and is set from here without emitting, so a
selection never echoes back; ``_busy`` guards the rest (a view that switches what it
shows while being set). The link index says which claims rest on which events. After
every edit (a link made, an item deleted, an undo) the window calls ``relight``, so
what is lit follows the store and nothing stays lit for what has gone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QObject

from argline.gui.browser import AssessmentBrowser
from argline.gui.inspector import Inspector
from argline.model.link_index import LinkIndex


class TimelineLike(Protocol):
    def select_events(self, ids: Sequence[str]) -> None: ...
    def highlight_events(self, ids: Sequence[str]) -> None: ...
    def reveal(self, ids: Sequence[str]) -> None: ...
    def mark_assessment(self, assessment_id: str | None) -> None: ...
    def title_of(self, event_id: str) -> str | None: ...


class MapLike(Protocol):
    def show_assessment(self, assessment_id: str) -> None: ...
    def show_pair(self, left_id: str, right_id: str) -> None: ...
    def current_assessments(self) -> tuple[str, ...]: ...
    def select_claims(self, ids: Sequence[str]) -> None: ...
    def highlight_claims(self, ids: Sequence[str]) -> None: ...
    def reveal(self, ids: Sequence[str]) -> None: ...


class ViewLinker(QObject):
    """Turns a selection in one view into highlights and selections in the others."""

    def __init__(
        self,
        timeline: TimelineLike,
        map_view: MapLike,
        browser: AssessmentBrowser,
        inspector: Inspector,
        say: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.timeline = timeline
        self.map = map_view
        self.browser = browser
        self.inspector = inspector
        self.say = say
        self.links = LinkIndex()
        self.claims_of_assessment: dict[str, list[str]] = {}
        self._busy = False
        # What the user last chose: "events", "claims" or "assessment", with the ids.
        self._chosen: tuple[str, list[str]] = ("", [])

    def set_data(
        self,
        links: LinkIndex,
        claims_of_assessment: dict[str, list[str]],
    ) -> None:
        self.links = links
        self.claims_of_assessment = claims_of_assessment

    def events_chosen(self, event_ids: list[str]) -> None:
        """The user selected events on the timeline: light up the claims resting on them."""
        if self._busy:
            return
        self._busy = True
        try:
            self._chosen = ("events", list(event_ids))
            claims = sorted(self.links.claims_resting_on(event_ids))
            self.timeline.highlight_events([])  # what earlier claims rested on
            self._show_claims_lit(claims)
            if len(event_ids) == 1:
                self.inspector.show_event(event_ids[0])
            elif not event_ids:
                self.inspector.show_nothing()
            message = self._resting_message(event_ids, claims)
            self.browser.highlight_claims(claims, message)
            if message:
                self.say(message)
        finally:
            self._busy = False

    def claims_chosen(self, claim_ids: list[str], *, from_map: bool = False) -> None:
        """The user selected claims (in the map or the browser): light up their events.

        A choice in the browser also brings the claims into view on the map, switching
        it to their assessment when it shows another.
        """
        if self._busy:
            return
        self._busy = True
        try:
            self._chosen = ("claims", list(claim_ids))
            if not from_map:
                owners = {self.browser.assessment_of(c) for c in claim_ids} - {None}
                if owners and not owners & set(self.map.current_assessments()):
                    self.map.show_assessment(sorted(owners)[0])
            self.map.select_claims(claim_ids)
            if not from_map:
                self.map.reveal(claim_ids)
            self.browser.select_claims(claim_ids)
            events = sorted(self.links.events_under(claim_ids))
            self.timeline.select_events([])
            self.timeline.highlight_events(events)
            if events:
                self.timeline.reveal(events)
            if len(claim_ids) == 1:
                self.inspector.show_claim(claim_ids[0])
            self.browser.highlight_claims([], "")
            self.map.highlight_claims([])
            self.say(f"The selected claims rest on {_count(len(events), 'event')}")
        finally:
            self._busy = False

    def assessment_chosen(self, assessment_id: str) -> None:
        """The user chose an assessment: show its map, mark its date, stress its events."""
        if self._busy:
            return
        self._busy = True
        try:
            self._chosen = ("assessment", [assessment_id])
            if assessment_id not in self.map.current_assessments():
                self.map.show_assessment(assessment_id)
            self.timeline.mark_assessment(assessment_id)
            events = sorted(
                self.links.events_under(self.claims_of_assessment.get(assessment_id, []))
            )
            self.timeline.select_events([])
            self.timeline.highlight_events(events)
            self.browser.highlight_claims([], "")
            self.inspector.show_assessment(assessment_id)
            self.say(f"Its claims rest on {_count(len(events), 'event')}")
        finally:
            self._busy = False

    def relight(self) -> None:
        """Light up again what rests on the user's last choice, as the store now links it.

        Items deleted meanwhile drop out of the choice; nothing is selected, shown or
        revealed anew, so the user's view stays where it is.
        """
        kind, ids = self._chosen
        known = {c for claims in self.claims_of_assessment.values() for c in claims}
        if kind == "events":
            ids = [e for e in ids if self.timeline.title_of(e) is not None]
            claims = sorted(self.links.claims_resting_on(ids))
            self.timeline.highlight_events([])
            self.map.highlight_claims(claims)
            self.browser.highlight_claims(claims, self._resting_message(ids, claims))
        elif kind == "claims":
            ids = [c for c in ids if c in known]
            self.timeline.highlight_events(sorted(self.links.events_under(ids)))
        elif kind == "assessment":
            ids = [a for a in ids if a in self.claims_of_assessment]
            claims = [c for a in ids for c in self.claims_of_assessment[a]]
            self.timeline.highlight_events(sorted(self.links.events_under(claims)))
        self._chosen = (kind, ids)

    def _resting_message(self, event_ids: list[str], claims: list[str]) -> str:
        """Return what the browser says of the claims resting on the chosen events."""
        if not event_ids:
            return ""
        if len(event_ids) == 1:
            title = self.timeline.title_of(event_ids[0]) or event_ids[0]
            return f"{_count(len(claims), 'claim')} {_rest(claims)} on “{title}”"
        return f"{_count(len(claims), 'claim')} {_rest(claims)} on {len(event_ids)} events"

    def _show_claims_lit(self, claims: list[str]) -> None:
        """Highlight claims on the map, switching it to the assessments that hold them.

        Claims of one assessment show its map; claims of two or more show the two that
        hold most of them side by side, with the links between them drawn across.
        """
        self.map.select_claims([])
        owners = [o for o in map(self.browser.assessment_of, claims) if o is not None]
        ranked = sorted(set(owners), key=lambda o: (-owners.count(o), owners.index(o)))
        shown = self.map.current_assessments()
        if len(ranked) >= 2 and not set(ranked[:2]) <= set(shown):
            self.map.show_pair(ranked[0], ranked[1])
        elif len(ranked) == 1 and ranked[0] not in shown:
            self.map.show_assessment(ranked[0])
        if ranked:
            self.timeline.mark_assessment(ranked[0])
        self.map.highlight_claims(claims)
        if claims:
            self.map.reveal(claims)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _rest(claims: list[str]) -> str:
    return "rests" if len(claims) == 1 else "rest"
