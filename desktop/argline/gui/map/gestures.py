"""Name every gesture the argument map understands, for Help ▸ Map Gestures."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

GESTURES = (
    ("Select a claim or relation", "click it; Ctrl-click adds it to the selection or takes it out"),
    ("Select several", "drag a rectangle on empty map"),
    ("Move claims", "drag a card (every selected card moves with it)"),
    ("Pan", "drag with the middle button, or scroll; Shift+wheel scrolls sideways"),
    ("Zoom", "the wheel (about the pointer), + and −, or the map's toolbar"),
    ("Fit map to window", "F, the toolbar's Fit, or right-click on empty map"),
    ("Focus on a claim", "1: at full size"),
    ("Add a claim", "double-click empty map (there), or Insert or N (a reason for the selected)"),
    ("Edit a claim", "double-click its title or text, or F2; Return opens its details"),
    (
        "Connect two claims",
        "drag from the ⊕ handle on a card's right edge (shown on hover) onto the other; "
        "or right-click ▸ Connect to…, or the toolbar's Connect to…, then click the "
        "other card (Esc cancels)",
    ),
    ("Undercut a relation", "drag from a card's handle onto the relation's line"),
    ("Reconnect a relation", "select it, then drag one of its ends to another claim"),
    ("Make a support an attack", "right-click the relation ▸ Make it an attack"),
    ("Collapse or expand below a claim", "C, or the card's “+N hidden” badge"),
    ("Delete", "Delete or Backspace: the selected claims and relations"),
    ("Legend", "the toolbar's Legend, or right-click on empty map ▸ Show legend"),
)


def gestures_text() -> str:
    """Return the gestures as plain lines: "what — how"."""
    return "\n".join(f"{what} — {how}" for what, how in GESTURES)


def show_map_gestures(parent: QWidget) -> None:
    """Show every map gesture in a dialog."""
    box = QMessageBox(parent)
    box.setWindowTitle("Map Gestures")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText("What the argument map does with the mouse and keys")
    box.setInformativeText(gestures_text())
    box.exec()
