"""Find in the main window: what the find bar asks for is searched, lit up and reached.

A part of ``MainWindow`` (a mixin, as the map view's layers are): the search runs on the
window's road for reads, the hits light up in every view, and a chosen hit is selected
and brought into view.
"""

from __future__ import annotations

from argline.gui.view_reads import Choice


class WindowFind:
    """The main window's Find: searched, lit up, gone to."""

    def _search(self, text: str) -> None:
        """Find ``text`` in the store, on a thread for a server; the find bar shows the hits."""
        from argline.ops.queries import find_text  # SQLAlchemy: not before the first paint

        store = self.store
        assert store is not None

        def read() -> tuple[list[str], list[str]]:
            with store.reading() as session:
                return find_text(session, text)

        def failed(why: str) -> None:
            self.find_bar.not_searched(text)
            self.say(f"Not searched: {why}")

        def arrived(hits: tuple[list[str], list[str]]) -> None:
            self.find_bar.found(text, *hits)

        self.view_reads.choose("find", Choice(store, read, arrived, failed))

    def _show_found(self, events: list[str], claims: list[str]) -> None:
        """Light up what Find found as the user types, and bring the first of each into
        view; the selection stays. Nothing found: what the selection lights, again."""
        self.timeline.highlight_events(events)
        self.map.highlight_claims(claims)
        self.browser.highlight_claims(claims, "")
        if events:
            self.timeline.reveal(events[:1])
        if claims:
            owner = self.browser.assessment_of(claims[0])
            if owner and owner not in self.map.current_assessments():
                self.map.show_assessment(owner)
                self.timeline.mark_assessment(owner)
                self.map.highlight_claims(claims)
            self.map.reveal(claims[:1])
        if not events and not claims:
            self.linker.relight()

    def _go_to_hit(self, kind: str, item_id: str) -> None:
        if kind == "event":
            self.timeline.select_events([item_id])
            self.timeline.reveal([item_id])
            self.choose_events([item_id])
        else:
            owner = self.browser.assessment_of(item_id)
            if owner and owner not in self.map.current_assessments():
                self.map.show_assessment(owner)
                self.timeline.mark_assessment(owner)
            self._claims_chosen([item_id])
            self.map.reveal([item_id])
