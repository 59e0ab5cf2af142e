"""The Reader pane: one assessment's source document, its cited passages marked, to work from.

The analyst reads the document here and makes the map from it: a selection becomes a
new claim (in a role), a citation of the claim chosen elsewhere, or a source date of
the dates it mentions. The pane only asks (its signals carry the passage, quoted from
the document's own text); the window makes the edits, and tells the pane what is
chosen elsewhere. A click on a highlight says whose claim it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from argline.gui.map.style import ROLE_NAMES
from argline.gui.reader.highlights import DocumentHighlights, Highlight
from argline.gui.reader.marks import LINE_WORDS, WAVY, ReaderMarks
from argline.gui.reader.positions import TextPositions, shown_text
from argline.gui.reader.view import DocumentView, LineMark
from argline.model.date_mentions import DateMention, date_mentions
from argline.model.entities import Assessment, Claim, ClaimRole, Event
from argline.model.passages import DocumentFormat, Passage, SourceDocument, quote

NEW_CLAIM_KEY = "Ctrl+Shift+M"  # Ctrl+Shift+N and Ctrl+Shift+C are the window's New commands
CITE_KEY = "Ctrl+Shift+R"
SOURCE_DATE_KEY = "Ctrl+Shift+D"
FLASH_MS = 900
LONGEST_TITLE = 40  # characters of a claim's title the Cite command names it by
LONGEST_NAME = 48  # characters of a document's name a message quotes
MENTIONS_NAMED = 2  # dates the Source Date command names
NO_ASSESSMENT = "Choose an assessment to read its source document here."
NO_DOCUMENT = "This assessment has no source document: File ▸ Attach Source Document…"
READING = "Reading its source document from the database…"
FORMAT_NAMES = {
    DocumentFormat.TEXT: "plain text",
    DocumentFormat.MARKDOWN: "Markdown",
    DocumentFormat.HTML: "HTML",
    DocumentFormat.PDF: "PDF",
}
_LABELLED_ROLES = {r: f"{ROLE_NAMES[r]} ({LINE_WORDS[r]})" for r in ClaimRole}


class ReaderPane(QWidget):
    """An assessment's document to read, select from and click through to its claims.

    ``new_claim_requested(role, passage)``, ``cite_requested(passage)`` (for the claim
    given to ``set_selected_claim``) and ``source_date_requested(passage, mentions)``
    carry the selection quoted from the document's text; each mention's span counts
    characters of ``passage.exact``.
    """

    claim_clicked = Signal(str)
    new_claim_requested = Signal(object, object)
    cite_requested = Signal(object)
    source_date_requested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = _Header()
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(12)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.text = DocumentView()
        self.text.tooltip_at = self._tooltip_at
        self._pages = QStackedWidget()
        self._pages.addWidget(self.message)
        self._pages.addWidget(self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self._pages, 1)

        self._assessment: Assessment | None = None
        self._text: str | None = None
        self._positions = TextPositions("")
        self._highlights = DocumentHighlights((), (), 0)
        self._cursors: dict[tuple[int, int], QTextCursor] = {}
        self._highlighted: frozenset[str] = frozenset()
        self._selected_claim: str | None = None
        self._flash: QTextEdit.ExtraSelection | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self._editable = True
        self._marks = ReaderMarks.from_palette(self.palette())
        self._build_actions()
        self.text.selectionChanged.connect(self._update_actions)
        self.text.clicked.connect(self._clicked)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._show_menu)
        self.show_assessment(None)

    # --- what the window tells the pane ----------------------------------------------------

    def show_assessment(self, assessment: Assessment | None, events: Iterable[Event] = ()) -> None:
        """Show the assessment's document with its claims' passages and its source dates'.

        ``events`` are those whose source dates may cite this assessment. Showing the
        same assessment again keeps where the reader is, and what is selected.
        """
        same = (
            assessment is not None
            and self._assessment is not None
            and assessment.id == self._assessment.id
        )
        document = assessment.document if assessment else None
        text = document.text if document else None
        if not same or text != self._text:
            scrolled = self.text.verticalScrollBar().value() if same else 0
            self._load_text(text)
            self.text.verticalScrollBar().setValue(scrolled)
        self._assessment = assessment
        if assessment is None:
            self._highlights = DocumentHighlights((), (), 0)
        else:
            self._highlights = DocumentHighlights.of(assessment, events, _LABELLED_ROLES)
        self._show_header(document)
        self._show_message(assessment, document)
        self._flash = None
        self._flash_timer.stop()
        self._apply_marks()
        self._update_actions()

    def show_waiting(self, waiting: bool) -> None:
        """Say that the assessment chosen is being read from the server, or, no longer
        (``waiting`` False: it could not be), show again what the pane holds."""
        if waiting:
            self.message.setText(READING)
            self._pages.setCurrentWidget(self.message)
        else:
            assessment = self._assessment
            self._show_message(assessment, assessment.document if assessment else None)

    def show_claim(self, claim_id: str) -> bool:
        """Scroll to the claim's first passage and flash it; return False if none is drawn."""
        first = self._highlights.first_of(claim_id)
        return first is not None and self._scroll_to(first)

    def show_passage(self, claim_id: str, index: int) -> bool:
        """Scroll to the claim's passage number ``index`` (as the claim lists them) and flash
        it; return False if it is not drawn (orphaned, or no text attached)."""
        claims = self._assessment.claims if self._assessment else ()
        claim = next((c for c in claims if c.id == claim_id), None)
        if claim is None or not 0 <= index < len(claim.passages):
            return False
        wanted = claim.passages[index]
        found = next(
            (
                h
                for h in self._highlights.claims
                if h.claim_id == claim_id and (h.start, h.end) == (wanted.start, wanted.end)
            ),
            None,
        )
        return found is not None and self._scroll_to(found)

    def _scroll_to(self, highlight: Highlight) -> bool:
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self._positions.to_qt(highlight.start))
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        self._flash = self._selection(highlight, self._marks.flash)
        self._flash_timer.start()
        self._apply_marks()
        return True

    def set_highlighted_claims(self, claim_ids: Iterable[str]) -> None:
        """Emphasise the passages of these claims (those chosen on the map or in the browser)."""
        highlighted = frozenset(claim_ids)
        if highlighted != self._highlighted:
            self._highlighted = highlighted
            self._apply_marks()

    def set_selected_claim(self, claim_id: str | None) -> None:
        """Make ``claim_id`` the claim that Cite Selection cites, or none."""
        self._selected_claim = claim_id
        self._update_actions()

    # --- what the pane holds ---------------------------------------------------------------

    @property
    def assessment_id(self) -> str | None:
        return self._assessment.id if self._assessment else None

    @property
    def highlights(self) -> DocumentHighlights:
        return self._highlights

    def selected_passage(self) -> Passage | None:
        """Return the selection quoted from the document, or None where it holds no word."""
        cursor = self.text.textCursor()
        if self._text is None or not cursor.hasSelection():
            return None
        start = self._positions.from_qt(cursor.selectionStart())
        end = self._positions.from_qt(cursor.selectionEnd())
        if not self._text[start:end].strip():
            return None
        return quote(self._text, start, end)

    def selection_menu(self, point: QPoint | None = None) -> QMenu:
        """Return the context menu of the selection (``point`` in the text's viewport)."""
        self._name_the_dates()
        menu = self.text.createStandardContextMenu(point or QPoint())
        first = menu.actions()[0] if menu.actions() else None
        claims = QMenu("New Claim from Selection", menu)
        default = self._default_role()
        key = QKeySequence(NEW_CLAIM_KEY).toString(QKeySequence.SequenceFormat.NativeText)
        for role, action in self.role_actions.items():
            action.setText(f"{ROLE_NAMES[role]}\t{key}" if role is default else ROLE_NAMES[role])
            claims.addAction(action)
        claims.setEnabled(self.new_claim_action.isEnabled())
        menu.insertMenu(first, claims)
        menu.insertActions(first, [self.cite_action, self.source_date_action])
        if first is not None:
            menu.insertSeparator(first)
        return menu

    # --- building --------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.role_actions: dict[ClaimRole, QAction] = {}
        for role in ClaimRole:
            action = QAction(ROLE_NAMES[role], self)
            action.triggered.connect(lambda _checked=False, r=role: self._new_claim(r))
            self.role_actions[role] = action
        self.new_claim_action = self._shortcut(
            "New Claim from Selection", NEW_CLAIM_KEY, lambda: self._new_claim(None)
        )
        self.cite_action = self._shortcut("Cite Selection", CITE_KEY, self._cite)
        self.source_date_action = self._shortcut(
            "Source Date from Selection…", SOURCE_DATE_KEY, self._source_date
        )

    def _shortcut(self, text: str, key: str, slot: Callable[[], None]) -> QAction:
        """Return an action whose shortcut works while the pane or its text has the focus."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _load_text(self, text: str | None) -> None:
        self._text = text
        self._positions = TextPositions(text or "")
        self._cursors.clear()
        self.text.setPlainText(shown_text(text) if text else "")

    def _show_header(self, document: SourceDocument | None) -> None:
        if document is None:
            self.header.show_lines("", "")
            self.header.hide()
            return
        facts = [FORMAT_NAMES.get(document.format, document.format)]
        facts.append(f"{document.characters:,} characters")
        if document.pages:
            pages = len(document.pages)
            facts.append(f"{pages:,} page" if pages == 1 else f"{pages:,} pages")
        if not document.attached:
            facts.append("not attached")
        orphaned = self._highlights.orphaned
        lost = ""
        if orphaned:
            lost = f"{orphaned:,} passage{'' if orphaned == 1 else 's'} no longer found"
        self.header.show_lines(document.name, " · ".join(facts), lost)
        self.header.show()

    def _show_message(self, assessment: Assessment | None, document: SourceDocument | None) -> None:
        if document is not None and document.attached:
            self._pages.setCurrentWidget(self.text)
            return
        if assessment is None:
            message = NO_ASSESSMENT
        elif document is None:
            message = NO_DOCUMENT
        else:
            message = (
                f"Attach {_short_name(document.name)} ({document.characters:,} characters) "
                "with File ▸ Attach Source Document…"
            )
        self.message.setText(message)
        self._pages.setCurrentWidget(self.message)

    # --- marks -----------------------------------------------------------------------------

    def _apply_marks(self) -> None:
        """Tint each claim's passages (ExtraSelections) and give the view the lines under them."""
        marks, highlights, to_qt = self._marks, self._highlights, self._positions.to_qt
        tints, lines = [], []
        for highlight in highlights.source_dates:
            lines.append(
                LineMark(to_qt(highlight.start), to_qt(highlight.end), marks.source_date_line)
            )
        for highlight in highlights.claims:
            role = highlight.role
            formats = marks.emphasised if highlight.claim_id in self._highlighted else marks.roles
            tints.append(self._selection(highlight, formats[role]))
            start, end = to_qt(highlight.start), to_qt(highlight.end)
            lines.append(LineMark(start, end, marks.lines[role], wavy=role in WAVY))
        if self._flash is not None:
            tints.append(self._flash)
        self.text.setExtraSelections(tints)
        bars = [(to_qt(h.start), to_qt(h.end)) for h in highlights.source_dates]
        self.text.set_marks(lines, bars, marks.source_date_bar)

    def _selection(
        self, highlight: Highlight, format_: QTextCharFormat
    ) -> QTextEdit.ExtraSelection:
        span = (highlight.start, highlight.end)
        cursor = self._cursors.get(span)
        if cursor is None:
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(self._positions.to_qt(highlight.start))
            cursor.setPosition(
                self._positions.to_qt(highlight.end), QTextCursor.MoveMode.KeepAnchor
            )
            self._cursors[span] = cursor
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = format_
        return selection

    def _end_flash(self) -> None:
        if self._flash is not None:
            self._flash = None
            self._flash_timer.stop()
            self._apply_marks()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._marks = ReaderMarks.from_palette(self.palette())
            self._apply_marks()

    # --- what the user does ----------------------------------------------------------------

    def _clicked(self, position: int) -> None:
        claim_id = self._highlights.claim_at(self._positions.from_qt(position))
        if claim_id is not None:
            self.claim_clicked.emit(claim_id)

    def _tooltip_at(self, position: int) -> str:
        labels = self._highlights.labels_at(self._positions.from_qt(position))
        return "\n".join(_shortened(label, 90) for label in labels)

    def _show_menu(self, point: QPoint) -> None:
        menu = self.selection_menu(point)
        menu.exec(self.text.viewport().mapToGlobal(point))
        menu.deleteLater()

    def set_editable(self, editable: bool) -> None:
        """Offer the actions that change the store, or not (a read-only file)."""
        self._editable = editable
        self._update_actions()

    def _update_actions(self) -> None:
        """Enable what the selection allows: cheap, as it runs at every selection change."""
        selected = (
            self._editable and self._text is not None and self.text.textCursor().hasSelection()
        )
        for action in [self.new_claim_action, *self.role_actions.values()]:
            action.setEnabled(selected)
        claim = self._claim(self._selected_claim)
        if claim is None:
            self.cite_action.setText("Cite Selection for the Selected Claim")
        else:
            self.cite_action.setText(
                f"Cite Selection for “{_shortened(claim.title or claim.text, LONGEST_TITLE)}”"
            )
        self.cite_action.setEnabled(selected and claim is not None)
        self.source_date_action.setText("Source Date from Selection…")
        self.source_date_action.setEnabled(selected)

    def _name_the_dates(self) -> None:
        """Say which dates the selection holds, as its menu opens (a scan of the words)."""
        passage = self.selected_passage()
        if passage is None:
            for action in [self.new_claim_action, *self.role_actions.values(), self.cite_action]:
                action.setEnabled(False)  # the selection holds no word
        mentions = date_mentions(passage.exact) if passage and self._editable else ()
        if mentions:
            named = ", ".join(m.date.display() for m in mentions[:MENTIONS_NAMED])
            more = ", …" if len(mentions) > MENTIONS_NAMED else ""
            self.source_date_action.setText(f"Source Date from Selection ({named}{more})…")
        else:
            self.source_date_action.setText("Source Date from Selection…")
        self.source_date_action.setEnabled(bool(mentions))

    def _claim(self, claim_id: str | None) -> Claim | None:
        """Return the claim of the shown assessment with this id: only its own are cited here."""
        if claim_id is None or self._assessment is None:
            return None
        return next((c for c in self._assessment.claims if c.id == claim_id), None)

    def _default_role(self) -> ClaimRole:
        """Return a reason, or the main contention while the assessment has none."""
        claims = self._assessment.claims if self._assessment else ()
        return ClaimRole.REASON if any(c.role == ClaimRole.MAIN for c in claims) else ClaimRole.MAIN

    def _new_claim(self, role: ClaimRole | None) -> None:
        passage = self.selected_passage()
        if passage is not None:
            self.new_claim_requested.emit(role or self._default_role(), passage)

    def _cite(self) -> None:
        passage = self.selected_passage()
        if passage is not None and self._claim(self._selected_claim) is not None:
            self.cite_requested.emit(passage)

    def _source_date(self) -> None:
        passage = self.selected_passage()
        mentions: tuple[DateMention, ...] = date_mentions(passage.exact) if passage else ()
        if passage is not None and mentions:
            self.source_date_requested.emit(passage, mentions)


class _Header(QLabel):
    """The document's name (shortened in the middle to fit), what it is, and what is lost."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setMargin(4)
        # Ignored across: the name is shortened to fit, so the pane can be narrow.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._name = ""
        self._lines: tuple[str, ...] = ()

    def show_lines(self, name: str, *lines: str) -> None:
        self._name, self._lines = name, lines
        self.setToolTip(name)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = max(self.contentsRect().width() - 2 * self.margin(), 40)
        name = self.fontMetrics().elidedText(self._name, Qt.TextElideMode.ElideMiddle, room)
        text = "\n".join(line for line in (name, *self._lines) if line)
        if text != self.text():
            self.setText(text)


def _shortened(text: str, longest: int) -> str:
    """Return ``text`` on one line, cut to ``longest`` characters at a word where it can be."""
    text = " ".join(text.split())
    if len(text) <= longest:
        return text
    cut = text[: longest - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _short_name(name: str) -> str:
    """Return a document's name cut in its middle, where a file name or URL says least."""
    if len(name) <= LONGEST_NAME:
        return name
    half = (LONGEST_NAME - 1) // 2
    return f"{name[:half]}…{name[-(LONGEST_NAME - 1 - half) :]}"
