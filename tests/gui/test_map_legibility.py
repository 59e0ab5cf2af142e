"""The map reads on a laptop: legible words at the opening zoom, titles after Fit, text
that keeps its contrast in both themes, a legend over no card, connecting from a menu."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMenu

from argline.gui.map.card import Detail, detail_at
from argline.gui.map.card_face import PAD, card_type, footer_height
from argline.gui.map.framing import OPEN_ZOOM, uncut_view
from argline.gui.map.menus import claim_menu
from argline.gui.map.style import LEGIBLE_PX, TEXT_CONTRAST, MapColours, _contrast, _mix
from argline.gui.map.view import MapView
from argline.gui.theme import dark_palette
from argline.gui.undo import EditHistory
from argline.io.seed import load_seed
from argline.model.entities import RelationType
from argline.ops.evaluation import load_argument_state
from argline.store import Store

RSIS = "rsis-cheang-2018-07"
FORECAST = "expert-insights-2018-07-13"


@pytest.fixture
def opened(store_path: Path) -> Iterator[Store]:
    store = Store.open(store_path)
    load_seed(store)
    yield store
    store.close()


def _view(qtbot, store: Store, width: int = 560, height: int = 470) -> MapView:
    """A map view the size the map gets in a 1600×1000 window, showing the RSIS map."""
    view = MapView(EditHistory(store))
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    view.show_assessment(RSIS)
    return view


def _on_screen_px(view: MapView) -> dict[str, float]:
    kind = card_type()
    scale = view.transform().m11()
    return {
        "role": kind.role.pixelSize() * scale,
        "title": kind.title.pixelSize() * scale,
        "text": kind.text.pixelSize() * scale,
    }


@pytest.mark.parametrize("size", [(560, 470), (420, 330), (1000, 700)])
def test_a_map_opens_with_legible_words_on_its_cards(qtbot, opened: Store, size) -> None:
    view = _view(qtbot, opened, *size)
    px = _on_screen_px(view)
    assert px["text"] >= 11
    assert px["title"] >= 11
    assert px["role"] >= 9
    assert detail_at(view.transform().m11()) is Detail.WORDS


def test_the_opening_zoom_shows_every_word() -> None:
    assert detail_at(OPEN_ZOOM) is Detail.WORDS
    assert card_type().role.pixelSize() * OPEN_ZOOM >= LEGIBLE_PX


def test_zooming_out_shows_titles_then_marks_never_blank_cards() -> None:
    levels = [detail_at(scale / 100) for scale in range(100, 4, -5)]
    assert levels[0] is Detail.WORDS
    assert levels[-1] is Detail.MARKS
    assert Detail.TITLES in levels
    assert levels == sorted(levels, key=[Detail.WORDS, Detail.TITLES, Detail.MARKS].index)


@pytest.mark.parametrize("size", [(560, 470), (420, 330)])
def test_fit_draws_the_cards_titles(qtbot, opened: Store, size) -> None:
    view = _view(qtbot, opened, *size)
    view.fit()
    assert detail_at(view.transform().m11()) is not Detail.MARKS


def test_a_map_opens_on_its_main_contention_with_no_card_cut(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    main = view.map_scene.cards["ch-main"].scene_frame()
    assert visible.contains(main)
    for card in view.map_scene.cards.values():
        frame = card.scene_frame()
        assert visible.contains(frame) or not visible.intersects(frame), card.id


def test_uncut_view_prefers_the_lowest_zoom_that_cuts_no_card() -> None:
    cards = [QRectF(0, 0, 100, 50), QRectF(150, 0, 100, 50)]
    whole = QRectF(0, 0, 250, 50)
    # At zoom 1 a 200-pixel view cuts the second card; at 0.8 it holds both.
    zoom, _centre = uncut_view(cards, cards[0], whole, 200, 100, zooms=(0.8, 1.0))
    assert zoom == pytest.approx(0.8)
    # From 1 up, the first zoom that leaves the second card out of a view from the left.
    zoom, centre = uncut_view(cards, cards[0], whole, 200, 100, zooms=(1.0, 1.5))
    view = QRectF(0, 0, 200 / zoom, 100 / zoom)
    view.moveCenter(centre)
    assert view.contains(cards[0])
    assert not view.intersects(cards[1])
    assert 200 / zoom > 140  # no more zoomed in than that takes


def _grounds(colours: MapColours) -> dict[str, tuple[QColor, list[QColor]]]:
    """Every text style of the map, with every colour it is drawn on."""
    panel = _mix(colours.panel, colours.background, colours.panel.alphaF())
    cards = [colours.card_fill, colours.out_fill, colours.out_hatch]
    return {
        "title and text": (colours.ink, cards),
        "role line and footer": (colours.muted_ink, cards),
        "map title": (colours.ink, [colours.background]),
        "map subtitle and hint": (colours.muted_ink, [colours.background]),
        "legend": (colours.ink, [panel]),
        "hidden badge": (colours.ink, [colours.badge_fill]),
    }


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_style_keeps_its_contrast(qapp, theme: str) -> None:
    palette = dark_palette() if theme == "dark" else QApplication.style().standardPalette()
    colours = MapColours.from_palette(palette)
    assert colours.dark is (theme == "dark")
    for style, (ink, grounds) in _grounds(colours).items():
        for ground in grounds:
            ratio = _contrast(ink, ground)
            assert ratio >= TEXT_CONTRAST, (theme, style, ground.name(), round(ratio, 2))


def test_a_fallen_claim_keeps_its_ink(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    fallen = view.map_scene.cards["ch-expert-talks"]
    standing = view.map_scene.cards["ch-main"]
    assert fallen.ink() == standing.ink()


def test_a_cards_footer_has_its_own_room_below_the_text(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    for card in view.map_scene.cards.values():
        if not card.face.footer:
            continue
        words = card._lay_words()
        footer, body = words[-1], words[-2]
        body_bottom = body.top_left.y() + card_type().text_spacing
        assert footer.top_left.y() >= body_bottom, card.id
        assert footer.top_left.y() + footer_height(card.face.footer) <= card.face.height - PAD
        width = card_type().role_advance(card.face.footer)  # type: ignore[operator]
        assert footer.top_left.x() + width <= card.face.width - PAD + 0.5, card.id


def _legend_clear_of_cards(view: MapView) -> None:
    """Check that no card shown (what of it the viewport shows) lies under the legend."""
    legend = view.legend.geometry()
    viewport = view.viewport().geometry()
    for card in view.map_scene.cards.values():
        frame = view.mapFromScene(card.scene_frame()).boundingRect()
        shown = frame.translated(viewport.topLeft()).intersected(viewport)
        assert not legend.intersects(shown), card.id


@pytest.mark.parametrize("size", [(560, 470), (1200, 900)])
def test_the_open_legend_covers_no_card(qtbot, opened: Store, size) -> None:
    view = _view(qtbot, opened, *size)
    view.legend.set_expanded(True)
    assert view.legend.isVisible()
    _legend_clear_of_cards(view)
    view.fit()
    _legend_clear_of_cards(view)
    view.legend.set_expanded(False)
    assert not view.legend.isVisible()
    assert not view.legend.docked


def test_the_legend_docks_beside_a_map_with_a_card_in_every_corner(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened, 760, 560)
    view.focus_claim("ch-value-trump")  # full size, in the middle of the map
    view.legend.set_expanded(True)
    assert view.legend.docked
    assert view.legend.x() > view.viewport().geometry().right()
    _legend_clear_of_cards(view)
    view.legend.set_expanded(False)
    assert not view.legend.docked
    assert view.viewport().width() > 700  # the map has its width back


def test_connect_to_from_a_cards_menu_creates_the_relation(
    qtbot, opened: Store, monkeypatch
) -> None:
    view = _view(qtbot, opened, 1200, 900)
    monkeypatch.setattr(view, "choose_relation_type", lambda _screen: RelationType.ATTACK)
    source = view.map_scene.cards["ch-value-putin"]
    target = view.map_scene.cards["ch-agenda-named"]
    view.select_claims([source.id])
    menu = QMenu(view)
    claim_menu(view, menu, source)
    [connect] = [a for a in menu.actions() if a.text().startswith("Connect to")]
    connect.trigger()
    assert view.map_scene.picking
    view.ensureVisible(target.scene_frame(), 10, 10)
    where = view.mapFromScene(target.scene_frame().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert not view.map_scene.picking
    with opened.reading() as session:
        relations = load_argument_state(session).relations
    assert any(
        r.source == source.id and r.target == target.id and r.type is RelationType.ATTACK
        for r in relations
    )


def test_escape_cancels_connect_to(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened, 1200, 900)
    view.select_claims(["ch-value-putin"])
    assert view.connect_action.isEnabled()
    view.connect_action.trigger()
    assert view.map_scene.picking
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.map_scene.picking
    before = len(view.map_scene.edges)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert len(view.map_scene.edges) == before


def test_help_names_every_map_gesture() -> None:
    from argline.gui.map.gestures import gestures_text

    text = gestures_text()
    for gesture in ("Connect to…", "handle", "Esc", "Fit", "Zoom", "Pan", "Undercut", "Legend"):
        assert gesture in text
