"""Return how the Reader marks a passage: its role's tint, and a line under it that says the role.

The tints are the map's role colours (gui.map.style) thinned into the page, as much as
keeps the text on them at a contrast of 4.5:1 or more (WCAG AA) in either theme. Each
role also has its own line, so the highlights read the same without colour: the main
contention is underlined thick, a reason thin, an objection waved, a rebuttal dashed,
a conclusion dotted. Qt's own underlines are one pixel thin at reading sizes, too thin
to tell a wave from dots, so the view draws these (view.LineMark). A source date's
passage is not tinted: it is underlined in grey dashes and dots and barred in the
margin, which a claim's tint over it leaves. Lines keep 3:1 against their ground.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QPen, QTextCharFormat

from argline.gui.map.style import MapColours, _contrast, _mix
from argline.model.entities import ClaimRole

TEXT_CONTRAST = 4.5
LINE_CONTRAST = 3.0
TINT_SHARE = 0.22  # of the role's colour in an ordinary highlight's tint
EMPHASIS_SHARE = 0.5  # in the tint of a claim chosen elsewhere

# Width in pixels and dash pattern (in widths; None: solid) of each role's line.
LINES: dict[ClaimRole, tuple[float, tuple[float, ...] | None]] = {
    ClaimRole.MAIN: (3.0, None),
    ClaimRole.REASON: (1.5, None),
    ClaimRole.OBJECTION: (1.5, None),  # waved
    ClaimRole.REBUTTAL: (2.0, (2.5, 1.5)),
    ClaimRole.CONCLUSION: (2.2, (0.01, 2.0)),  # round dots
}
WAVY = frozenset({ClaimRole.OBJECTION})
SOURCE_DATE_LINE = (1.5, (4.0, 2.0, 0.01, 2.0))  # dash, dot
LINE_WORDS = {
    ClaimRole.MAIN: "thick underline",
    ClaimRole.REASON: "thin underline",
    ClaimRole.OBJECTION: "wavy underline",
    ClaimRole.REBUTTAL: "dashed underline",
    ClaimRole.CONCLUSION: "dotted underline",
}


@dataclass(frozen=True, slots=True, eq=False)
class ReaderMarks:
    """The marks of one palette: per role a tint, plain and emphasised, and a line."""

    roles: dict[ClaimRole, QTextCharFormat]
    emphasised: dict[ClaimRole, QTextCharFormat]
    lines: dict[ClaimRole, QPen]
    source_date_line: QPen
    source_date_bar: QColor
    flash: QTextCharFormat

    @classmethod
    def from_palette(cls, palette: QPalette) -> ReaderMarks:
        """Return the marks for text drawn in ``palette``'s Text on its Base."""
        role = QPalette.ColorRole
        return _marks(
            palette.color(role.Base).rgba(),
            palette.color(role.Text).rgba(),
            palette.color(role.Highlight).rgba(),
            palette.color(role.HighlightedText).rgba(),
            MapColours.from_palette(palette),
        )


@cache
def _marks(
    base: int, text: int, highlight: int, highlighted_text: int, colours: MapColours
) -> ReaderMarks:
    ground, ink = QColor.fromRgba(base), QColor.fromRgba(text)
    ground.setAlpha(255)
    ink.setAlpha(255)
    flash = QTextCharFormat()
    flash.setBackground(QColor.fromRgba(highlight))
    flash.setForeground(QColor.fromRgba(highlighted_text))
    grey = _line(colours.muted_ink, ground)
    lines = {}
    for role in ClaimRole:
        # Against the stronger tint: the harder ground for a line in either theme.
        strongest = tint(colours.roles[role], ground, ink, EMPHASIS_SHARE)
        lines[role] = _pen(_line(colours.roles[role], strongest), *LINES[role])
    return ReaderMarks(
        roles={r: _tinted(tint(colours.roles[r], ground, ink, TINT_SHARE), ink) for r in ClaimRole},
        emphasised={
            r: _tinted(tint(colours.roles[r], ground, ink, EMPHASIS_SHARE), ink) for r in ClaimRole
        },
        lines=lines,
        source_date_line=_pen(grey, *SOURCE_DATE_LINE),
        source_date_bar=grey,
        flash=flash,
    )


def tint(colour: QColor, ground: QColor, ink: QColor, share: float) -> QColor:
    """Return ``share`` of ``colour`` mixed into ``ground``, less if ``ink`` needs the contrast."""
    mixed = _mix(colour, ground, share)
    while _contrast(ink, mixed) < TEXT_CONTRAST and share > 0.01:
        share *= 0.85
        mixed = _mix(colour, ground, share)
    return mixed


def _line(colour: QColor, ground: QColor) -> QColor:
    """Return ``colour``, moved away from ``ground`` until a line of it stands out at 3:1."""
    away = QColor("#000000") if ground.lightnessF() >= 0.5 else QColor("#ffffff")
    line, share = QColor(colour), 0.0
    while _contrast(line, ground) < LINE_CONTRAST and share < 1:
        share += 0.1
        line = _mix(away, colour, share)
    return line


def _pen(colour: QColor, width: float, dashes: tuple[float, ...] | None) -> QPen:
    pen = QPen(colour, width)
    if dashes is None:
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    else:
        pen.setCapStyle(Qt.PenCapStyle.RoundCap if 0.01 in dashes else Qt.PenCapStyle.FlatCap)
        pen.setDashPattern(list(dashes))
    return pen


def _tinted(background: QColor, ink: QColor) -> QTextCharFormat:
    made = QTextCharFormat()
    made.setBackground(background)
    # Set, not inherited, so that Qt draws the text again over the tint, in the ink.
    made.setForeground(ink)
    return made
