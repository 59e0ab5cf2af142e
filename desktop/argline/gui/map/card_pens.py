"""The pens, brushes and shapes every claim card paints with, made once and shared.

Apart from the card (argline.gui.map.card) because they depend only on the theme or a
card's size, not on one card: a map of thousands of cards makes each of them once,
not once a paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from argline.gui.map.card_face import STRIPE
from argline.gui.map.style import HIGHLIGHT, MapColours, _mix

HALO = 7.0
HATCH_STEP = 11.0


@dataclass(frozen=True, slots=True)
class CardPens:
    """Pens and brushes every card paints with, made once per theme and shared."""

    colours: MapColours
    halo: QPen
    border: dict[tuple[bool, bool], QPen]  # (selected, out) -> pen
    fill: dict[bool, QBrush]  # out -> brush
    hatch: QPen  # the lines across a fallen claim's card
    roles: dict[object, QBrush]
    role_tints: dict[object, QBrush]  # a card drawn as its marks alone
    handle: tuple[QPen, QBrush]
    badge: tuple[QPen, QBrush]


@cache
def _pens(colours: MapColours) -> CardPens:
    border = {}
    for selected in (False, True):
        for out in (False, True):
            pen = QPen(colours.selection if selected else colours.border, 2.5 if selected else 1.0)
            if out:
                pen.setStyle(Qt.PenStyle.DashLine)
            border[selected, out] = pen
    return CardPens(
        colours,
        QPen(HIGHLIGHT, HALO, Qt.PenStyle.SolidLine),
        border,
        {False: QBrush(colours.card_fill), True: QBrush(colours.out_fill)},
        QPen(colours.out_hatch, 1.0),
        {role: QBrush(colour) for role, colour in colours.roles.items()},
        {
            role: QBrush(_mix(colour, colours.card_fill, 0.35))
            for role, colour in colours.roles.items()
        },
        (QPen(colours.border, 1.2), QBrush(colours.card_fill)),
        (QPen(colours.ink, 1), QBrush(colours.badge_fill)),
    )


def pens_of(item: QGraphicsItem) -> CardPens:
    """Return the pens of the theme ``item``'s scene draws in (light when it has none)."""
    colours = getattr(item.scene(), "colours", None) or MapColours.light()
    return _pens(colours)


@lru_cache(maxsize=512)
def hatching(width: float, height: float) -> QPainterPath:
    """Return the diagonal lines across a fallen claim's card, kept clear of its corners.

    Lines, not a pattern brush: they scale with the card, and an SVG export keeps them.
    """
    inset = 4.0  # inside the rounded corners (radius 6) everywhere
    left, top, right, bottom = inset, inset, width - inset, height - inset
    lines = QPainterPath()
    offset = left + top + HATCH_STEP
    while offset < right + bottom:  # each line is x + y = offset, cut to the inset box
        y0, y1 = max(top, offset - right), min(bottom, offset - left)
        if y0 < y1:
            lines.moveTo(offset - y0, y0)
            lines.lineTo(offset - y1, y1)
        offset += HATCH_STEP
    return lines


@lru_cache(maxsize=512)
def stripe(height: float) -> QPainterPath:
    """Return the role stripe down a card's left edge, rounded like the card's corners."""
    outline = QPainterPath()
    outline.addRoundedRect(QRectF(0, 0, 100, height), 6, 6)
    band = QPainterPath()
    band.addRect(QRectF(0, 0, STRIPE, height))
    return outline.intersected(band)
