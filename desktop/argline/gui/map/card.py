"""A claim drawn as a card: role, title and wrapped text, its status mark and a connect handle.

The card paints the lines argline.gui.map.card_face measured, so the screen, PNG, SVG
(text stays text) and PDF show the same lines and nothing is clipped; how much of it
is drawn follows the zoom (``detail_at``). Its pens and shapes are argline.gui.map.card_pens.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from argline.gui.map import marks
from argline.gui.map.card_face import (
    BADGE,
    LINE_GAP,
    PAD,
    STRIPE,
    CardFace,
    card_type,
    font_metrics,
    footer_height,
    lines_height,
    wrap_key,
)
from argline.gui.map.card_pens import HALO, CardPens, hatching, pens_of, stripe
from argline.gui.map.style import LEGIBLE_PX, card_fonts
from argline.gui.plain import plain_tooltip
from argline.model.entities import Claim
from argline.model.evaluation import Status

if TYPE_CHECKING:
    from argline.gui.map.edge import RelationEdge

HANDLE_RADIUS = 6.0
TITLE_ALONE_PX = 11.0  # a title drawn alone, zoomed out, is at least this tall on screen
MARK_ALONE_PX = 12.0  # and a status mark drawn alone
TITLES_SCALE = 0.3  # below this zoom a title alone no longer reads in its card: marks


class Detail(Enum):
    """How much of a card is drawn: all its words, its title alone, or its marks alone."""

    WORDS = "words"  # the role line, title, text and footer
    TITLES = "titles"  # the title (the text when it has none), large enough to read
    MARKS = "marks"  # the role's colour over the card and a large status mark


def detail_at(scale: float) -> Detail:
    """Return what a card shows at ``scale`` (screen pixels per scene unit): all its words
    while the smallest of them stays legible, then its title, then its marks."""
    role, title, text = card_fonts()
    smallest = min(role.pixelSize(), title.pixelSize(), text.pixelSize())
    if scale * smallest >= LEGIBLE_PX:
        return Detail.WORDS
    if scale >= TITLES_SCALE:
        return Detail.TITLES
    return Detail.MARKS


@dataclass(frozen=True, slots=True)
class _Line:
    """One line of a card's words, laid out for painting."""

    font: QFont
    ink: QColor
    top_left: QPointF
    baseline: QPointF
    static: QStaticText

    @classmethod
    def of(cls, text: str, font: QFont, ink: QColor, *, x: float, y: float, ascent: float) -> _Line:
        static = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(QTransform(), font)
        return cls(font, ink, QPointF(x, y), QPointF(x, y + ascent), static)


class ClaimCard(QGraphicsItem):
    """One claim on the map; edges attached to it follow it while it moves."""

    def __init__(self, claim: Claim, face: CardFace, status: Status) -> None:
        super().__init__()
        self.claim = claim
        self.face = face
        self.status = status
        self.collapsed_count = 0  # cards hidden below this one by a collapse
        self.highlighted = False
        self.edges: list[RelationEdge] = []
        self.connecting = False
        self._words: list[_Line] | None = None
        self._title_alone: tuple[float, list[QStaticText]] | None = None  # (zoom factor, lines)
        # No ItemSendsGeometryChanges and no itemChange override: building a map of
        # thousands of cards would call into Python ten times a card. Edges follow a
        # drag from mouseMoveEvent instead, and the scene raises the selected cards.
        flags = QGraphicsItem.GraphicsItemFlag
        self.setFlags(flags.ItemIsMovable | flags.ItemIsSelectable)
        self.setToolTip(plain_tooltip(claim.text))
        self.setAcceptHoverEvents(True)

    @property
    def id(self) -> str:
        return self.claim.id

    def show_claim(self, claim: Claim, face: CardFace) -> None:
        """Show a changed claim: new words, new size."""
        if face != self.face:
            self.prepareGeometryChange()
        if claim.text != self.claim.text:
            self.setToolTip(plain_tooltip(claim.text))
        self.claim, self.face = claim, face
        self._words = self._title_alone = None
        self.update()

    def show_status(self, status: Status) -> None:
        if status is not self.status:
            self.status = status
            self._words = None
            self.update()

    def show_collapsed(self, hidden: int) -> None:
        """Show how many cards a collapse hides below this one (0: none, nothing drawn)."""
        if hidden != self.collapsed_count:
            self.prepareGeometryChange()
            self.collapsed_count = hidden
            self.update()

    def restyle(self) -> None:
        """Draw again in the scene's colours (the theme changed): the words keep their ink."""
        self._words = self._title_alone = None
        self.update()

    def ink(self) -> QColor:
        """Return the colour the card's title and text are drawn in (a fallen claim's too:
        its mark and hatching tell it apart, not fainter words)."""
        return pens_of(self).colours.ink

    def show_highlight(self, highlighted: bool) -> None:
        """Light the card up (a search hit, a linked claim): a halo unlike the selection's."""
        if highlighted != self.highlighted:
            self.highlighted = highlighted
            self.update()

    def frame(self) -> QRectF:
        """Return the card's rectangle in its own coordinates (without the handle)."""
        return QRectF(0, 0, self.face.width, self.face.height)

    def scene_frame(self) -> QRectF:
        """Return the card's rectangle in the scene (edges ask often: kept cheap)."""
        return QRectF(self.x(), self.y(), self.face.width, self.face.height)

    def handle_centre(self) -> QPointF:
        """Return the connect handle's centre: on the right edge, where no edge ends."""
        return QPointF(self.face.width, self.face.height / 2)

    def on_handle(self, point: QPointF) -> bool:
        """Tell whether ``point`` (in card coordinates) is on the connect handle."""
        delta = point - self.handle_centre()
        return delta.x() ** 2 + delta.y() ** 2 <= (HANDLE_RADIUS + 3) ** 2

    def on_title(self, point: QPointF) -> bool:
        role_font, title_font, _ = card_fonts()
        top = PAD + QFontMetricsF(role_font).height() + LINE_GAP
        bottom = top + lines_height(self.face.title_lines, title_font)
        return top <= point.y() <= bottom

    def text_origin(self, title: bool) -> QPointF:
        """Return where the title's (or the text's) first line starts, in card coordinates."""
        role_font, title_font, _ = card_fonts()
        top = PAD + QFontMetricsF(role_font).height() + LINE_GAP
        if not title:
            top += lines_height(self.face.title_lines, title_font)
            if self.face.title_lines:
                top += LINE_GAP
        return QPointF(STRIPE + PAD, top)

    def boundingRect(self) -> QRectF:
        m = HALO
        return QRectF(-m, -m, self.face.width + 2 * m, self.face.height + HANDLE_RADIUS + 2 * m)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.frame(), 6, 6)
        path.addEllipse(self.handle_centre(), HANDLE_RADIUS + 3, HANDLE_RADIUS + 3)
        if self.collapsed_count:
            path.addRoundedRect(self.collapsed_badge(), 9, 9)
        return path

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        # Selection, hover and the connect handle are for the hand on the mouse: an export
        # (a scene that is not interactive) draws none of them.
        interactive = getattr(self.scene(), "interactive", True)
        selected = interactive and bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = interactive and bool(option.state & QStyle.StateFlag.State_MouseOver)
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        detail = detail_at(scale)
        frame = self.frame()
        out = self.status is Status.OUT
        pens = pens_of(self)
        if self.highlighted:
            painter.setPen(pens.halo)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(frame.adjusted(-2, -2, 2, 2), 8, 8)
        painter.setPen(pens.border[selected, out])
        if detail is Detail.MARKS:
            painter.setBrush(pens.role_tints[self.claim.role])
        else:
            painter.setBrush(pens.fill[out])
        painter.drawRoundedRect(frame, 6, 6)
        if out:  # hairlines without antialiasing: antialiased, they took most of a drag frame
            smooth = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(pens.hatch)
            painter.drawPath(hatching(frame.width(), frame.height()))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, smooth)
        painter.fillPath(stripe(frame.height()), pens.roles[self.claim.role])
        badge = QRectF(frame.width() - PAD - BADGE, PAD - 2, BADGE, BADGE)
        if detail is Detail.MARKS:  # the mark alone, large enough to tell on screen
            side = min(MARK_ALONE_PX / scale, frame.height() - 2 * PAD, frame.width() / 2)
            badge = QRectF(0, 0, side, side)
            badge.moveCenter(frame.center() + QPointF(STRIPE / 2, 0))
        marks.draw_status(
            painter,
            badge,
            self.status,
            assumed=self.claim.assumption is not None,
            colours=pens.colours,
        )
        if detail is Detail.WORDS:
            self._paint_words(painter, remembered=interactive)
        elif detail is Detail.TITLES:
            self._paint_title_alone(painter, scale, pens)
        if selected or hovered:
            self._paint_handle(painter, pens)
        if self.collapsed_count:
            self._paint_collapsed(painter, pens)

    def _paint_words(self, painter: QPainter, *, remembered: bool) -> None:
        """Draw the role line, title, text and footer.

        On screen each line is a remembered ``QStaticText`` (laid out once, not every
        frame of a drag); an export draws plain text, so an SVG keeps it as text.
        """
        if self._words is None:
            self._words = self._lay_words()
        font = None
        for line in self._words:
            if line.font is not font:
                font = line.font
                painter.setFont(font)
            painter.setPen(line.ink)
            if remembered:
                painter.drawStaticText(line.top_left, line.static)
            else:
                painter.drawText(line.baseline, _as_shown(line.static.text(), line.font))

    def _paint_title_alone(self, painter: QPainter, scale: float, pens: CardPens) -> None:
        """Draw the title (the text when there is none) alone, enlarged to read on screen,
        wrapped in the card and cut with an ellipsis where the card ends."""
        kind = card_type()
        room = QRectF(STRIPE + PAD, PAD, self.face.width - STRIPE - 3 * PAD - BADGE, 0)
        room.setBottom(self.face.height - PAD)
        # In quarter steps, so that a zoom re-wraps a card's title only now and then; no
        # larger than one line of the card's height holds.
        factor = math.ceil(TITLE_ALONE_PX / (scale * kind.title.pixelSize()) * 4) / 4
        factor = max(1.0, min(factor, room.height() / kind.title_spacing))
        if self._title_alone is None or self._title_alone[0] != factor:
            self._title_alone = factor, self._lay_title_alone(room, factor)
        painter.save()
        painter.translate(room.topLeft())
        painter.scale(factor, factor)
        painter.setFont(kind.title)
        painter.setPen(pens.colours.ink)
        for index, static in enumerate(self._title_alone[1]):
            painter.drawStaticText(QPointF(0, index * kind.title_spacing), static)
        painter.restore()

    def _lay_title_alone(self, room: QRectF, factor: float) -> list[QStaticText]:
        kind = card_type()
        words = self.claim.title or self.claim.text
        width = room.width() / factor
        lines = list(wrap_key(words, kind.title_key, width)[0])
        fits = max(int(room.height() / (kind.title_spacing * factor)), 1)
        if len(lines) > fits:
            rest = " ".join(lines[fits - 1 :])  # two lines or more: elided, it ends in "…"
            elided = font_metrics(kind.title).elidedText(rest, Qt.TextElideMode.ElideRight, width)
            lines = [*lines[: fits - 1], elided]
        shown = []
        for text in lines:
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), kind.title)
            shown.append(static)
        return shown

    def _lay_words(self) -> list[_Line]:
        kind = card_type()
        colours = pens_of(self).colours
        muted = colours.muted_ink
        x = STRIPE + PAD
        y = PAD
        words = [_Line.of(self.face.role_line, kind.role, muted, x=x, y=y, ascent=kind.role_ascent)]
        y += kind.role_height + LINE_GAP
        ink = self.ink()
        for lines, font, spacing, ascent in (
            (self.face.title_lines, kind.title, kind.title_spacing, kind.title_ascent),
            (self.face.text_lines, kind.text, kind.text_spacing, kind.text_ascent),
        ):
            if not lines:
                continue
            for text in lines:
                words.append(_Line.of(text, font, ink, x=x, y=y, ascent=ascent))
                y += spacing
            y += LINE_GAP
        if self.face.footer:
            # Below its own line's height from the card's bottom, as ``measure`` made room.
            y = self.face.height - PAD - footer_height(self.face.footer)
            footer = _Line.of(self.face.footer, kind.role, muted, x=x, y=y, ascent=kind.role_ascent)
            words.append(footer)
        return words

    def _paint_handle(self, painter: QPainter, pens: CardPens) -> None:
        painter.setPen(pens.handle[0])
        painter.setBrush(pens.handle[1])
        painter.drawEllipse(self.handle_centre(), HANDLE_RADIUS, HANDLE_RADIUS)
        painter.drawLine(self.handle_centre() - QPointF(3, 0), self.handle_centre() + QPointF(3, 0))
        painter.drawLine(self.handle_centre() - QPointF(0, 3), self.handle_centre() + QPointF(0, 3))

    def collapsed_badge(self) -> QRectF:
        """Return the "+N hidden" badge's rectangle; clicking it expands the card."""
        _, _, text_font = card_fonts()
        label = f"+{self.collapsed_count} hidden"
        width = QFontMetricsF(text_font).horizontalAdvance(label) + 12
        return QRectF(self.face.width - width - 4, self.face.height - 10, width, 20)

    def _paint_collapsed(self, painter: QPainter, pens: CardPens) -> None:
        _, _, text_font = card_fonts()
        label = f"+{self.collapsed_count} hidden"
        painter.setFont(text_font)
        box = self.collapsed_badge()
        painter.setPen(pens.badge[0])
        painter.setBrush(pens.badge[1])
        painter.drawRoundedRect(box, 9, 9)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    # Dragging from the handle draws a connection instead of moving the card.
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene()
        if self.collapsed_count and self.collapsed_badge().contains(event.pos()):
            scene.expand_claim(self.id)  # type: ignore[attr-defined]
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and self.on_handle(event.pos()):
            self.connecting = True
            scene.begin_connection(self, event.scenePos())  # type: ignore[attr-defined]
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.connecting:
            self.scene().drag_connection(event.scenePos())  # type: ignore[attr-defined]
            return
        super().mouseMoveEvent(event)  # moves this card and every other selected one
        moved = {self, *self.scene().selectedItems()}
        follow = {edge for card in moved if isinstance(card, ClaimCard) for edge in card.edges}
        for edge in follow:
            edge.adjust()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.connecting:
            self.connecting = False
            self.scene().end_connection(event.scenePos(), event.screenPos())  # type: ignore[attr-defined]
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        field = "title" if self.on_title(event.pos()) else "text"
        self.scene().edit_claim(self.id, field)  # type: ignore[attr-defined]
        event.accept()


def _as_shown(text: str, font: QFont) -> str:
    """Return ``text`` in the capitals ``font`` shows it in: an SVG keeps the letters as
    written, not the font's capitalisation, and would show "Reason" for "REASON"."""
    if font.capitalization() == QFont.Capitalization.AllUppercase:
        return text.upper()
    return text
