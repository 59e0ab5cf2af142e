"""The Lane Mark dialog: a lane's symbol and its colour, chosen from the palette."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from argline.gui.timeline.style import glyph_polygon
from argline.model.lanes import COLOUR_NAMES, COLOURS, SYMBOLS, LaneMark

_ICON = 18  # px


class LaneMarkDialog(QDialog):
    """Ask for a lane's mark, starting from the one it has."""

    def __init__(self, parent: QWidget | None, lane: str, mark: LaneMark) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Lane Mark: {lane}")
        self.symbol = QComboBox()
        self.colour = QComboBox()
        for symbol in SYMBOLS:
            self.symbol.addItem(_icon(symbol, "#ffffff"), symbol, symbol)
        for colour in COLOURS:
            self.colour.addItem(_icon("square", colour), COLOUR_NAMES[colour], colour)
        self.symbol.setCurrentIndex(max(self.symbol.findData(mark.symbol), 0))
        self.colour.setCurrentIndex(max(self.colour.findData(mark.colour), 0))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Symbol", self.symbol)
        form.addRow("&Colour", self.colour)
        form.addRow(buttons)

    def mark(self) -> LaneMark:
        """Return the mark chosen."""
        return LaneMark(self.symbol.currentData(), self.colour.currentData())


def _icon(symbol: str, colour: str) -> QIcon:
    pixmap = QPixmap(_ICON, _ICON)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#1b1b1b"), 1))
    painter.setBrush(QColor(colour))
    painter.drawPolygon(glyph_polygon(symbol, _ICON / 2, _ICON / 2, _ICON * 0.6))
    painter.end()
    return QIcon(pixmap)
