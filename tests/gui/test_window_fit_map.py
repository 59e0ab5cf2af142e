"""The map in the room a laptop's window gives it: opened with no card cut at its edges,
and a legend that covers no card, even in a view too small for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect

from argline.gui.map.view import MapView
from argline.gui.undo import EditHistory
from argline.io.seed import load_seed
from argline.store import Store

RSIS = "rsis-cheang-2018-07"
FORECAST = "expert-insights-2018-07-13"
SUMMIT = "helsinki-summit-2018"
AT_1366 = (567, 368)  # the map's size in the first window on a 1366×768 screen
TINY = (420, 330)


@pytest.fixture
def opened(store_path: Path) -> Iterator[Store]:
    store = Store.open(store_path)
    load_seed(store)
    yield store
    store.close()


def _view(qtbot, store: Store, size: tuple[int, int]) -> MapView:
    view = MapView(EditHistory(store))
    qtbot.addWidget(view)
    view.resize(*size)
    view.move(0, 0)
    view.show()
    qtbot.waitExposed(view)
    view.show_assessment(RSIS)
    return view


def _cut_cards(view: MapView) -> list[str]:
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    return [
        claim
        for claim, card in view.map_scene.cards.items()
        if seen.intersects(card.scene_frame()) and not seen.contains(card.scene_frame())
    ]


@pytest.mark.parametrize("size", [AT_1366, TINY, (560, 470)])
def test_the_map_opens_with_no_card_cut_at_its_edges(qtbot, opened: Store, size) -> None:
    view = _view(qtbot, opened, size)
    assert _cut_cards(view) == []
    main = view.map_scene.cards["ch-main"].scene_frame()
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(main)


def test_in_a_view_too_small_for_it_the_legend_opens_beside_the_view(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened, TINY)
    view.focus_claim("ch-value-trump")  # full size: a card in every corner
    view.legend.set_expanded(True)
    assert view.legend.floating
    assert view.legend.isVisible()
    viewport = view.viewport()
    on_screen = QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size())
    assert not view.legend.frameGeometry().intersects(on_screen)
    view.legend.set_expanded(False)
    assert not view.legend.isVisible()
    assert not view.legend.isWindow()  # over the view again, the next time room allows
    assert not view.legend.docked


def test_a_floating_legend_stays_beside_the_view_as_the_map_scrolls(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened, TINY)
    view.focus_claim("ch-value-trump")
    view.legend.set_expanded(True)
    view.fit()  # now a corner may be free: the legend does not jump back and forth
    assert view.legend.floating
    assert view.legend.isWindow()
    view.legend.set_expanded(False)


def test_claims_lit_across_two_maps_are_shown_where_most_of_them_are(qtbot, opened: Store) -> None:
    from argline.ops.queries import load_links

    with opened.reading() as session:
        resting = sorted(k.claim for k in load_links(session) if k.event == SUMMIT)
    view = _view(qtbot, opened, AT_1366)
    view.show_pair(RSIS, FORECAST)
    view.highlight_claims(resting)
    view.reveal(resting)
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    whole = [c for c in resting if seen.contains(view.map_scene.cards[c].scene_frame())]
    assert whole  # not the empty gutter between the two maps, with only links in it
