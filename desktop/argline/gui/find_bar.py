"""Find (Ctrl+F): search events and claims by text, step through the hits, jump to each."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

Search = Callable[[str], tuple[list[str], list[str]]]  # text -> (event ids, claim ids)


class FindBar(QWidget):
    """A slim bar: type, press Enter for the next hit, Shift+Enter for the previous one."""

    hitChosen = Signal(str, str)  # ("event" | "claim", id)

    def __init__(self, search: Search, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = search
        self.hits: list[tuple[str, str]] = []
        self.index = -1
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find events and claims")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._text_changed)
        self.field.returnPressed.connect(self.next_hit)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        previous, following, close = QToolButton(), QToolButton(), QToolButton()
        previous.setText("▲")
        previous.setToolTip("Previous hit (Shift+Enter)")
        previous.clicked.connect(self.previous_hit)
        following.setText("▼")
        following.setToolTip("Next hit (Enter)")
        following.clicked.connect(self.next_hit)
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)

    def start(self) -> None:
        """Show the bar with its text selected, ready to type."""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def find(self, text: str) -> int:
        """Search for ``text``, jump to the first hit, and return how many there are."""
        self.field.setText(text)
        self.next_hit()
        return len(self.hits)

    def next_hit(self) -> None:
        self._step(1)

    def previous_hit(self) -> None:
        self._step(-1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Cancel):
            self.hide()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.previous_hit()
        else:
            super().keyPressEvent(event)

    def _text_changed(self, text: str) -> None:
        self.index = -1
        if len(text.strip()) < 2:
            self.hits = []
            self.count.setText("")
            return
        events, claims = self.search(text.strip())
        self.hits = [("event", e) for e in events] + [("claim", c) for c in claims]
        self.count.setText(f"{len(self.hits)} found" if self.hits else "not found")

    def _step(self, direction: int) -> None:
        if not self.hits:
            return
        self.index = (self.index + direction) % len(self.hits)
        self.count.setText(f"{self.index + 1} of {len(self.hits)}")
        self.hitChosen.emit(*self.hits[self.index])
