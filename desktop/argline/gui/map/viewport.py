"""Where a map view looks: zoom, fit, reveal, and a framing kept through the window's
resizes until the user moves the view; with the legend panel in its corner.

``MapEdits`` builds on this with the store and the editing, ``MapView`` on that; what
is here reads only the scene (argline.gui.map.scene) and the arithmetic of
argline.gui.map.framing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QPalette, QResizeEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from argline.gui.map.card import ClaimCard
from argline.gui.map.framing import (
    MAX_ZOOM,
    MIN_ZOOM,
    OPEN_ZOOM,
    centre_showing,
    fit_zoom,
    most_shown,
    uncut_view,
)
from argline.gui.map.legend import LegendPanel
from argline.gui.map.scene import MapScene
from argline.gui.map.style import MapColours
from argline.model.entities import ClaimRole

ZOOM_STEP = 1.25
MARGIN = 30  # scene units kept round the cards when fitting or revealing them


class MapViewport(QGraphicsView):
    """A view of a ``MapScene`` that frames its maps readably and follows the palette."""

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        # A viewport made here is one PySide knows. Handed the one Qt makes, PySide would
        # look for its class among all of Qt's widget classes, making each of them: some
        # 5 ms of start-up, before the first paint.
        viewport = QWidget()
        viewport.setBackgroundRole(QPalette.ColorRole.Base)  # as Qt's own
        self.setViewport(viewport)
        self.map_scene = scene
        scene.setParent(self)
        # How the view was last framed for the user, done again when it changes size,
        # until the user moves it: the window lays itself out after the map first shows.
        self._reframe: Callable[[], None] | None = None
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.actionTriggered.connect(self._moved_by_user)  # the user's scrolls only
        self.legend = LegendPanel(self)
        self.legend.toggled.connect(lambda _: self._place_legend())
        self._follow_palette()

    def _before_moving(self) -> None:
        """Called before the view zooms or is framed anew; a subclass closes what hangs on it."""

    def selected_claims(self) -> list[str]:
        return [item.id for item in self.map_scene.selectedItems() if isinstance(item, ClaimCard)]

    # Framing
    def _open_readable(self) -> None:
        """Show the whole map if it reads at that zoom; else a readable part of it.

        Too big to read whole, the map is fitted to its width or height (whichever is
        nearer), at no less than ``OPEN_ZOOM``, and scrolled to what matters: the
        highlighted or selected claims, else (side by side) the claims linked across,
        else the main contention (a pair's middle); zoomed in a little where that cuts
        no card at the view's edges.
        """
        bounds = self.map_scene.bounds
        if bounds.isEmpty():
            return
        self._reframe = self._open_readable
        rect = bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        width, height = self._room()
        across = width / max(rect.width(), 1)
        down = height / max(rect.height(), 1)
        if min(across, down, 1.0) >= OPEN_ZOOM:
            self._fit_rect(rect)
            return
        self._before_moving()
        scale = min(max(across, down, OPEN_ZOOM), 1.0)
        interest = self._cards_rect(self._interesting_claims())
        content = self.map_scene.content
        if interest is None and content is not None and len(content.columns) == 1:
            main = [c.id for c in content.claims.values() if c.role is ClaimRole.MAIN]
            interest = self._cards_rect(main)
        if interest is None:  # the top: a pair's middle, where they meet
            interest = QRectF(rect.center().x(), rect.top(), 0, 0)
        cards = [card.scene_frame() for card in self.map_scene.cards.values()]
        width, height = self._room()
        zoom, centre = uncut_view(cards, interest, rect, width, height, zooms=(scale, 1.0))
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self.centerOn(centre + QPointF(0, self._legend_room() / 2 / zoom))

    def _interesting_claims(self) -> list[str]:
        scene = self.map_scene
        lit = [c for c in scene.highlighted if c in scene.cards] + self.selected_claims()
        if lit or scene.content is None:
            return lit
        owner = scene.content.owner
        return [
            end
            for r in scene.content.relations
            if not r.targets_relation and owner[r.source] != owner[r.target]
            for end in (r.source, r.target)
        ]

    def reveal(self, ids: Iterable[str]) -> None:
        """Scroll so that these claims are visible; zoom out if they do not fit.

        Never below ``OPEN_ZOOM``, where cards stop being readable: of claims spread wider
        than that shows, the view shows where most of them are (``most_shown``).
        """
        ids = list(ids)
        rect = self._cards_rect(ids)
        if rect is None:
            return
        self._reframe = lambda: self.reveal(ids)
        view = self.mapToScene(self.viewport().rect()).boundingRect()
        if rect.width() <= view.width() and rect.height() <= view.height():
            self.ensureVisible(rect, 40, 40)
            return
        width, height = self._room()
        rect = rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        fits = min(width / max(rect.width(), 1), height / max(rect.height(), 1), 1.0)
        scale = max(fits, min(OPEN_ZOOM, self.zoom()))
        self._before_moving()
        self.setTransform(QTransform.fromScale(scale, scale))
        whole = self.map_scene.bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        if scale > fits:  # not all of them in view: where most of them are
            frames = [
                self.map_scene.cards[c].scene_frame() for c in ids if c in self.map_scene.cards
            ]
            rect = most_shown(frames, whole, width, height, scale)
        self._show_from(rect, whole)

    def _show_from(self, interest: QRectF, whole: QRectF) -> None:
        """Centre ``interest``, or show its top when it is taller than the view."""
        width, height = self._room()
        scale = self.zoom()
        centre = centre_showing(interest, whole, width, height, scale)
        self.centerOn(centre + QPointF(0, self._legend_room() / 2 / scale))

    def _cards_rect(self, ids: Iterable[str]) -> QRectF | None:
        rect: QRectF | None = None
        for claim_id in ids:
            card = self.map_scene.cards.get(claim_id)
            if card is not None:
                frame = card.scene_frame()
                rect = frame if rect is None else rect.united(frame)
        return rect

    def _room(self) -> tuple[int, int]:
        """Return the viewport's width and the height above the legend button."""
        viewport = self.viewport().rect()
        return viewport.width(), max(viewport.height() - self._legend_room(), 50)

    def _legend_room(self) -> int:
        over_the_view = self.legend.isVisible() and not self.legend.floating
        return self.legend.height() + 16 if over_the_view else 0

    # Zoom, pan, fit
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_in(self) -> None:
        self._set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.zoom() / ZOOM_STEP)

    def _set_zoom(self, zoom: float) -> None:
        self._moved_by_user()
        self._before_moving()
        zoom = min(max(zoom, MIN_ZOOM), MAX_ZOOM)
        factor = zoom / self.zoom()
        self.scale(factor, factor)

    def fit(self) -> None:
        """Show every card, at full size at most."""
        rect = self.map_scene.bounds
        if not rect.isEmpty():
            self._reframe = self.fit
            self._fit_rect(rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

    def _fit_rect(self, rect: QRectF) -> None:
        """Show ``rect`` whole (at 100% at most) above the legend button, or its full width
        from the top when the whole would be too small to read."""
        self._before_moving()
        width, height = self._room()
        scale, whole = fit_zoom(rect, width, height)
        self.setTransform(QTransform.fromScale(scale, scale))
        below = self._legend_room()
        if whole:
            self.centerOn(rect.center() + QPointF(0, below / 2 / scale))
        else:
            self.centerOn(QPointF(rect.center().x(), rect.top() + (height + below) / 2 / scale))

    def _moved_by_user(self, _action: int = 0) -> None:
        self._reframe = None

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._set_zoom(self.zoom() * ZOOM_STEP**steps)  # about the pointer: AnchorUnderMouse
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_legend()
        if self._reframe is not None:
            self._reframe()

    # Look
    def changeEvent(self, event: QEvent) -> None:
        # The theme changed (or the system's light or dark setting): the map follows it.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._follow_palette()
        super().changeEvent(event)

    def _follow_palette(self) -> None:
        """Draw the map, and its legend, in the colours of this widget's palette."""
        colours = MapColours.from_palette(self.palette())
        self.map_scene.set_colours(colours)
        self.legend.set_colours(colours)

    def _place_legend(self) -> None:
        shown = self.items(self.viewport().rect())  # through the scene's index: cheap
        cards = [
            self.mapFromScene(c.scene_frame()).boundingRect()
            for c in shown
            if isinstance(c, ClaimCard)
        ]
        self.legend.place(self.viewport().geometry(), cards)
