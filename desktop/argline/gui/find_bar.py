"""Find (Ctrl+F): events and claims found as the user types; Enter steps through them.

The box sits in the menu bar's corner, always there, so opening it moves no view. A
search runs once typing pauses (``PAUSE_MS``), not at every key: ``searched`` then
names what was found, for the window to light up and bring into view, and Enter or
Shift+Enter chooses each hit in turn (``hitChosen``). Escape clears the box.

The search itself is the window's (``search`` asks, ``found`` answers): on a server it
is read on a thread and the box says "searching…" until it arrives; an answer to text
no longer in the box is not shown, and an Enter pressed meanwhile chooses the first hit
once it is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

Search = Callable[[str], None]  # asks for the text's hits; ``found`` gives them
PAUSE_MS = 250  # a pause in typing this long runs the search
LEAST_TEXT = 2  # characters: one finds half the corpus


class FindBar(QWidget):
    """A find box with its count and buttons for the previous and the next hit."""

    searched = Signal(list, list)  # event ids, claim ids found (both empty: nothing asked)
    hitChosen = Signal(str, str)  # ("event" | "claim", id)

    def __init__(self, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = search
        self.hits: list[tuple[str, str]] = []
        self.index = -1
        self._asked = ""  # the text whose hits are on their way
        self._stepping = 0  # Enter (1) or Shift+Enter (-1) pressed before they arrived
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(PAUSE_MS)
        self.pause.timeout.connect(self._run_search)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find events and claims (Ctrl+F)")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(lambda _text: self.pause.start())
        self.field.returnPressed.connect(self.next_hit)
        self.field.installEventFilter(self)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        # Room for "12 of 345" kept from the start: a count never pushes the box along.
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance("888 of 8888"))
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        previous, following = QToolButton(), QToolButton()
        previous.setText("▲")
        previous.setToolTip("Previous hit (Shift+Enter)")
        previous.clicked.connect(self.previous_hit)
        following.setText("▼")
        following.setToolTip("Next hit (Enter)")
        following.clicked.connect(self.next_hit)
        for button in (previous, following):
            button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self.count)
        layout.addWidget(self.field, 1)
        layout.addWidget(previous)
        layout.addWidget(following)
        self.field.setMinimumWidth(self.field.fontMetrics().averageCharWidth() * 28)

    def start(self) -> None:
        """Put the cursor in the box with its text selected, ready to type."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def find(self, text: str) -> int:
        """Search for ``text`` at once and choose the first hit; return how many there are
        (on a server, once they arrive: none yet)."""
        self.field.setText(text)
        self._run_search()
        self.next_hit()
        return len(self.hits)

    def found(self, text: str, events: list[str], claims: list[str]) -> None:
        """Show the hits of ``text``, if the box still asks for them."""
        if text != self._asked:
            return
        self._asked = ""
        self.hits = [("event", e) for e in events] + [("claim", c) for c in claims]
        self.count.setText(f"{len(self.hits)} found" if self.hits else "not found")
        self.searched.emit(list(events), list(claims))
        stepping, self._stepping = self._stepping, 0
        if stepping:
            self._step(stepping)

    def not_searched(self, text: str) -> None:
        """The search for ``text`` could not be made (the window says why)."""
        if text == self._asked:
            self._asked, self._stepping = "", 0
            self.count.setText("not searched")

    def clear(self) -> None:
        """Empty the box: nothing stays found."""
        self.field.clear()
        self._run_search()

    def next_hit(self) -> None:
        self._step(1)

    def previous_hit(self) -> None:
        self._step(-1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape clears the box and Shift+Enter steps back, as in a browser's find."""
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Cancel):
                self.clear()
                return True
            shifted = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and shifted:
                self.previous_hit()
                return True
        return super().eventFilter(watched, event)

    def _run_search(self) -> None:
        """Search for the box's text now (the pause ended, or a caller asks)."""
        self.pause.stop()
        self.index = -1
        text = self.field.text().strip()
        self.hits, self._stepping = [], 0
        if len(text) < LEAST_TEXT:
            self._asked = ""
            self.count.setText("")
            self.searched.emit([], [])
            return
        self._asked = text
        self.count.setText("searching…")
        self.search(text)

    def _step(self, direction: int) -> None:
        if self.pause.isActive():  # Enter before the pause: search for what was typed
            self._run_search()
        if self._asked:  # the hits are on their way: chosen when they arrive
            self._stepping = direction
            return
        if not self.hits:
            return
        self.index = (self.index + direction) % len(self.hits)
        self.count.setText(f"{self.index + 1} of {len(self.hits)}")
        self.hitChosen.emit(*self.hits[self.index])
