"""Where the map view looks: the zoom that fits a rectangle, the centre that shows a part.

Pure arithmetic on scene rectangles and the viewport's size in pixels, apart from Qt's
geometry types; the view applies what these return.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF

from argline.gui.map.card import TITLES_SCALE

READABLE = TITLES_SCALE  # below this zoom no card's title reads: fit keeps the width instead
OPEN_ZOOM = 0.85  # a map opens (and reveals claims) at no less, unless all of it fits:
# there every word on a card is legible (``card.detail_at``)
MIN_ZOOM, MAX_ZOOM = 0.05, 4.0
ZOOM_TRIES = 30  # zooms tried between the lowest and highest for a view that cuts no card
NUDGE = 30.0  # scene units a view may move past the map's margin to leave a card out whole


def fit_zoom(rect: QRectF, width: int, height: int) -> tuple[float, bool]:
    """Return the zoom that shows ``rect`` (at 100% at most), and whether it shows it whole.

    When the whole would be too small to read but its width fits at a readable zoom, the
    zoom fits the width instead (False): the rest is a scroll away.
    """
    across = min(width / max(rect.width(), 1), 1.0)
    zoom = min(across, height / max(rect.height(), 1))
    whole = zoom >= READABLE or across < READABLE
    return max(zoom if whole else across, MIN_ZOOM), whole


def centre_showing(
    interest: QRectF, whole: QRectF, width: int, height: int, zoom: float
) -> QPointF:
    """Return the centre that shows ``interest`` inside the map ``whole`` at ``zoom``.

    Wider than the view: its middle (a pair's links: the gutter, both maps' facing
    sides); taller: its top, read downwards. Never past the map's own edges, so no empty
    margin shows where map could be.
    """
    half_width, half_height = width / 2 / zoom, height / 2 / zoom
    x, y = interest.center().x(), interest.center().y()
    if interest.height() * zoom > height:
        y = interest.top() + half_height - 30
    x = min(
        max(x, whole.left() + half_width),
        max(whole.right() - half_width, whole.left() + half_width),
    )
    y = min(
        max(y, whole.top() + half_height),
        max(whole.bottom() - half_height, whole.top() + half_height),
    )
    return QPointF(x, y)


def uncut_view(
    cards: Sequence[QRectF],
    interest: QRectF,
    whole: QRectF,
    width: int,
    height: int,
    *,
    zooms: tuple[float, float],
) -> tuple[float, QPointF]:
    """Return a zoom within ``zooms`` and the centre that show ``interest`` (as
    ``centre_showing`` does) with no card cut by the view's edges: the lowest such zoom,
    else the one that cuts fewest.
    """
    low, high = zooms
    views = []
    for step in range(ZOOM_TRIES + 1):
        zoom = low + (high - low) * step / ZOOM_TRIES
        view = QRectF(0, 0, width / zoom, height / zoom)
        view.moveCenter(centre_showing(interest, whole, width, height, zoom))
        views.append((zoom, view))
    # Only the cards near some view can be cut: one pass over a large map's cards, not
    # one for each zoom tried (55 million tests at 100,000 cards).
    reach = QRectF()
    for _, view in views:
        reach = reach.united(view)
    reach.adjust(-NUDGE, -NUDGE, NUDGE, NUDGE)
    cards = [card for card in cards if reach.intersects(card)]
    best: tuple[int, float, QPointF] | None = None
    for zoom, view in views:
        centre = view.center()
        for move in _nudges(view, cards, interest):
            cut = _cut(view.translated(move), cards)
            if best is None or cut < best[0]:
                best = cut, zoom, centre + move
            if cut == 0:
                break
        if best[0] == 0 or high <= low:
            break
    assert best is not None
    return best[1], best[2]


def _cut(view: QRectF, cards: Sequence[QRectF]) -> int:
    return sum(1 for card in cards if view.intersects(card) and not view.contains(card))


def _nudges(view: QRectF, cards: Sequence[QRectF], interest: QRectF) -> list[QPointF]:
    """Return no move, then the small moves of ``view`` (``NUDGE`` at most each way) that
    leave out whole a card it cuts at an edge, keeping ``interest`` in view if it was.

    At a laptop's map size the view's edge may fall a few units inside a card whatever
    the zoom: a move past the map's margin by as much leaves that card for a scroll.
    """
    across, down = {0.0}, {0.0}
    for card in cards:
        if not view.intersects(card) or view.contains(card):
            continue
        for moves, near, far, low, high in (
            (across, view.left(), view.right(), card.left(), card.right()),
            (down, view.top(), view.bottom(), card.top(), card.bottom()),
        ):
            if low < far < high:  # cut by the far edge: move back until the card is out
                moves.add(low - far - 1)
            if low < near < high:
                moves.add(high - near + 1)
    kept = view.contains(interest)
    moves = [
        QPointF(dx, dy)
        for dx in sorted(across, key=abs)
        for dy in sorted(down, key=abs)
        if abs(dx) <= NUDGE and abs(dy) <= NUDGE
    ]
    return [m for m in moves if not kept or view.translated(m).contains(interest)]


def most_shown(
    cards: Sequence[QRectF], whole: QRectF, width: int, height: int, zoom: float
) -> QRectF:
    """Return the cards, as one rectangle, that a view at ``zoom`` shows most of whole.

    Claims spread wider than a readable view are shown where most of them are together,
    the highest first on a tie, rather than around their middle: across two maps side by
    side that middle is the gutter between them, the links and no card.
    """
    ordered = sorted(cards, key=lambda card: (card.top(), card.left()))
    best: list[QRectF] = []
    for card in ordered:
        view = QRectF(0, 0, width / zoom, height / zoom)
        view.moveCenter(centre_showing(card, whole, width, height, zoom))
        inside = [other for other in ordered if view.contains(other)]
        if len(inside) > len(best):
            best = inside
    shown = best or ordered[:1]
    rect = shown[0]
    for card in shown[1:]:
        rect = rect.united(card)
    return rect
