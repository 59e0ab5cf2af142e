"""Edit a claim's text in place: a plain-text box over the card, committed or abandoned once.

Return commits, Shift+Return starts a new line, Escape abandons, and leaving the box
commits. The box only ever holds plain text, whatever is pasted into it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class InPlaceEditor(QPlainTextEdit):
    """A one-shot editor: calls ``done(text)`` on commit, or ``done(None)`` when abandoned."""

    def __init__(self, parent: QWidget, text: str, done: Callable[[str | None], None]) -> None:
        super().__init__(parent)
        self._done: Callable[[str | None], None] | None = done
        self.setPlainText(text)
        self.selectAll()
        self.setTabChangesFocus(True)
        self.setFrameShape(QPlainTextEdit.Shape.Box)
        self.setStyleSheet("QPlainTextEdit { background: #ffffe8; border: 2px solid #0072B2; }")
        self.installEventFilter(self)

    def finish(self, commit: bool) -> None:
        """Commit (or abandon) the edit once; later calls do nothing."""
        done, self._done = self._done, None
        if done is None:
            return
        self.hide()
        self.deleteLater()
        done(self.toPlainText() if commit else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.finish(commit=False)
                return True
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not shift:
                self.finish(commit=True)
                return True
        return super().eventFilter(watched, event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # a context menu is not leaving
            self.finish(commit=True)
