"""View ▸ Scale: the timeline's scale, chosen by the user or at open, shown checked."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from argline.gui.timeline.view import TimelineView
from argline.layout.time_warp import ScaleKind

_TEXTS = {
    ScaleKind.LINEAR: "&Chronological",
    ScaleKind.COLLAPSED: "C&ollapsed (Empty Stretches Shrunk)",
    ScaleKind.SEQUENTIAL: "&Sequential (Events Evenly Spaced)",
    ScaleKind.LOG: "&Logarithmic (Time from the Selected Event)",
}


class ScaleMenu(QMenu):
    """One checked choice of scale for the timeline the window shows (views come and go
    with the stores opened: ``follow`` each new one before it loads)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("&Scale", parent)
        self._timeline: TimelineView | None = None
        group = QActionGroup(self)
        self.choices: dict[ScaleKind, QAction] = {}
        for kind, text in _TEXTS.items():
            chosen = QAction(text, self, checkable=True)
            chosen.triggered.connect(lambda _checked=False, kind=kind: self._choose(kind))
            group.addAction(chosen)
            self.addAction(chosen)
            self.choices[kind] = chosen
        self.choices[ScaleKind.LINEAR].setChecked(True)

    def follow(self, timeline: TimelineView) -> None:
        self._timeline = timeline
        timeline.scaleChanged.connect(lambda kind: self.choices[kind].setChecked(True))

    def _choose(self, kind: ScaleKind) -> None:
        if self._timeline is not None:
            self._timeline.set_time_scale(kind)
