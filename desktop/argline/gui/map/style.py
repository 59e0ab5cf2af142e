"""Return the pens, colours, fonts and words the map draws with, shared by screen and legend.

Colours are Okabe and Ito's palette, safe for colour-blind readers; every difference
they carry is also carried by a line style, an arrowhead or a shape, so a map printed
in greyscale reads the same. The surfaces and ink (background, cards, text) come from
the application's palette, so the dark theme gets a dark map; on a dark card the two
darkest marks (black, blue) are swapped for light ones. Exports always draw ``light()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette, QPen

from argline.model.entities import Assumption, ClaimRole, RelationType
from argline.model.evaluation import Status

BLACK = QColor("#000000")
ORANGE = QColor("#E69F00")
SKY_BLUE = QColor("#56B4E9")
BLUISH_GREEN = QColor("#009E73")
BLUE = QColor("#0072B2")
VERMILLION = QColor("#D55E00")
REDDISH_PURPLE = QColor("#CC79A7")
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
RELATION_NAMES = {
    RelationType.SUPPORT: "Support",
    RelationType.ATTACK: "Attack",
    RelationType.UNDERCUT: "Undercut",
}
ACROSS_COLOUR = REDDISH_PURPLE
ACROSS_WORDS = "links two assessments: purple dash-dot"
RELATION_WORDS = {
    RelationType.SUPPORT: "supports: solid line, filled arrow",
    RelationType.ATTACK: "attacks: dashed line, bar head",
    RelationType.UNDERCUT: "undercuts a relation: dotted, ring head",
}
NOT_CARRYING_OPACITY = 0.35
TEXT_CONTRAST = 4.5  # WCAG 2.1 AA for text, against whatever it is drawn on
LINE_WIDTH = 2.2
# On a dark card, black and blue nearly vanish (contrast 1.1 and 3.3 against #262a30):
# the main contention's stripe takes the ink, blue marks take Okabe and Ito's sky blue.
_ON_DARK = {BLACK.rgb(): None, BLUE.rgb(): SKY_BLUE}


@dataclass(frozen=True, slots=True, eq=False)
class MapColours:
    """The colours of one drawing of the map: its surfaces and ink, and the marks on them.

    Made once per palette (``from_palette`` and ``light`` hand back the same object for
    the same colours), so the pens and brushes made from it are kept per theme.
    """

    dark: bool
    background: QColor
    card_fill: QColor
    out_fill: QColor
    out_hatch: QColor  # the lines across a fallen claim's card
    ink: QColor
    muted_ink: QColor
    border: QColor
    panel: QColor  # the legend's panel, a little see-through
    badge_fill: QColor  # the "+N hidden" badge
    preview: QColor  # the line of a connection being dragged
    selection: QColor
    selection_halo: QColor
    roles: dict[ClaimRole, QColor]
    relations: dict[RelationType, QColor]
    across: QColor  # a link between two assessments' maps, whatever its kind

    @classmethod
    def from_palette(cls, palette: QPalette) -> MapColours:
        """Return the map's colours on ``palette``: its Base, AlternateBase, Window and Text."""
        role = QPalette.ColorRole
        return _colours(
            *(
                palette.color(r).rgba()
                for r in (role.Base, role.AlternateBase, role.Window, role.Text)
            ),
            palette.color(role.PlaceholderText).rgba(),
        )

    @classmethod
    def light(cls) -> MapColours:
        """Return the colours of an exported image: dark ink on white, whatever the screen."""
        return _colours(0xFFFFFFFF, 0xFFF7F7F7, 0xFFEFEFEF, 0xFF1B1B1B, 0xFF5A5A5A)


@cache
def _colours(base: int, alternate: int, window: int, text: int, placeholder: int) -> MapColours:
    base_c, alternate_c, window_c, ink = (
        QColor.fromRgba(c) for c in (base, alternate, window, text)
    )
    ink.setAlpha(255)
    dark = window_c.lightnessF() < 0.5
    if dark:  # cards stand a step lighter than the ground, as raised surfaces do in the dark
        card = _lighter_of(alternate_c, window_c)
        background, out = base_c, _mix(window_c, base_c, 0.5)
    else:  # white cards on a ground a shade off white; a card that falls goes grey
        background, card, out = _mix(base_c, window_c, 0.65), base_c, window_c
    # A fallen claim keeps its ink: its card is told apart by its mark and a hatching
    # faint enough that the text on it keeps its contrast.
    hatch = _mix(ink, out, 0.14)
    muted = _flatten(QColor.fromRgba(placeholder), card)
    grounds = (card, out, hatch, background)  # where muted words stand: cards and titles
    while (
        min(_contrast(muted, g) for g in grounds) < TEXT_CONTRAST and _contrast(muted, ink) > 1.05
    ):
        muted = _mix(muted, ink, 0.8)  # a faint placeholder colour: darken it towards the ink

    def marks(colour: QColor) -> QColor:
        if not dark or colour.rgb() not in _ON_DARK:
            return colour
        return _ON_DARK[colour.rgb()] or QColor(ink)

    selection = marks(BLUE)
    halo = QColor(selection)
    halo.setAlphaF(0.4 if not dark else 0.5)
    panel = QColor(card)
    panel.setAlpha(235)
    return MapColours(
        dark=dark,
        background=background,
        card_fill=card,
        out_fill=out,
        out_hatch=hatch,
        ink=ink,
        muted_ink=muted,
        border=_mix(ink, card, 0.4),
        panel=panel,
        badge_fill=_mix(HIGHLIGHT, card, 0.2 if not dark else 0.25),
        preview=_mix(ink, background, 0.75),
        selection=selection,
        selection_halo=halo,
        roles={r: marks(c) for r, c in ROLE_COLOURS.items()},
        relations={k: marks(c) for k, c in RELATION_COLOURS.items()},
        across=marks(ACROSS_COLOUR),
    )


def _mix(a: QColor, b: QColor, share_of_a: float) -> QColor:
    """Return ``a`` and ``b`` mixed, ``share_of_a`` of ``a`` (opaque)."""
    t = share_of_a
    return QColor.fromRgbF(
        a.redF() * t + b.redF() * (1 - t),
        a.greenF() * t + b.greenF() * (1 - t),
        a.blueF() * t + b.blueF() * (1 - t),
    )


def _flatten(colour: QColor, ground: QColor) -> QColor:
    """Return ``colour`` as it shows over ``ground`` (a palette's colour may be see-through)."""
    return _mix(colour, ground, colour.alphaF())


def _lighter_of(a: QColor, b: QColor) -> QColor:
    return a if a.lightnessF() >= b.lightnessF() else b


def _luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: QColor, b: QColor) -> float:
    """Return the WCAG contrast ratio of two opaque colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@cache
def relation_pen(
    kind: RelationType,
    *,
    carrying: bool = True,
    colours: MapColours | None = None,
    across: bool = False,
) -> QPen:
    """Return the pen of a relation's line: colour and dash pattern both tell its kind, or
    that it links two assessments (``across``: one hue and a dash-dot, the head tells the kind).

    Shared between calls (edges paint often while a card is dragged): do not change it.
    Without ``colours``, the light colours of an export.
    """
    colours = colours or MapColours.light()
    colour = QColor(colours.across if across else colours.relations[kind])
    if not carrying:
        colour.setAlphaF(NOT_CARRYING_OPACITY)
    pen = QPen(colour, LINE_WIDTH)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if across:
        pen.setDashPattern([7.0, 2.5, 1.5, 2.5])
    elif kind is RelationType.ATTACK:
        pen.setDashPattern([5.0, 3.0])
    elif kind is RelationType.UNDERCUT:
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setDashPattern([0.1, 2.6])
    return pen


TEXT_PX = 13  # a card's title and text, in scene pixels
ROLE_PX = 11  # its role line and footer: 9 px on screen at the zoom a map opens at
LEGIBLE_PX = 9  # the smallest text drawn on screen: below it, cards show less


@cache
def card_fonts() -> tuple[QFont, QFont, QFont]:
    """Return the fonts of a card's role line, title and text.

    Sizes are in pixels, not points, so the screen and every export resolution wrap
    the same words onto the same lines.
    """
    text = QFont()
    text.setPixelSize(TEXT_PX)
    title = QFont(text)
    title.setBold(True)
    role = QFont(text)
    role.setPixelSize(ROLE_PX)
    role.setCapitalization(QFont.Capitalization.AllUppercase)
    role.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
    return role, title, text
