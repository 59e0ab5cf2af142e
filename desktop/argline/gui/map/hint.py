"""What an empty map says: how to start one, in the words of the menus that do it.

The hint lies over the middle of the view and lets every click through to the map, so
the right-click it suggests lands where the user makes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from argline.gui.map.style import MapColours
from argline.ops.evaluation import ArgumentState

NO_ASSESSMENT = (
    "No assessments yet.\nFile ▸ New Assessment… (Ctrl+Shift+N) starts one; "
    "right-click here to add its first claim."
)
NONE_SHOWN = (
    "Choose an assessment on the left to see its map,\n"
    "or start another with File ▸ New Assessment… (Ctrl+Shift+N)."
)
EMPTY_MAP = (
    "An empty map. Add its main contention: right-click ▸ Add claim here, "
    "double-click, or Insert ▸ New Claim (Ctrl+Shift+C)."
)


def hint_for(state: ArgumentState | None, shown: Sequence[str]) -> str:
    """Return what the map should say when it has no card to show, else ""."""
    if state is None or not state.assessments:
        return NO_ASSESSMENT
    if not shown:
        return NONE_SHOWN
    owners = {c.assessment_id for c in state.claims}
    return "" if owners & set(shown) else EMPTY_MAP


class EmptyMapHint(QLabel):
    """The hint over an empty map's view; mouse events pass through it to the map."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        self.hide()

    def say(self, text: str, colours: MapColours) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colours.muted_ink)
        self.setPalette(palette)
        self.setText(text)
        self.setVisible(bool(text))
        self.place()

    def place(self) -> None:
        """Centre the hint in the view, a readable line length wide."""
        area = self.parentWidget().rect()
        width = min(area.width() - 48, 560)
        height = self.heightForWidth(width) if width > 0 else 0
        self.setGeometry(
            area.center().x() - width // 2, area.center().y() - height // 2, width, height
        )
