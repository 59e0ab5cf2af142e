"""What an empty map says: how to start one, in the words of the menus that do it.

The hint lies over the view, just below its middle (where an empty map's title is),
and lets every click through to the map, so the right-click it suggests lands where
the user makes it. It belongs to the view, not its viewport, which the map scrolls.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QLabel

from argline.gui.map.style import MapColours
from argline.gui.shortcuts import NEW_ASSESSMENT, NEW_CLAIM
from argline.ops.evaluation import ArgumentState

NO_ASSESSMENT = (
    f"No assessments yet.\nFile ▸ New Assessment… ({NEW_ASSESSMENT}) starts one,\n"
    "or right-click here to add its first claim."
)
NONE_SHOWN = (
    "Choose an assessment on the left to see its map,\n"
    f"or start another with File ▸ New Assessment… ({NEW_ASSESSMENT})."
)
EMPTY_MAP = (
    "An empty map. Add its main contention: right-click ▸ Add claim here,\n"
    f"double-click, or Insert ▸ New Claim ({NEW_CLAIM})."
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

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__(view)
        self.view = view
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
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            palette.setColor(role, colours.muted_ink)
        self.setPalette(palette)
        self.setText(text)
        self.setVisible(bool(text))
        self.place()

    def place(self) -> None:
        """Put the hint across the view just below its middle, a readable line length wide."""
        area = self.view.viewport().geometry()
        width = max(min(area.width() - 48, 620), 1)
        height = self.heightForWidth(width)
        self.setGeometry(area.center().x() - width // 2, area.center().y() + 40, width, height)
