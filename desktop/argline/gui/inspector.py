"""The inspector: edit the selected event, claim or assessment, one undo step per change.

Each field applies when the user finishes with it (Enter or leaving the field). Input
that cannot be taken — a date that does not parse, an end before the start, an empty
title — is refused at the field with the reason, and the store is not touched. Dates
are typed freely ("30 March 1867", "March 2014", "1859~") and shown back at the
precision given.

The item chosen is read through the window's reads (``ViewReads.choose``): at once on a
file; on a server on a thread, the inspector saying it is reading meanwhile, so a table
locked elsewhere leaves the window answering, and a newer choice replaces an older one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QWidget,
)

# The edits and ORM queries import SQLAlchemy, which the first window is drawn
# without: each function here imports those it uses when the user first acts.
from argline.gui.browser import ROLE_LABELS
from argline.gui.inspected import ItemRead, read_item
from argline.gui.inspector_event import EventPage, typed_date
from argline.gui.inspector_fields import (
    READS,
    CommittingTextEdit,
    Field,
    form_page,
    set_only_reading,
    wrapping_list,
)
from argline.gui.plain import plain_tooltip
from argline.gui.undo import EditHistory
from argline.gui.view_reads import Choice, ViewReads
from argline.model.dates import DateError
from argline.model.entities import (
    Assessment,
    AssessmentKind,
    Assumption,
    Claim,
    ClaimRole,
    Event,
)
from argline.ops.changes import Changes, Operation
from argline.ops.errors import EditConflict
from argline.store import StoreError


class Inspector(EventPage, QStackedWidget):
    """Shows the fields of one item and turns each change into an operation."""

    passageWanted = Signal(str, int)  # claim id, which of its passages to show in the text

    def __init__(
        self, history: EditHistory, reads: ViewReads, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.history = history
        self._reads = reads
        self.kind = ""
        self.item_id = ""
        self._version: int | None = None  # of the item shown, for edits to name
        self._claim: Claim | None = None  # the claim shown, for the passages it cites
        # The item the fields show: showing it again keeps what the user is typing.
        self._shown_item = ("", "")
        self._own_edit = False  # refreshing after this window's own edit
        self._empty = QLabel("Select an event, a claim or an assessment to see and edit it.")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._empty.setMargin(8)
        self.addWidget(self._empty)
        self._reading = QLabel("Reading it from the database…")
        self._reading.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._reading.setMargin(8)
        self.addWidget(self._reading)
        self._fields: dict[str, Field] = {}
        self._pages: dict[str, QWidget] = {}  # built when first shown: not at start-up
        self._editable = not history.store.read_only
        history.changed.connect(self._store_changed)

    # --- what is shown ----------------------------------------------------------------

    def show_event(self, event_id: str) -> None:
        self.kind, self.item_id = "event", event_id
        self._refresh()

    def show_claim(self, claim_id: str) -> None:
        self.kind, self.item_id = "claim", claim_id
        self._refresh()

    def show_assessment(self, assessment_id: str) -> None:
        self.kind, self.item_id = "assessment", assessment_id
        self._refresh()

    def show_nothing(self) -> None:
        self.kind, self.item_id = "", ""
        self._shown_item = ("", "")
        self.setCurrentWidget(self._empty)

    def field(self, name: str) -> Field:
        """The field called ``name`` (e.g. "event.start"), for tests and focus."""
        self._page_for(name.partition(".")[0])
        return self._fields[name]

    def _page_for(self, kind: str) -> QWidget:
        """Return the page that shows an item of this kind, building it the first time."""
        if kind not in self._pages:
            build = {
                "event": self._build_event_page,
                "claim": self._build_claim_page,
                "assessment": self._build_assessment_page,
            }[kind]
            self._pages[kind] = build()
            if not self._editable:  # a viewer's role, a read-only file, a connection lost
                set_only_reading(self._pages[kind], True)
        return self._pages[kind]

    def set_editable(self, editable: bool, why: str = "") -> None:
        """Let the fields edit, or make them read-only keeping what they hold (a lost
        connection, ``why``: said beside what the user typed and has not saved)."""
        editable = editable and not self.history.store.read_only
        self._editable = editable
        for page in self._pages.values():
            set_only_reading(page, not editable)
        for field in self._fields.values():
            if editable:
                field.release()
            else:
                field.hold(why)

    def _store_changed(self, changes: Changes) -> None:
        touched = {
            "event": changes.events | {e for _, e in changes.links},
            "claim": changes.claims | {c for c, _ in changes.links},
            "assessment": changes.assessments,
        }
        if self.item_id and self.item_id in touched.get(self.kind, set()):
            self._own_edit = True
            try:
                self._refresh()
            finally:
                self._own_edit = False

    def refresh(self) -> None:
        """Show the item again as the store holds it now (another client may have changed it)."""
        if self.kind:
            self._refresh()

    def _put(self, name: str, value: str) -> None:
        """Show a stored value in a field: over anything for a newly shown item, keeping
        what the user is typing when the same item is shown again."""
        field = self._fields[name]
        if (self.kind, self.item_id) != self._shown_item or (self._own_edit and field.saving):
            field.show_value(value)  # a new item, or the value this field just saved
        else:
            field.show_again(value)

    def _gone(self) -> None:
        """The item shown was deleted: show nothing, unless the user is typing in it."""
        typed = [
            field
            for name, field in self._fields.items()
            if name.startswith(f"{self.kind}.") and field.typing
        ]
        if (self.kind, self.item_id) != self._shown_item or not typed:
            self.show_nothing()
            return
        for field in typed:  # kept on screen, to copy: it has nowhere to be saved
            field.refuse(f"This {self.kind} was deleted by someone else meanwhile.")

    @property
    def reading(self) -> bool:
        """Whether the item chosen is on its way from the server."""
        return self._reads.choosing("inspector")

    def _refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read the item asked for and show it, then do ``then`` if it is still shown: at
        once on a file; on a server once read, saying so meanwhile for a new item."""
        store, asked = self.history.store, (self.kind, self.item_id)

        def read() -> ItemRead:
            with store.reading() as session:
                return read_item(session, *asked)

        def arrived(read: ItemRead) -> None:
            self.show_read(read)
            if then is not None and (self.kind, self.item_id) == asked:
                then()

        choice = Choice(store, read, arrived, lambda why: self._not_shown(asked, why))
        if not self._reads.choose("inspector", choice) and asked != self._shown_item:
            self._wait_for(asked)

    def _wait_for(self, asked: tuple[str, str]) -> None:
        """Say the item ``asked`` for is being read, its fields hidden meanwhile: a field
        left as they hide saves to the item it shows."""
        self.kind, self.item_id = self._shown_item
        try:
            self.setCurrentWidget(self._reading)
        finally:
            self.kind, self.item_id = asked

    def _not_shown(self, asked: tuple[str, str], why: str) -> None:
        """A server gone: what is shown stays, typing and all, and one line says why."""
        if (self.kind, self.item_id) == asked:
            self.kind, self.item_id = self._shown_item  # edits go to what the fields show
            shown = self._pages.get(self.kind) if self.kind else None
            self.setCurrentWidget(shown if shown is not None else self._empty)
        self.window().statusBar().showMessage(f"Cannot show {asked[1]}: {why}", 8000)

    def show_read(self, read: ItemRead) -> None:
        """Show an item as read from the store, if the inspector still shows it."""
        if (read.kind, read.item_id) != (self.kind, self.item_id):
            return  # another item was chosen meanwhile, and shown as it was read then
        if read.event is not None:
            self._show_event(read.event, list(read.claims))
        elif read.assessment is not None:
            self._show_assessment(read.assessment)
        elif read.claim is not None:
            self._show_claim(read.claim, read.events, set(read.linked))
        else:
            self._gone()

    # --- claims ---------------------------------------------------------------------------

    def _build_claim_page(self) -> QWidget:
        page, form = form_page(self, "Claim")
        self._text(form, "claim.text", "Text", self._claim_text)
        self.role = QComboBox()
        for role in ClaimRole:
            self.role.addItem(ROLE_LABELS[role], role)
        self.role.activated.connect(self._role_chosen)
        form.addRow("Role", self.role)
        self._line(form, "claim.locator", "Where", self._claim_locator)
        self.assumption = QComboBox()
        self.assumption.addItem("Not an assumption (evaluated)", None)
        self.assumption.addItem("Accepted assumption (stands)", Assumption.ACCEPTED)
        self.assumption.addItem("Rejected assumption (falls)", Assumption.REJECTED)
        self.assumption.activated.connect(self._assumption_chosen)
        form.addRow("Assumption", self.assumption)
        self.claim_events = wrapping_list()
        unlink = QPushButton("Unlink event")
        unlink.clicked.connect(self._unlink_event_from_claim)
        self.event_choice = QComboBox()
        self.event_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.event_choice.setMinimumContentsLength(16)
        link = QPushButton("Link")
        link.clicked.connect(self._link_chosen_event)
        row = QHBoxLayout()
        row.addWidget(self.event_choice, 1)
        row.addWidget(link)
        form.addRow("Rests on events", self.claim_events)
        form.addRow("", unlink)
        form.addRow("Link to event", row)
        self.claim_passages = wrapping_list()
        self.claim_passages.itemActivated.connect(self._passage_chosen)
        show = QPushButton("Show in Text")
        show.setProperty(READS, True)
        show.clicked.connect(lambda: self._passage_chosen(self.claim_passages.currentItem()))
        uncite = QPushButton("Remove")
        uncite.setToolTip("The claim no longer cites the passage chosen above")
        uncite.clicked.connect(self._uncite_chosen)
        buttons = QHBoxLayout()
        buttons.addWidget(show)
        buttons.addWidget(uncite)
        form.addRow("Cites passages", self.claim_passages)
        form.addRow("", buttons)
        return page

    def _show_claim(self, claim: Claim, events: tuple[Event, ...], linked: set[str]) -> None:
        page = self._page_for("claim")
        self._claim = claim
        self._version = claim.version
        self._put("claim.text", claim.text)
        self._put("claim.locator", claim.locator)
        self.role.setCurrentIndex(self.role.findData(claim.role))
        self.assumption.setCurrentIndex(self.assumption.findData(claim.assumption))
        self.claim_events.clear()
        self.event_choice.clear()
        for event in events:
            label = f"{event.start.display()} — {event.title}"
            if event.id in linked:
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, event.id)
                self.claim_events.addItem(item)
            else:
                self.event_choice.addItem(label, event.id)
        self.claim_passages.clear()
        for index, passage in enumerate(claim.passages):
            words = " ".join(passage.exact.split()) or "(found once its document is attached)"
            shown = words if len(words) <= 90 else words[:89] + "…"
            if passage.orphaned:
                shown = f"No longer found in the text: “{shown}”"
            item = QListWidgetItem(shown if passage.orphaned else f"“{shown}”")
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(plain_tooltip(passage.exact))
            self.claim_passages.addItem(item)
        if not claim.passages:
            self.claim_passages.addItem("None yet: select words in the Reader, then Cite Selection")
        self._shown_item = (self.kind, self.item_id)
        self.setCurrentWidget(page)

    def _claim_text(self, text: str) -> Operation:
        from argline.ops.claim_edits import EditClaim

        return EditClaim(self.item_id, text=text)

    def _claim_locator(self, text: str) -> Operation:
        from argline.ops.claim_edits import EditClaim

        return EditClaim(self.item_id, locator=text)

    def _role_chosen(self, _index: int) -> None:
        from argline.ops.claim_edits import EditClaim

        self._apply(EditClaim(self.item_id, role=self.role.currentData()), None)

    def _uncite_chosen(self) -> None:
        from argline.ops.claim_edits import EditClaim

        item = self.claim_passages.currentItem()
        index = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(index, int) and self._claim is not None:
            kept = self._claim.passages[:index] + self._claim.passages[index + 1 :]
            edit = EditClaim(self.item_id, passages=kept, label="Remove citation")
            self._apply(edit, None)

    def _passage_chosen(self, item: QListWidgetItem | None) -> None:
        index = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(index, int):
            self.passageWanted.emit(self.item_id, index)

    def _assumption_chosen(self, _index: int) -> None:
        from argline.ops.claim_edits import EditClaim

        chosen = self.assumption.currentData()
        if chosen is None:
            self._apply(EditClaim(self.item_id, clear_assumption=True), None)
        else:
            self._apply(EditClaim(self.item_id, assumption=chosen), None)

    def _unlink_event_from_claim(self) -> None:
        from argline.ops.links import UnlinkClaimEvent

        item = self.claim_events.currentItem()
        if item is not None:
            self._apply(UnlinkClaimEvent(self.item_id, item.data(Qt.ItemDataRole.UserRole)), None)

    def _link_chosen_event(self) -> None:
        from argline.ops.links import LinkClaimEvent

        event_id = self.event_choice.currentData()
        if event_id:
            self._apply(LinkClaimEvent(self.item_id, event_id), None)

    # --- assessments ----------------------------------------------------------------------

    def _build_assessment_page(self) -> QWidget:
        page, form = form_page(self, "Assessment")
        edit = self._assessment_edit
        self._line(form, "assessment.title", "Title", lambda t: edit(title=t))
        self._line(form, "assessment.author", "Author", lambda t: edit(author=t))
        self._line(form, "assessment.outlet", "Outlet", lambda t: edit(outlet=t))
        self._line(
            form,
            "assessment.published",
            "Published",
            lambda t: edit(published=typed_date(t) if t.strip() else None),
            hint="e.g. 13 July 2018",
        )
        self.kind_choice = QComboBox()
        for kind in AssessmentKind:
            self.kind_choice.addItem(kind.value.capitalize(), kind)
        self.kind_choice.activated.connect(
            lambda _i: self._apply(edit(kind=self.kind_choice.currentData()), None)
        )
        form.addRow("Kind", self.kind_choice)
        self._line(form, "assessment.source", "Source", lambda t: edit(source=t))
        return page

    def _assessment_edit(self, **fields: object) -> Operation:
        from argline.ops.assessment_edits import EditAssessment

        return EditAssessment(self.item_id, **fields)  # type: ignore[arg-type]

    def _show_assessment(self, assessment: Assessment) -> None:
        page = self._page_for("assessment")
        self._version = assessment.version
        self._put("assessment.title", assessment.title)
        self._put("assessment.author", assessment.author)
        self._put("assessment.outlet", assessment.outlet)
        published = assessment.published.display() if assessment.published else ""
        self._put("assessment.published", published)
        self._put("assessment.source", assessment.source)
        self.kind_choice.setCurrentIndex(self.kind_choice.findData(assessment.kind))
        self._shown_item = (self.kind, self.item_id)
        self.setCurrentWidget(page)

    # --- fields and applying ------------------------------------------------------------

    def _line(
        self,
        form: QFormLayout,
        name: str,
        label: str,
        operation: Callable[[str], Operation],
        *,
        hint: str = "",
    ) -> None:
        editor = QLineEdit()
        editor.setPlaceholderText(hint)
        self._add_field(form, name, label, Field(editor), operation)

    def _text(
        self, form: QFormLayout, name: str, label: str, operation: Callable[[str], Operation]
    ) -> None:
        editor = CommittingTextEdit()
        editor.setTabChangesFocus(True)
        editor.setMinimumHeight(70)
        self._add_field(form, name, label, Field(editor), operation)

    def _add_field(
        self,
        form: QFormLayout,
        name: str,
        label: str,
        field: Field,
        operation: Callable[[str], Operation],
    ) -> None:
        self._fields[name] = field
        form.addRow(label, field.editor)
        form.addRow("", field.note)

        def finished() -> None:
            if field.saving:  # Enter, then leaving the field: one save
                return
            if field.text() == field.shown:
                field.refuse("")
                return
            try:
                built = operation(field.text())
            except (DateError, ValueError) as error:
                field.refuse(str(error))
                return
            self._apply(built, field)

        field.editor.editingFinished.connect(finished)

    def _apply(self, operation: Operation, field: Field | None) -> None:
        """Apply an edit of the shown item, naming the version shown: no lost update.

        When someone else changed the item meanwhile, the edit is refused, the other
        version is shown, and the reason stays beside the field with the user's own
        value offered back. Any other refusal (a lost server, say) keeps the typing.
        """
        if hasattr(operation, "expected_version"):
            operation = replace(operation, expected_version=self._version)  # type: ignore[type-var]
        if field is not None:
            field.saving = True
            field.error.say("Saving…")
        try:
            self.history.apply(operation)
        except StoreError as error:
            mine, why = (field.text() if field is not None else ""), str(error)
            if field is not None:
                field.saving = False
            if field is None:
                self.window().statusBar().showMessage(f"Not changed: {why}", 8000)
                if isinstance(error, EditConflict):
                    self._refresh()  # theirs
            elif isinstance(error, EditConflict):
                field.show_value(field.shown)  # the refresh shows theirs here

                def offer_mine() -> None:
                    field.refuse_offering(why, "Use mine", mine)

                offer_mine()  # said at once, and again once theirs is shown
                self._refresh(offer_mine)
            else:
                field.refuse(why, until_back=self.history.connection_lost)
            return
        if field is not None:
            field.saving = False
            field.shown = field.text()
            field.refuse("")
