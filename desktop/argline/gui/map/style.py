"""Return the pens, colours, fonts and words the map draws with, shared by screen and legend.

Colours are Okabe and Ito's palette, safe for colour-blind readers; every difference
they carry is also carried by a line style, an arrowhead or a shape, so a map printed
in greyscale reads the same.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen

from argline.model.entities import Assumption, ClaimRole, RelationType
from argline.model.evaluation import Status

BLACK = QColor("#000000")
ORANGE = QColor("#E69F00")
SKY_BLUE = QColor("#56B4E9")
BLUISH_GREEN = QColor("#009E73")
BLUE = QColor("#0072B2")
VERMILLION = QColor("#D55E00")
REDDISH_PURPLE = QColor("#CC79A7")
INK = QColor("#1b1b1b")
MUTED_INK = QColor("#5a5a5a")
CARD_FILL = QColor("#ffffff")
OUT_FILL = QColor("#eeeeee")
SELECTION = QColor("#0072B2")
HIGHLIGHT = QColor("#F0E442")  # Okabe and Ito's yellow: a wide halo, unlike the thin selection

ROLE_NAMES = {
    ClaimRole.MAIN: "Main contention",
    ClaimRole.REASON: "Reason",
    ClaimRole.OBJECTION: "Objection",
    ClaimRole.REBUTTAL: "Rebuttal",
    ClaimRole.CONCLUSION: "Conclusion",
}
ROLE_COLOURS = {
    ClaimRole.MAIN: BLACK,
    ClaimRole.REASON: BLUISH_GREEN,
    ClaimRole.OBJECTION: VERMILLION,
    ClaimRole.REBUTTAL: BLUE,
    ClaimRole.CONCLUSION: REDDISH_PURPLE,
}
ASSUMPTION_NAMES = {
    Assumption.ACCEPTED: "accepted assumption",
    Assumption.REJECTED: "rejected assumption",
}

STATUS_COLOURS = {Status.IN: BLUISH_GREEN, Status.OUT: VERMILLION, Status.UNDECIDED: ORANGE}
STATUS_WORDS = {
    Status.IN: "stands: every attack on it fails",
    Status.OUT: "falls: an attack on it succeeds",
    Status.UNDECIDED: "undecided: caught in a cycle of attacks",
}

RELATION_COLOURS = {
    RelationType.SUPPORT: BLUISH_GREEN,
    RelationType.ATTACK: VERMILLION,
    RelationType.UNDERCUT: BLUE,
}
RELATION_WORDS = {
    RelationType.SUPPORT: "supports: solid line, filled arrow",
    RelationType.ATTACK: "attacks: dashed line, bar head",
    RelationType.UNDERCUT: "undercuts a relation: dotted line, ring head on its middle",
}
NOT_CARRYING_OPACITY = 0.35
LINE_WIDTH = 2.2


@cache
def relation_pen(kind: RelationType, *, carrying: bool = True) -> QPen:
    """Return the pen of a relation's line: colour and dash pattern both tell its kind.

    Shared between calls (edges paint often while a card is dragged): do not change it.
    """
    colour = QColor(RELATION_COLOURS[kind])
    if not carrying:
        colour.setAlphaF(NOT_CARRYING_OPACITY)
    pen = QPen(colour, LINE_WIDTH)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if kind is RelationType.ATTACK:
        pen.setDashPattern([5.0, 3.0])
    elif kind is RelationType.UNDERCUT:
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setDashPattern([0.1, 2.6])
    return pen


@cache
def card_fonts() -> tuple[QFont, QFont, QFont]:
    """Return the fonts of a card's role line, title and text.

    Sizes are in pixels, not points, so the screen and every export resolution wrap
    the same words onto the same lines.
    """
    text = QFont()
    text.setPixelSize(13)
    title = QFont(text)
    title.setBold(True)
    role = QFont(text)
    role.setPixelSize(10)
    role.setCapitalization(QFont.Capitalization.AllUppercase)
    role.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
    return role, title, text
