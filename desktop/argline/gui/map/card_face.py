"""How big a claim's card is and which lines it shows: its fonts, measured once, and its
words wrapped at the card's width into explicit lines.

Kept apart from painting (argline.gui.map.card) because the layout needs every card's
size before any is drawn, and the lines measured here are the ones painted, so the
screen and every export show the same lines in a card always tall enough for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout

from argline.gui.map.style import ASSUMPTION_NAMES, ROLE_NAMES, card_fonts
from argline.model.entities import Claim

TEXT_WIDTH = 232.0
MIN_TEXT_WIDTH = 140.0
PAD = 10.0
STRIPE = 5.0
BADGE = 16.0
LINE_GAP = 4.0


@dataclass(frozen=True, slots=True)
class CardFace:
    """A card's lines of text, measured: what the card paints and how big it is."""

    role_line: str
    title_lines: tuple[str, ...]
    text_lines: tuple[str, ...]
    footer: str
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class _Type:
    """The card's fonts and the measures of them that every card needs, found once."""

    role: QFont
    title: QFont
    text: QFont
    title_key: str
    text_key: str
    role_height: float
    role_ascent: float
    title_spacing: float
    text_spacing: float
    title_ascent: float
    text_ascent: float
    role_advance: object  # str -> float, remembered


@cache
def card_type() -> _Type:
    """Return the card's fonts with their measures (made once: QFont.key() alone is slow)."""
    role, title, text = card_fonts()
    for font in (title, text):
        _FONTS.setdefault(font.key(), font)
    role_m, title_m, text_m = (QFontMetricsF(f) for f in (role, title, text))
    return _Type(
        role,
        title,
        text,
        title.key(),
        text.key(),
        role_m.height(),
        role_m.ascent(),
        title_m.lineSpacing(),
        text_m.lineSpacing(),
        title_m.ascent(),
        text_m.ascent(),
        # Through a lambda: lru_cache reading a Qt method's docstring wakes PySide6's
        # signature machinery, 50–75 ms of every start-up.
        lru_cache(maxsize=256)(lambda text: role_m.horizontalAdvance(text)),  # noqa: PLW0108
    )


def measure(claim: Claim, *, links_elsewhere: int = 0) -> CardFace:
    """Return the face of a card for ``claim``, its text wrapped at the card's width."""
    kind = card_type()
    role_line = ROLE_NAMES[claim.role]
    if claim.assumption:
        role_line += f" · {ASSUMPTION_NAMES[claim.assumption]}"
    footer = ""
    if links_elsewhere:
        footer = f"⇄ {links_elsewhere} link{'s' * (links_elsewhere > 1)} to another assessment"
    title_lines, title_width = wrap_key(claim.title, kind.title_key)
    text_lines, text_width = wrap_key(claim.text, kind.text_key)
    role_width = kind.role_advance(role_line) + BADGE + 6  # type: ignore[operator]
    footer_width = kind.role_advance(footer) if footer else 0.0  # type: ignore[operator]
    widest = max(title_width, text_width, role_width, footer_width, MIN_TEXT_WIDTH)
    height = PAD + kind.role_height + LINE_GAP
    height += len(title_lines) * kind.title_spacing
    if title_lines and text_lines:
        height += LINE_GAP
    height += len(text_lines) * kind.text_spacing
    if footer:
        height += LINE_GAP + footer_height(footer)
    return CardFace(
        role_line,
        title_lines,
        text_lines,
        footer,
        width=STRIPE + PAD + min(widest, TEXT_WIDTH) + PAD,
        height=height + PAD,
    )


@lru_cache(maxsize=64)
def footer_height(footer: str) -> float:
    """Return the height of a card's footer line as drawn: its arrow may come from a
    fallback font taller than the card's own, and the card must make room for it."""
    layout = QTextLayout(footer, card_type().role)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return max(line.height(), card_type().role_height)


def wrap_key(text: str, font_key: str, width: float = TEXT_WIDTH) -> tuple[tuple[str, ...], float]:
    """Return ``text`` broken into lines no wider than the card, and the widest line's width.

    Words are measured once each (a map repeats most of its words), and lines are filled
    greedily from those widths; only a paragraph with a word wider than a card is left
    to ``QTextLayout``, which breaks inside words. Results are kept per text and font.
    """
    if not text or text.isspace():
        return (), 0.0
    return _wrap_cached(text, font_key, width)


@lru_cache(maxsize=20_000)
def _wrap_cached(text: str, font_key: str, width: float) -> tuple[tuple[str, ...], float]:
    font = _FONTS[font_key]
    advance = _advance_of(font_key)
    space = advance(" ")
    lines: list[str] = []
    widest = 0.0
    for paragraph in text.splitlines() or [text]:
        words = paragraph.split()
        widths = [advance(word) for word in words]
        if any(word_width > width for word_width in widths):
            broken, broken_width = _wrap_with_layout(paragraph, font, width)
            lines += broken
            widest = max(widest, broken_width)
            continue
        line: list[str] = []
        filled = 0.0
        for word, word_width in zip(words, widths, strict=True):
            if line and filled + space + word_width > width:
                lines.append(" ".join(line))
                widest = max(widest, filled)
                line, filled = [], 0.0
            filled += (space if line else 0.0) + word_width
            line.append(word)
        lines.append(" ".join(line))
        widest = max(widest, filled)
    return tuple(lines), widest


_FONTS: dict[str, QFont] = {}


@cache
def _advance_of(font_key: str) -> Callable[[str], float]:
    measure = QFontMetricsF(_FONTS[font_key]).horizontalAdvance

    # A function of our own to cache: wrapping Qt's method itself would read its
    # docstring, which makes PySide6 build every signature of the class (~50 ms).
    @lru_cache(maxsize=50_000)
    def advance(text: str) -> float:
        return measure(text)

    return advance


def _wrap_with_layout(paragraph: str, font: QFont, width: float) -> tuple[list[str], float]:
    lines: list[str] = []
    widest = 0.0
    layout = QTextLayout(paragraph, font)
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        lines.append(paragraph[start : start + length].rstrip())
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return lines, widest


def lines_height(lines: tuple[str, ...], font: QFont) -> float:
    return len(lines) * font_metrics(font).lineSpacing()


_METRICS: dict[str, QFontMetricsF] = {}


def font_metrics(font: QFont) -> QFontMetricsF:
    """Return the metrics of one of the card's fonts, made once."""
    key = font.key()
    metrics = _METRICS.get(key)
    if metrics is None:
        metrics = _METRICS[key] = QFontMetricsF(font)
    return metrics
