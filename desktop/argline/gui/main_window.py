"""The main window: the timeline over the argument map, the assessment browser, the inspector.

The views share one edit history, so undo and redo work across them, and one
ViewLinker, so a selection in any of them lights up what is linked in the others.
Opening another file replaces the views; the window itself, its layout and its
recent files stay.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
)

from argline import __version__
from argline.gui.browser import AssessmentBrowser
from argline.gui.creating import Creating
from argline.gui.find_bar import FindBar
from argline.gui.inspector import Inspector
from argline.gui.linking import ViewLinker
from argline.gui.live_refresh import LiveRefresh
from argline.gui.map.view import LARGE_MAP, MapView
from argline.gui.reader.pane import ReaderPane
from argline.gui.reading import Reading
from argline.gui.source_documents import SourceDocuments
from argline.gui.theme import ThemeMenu
from argline.gui.time_scales import ScaleMenu
from argline.gui.timeline.view import TimelineView
from argline.gui.undo import EditHistory
from argline.gui.view_reads import Choice, Outline, ViewReads, ViewsRead, claims_on_file
from argline.gui.window_files import WindowFiles
from argline.gui.window_find import WindowFind
from argline.gui.window_layout import place_on_screen, restore_layout
from argline.gui.window_menus import action, build_menus
from argline.model.link_index import LinkIndex
from argline.ops.changes import Changes
from argline.ops.plain_reads import (
    read_assessments,
    read_links,
    read_relations,
    read_totals,
)
from argline.store import Store, StoreError
from argline.store.cursor import Cursor

READER_WIDTH = 280  # px: a line of the Reader holds some six words at the least
BACKUP_EVERY_MS = 15 * 60 * 1000  # a rotating backup is taken at most hourly, when due
LICENCES = (
    "Argline is free software.\n\n"
    "It is built on Qt and PySide6 (LGPLv3), SQLAlchemy and Alembic (MIT), "
    "python-dateutil (Apache 2.0 / BSD), platformdirs (MIT) and defusedxml (PSF)."
)


class MainWindow(WindowFiles, WindowFind, QMainWindow):
    """One open store shown in linked views; files handled like any desktop application."""

    claims_held = 0  # in the store, as the totals last read count them

    def __init__(
        self, store: Store, *, settings: QSettings | None = None, starting: bool = False
    ) -> None:
        """Show ``store``; the application's first window (``starting``) takes its backup
        and hears other clients once it has been painted (``finish_opening``)."""
        super().__init__()
        self.settings = settings or QSettings()
        self.setObjectName("argline-main-window")
        self.store: Store | None = None
        # What the file holds, kept current; a passing message covers it for a while.
        self.totals_label = QLabel()
        self.statusBar().addWidget(self.totals_label)
        self.read_only_label = QLabel("Read-only")
        self.read_only_label.hide()
        self.statusBar().addPermanentWidget(self.read_only_label)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_EVERY_MS)
        self.backup_timer.timeout.connect(self._take_backup)
        self.backup_timer.start()
        self.live = LiveRefresh(self)
        self.live.changed.connect(self._remote_changed)
        self.live.connection.connect(self._connection_changed)
        self.view_reads = ViewReads(lambda: (self.inspector.kind, self.inspector.item_id), self)
        self.view_reads.read.connect(self._show_read)
        self.view_reads.failed.connect(lambda why: self.say(f"Not updated: {why}"))
        self.statusBar().addPermanentWidget(self.live.label)
        self.find_bar = FindBar(self._search)
        self.find_bar.searched.connect(self._show_found)
        self.find_bar.hitChosen.connect(self._go_to_hit)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.browser_dock = _dock("Assessments", "assessments")
        self.inspector_dock = _dock("Inspector", "inspector")
        # The inspector scrolls inside its dock: a longer or wider page never widens the
        # dock, so the views keep their place whatever is selected.
        self.inspector_scroll = QScrollArea()
        self.inspector_scroll.setWidgetResizable(True)
        self.inspector_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.inspector_dock.setWidget(self.inspector_scroll)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.browser_dock)
        self.splitDockWidget(self.browser_dock, self.inspector_dock, Qt.Orientation.Vertical)
        self._focus = "timeline"  # the view whose selection Delete and zoom act on
        self._build_actions()
        self.scale_menu = ScaleMenu(self)
        self.theme_menu = ThemeMenu(self, self.settings)
        build_menus(self)
        if self.menuBar().isNativeMenuBar():  # macOS's menu bar shows no corner widget
            finding = self.addToolBar("Find")
            finding.setObjectName("toolbar-find")
            finding.setMovable(False)
            finding.addWidget(self.find_bar)
        else:
            self.menuBar().setCornerWidget(self.find_bar, Qt.Corner.TopRightCorner)
        place_on_screen(self)
        self.show_store(store, starting=starting)
        restore_layout(self)

    # --- the store shown -------------------------------------------------------------------

    def show_store(self, store: Store, *, starting: bool = False) -> None:
        """Show a store in fresh views; the previous one, if any, is closed (and unlocked)."""
        if self.store is not None:
            self.history.deleteLater()
        self._new_history(store)
        self._new_views(store)
        self._attach(store)
        if not starting:
            self.finish_opening()

    def finish_opening(self) -> None:
        """Back up the file when due, hear other clients' commits and keep a large file's
        timeline packed: what a window does once its store shows, the first window once it
        has been painted."""
        if self.store is None:
            return
        if not self.store.read_only:
            self._take_backup()
        self.live.listen(self.store)
        self.timeline.packer.keep(self.store)

    def _attach(self, store: Store) -> None:
        """Make ``store`` the one the window edits, backs up and watches."""
        previous = self.store
        self.store = store
        read_only = store.read_only
        self.read_only_label.setVisible(read_only)
        self._allow_edits(not read_only)
        suffix = " (read-only)" if read_only else ""
        self.setWindowTitle(f"{store.name}{suffix} — Argline")
        self.setWindowFilePath(str(store.path) if store.path else "")
        if store.path is not None:
            self._remember(str(store.path))
        if previous is not None and previous is not store:
            previous.close()

    def _allow_edits(self, allowed: bool, why: str = "") -> None:
        """Offer the edits, or take them away (a read-only store, a connection lost: ``why``)."""
        for editing in (
            self.delete_action,
            self.import_action,
            self.restore_action,
            self.new_from_document_action,
            self.attach_document_action,
            *self.creating.actions,
        ):
            editing.setEnabled(allowed)
        self.undo_action.setEnabled(allowed and self.history.stack.canUndo())
        self.redo_action.setEnabled(allowed and self.history.stack.canRedo())
        self.reader.set_editable(allowed)
        self.inspector.set_editable(allowed, why)

    def show_changes(self, kinds: Collection[str], *, said: str = "") -> None:
        """Re-read what changed outside the views' own edits, keeping what the user looks at
        and types, and then say ``said``. On a server, or from a store of more claims than
        a map draws at once (after an import, say), the read runs off Qt's thread."""
        store = self.history.store
        held = claims_on_file(store)
        self.view_reads.start(store, kinds, said, slow=held is not None and held > LARGE_MAP)

    def _show_read(self, read: ViewsRead) -> None:
        if read.store is not self.store:
            return  # read from a store this window no longer shows
        if read.timeline is not None:
            selected = self.timeline.selected_events()
            self.timeline.show_content(read.timeline)
            self.timeline.select_events(selected)
        if read.outline is not None:
            self._show_outline(read.outline)
        if read.argument is not None:
            self.map.show_state(read.argument)
        if read.outline and read.outline.assessments and not self.map.current_assessments():
            self.show_first_assessment()  # one came to an empty map (an undo, a colleague)
        if read.outline is not None and read.sourced_events is not None:
            self.reading.show_read(
                self.reader.assessment_id, read.outline.assessments, read.sourced_events
            )
        if read.item is not None:
            self.inspector.show_read(read.item)
        self.linker.relight()
        if read.said:
            self.say(read.said)

    def _remote_changed(self, kinds: frozenset[str]) -> None:
        self.show_changes(kinds, said="Updated with changes made by another client")

    def _connection_changed(self, live: bool) -> None:
        """Edit only while the server is heard; what the user typed stays either way."""
        if self.store is None or not self.store.on_server:
            return
        self.history.connection_lost = not live
        why = (
            "Not saved yet: the connection to the database is lost. Yours is kept here; "
            "Enter saves it once the status bar says Live."
        )
        self._allow_edits(live and not self.store.read_only, why)
        if not live:
            self.say("Connection to the database lost: editing is off until it is back")

    def _new_history(self, store: Store) -> None:
        """Start the undo history of a newly shown store, driving the Undo and Redo actions."""
        self.history = EditHistory(store, self)
        # A read running now may miss the edit: first said, so the reads the edit asks for
        # are gathered into the one that follows.
        self.history.changed.connect(self.view_reads.overtaken)
        self.history.changed.connect(self._store_changed)
        self.history.refused.connect(lambda why: self.say(f"Not done: {why}"))
        stack = self.history.stack
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)

    def _new_views(self, store: Store) -> None:
        """Put fresh, linked views of ``store`` in the window, replacing any earlier ones."""
        self.timeline = TimelineView()
        self.map = MapView(self.history, self.view_reads)
        self.reader = ReaderPane()
        self.browser = AssessmentBrowser()
        self.view_reads.forget_choices()  # read for the views replaced here
        self.inspector = Inspector(self.history, self.view_reads)
        for old in [self.splitter.widget(i) for i in range(self.splitter.count())]:
            old.setParent(None)
            old.deleteLater()
        # The assessment's own text beside its map: read, select, make the claim.
        self.beside_map = QSplitter(Qt.Orientation.Horizontal)
        self.beside_map.setChildrenCollapsible(False)
        self.beside_map.addWidget(self.map)
        self.beside_map.addWidget(self.reader)
        self.beside_map.setStretchFactor(0, 3)
        self.beside_map.setStretchFactor(1, 2)
        self.reader.setMinimumWidth(READER_WIDTH)
        self.reader.setVisible(self.reader_action.isChecked())
        self.splitter.addWidget(self.timeline)
        self.splitter.addWidget(self.beside_map)
        self.splitter.setSizes([440, 460])
        self.browser_dock.setWidget(self.browser)
        earlier = self.inspector_scroll.takeWidget()
        if earlier is not None:
            earlier.deleteLater()
        self.inspector_scroll.setWidget(self.inspector)
        self.linker = ViewLinker(self.timeline, self.map, self.browser, self.inspector, self.say)
        if getattr(self, "reading", None) is not None:
            self.reading.deleteLater()
        self.reading = Reading(self, self.reader)
        self.timeline.selectionChanged.connect(self.choose_events)
        self.timeline.editRequested.connect(self.edit_event)
        self.timeline.claimDropped.connect(self._link_dropped_claim)
        self.map.claimsSelected.connect(self._claims_chosen_on_map)
        self.inspector.passageWanted.connect(self.show_passage)
        self.map.editRequested.connect(self.inspector.show_claim)
        self.browser.claimsSelected.connect(self._claims_chosen)
        self.browser.assessmentChosen.connect(self.choose_assessment)
        self.creating.connect_views()
        self.scale_menu.follow(self.timeline)
        self.timeline.load(store)
        self._open_outline(store)

    def _open_outline(self, store: Store) -> None:
        """Read the outline and show the first assessment: at once, or from a large file on a
        thread, the window drawn meanwhile (100,000 claims: 2.6 s of its opening)."""
        held = claims_on_file(store)  # a server's store: read at once, opening waits anyway
        if held is None or held <= LARGE_MAP:
            self._reload_outline(store)
            self.show_first_assessment()
            return
        self.claims_held = held

        def read() -> Outline:
            with store.plain_reading() as cursor:
                return _outline(cursor)

        def arrived(outline: Outline) -> None:
            self._show_outline(outline)
            self.show_first_assessment()

        self.totals_label.setText(f"Reading {_counted(held, 'claim')}…")
        self.view_reads.choose("outline", Choice(store, read, arrived, self.say, slow=True))

    def say(self, message: str) -> None:
        """Show a message in the status bar for a while."""
        self.statusBar().showMessage(message, 10000)

    def _reload_outline(self, reader: Store | None = None) -> None:
        """Re-read assessments, relations and links for the browser and the linker, and
        the totals for the status bar."""
        with (reader or self.history.store).plain_reading() as cursor:
            self._show_outline(_outline(cursor))

    def _show_outline(self, outline: Outline) -> None:
        assessments, relations, links = outline.assessments, outline.relations, outline.links
        events, assessments_count, claims = outline.totals
        self.claims_held = claims
        self.totals_label.setText(
            f"{_counted(events, 'event')} · {_counted(assessments_count, 'assessment')}"
            f" · {_counted(claims, 'claim')}"
        )
        self._assessment_ids = [a.id for a in assessments]
        self.browser.load(assessments, relations)
        self.linker.set_data(
            LinkIndex(links), {a.id: [c.id for c in a.claims] for a in assessments}
        )

    def show_first_assessment(self) -> None:
        """Show the map of the first assessment, and its text beside it; with none, the map
        says how to start one."""
        if self._assessment_ids:
            self.map.show_assessment(self._assessment_ids[0])
            self.timeline.mark_assessment(self._assessment_ids[0])
        else:
            self.map.reload()
        self.reading.refresh()

    def show_reader(self, assessment_id: str) -> None:
        """Show the assessment's document in the Reader, opening the Reader if it is closed."""
        self.reader_action.setChecked(True)
        self.reading.refresh(assessment_id)

    def _show_reader_pane(self, shown: bool) -> None:
        self.reader.setVisible(shown)  # the pane of the views shown now

    def show_passage(self, claim_id: str, index: int) -> None:
        """Scroll the Reader to a passage the claim cites (the inspector's Show in Text)."""
        owner = self.browser.assessment_of(claim_id)
        if owner is not None and owner != self.reader.assessment_id:
            self.show_reader(owner)
        self.reader_action.setChecked(True)
        self.reader.show_passage(claim_id, index)

    def _store_changed(self, changes: Changes) -> None:
        if self.history.store.on_server:
            # Read on a thread, like another client's change: every view in one read.
            self.view_reads.start(self.history.store, _kinds(changes), "")
            return
        if changes.events or changes.eras or changes.assessments or changes.lanes:
            # Only what the edit changed is read again: an event's title, not 100,000 events.
            self.timeline.show_changes(
                changes.events, outline=bool(changes.eras or changes.assessments or changes.lanes)
            )
        # The outline holds assessments, claims and links, and the totals count events.
        if (
            changes.events
            or changes.assessments
            or changes.claims
            or changes.relations
            or changes.links
        ):
            self._reload_outline()
        if changes.assessments and not self.map.current_assessments():
            self.show_first_assessment()  # an undo or redo brought one back to an empty map
        elif changes.events or changes.assessments or changes.claims:
            self.reading.refresh(self.reader.assessment_id)
        self.linker.relight()  # nothing stays lit for a link or an item that has gone

    # --- linked selection ------------------------------------------------------------------

    def choose_events(self, event_ids: list[str]) -> None:
        """Choose these events, as a click on the timeline does: the other views follow."""
        self._focus = "timeline"
        self.linker.events_chosen(event_ids)
        self.reading.claims_selected([])  # Cite Selection cites a claim chosen, not an event

    def _claims_chosen(self, claim_ids: list[str]) -> None:
        self._focus = "map"
        self.linker.claims_chosen(claim_ids)
        self._reader_follows(claim_ids)

    def _claims_chosen_on_map(self, claim_ids: list[str]) -> None:
        self._focus = "map"
        self.linker.claims_chosen(claim_ids, from_map=True)
        self._reader_follows(claim_ids)

    def _reader_follows(self, claim_ids: list[str]) -> None:
        """Show the text a chosen claim comes from, scrolled to its passage."""
        owners = {self.browser.assessment_of(c) for c in claim_ids} - {None}
        if len(owners) == 1 and self.reader.assessment_id not in owners:
            self.reading.refresh(owners.pop())
        self.reading.claims_selected(claim_ids)

    def choose_assessment(self, assessment_id: str) -> None:
        """Choose an assessment, as a click in the browser does: its map is shown."""
        self._focus = "assessment"
        self.linker.assessment_chosen(assessment_id)
        self.reading.refresh(assessment_id)

    def edit_event(self, event_id: str) -> None:
        self.inspector.show_event(event_id)
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        self.inspector.field("event.title").editor.setFocus()

    def _link_dropped_claim(self, claim_id: str, event_id: str) -> None:
        from argline.ops.links import LinkClaimEvent  # SQLAlchemy: not before the first paint

        try:
            self.history.apply(LinkClaimEvent(claim_id, event_id))
        except StoreError as error:
            self.say(f"Not linked: {error}")
            return
        self.say("Linked the claim to the event (Undo to take it back)")

    # --- actions and menus -------------------------------------------------------------------

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = action(self, "&New…", self.new_file, keys.New)
        self.open_action = action(self, "&Open…", self.open_file, keys.Open)
        self.copy_action = action(self, "Save a &Copy As…", self.save_copy, keys.SaveAs)
        self.import_action = action(self, "&Import…", self.import_file)
        self.restore_action = action(self, "Restore &Backup…", self.restore_backup)
        self.quit_action = action(self, "&Quit", self.close, keys.Quit)
        self.undo_action = action(self, "&Undo", self.undo, keys.Undo)
        self.redo_action = action(self, "&Redo", self.redo, keys.Redo)
        self.delete_action = action(self, "&Delete", self.delete_selected, keys.Delete)
        self.creating = Creating(self)
        self.source_documents = SourceDocuments(self)
        self.new_from_document_action = action(
            self,
            "New Assessment from &Document…",
            self.source_documents.new_assessment_from_document,
        )
        self.attach_document_action = action(
            self, "A&ttach Source Document…", self.source_documents.attach_document
        )
        self.reader_action = QAction("&Reader", self)
        self.reader_action.setCheckable(True)
        self.reader_action.setChecked(True)
        self.reader_action.toggled.connect(self._show_reader_pane)
        self.find_action = action(self, "&Find…", self.find_bar.start, keys.Find)
        self.zoom_in_action = action(self, "Zoom &In", self.zoom_in, keys.ZoomIn)
        self.zoom_out_action = action(self, "Zoom &Out", self.zoom_out, keys.ZoomOut)
        self.fit_action = action(self, "&Fit All", self.fit, "Ctrl+0")
        self.fit_selection_action = action(
            self, "Fit &Selection", self.fit_selection, "Ctrl+Shift+0"
        )

    # The views and the history are replaced with the store: actions call through these.
    def undo(self) -> None:
        self.history.stack.undo()

    def redo(self) -> None:
        self.history.stack.redo()

    def _undo_text_changed(self, text: str) -> None:
        self.undo_action.setText(_step("Undo", text))

    def _redo_text_changed(self, text: str) -> None:
        self.redo_action.setText(_step("Redo", text))

    def fit_selection(self) -> None:
        self.timeline.fit_selection()

    def zoom_in(self) -> None:
        (self.timeline if self._focus == "timeline" else self.map).zoom_in()

    def zoom_out(self) -> None:
        (self.timeline if self._focus == "timeline" else self.map).zoom_out()

    def fit(self) -> None:
        if self._focus != "timeline":
            self.map.fit()
        else:
            self.timeline.fit_all()

    def delete_selected(self) -> None:
        """Delete what is selected in the view the user last selected in, as one undo step:
        claims and relations on the map, events on the timeline, an assessment (confirmed
        when it has claims) in the browser."""
        if self._focus == "map":
            self.map.delete_selected()
        elif self._focus == "assessment":
            chosen = self.browser.selected_assessment()
            if chosen is not None:
                self.creating.delete_assessment(chosen)
        else:
            self.creating.delete_events(self.timeline.selected_events())

    # --- help, layout, closing -----------------------------------------------------------------

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setWindowTitle("About Argline")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Argline {__version__}")
        box.setInformativeText(
            "Timelines of world events linked to pro/con maps of the assessments that "
            f"argue about them.\n\n{LICENCES}"
        )
        box.exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.backup_timer.stop()
        self.live.close()
        if self.store is not None and self.store.lock is not None:
            self.store.lock.release()  # the store stays open for whoever opened it
        super().closeEvent(event)


def _outline(cursor: Cursor) -> Outline:
    """Read what the browser, the linker and the status bar show."""
    return Outline(
        read_assessments(cursor), read_relations(cursor), read_links(cursor), read_totals(cursor)
    )


def _dock(title: str, name: str) -> QDockWidget:
    dock = QDockWidget(title)
    dock.setObjectName(f"dock-{name}")
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetMovable
    )
    return dock


def _kinds(changes: Changes) -> frozenset[str]:
    """The kinds of item ``changes`` changed, as a change notice names them."""
    named = ("events", "eras", "assessments", "claims", "relations", "links")
    kinds = {kind for kind in named if getattr(changes, kind)}
    return frozenset(kinds | ({"events"} if changes.lanes else set()))  # lanes: the timeline's


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def _step(verb: str, text: str) -> str:
    return f"&{verb} {text}" if text else f"&{verb}"
