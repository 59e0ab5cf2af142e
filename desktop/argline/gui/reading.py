"""The Reader beside the map: it follows the map's assessment, and its requests become edits.

A claim made from a selection goes on the map answering the claim selected there (a
reason supports it, an objection or a rebuttal attacks it; a main contention or a
conclusion answers none), its text the selected words, open for the analyst to
paraphrase; the status bar says what it answers. A click on a
highlight selects its claim everywhere; a claim selected anywhere is scrolled to.
Each request is one undo step through the window's history.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

# The edits and ORM queries import SQLAlchemy, which the first window is drawn
# without: each function here imports those it uses when the user first acts.
from argline.gui.map.view import LARGE_MAP
from argline.gui.reader.locator import passage_locator
from argline.gui.reader.pane import ReaderPane
from argline.gui.view_reads import Choice
from argline.model.date_mentions import DateMention
from argline.model.entities import (
    Assessment,
    Claim,
    ClaimRole,
    Event,
    Relation,
    RelationType,
    SourceDate,
)
from argline.model.ids import new_id
from argline.model.passages import Passage
from argline.ops.changes import Batch, Operation
from argline.ops.plain_reads import read_assessments, read_sourced_events

if TYPE_CHECKING:
    from argline.gui.main_window import MainWindow

# How a new claim answers the claim selected on the map: (relation, from the new claim?).
ANSWERS = {
    ClaimRole.REASON: RelationType.SUPPORT,
    ClaimRole.OBJECTION: RelationType.ATTACK,
    ClaimRole.REBUTTAL: RelationType.ATTACK,
}
ANSWER_WORDS = {RelationType.SUPPORT: "supports", RelationType.ATTACK: "attacks"}


class Reading(QObject):
    """Links the window's Reader pane to its map, its timeline and its edit history."""

    def __init__(self, window: MainWindow, reader: ReaderPane) -> None:
        super().__init__(window)
        self.window = window
        self.reader = reader
        self.assessments: dict[str, Assessment] = {}
        reader.claim_clicked.connect(self._claim_clicked)
        reader.new_claim_requested.connect(self.new_claim)
        reader.cite_requested.connect(self.cite)
        reader.source_date_requested.connect(self.source_date)

    # --- what the Reader shows ------------------------------------------------------------

    def refresh(self, assessment_id: str | None = None) -> None:
        """Show ``assessment_id`` (else the map's first assessment) as the store now holds it:
        at once on a file; on a server, or from a large store, once read on a thread, the
        pane saying so meanwhile."""
        store = self.window.history.store

        def read() -> tuple[tuple[Assessment, ...], tuple[Event, ...]]:
            with store.plain_reading() as cursor:
                return read_assessments(cursor), read_sourced_events(cursor)

        def arrived(read: tuple[tuple[Assessment, ...], tuple[Event, ...]]) -> None:
            self.show_read(assessment_id, *read)

        def failed(why: str) -> None:
            self.reader.show_waiting(False)
            self.window.say(f"Not shown in the Reader: {why}")

        large = self.window.claims_held > LARGE_MAP  # read on a thread, as the map is
        choice = Choice(store, read, arrived, failed, slow=large)
        shown = self.window.view_reads.choose("reader", choice)
        if not shown and assessment_id not in (None, self.reader.assessment_id):
            self.reader.show_waiting(True)

    def show_read(
        self,
        assessment_id: str | None,
        assessments: Iterable[Assessment],
        events: tuple[Event, ...],
    ) -> None:
        """Show ``assessment_id`` (else the map's first) from what was read of the store."""
        if assessment_id is None:
            shown = self.window.map.current_assessments()
            assessment_id = shown[0] if shown else None
        self.assessments = {a.id: a for a in assessments}
        self.reader.show_assessment(self.assessments.get(assessment_id or ""), events)

    def claims_selected(self, claim_ids: list[str]) -> None:
        """Claims were chosen in another view: mark them, and scroll to the first one's passage."""
        chosen = claim_ids[0] if len(claim_ids) == 1 else None
        self.reader.set_selected_claim(chosen)
        self.reader.set_highlighted_claims(claim_ids)
        # Words selected to cite stay selected: the analyst picks the claim, then cites.
        if chosen is not None and not self.reader.text.textCursor().hasSelection():
            self.reader.show_claim(chosen)

    def _claim_clicked(self, claim_id: str) -> None:
        window = self.window
        window.map.select_claims([claim_id])
        window.map.reveal([claim_id])
        window.linker.claims_chosen([claim_id], from_map=True)
        self.reader.set_selected_claim(claim_id)

    # --- what the Reader asks for ---------------------------------------------------------

    def new_claim(self, role: ClaimRole, passage: Passage) -> str | None:
        """Add a claim citing ``passage``, answering the claim selected on the map."""
        from argline.ops.claim_edits import AddClaim
        from argline.ops.relation_edits import AddRelation

        assessment = self._shown()
        if assessment is None:
            return None
        if role is not ClaimRole.MAIN and not assessment.claims:
            role = ClaimRole.MAIN  # the first claim of a map is what the rest answers
        words = passage.exact.split()
        claim = Claim(
            new_id(" ".join(words[:4]), "claim"),
            assessment.id,
            " ".join(words),
            role,
            locator=self._locator(assessment, passage),
            passages=(passage,),
        )
        steps: list[Operation] = [AddClaim(claim)]
        answered = self._answered(assessment)
        said = f"Added a {role.value} citing the passage"
        if role in ANSWERS and answered is not None:
            relation = Relation(new_id("rel", "rel"), claim.id, answered, ANSWERS[role])
            steps.append(AddRelation(relation))
            target = next(c for c in assessment.claims if c.id == answered)
            said += f"; it {ANSWER_WORDS[ANSWERS[role]]} “{_short(target.title or target.text)}”"
        label = f"New {role.value} from selection"
        if self.window.history.try_apply(Batch(tuple(steps), label)) is None:
            return None
        window = self.window
        window.map.select_claims([claim.id])
        window.map.reveal([claim.id])
        window.linker.claims_chosen([claim.id], from_map=True)
        self.reader.set_selected_claim(claim.id)
        window.say(f"{said} (Undo to take it back)")
        window.map.edit_in_place(claim.id, "text")  # analysts paraphrase
        return claim.id

    def cite(self, passage: Passage) -> None:
        """Add ``passage`` to what the claim selected on the map cites."""
        from argline.ops.claim_edits import EditClaim

        assessment = self._shown()
        selected = self._answered(assessment) if assessment else None
        if assessment is None or selected is None:
            self.window.say("Select the claim on the map that the passage supports")
            return
        claim = next(c for c in assessment.claims if c.id == selected)
        if any((p.start, p.end) == (passage.start, passage.end) for p in claim.passages):
            self.window.say("The claim cites that passage already")
            return
        edit = EditClaim(
            claim.id,
            passages=(*claim.passages, passage),
            locator=claim.locator or self._locator(assessment, passage),
            label="Cite passage",
            expected_version=claim.version,
        )
        if self.window.history.try_apply(edit) is not None:
            self.window.say(f"“{_short(claim.title or claim.text)}” now cites the passage")

    def source_date(self, passage: Passage, mentions: tuple[DateMention, ...]) -> None:
        """Ask which event the date in ``passage`` is this source's date of, then record it."""
        from argline.gui.dialogs.source_date_dialog import SourceDateDialog
        from argline.ops.queries import load_events

        assessment = self._shown()
        store = self.window.store  # None while the window shows its first look
        if assessment is None or not mentions or store is None:
            return
        with store.reading() as session:
            events = load_events(session)
        dialog = SourceDateDialog(self.window, mentions, events)
        locator = self._locator(assessment, passage)

        def chosen() -> None:
            mention, event_id = dialog.choice()
            cited = SourceDate(assessment.id, mention.date, locator, (passage,))
            if event_id is None:
                self.window.creating.new_event(mention.date, source_date=cited)
            else:
                self._add_source_date(next(e for e in events if e.id == event_id), cited)

        dialog.accepted.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _add_source_date(self, event: Event, cited: SourceDate) -> None:
        from argline.ops.event_edits import EditEvent

        edit = EditEvent(
            event.id,
            source_dates=(*event.source_dates, cited),
            label="Source date from selection",
            expected_version=event.version,
        )
        if self.window.history.try_apply(edit) is not None:
            shown = cited.date.display()
            self.window.say(f"“{event.title}”: this source gives {shown} (Undo to take it back)")
            self.window.timeline.select_events([event.id])
            self.window.choose_events([event.id])

    # --- helpers ------------------------------------------------------------------------

    def _shown(self) -> Assessment | None:
        return self.assessments.get(self.reader.assessment_id or "")

    def _answered(self, assessment: Assessment) -> str | None:
        """Return the one claim of this assessment selected on the map, if there is one."""
        own = {c.id for c in assessment.claims}
        selected = [c for c in self.window.map.selected_claims() if c in own]
        return selected[0] if len(selected) == 1 else None

    @staticmethod
    def _locator(assessment: Assessment, passage: Passage) -> str:
        return passage_locator(assessment.document, passage) if assessment.document else ""


def _short(text: str, words: int = 8) -> str:
    shown = text.split()
    return " ".join(shown[:words]) + ("…" if len(shown) > words else "")
