"""The argument map: dragging, connecting, undo and redo change the store, not only the picture."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QUndoStack
from PySide6.QtWidgets import QAbstractSlider, QApplication, QMenu

from argline.gui.map.export import export_map_image
from argline.gui.map.framing import READABLE
from argline.gui.map.menus import claim_menu, map_menu, relation_menu
from argline.gui.map.view import MapView
from argline.gui.theme import dark_palette
from argline.gui.undo import EditHistory
from argline.io.seed import load_seed
from argline.model.entities import Assumption, RelationType
from argline.model.evaluation import Status
from argline.ops.claim_edits import MoveClaims
from argline.ops.evaluation import load_argument_state
from argline.ops.running import run
from argline.store import Store

RSIS = "rsis-cheang-2018-07"
FORECAST = "expert-insights-2018-07-13"
LEFT = Qt.MouseButton.LeftButton
NO_KEYS = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def seeded_path(store_path: Path) -> Path:
    store = Store.open(store_path)
    load_seed(store)
    store.close()
    return store_path


@pytest.fixture
def opened(seeded_path: Path) -> Iterator[Store]:
    store = Store.open(seeded_path)
    yield store
    store.close()


def _view(qtbot, store: Store, *assessments: str) -> MapView:
    view = MapView(EditHistory(store))
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    if len(assessments) == 2:
        view.show_pair(*assessments)
    else:
        view.show_assessment(assessments[0] if assessments else RSIS)
    view.resetTransform()  # 100%: one scene unit, one pixel
    return view


def _claims(store: Store) -> dict:
    """Return the stored claims by id, their edit counters left out."""
    with store.reading() as session:
        return {c.id: replace(c, version=0) for c in load_argument_state(session).claims}


def _point_on(view: MapView, claim_id: str, dx: float = 40, dy: float = 14) -> QPoint:
    card = view.map_scene.cards[claim_id]
    view.centerOn(card)
    return view.mapFromScene(card.scenePos() + QPointF(dx, dy))


def _drag(qtbot, view: MapView, start: QPoint, end: QPoint, modifier=NO_KEYS) -> None:
    viewport = view.viewport()
    qtbot.mousePress(viewport, LEFT, modifier, start)
    steps = 6
    for i in range(1, steps + 1):
        point = start + (end - start) * i / steps
        qtbot.mouseMove(viewport, point)
    qtbot.mouseRelease(viewport, LEFT, modifier, end)


def test_dragging_a_claim_persists_its_position(qtbot, seeded_path: Path) -> None:
    store = Store.open(seeded_path)
    view = _view(qtbot, store)
    card = view.map_scene.cards["ch-value-trump"]
    before = card.pos()
    start = _point_on(view, "ch-value-trump")
    _drag(qtbot, view, start, start + QPoint(150, 90))
    after = card.pos()
    assert after - before == QPointF(150, 90)
    # Every other card stays where it was drawn: nothing jumps on release.
    others = {cid: c.pos() for cid, c in view.map_scene.cards.items()}
    assert _claims(store)["ch-value-trump"].placed_by_hand
    view.close()
    store.close()

    reopened = Store.open(seeded_path)
    again = _view(qtbot, reopened)
    assert again.map_scene.cards["ch-value-trump"].pos() == after
    assert {cid: c.pos() for cid, c in again.map_scene.cards.items()} == others
    reopened.close()


def test_the_edges_follow_a_card_while_it_is_dragged(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    card = view.map_scene.cards["ch-agenda-named"]
    edge = next(e for e in card.edges if e.source is card)
    start = _point_on(view, "ch-agenda-named")
    viewport = view.viewport()
    qtbot.mousePress(viewport, LEFT, NO_KEYS, start)
    first = edge.start()
    qtbot.mouseMove(viewport, start + QPoint(60, 60))
    qtbot.mouseMove(viewport, start + QPoint(120, 80))
    assert edge.start() != first
    assert card.scene_frame().adjusted(-1, -1, 1, 1).contains(edge.start())
    qtbot.mouseRelease(viewport, LEFT, NO_KEYS, start + QPoint(120, 80))


def test_a_multi_selection_drag_is_one_undo_step(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    stack: QUndoStack = view.history.stack
    ids = ["ch-putin-prestige", "ch-weaker-power", "ch-sanctions-relief"]
    view.select_claims(ids)
    before = {i: view.map_scene.cards[i].pos() for i in ids}
    start = _point_on(view, "ch-weaker-power")
    _drag(qtbot, view, start, start + QPoint(0, 200))
    assert stack.count() == 1
    stored = _claims(opened)
    for claim_id in ids:
        assert stored[claim_id].placed_by_hand
        assert view.map_scene.cards[claim_id].pos() == before[claim_id] + QPointF(0, 200)
    stack.undo()
    stored = _claims(opened)
    assert all(stored[i].position is None for i in ids)
    assert {i: view.map_scene.cards[i].pos() for i in ids} == before
    stack.redo()
    assert all(_claims(opened)[i].placed_by_hand for i in ids)


def test_connecting_two_claims_by_dragging_from_the_handle(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    view.choose_relation_type = lambda screen: RelationType.ATTACK  # the menu's answer
    scene = view.map_scene
    source, target = scene.cards["ch-signal-china"], scene.cards["ch-weaker-power"]
    view.centerOn(source)
    start = view.mapFromScene(source.mapToScene(source.handle_centre()))
    end = view.mapFromScene(target.scene_frame().center())
    _drag(qtbot, view, start, end)
    added = [e for e in scene.edges.values() if e.source is source and e.target is target]
    assert len(added) == 1
    assert added[0].relation.type is RelationType.ATTACK
    with opened.reading() as session:
        state = load_argument_state(session)
    assert any(
        r.source == "ch-signal-china" and r.target == "ch-weaker-power" for r in state.relations
    )
    # The attacker stands, so the claim it attacks now falls: evaluated on the edit.
    assert target.status is Status.OUT
    view.history.stack.undo()
    assert not any(e.source is source and e.target is target for e in scene.edges.values())
    assert target.status is Status.IN


def test_dropping_a_connection_on_an_edge_undercuts_it(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    scene = view.map_scene
    edge = next(e for e in scene.edges.values() if e.id and e.relation.source == "ch-agenda-named")
    source = scene.cards["ch-trump-vindicated"]
    view.centerOn(edge.middle())
    start = view.mapFromScene(source.mapToScene(source.handle_centre()))
    end = view.mapFromScene(edge.middle() + QPointF(0, 20))
    # Aim at a point on the line away from any card.
    end = view.mapFromScene(edge.line.pointAt(0.5))
    _drag(qtbot, view, start, end)
    undercuts = [e for e in scene.edges.values() if e.target is edge]
    assert len(undercuts) == 1
    assert undercuts[0].relation.type is RelationType.UNDERCUT
    assert not edge.carrying  # the undercutter stands: the support no longer carries


def _moved_by_someone_else(store: Store, claim_id: str, where: tuple[float, float]) -> None:
    """Move a claim as another client would: straight to the store, unseen by the view."""
    run(store, MoveClaims(((claim_id, where),)))


def test_a_drag_over_someone_elses_newer_position_is_refused(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    refusals: list[str] = []
    view.history.refused.connect(refusals.append)
    _moved_by_someone_else(opened, "ch-value-trump", (900.0, 40.0))
    before = _claims(opened)
    start = _point_on(view, "ch-value-trump")
    _drag(qtbot, view, start, start + QPoint(150, 90))
    assert view.history.stack.count() == 0
    assert refusals
    assert "changed by someone else" in refusals[0]
    assert _claims(opened) == before  # neither the move nor the pins of the others were kept
    # The map shows the store again: their position, not the one dropped.
    assert view.map_scene.cards["ch-value-trump"].pos() == QPointF(900, 40)


def test_undoing_a_drag_someone_has_overwritten_is_refused(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    refusals: list[str] = []
    view.history.refused.connect(refusals.append)
    start = _point_on(view, "ch-value-trump")
    _drag(qtbot, view, start, start + QPoint(150, 90))
    assert view.history.stack.count() == 1
    _moved_by_someone_else(opened, "ch-value-trump", (900.0, 40.0))
    view.history.stack.undo()
    assert refusals
    assert "changed by someone else" in refusals[0]
    assert _claims(opened)["ch-value-trump"].position == (900.0, 40.0)
    assert view.map_scene.cards["ch-value-trump"].pos() == QPointF(900, 40)


def test_undo_and_redo_restore_the_store(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    stack = view.history.stack
    original = _claims(opened)
    view.select_claims(["ch-no-statement"])
    view.delete_selected()
    assert "ch-no-statement" not in _claims(opened)
    assert "ch-no-statement" not in view.map_scene.cards
    view.set_assumption("ch-main", Assumption.REJECTED)
    assert view.map_scene.cards["ch-main"].status is Status.OUT
    stack.undo()
    stack.undo()
    assert _claims(opened) == original
    assert "ch-no-statement" in view.map_scene.cards
    assert {e.id for e in view.map_scene.edges.values()} >= {"r-ch-02", "r-ch-03"}
    stack.redo()
    assert "ch-no-statement" not in _claims(opened)


def test_editing_a_claims_text_in_place(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    view.edit_in_place("ch-weaker-power")
    editor = view._editor
    assert editor is not None
    editor.setPlainText("<b>Not markup</b> & plain")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert _claims(opened)["ch-weaker-power"].text == "<b>Not markup</b> & plain"
    assert view.map_scene.cards["ch-weaker-power"].face.text_lines == ("<b>Not markup</b> & plain",)
    view.history.stack.undo()
    assert _claims(opened)["ch-weaker-power"].text != "<b>Not markup</b> & plain"


def test_adding_a_claim_by_double_clicking_empty_space(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    view.centerOn(view.map_scene.cards["ch-main"])
    point = view.mapFromScene(view.map_scene.cards["ch-main"].scenePos() + QPointF(0, -300))
    qtbot.mouseDClick(view.viewport(), LEFT, NO_KEYS, point)
    added = [c for c in _claims(opened).values() if c.text == "New claim"]
    assert len(added) == 1
    assert added[0].placed_by_hand
    assert added[0].id in view.map_scene.cards
    if view._editor is not None:
        qtbot.keyClick(view._editor, Qt.Key.Key_Escape)
    assert view.history.stack.count() == 1


def test_a_key_adds_a_reason_for_the_selected_claim(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    view.select_claims(["ch-main"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Insert)
    if view._editor is not None:
        view._editor.setPlainText("A fresh reason")
        qtbot.keyClick(view._editor, Qt.Key.Key_Return)
    with opened.reading() as session:
        state = load_argument_state(session)
    new = next(c for c in state.claims if c.text == "A fresh reason")
    assert any(r.source == new.id and r.target == "ch-main" for r in state.relations)
    assert view.history.stack.count() == 2  # the claim and its support, then its text


def test_collapse_hides_a_subtree_and_expand_brings_it_back(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    view.toggle_collapsed("ch-value-putin")
    cards = view.map_scene.cards
    assert "ch-putin-prestige" not in cards
    assert cards["ch-value-putin"].collapsed_count == 7
    view.toggle_collapsed("ch-value-putin")
    assert "ch-putin-prestige" in cards


def test_the_side_by_side_view_draws_links_across(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened, FORECAST, RSIS)
    assert view.current_assessments() == (FORECAST, RSIS)
    with opened.reading() as session:
        state = load_argument_state(session)
    owner = {c.id: a.id for a in state.assessments for c in a.claims}
    across = [
        r.id
        for r in state.relations
        if not r.targets_relation and owner[r.source] != owner[r.target]
    ]
    assert across
    assert set(across) <= set(view.map_scene.edges)
    left = max(
        view.map_scene.cards[c.id].scene_frame().right() for c in state.assessment(FORECAST).claims
    )
    right = min(view.map_scene.cards[c.id].x() for c in state.assessment(RSIS).claims)
    assert left < right


def test_the_side_by_side_view_opens_readable_with_links_through_the_gutter(
    qtbot, opened: Store
) -> None:
    view = MapView(EditHistory(opened))
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.show_pair(FORECAST, RSIS)
    assert view.zoom() >= 0.6  # cards' words readable, not a thumbnail of both maps
    content = view.map_scene.content
    left_box, right_box = (column.box for column in content.columns)
    crossing = [
        e
        for e in view.map_scene.edges.values()
        if not e.relation.targets_relation
        and e.source.claim.assessment_id != e.target.claim.assessment_id
    ]
    assert crossing
    for edge in crossing:
        left, right = sorted((edge.source, edge.target), key=lambda card: card.x())
        start, tip = edge.start(), edge.line.p2()
        out, into = (start, tip) if left is edge.source else (tip, start)
        assert out.x() == pytest.approx(left.scene_frame().right())
        assert into.x() == pytest.approx(right.scene_frame().left())
        # Somewhere on the way it runs in the gutter between the two maps.
        xs = [edge.route.pointAtPercent(t / 50).x() for t in range(51)]
        assert any(left_box[2] < x < right_box[0] for x in xs)


def test_selection_signals_only_user_actions_and_highlight_is_apart(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    seen: list[list[str]] = []
    view.claimsSelected.connect(seen.append)
    view.select_claims(["ch-main"])
    assert seen == []
    assert view.selected_claims() == ["ch-main"]
    view.highlight_claims(["ch-world-cup-high"])
    assert view.map_scene.cards["ch-world-cup-high"].highlighted
    assert view.selected_claims() == ["ch-main"]
    view.highlight_claims([])
    assert not view.map_scene.cards["ch-world-cup-high"].highlighted
    qtbot.mouseClick(view.viewport(), LEFT, NO_KEYS, _point_on(view, "ch-signal-china"))
    assert seen[-1] == ["ch-signal-china"]


def test_zoom_fit_and_reveal(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    view.zoom_in()
    assert view.zoom() > 1.0
    view.zoom_out()
    view.zoom_out()
    assert view.zoom() < 1.0
    view.fit()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    # Fitted whole while its titles read (else to its width, from the top; the rest scrolls).
    assert view.zoom() >= READABLE
    for card in view.map_scene.cards.values():
        frame = card.scene_frame()
        assert visible.left() <= frame.left()
        assert frame.right() <= visible.right()
    assert visible.top() <= min(c.scene_frame().top() for c in view.map_scene.cards.values())
    view.resetTransform()
    view.reveal(["ch-hostility-harms"])
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(view.map_scene.cards["ch-hostility-harms"].scene_frame())
    view.show_assessment("expert-insights-2018-07-13")
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for card in view.map_scene.cards.values():
        assert visible.contains(card.scene_frame())


def test_a_map_shown_before_the_window_settles_opens_at_its_top_left(qtbot, opened: Store) -> None:
    view = MapView(EditHistory(opened))
    qtbot.addWidget(view)
    view.resize(640, 480)
    view.show()
    qtbot.waitExposed(view)
    view.show_assessment(RSIS)
    bounds = view.map_scene.bounds

    def visible() -> QRectF:
        return view.mapToScene(view.viewport().rect()).boundingRect()

    # The main window lays out its docks and splitter after the map first shows.
    for width, height in ((960, 420), (610, 420)):
        view.resize(width, height)
        assert visible().top() <= bounds.top()  # the title, not cut
        assert visible().left() <= bounds.left()
    view.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
    scrolled = visible().top()
    assert scrolled > bounds.top()
    view.resize(700, 420)  # once the user has moved the view, a resize leaves it be
    assert visible().top() == pytest.approx(scrolled)


def test_tidy_keeps_hand_placed_cards_and_is_one_step(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    start = _point_on(view, "ch-value-world")
    _drag(qtbot, view, start, start + QPoint(-300, 250))
    placed = view.map_scene.cards["ch-value-world"].pos()
    view.tidy()
    assert view.map_scene.cards["ch-value-world"].pos() == placed
    assert view.history.stack.count() == 2
    frames = [c.scene_frame() for c in view.map_scene.cards.values()]
    assert not any(a.intersects(b) for i, a in enumerate(frames) for b in frames[i + 1 :])


def test_a_refused_edit_leaves_no_undo_step(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    refusals: list[str] = []
    view.history.refused.connect(refusals.append)
    view.choose_relation_type = lambda screen: RelationType.SUPPORT
    view._connection_dropped("ch-main", "claim", "ch-main", QPoint())
    assert view.history.stack.count() == 0
    assert refusals == ["a claim cannot support or attack itself"]


def test_the_context_menus_offer_what_can_be_done(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    card = view.map_scene.cards["ch-main"]
    menu = QMenu(view)
    claim_menu(view, menu, card)
    words = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert "Collapse subtree" in words
    assert "Reject as assumption" in words
    edge = next(e for e in view.map_scene.edges.values() if e.relation.type is RelationType.SUPPORT)
    menu = QMenu(view)
    relation_menu(view, menu, edge)
    next(a for a in menu.actions() if a.text() == "Make it an attack").trigger()
    with opened.reading() as session:
        kinds = {r.id: r.type for r in load_argument_state(session).relations}
    assert kinds[edge.id] is RelationType.ATTACK
    menu = QMenu(view)
    map_menu(view, menu, QPointF(0, 0))
    assert "Tidy layout" in [a.text() for a in menu.actions()]


@pytest.fixture
def dark_theme(qapp) -> Iterator[None]:
    """Set the dark palette on the application, as the dark theme does; restore it after."""
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    yield
    qapp.setPalette(before)


def test_the_map_follows_the_dark_theme(qtbot, opened: Store, dark_theme) -> None:
    view = _view(qtbot, opened)
    scene = view.map_scene
    card = scene.cards[next(iter(scene.cards))]
    assert scene.backgroundBrush().color().lightness() < 80
    assert scene.colours.card_fill.lightness() < 80
    assert card.ink().lightness() > 180
    # What is painted, not only what is chosen: the ground and a card's middle are dark.
    image = view.viewport().grab().toImage()
    assert image.pixelColor(3, 3).lightness() < 80
    middle = view.mapFromScene(card.scene_frame().center())
    assert image.pixelColor(middle).lightness() < 80


def test_the_map_turns_light_again_when_the_palette_does(qtbot, opened: Store) -> None:
    view = _view(qtbot, opened)
    scene = view.map_scene
    card = next(iter(scene.cards.values()))
    assert card.ink().lightness() < 80
    app = QApplication.instance()
    before = app.palette()
    app.setPalette(dark_palette())  # the widgets hear of it through posted events
    try:
        qtbot.waitUntil(lambda: scene.backgroundBrush().color().lightness() < 80)
        assert card.ink().lightness() > 180
        assert view.legend.colours is scene.colours
    finally:
        app.setPalette(before)
    qtbot.waitUntil(lambda: scene.backgroundBrush().color().lightness() > 200)
    assert card.ink().lightness() < 80


def test_an_export_stays_light_under_the_dark_theme(
    opened: Store, tmp_path: Path, dark_theme
) -> None:
    path = tmp_path / "map.png"
    export_map_image(opened, path, assessment=RSIS)
    image = QImage(str(path))
    assert image.pixelColor(1, 1).name() == "#ffffff"
    assert image.pixelColor(image.width() - 2, image.height() - 2).name() == "#ffffff"
