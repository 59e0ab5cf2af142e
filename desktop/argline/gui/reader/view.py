"""The document's text, read-only: clicks on it, tooltips over it, lines under its passages.

A QPlainTextEdit lays out only the blocks it shows, so a 300-page text opens as fast
as a page; the lines and margin bars are drawn for the lines on screen alone. It knows
Qt positions only: the pane turns them into passage offsets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTextLine,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from argline.gui.plain import plain_tooltip

MARGIN = 9  # the document's margin, room for a bar at its left
BAR_WIDTH = 3
WAVE_LENGTH = 6.0
WAVE_HEIGHT = 1.5


@dataclass(frozen=True, slots=True)
class LineMark:
    """A line drawn under the text from Qt position ``start`` to ``end``, waved or straight."""

    start: int
    end: int
    pen: QPen
    wavy: bool = False


class DocumentView(QPlainTextEdit):
    """Plain text (never HTML) to read and select, which says where the user clicks.

    ``clicked(position)`` is a click that selected nothing, at that Qt position;
    ``tooltip_at(position)`` gives the text of the tooltip there ("" for none).
    """

    clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)  # nothing to undo, and no copy of a megabyte kept
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.document().setDocumentMargin(MARGIN)
        self.tooltip_at: Callable[[int], str] = lambda _position: ""
        self._lines: Sequence[LineMark] = ()
        self._bars: Sequence[tuple[int, int]] = ()
        self._bar_colour = QColor()

    def set_marks(
        self, lines: Sequence[LineMark], bars: Sequence[tuple[int, int]], bar_colour: QColor
    ) -> None:
        """Draw these lines, in order, and bar the margin beside the text of ``bars``."""
        drawn = self._lines or self._bars
        self._lines, self._bars, self._bar_colour = lines, bars, bar_colour
        # Nothing drawn before or now: nothing to redraw. (Asked for the viewport the
        # first time, PySide looks for its class among all of Qt's widget classes.)
        if drawn or lines or bars:
            self.viewport().update()

    @property
    def line_marks(self) -> Sequence[LineMark]:
        return self._lines

    @property
    def bars(self) -> Sequence[tuple[int, int]]:
        return self._bars

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.clicked.emit(self.cursorForPosition(event.position().toPoint()).position())

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            self._show_tooltip(event.pos(), event.globalPos())
            return True
        return super().viewportEvent(event)

    def _show_tooltip(self, point: QPoint, global_point: QPoint) -> None:
        text = self.tooltip_at(self.cursorForPosition(point).position())
        if text:
            QToolTip.showText(global_point, plain_tooltip(text), self.viewport())
        else:
            QToolTip.hideText()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not (self._lines or self._bars):
            return
        shown = self._shown_lines(event.rect().bottom())
        if not shown:
            return
        first, last = shown[0][0], shown[-1][0] + shown[-1][1].textLength() + 1
        lines = [m for m in self._lines if m.start < last and first < m.end]
        bars = [b for b in self._bars if b[0] < last and first < b[1]]
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for start, line, top in shown:
            end = start + max(line.textLength(), 1)
            if any(a < end and start < b for a, b in bars):
                box = (2, round(top + line.y()), BAR_WIDTH, round(line.height()))
                painter.fillRect(*box, self._bar_colour)
            for mark in lines:
                if mark.start < end and start < mark.end:
                    _draw_line(painter, mark, line, start, top)
        painter.end()

    def _shown_lines(self, bottom: int) -> list[tuple[int, QTextLine, float]]:
        """Return each line on screen: its first Qt position, itself, and its block's top."""
        shown = []
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        while block.isValid():
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > bottom:
                break
            layout = block.layout()
            for index in range(layout.lineCount()):
                line = layout.lineAt(index)
                shown.append((block.position() + line.textStart(), line, top))
            block = block.next()
        return shown


def _draw_line(painter: QPainter, mark: LineMark, line: QTextLine, start: int, top: float) -> None:
    """Draw the part of ``mark`` that falls on ``line`` (which starts at Qt position ``start``)."""
    in_block = start - line.textStart()  # the block's first position
    left = line.cursorToX(max(mark.start, start) - in_block)[0]
    right = line.cursorToX(min(mark.end, start + line.textLength()) - in_block)[0]
    if right <= left:
        return
    y = top + line.y() + line.ascent() + max(1.5, mark.pen.widthF() / 2 + 0.5)
    painter.setPen(mark.pen)
    if not mark.wavy:
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        return
    path = QPainterPath(QPointF(left, y))
    x, up = left, True
    while x < right:
        step = min(WAVE_LENGTH / 2, right - x)
        lift = -WAVE_HEIGHT if up else WAVE_HEIGHT
        path.quadTo(QPointF(x + step / 2, y + 2 * lift), QPointF(x + step, y))
        x, up = x + step, not up
    painter.drawPath(path)
