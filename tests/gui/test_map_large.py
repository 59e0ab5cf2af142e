"""A large map is read and laid out on a thread and drawn a slice at a time: the window
answers meanwhile, a newer choice replaces an older one, and what is drawn at the end is
the whole map."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt

from argline.gui import main_window, reading
from argline.gui.live_refresh import EVERY_KIND
from argline.gui.map import view as map_view
from argline.gui.map.view import LAYING_OUT, MapView
from argline.gui.undo import EditHistory
from argline.layout.route_geometry import halfway
from argline.model.entities import Assessment, Claim, ClaimRole, Corpus, Relation, RelationType
from argline.ops.claim_edits import EditClaim
from argline.ops.merge import merge_corpus
from argline.store import Store

CLAIMS = 120  # above the LARGE_MAP the tests set


def _map(key: str, count: int) -> tuple[Assessment, list[Relation]]:
    """Return an assessment of ``count`` claims in a tree, and its relations."""
    claims = tuple(
        Claim(
            f"{key}-{n}", key, f"Claim {n} of {key}", ClaimRole.MAIN if n == 0 else ClaimRole.REASON
        )
        for n in range(count)
    )
    relations = [
        Relation(f"{key}-r{n}", f"{key}-{n}", f"{key}-{(n - 1) // 3}", RelationType.SUPPORT)
        for n in range(1, count)
    ]
    return Assessment(key, f"Map {key}", claims=claims), relations


@pytest.fixture
def large(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """A store of two maps of ``CLAIMS`` claims, each larger than the view draws at once,
    and slices as short as can be: every card and relation a slice of its own."""
    monkeypatch.setattr(map_view, "LARGE_MAP", CLAIMS // 2)
    monkeypatch.setattr(map_view, "SLICE_SECONDS", 0.0)
    store = Store.open(store_path)
    first, first_relations = _map("a", CLAIMS)
    second, second_relations = _map("b", CLAIMS)
    corpus = Corpus(assessments=(first, second), relations=(*first_relations, *second_relations))
    with store.transaction() as session:
        merge_corpus(session, corpus)
    yield store
    store.close()


def _view(qtbot, store: Store) -> MapView:
    view = MapView(EditHistory(store))
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def _window(
    qtbot, store: Store, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> main_window.MainWindow:
    """A main window that counts ``store`` as large, as the map does."""
    monkeypatch.setattr(main_window, "LARGE_MAP", CLAIMS // 2)
    monkeypatch.setattr(reading, "LARGE_MAP", CLAIMS // 2)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = main_window.MainWindow(store, settings=settings)
    qtbot.addWidget(window)
    return window


def test_a_large_map_is_laid_out_while_the_view_answers(qtbot, large: Store) -> None:
    view = _view(qtbot, large)
    view.show_assessment("a")
    assert view.map_scene.cards == {}  # on its way: the call returned before the layout
    assert view.hint.text() == LAYING_OUT
    with qtbot.waitSignal(view.sliced, timeout=20_000):
        pass
    assert view.hint.text().startswith("Drawing the map")
    assert 0 < len(view.map_scene.cards) < CLAIMS  # drawn in slices, the window answering
    assert not view.isInteractive()  # no drag lands on a half-drawn map
    with qtbot.waitSignal(view.drawn):
        pass
    assert len(view.map_scene.cards) == CLAIMS
    assert len(view.map_scene.edges) == CLAIMS - 1
    assert view.isInteractive()
    assert view.hint.isHidden()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.intersects(view.map_scene.cards["a-0"].scene_frame())  # framed once drawn


def test_a_map_chosen_while_another_is_drawn_replaces_it(qtbot, large: Store) -> None:
    view = _view(qtbot, large)
    view.show_assessment("a")
    with qtbot.waitSignal(view.sliced, timeout=20_000):
        pass
    view.show_assessment("b")
    with qtbot.waitSignal(view.drawn):
        pass
    assert set(view.map_scene.cards) == {f"b-{n}" for n in range(CLAIMS)}
    assert {edge.source.claim.assessment_id for edge in view.map_scene.edges.values()} == {"b"}


def test_an_edit_of_a_large_map_redraws_it_whole(qtbot, large: Store) -> None:
    view = _view(qtbot, large)
    view.show_assessment("a")
    with qtbot.waitSignal(view.drawn, timeout=20_000):
        pass
    view.history.apply(EditClaim("a-7", text="A claim retold"))
    assert view.hint.text() == LAYING_OUT
    with qtbot.waitSignal(view.drawn, timeout=20_000):
        pass
    assert view.map_scene.cards["a-7"].claim.text == "A claim retold"
    assert len(view.map_scene.cards) == CLAIMS


def test_after_an_import_a_large_store_is_read_again_off_qt_thread(
    qtbot, large: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, large, tmp_path, monkeypatch)
    with qtbot.waitSignal(window.map.drawn, timeout=20_000):
        pass
    window.show_changes(EVERY_KIND, said="Imported a.argline.json")
    assert window.view_reads.busy  # on its way: the window answers meanwhile
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Imported a.argline.json")
    with qtbot.waitSignal(window.map.drawn, timeout=20_000):
        pass
    assert len(window.map.map_scene.cards) == CLAIMS
    window.store = None  # the fixture closes the store


def test_an_undercut_chain_deeper_than_python_recursion_is_drawn_and_follows_a_drag(
    qtbot, store_path: Path
) -> None:
    links = 1_500  # each undercut undercuts the one before: past Python's 1,000 frames
    claims = tuple(Claim(f"u{n}", "u", f"Claim {n}", ClaimRole.REASON) for n in range(links + 1))
    relations = [Relation("r1", "u0", "u1", RelationType.ATTACK)]
    relations += [
        Relation(f"r{n}", f"u{n}", f"r{n - 1}", RelationType.UNDERCUT) for n in range(2, links + 1)
    ]
    store = Store.open(store_path)
    with store.transaction() as session:
        merge_corpus(
            session,
            Corpus(
                assessments=(Assessment("u", "Undercuts", claims=claims),),
                relations=tuple(relations),
            ),
        )
    view = _view(qtbot, store)
    view.show_assessment("u")
    qtbot.waitUntil(lambda: len(view.map_scene.edges) == links)
    first, last = view.map_scene.edges["r1"], view.map_scene.edges[f"r{links}"]
    card = view.map_scene.cards["u1"]
    end_before = first.points[-1]
    view.centerOn(card)
    start = view.mapFromScene(card.scenePos() + QPointF(40, 14))
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    qtbot.mouseMove(viewport, start + QPoint(30, 40))
    qtbot.mouseMove(viewport, start + QPoint(60, 80))
    qtbot.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(60, 80)
    )
    assert first.points[-1] != end_before  # the attack follows its moved target
    target = view.map_scene.edges[f"r{links - 1}"]
    assert last.points[-1] == halfway(target.points)  # and the deepest undercut its target
    store.close()


def test_a_large_file_opens_its_window_before_its_outline_is_read(
    qtbot, large: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, large, tmp_path, monkeypatch)
    assert window.browser.tree.topLevelItemCount() == 0  # on its way: the window is drawn
    assert window.totals_label.text() == f"Reading {2 * CLAIMS} claims…"
    with qtbot.waitSignal(window.map.drawn, timeout=20_000):
        pass
    assert window.browser.tree.topLevelItemCount() == 2
    assert window.map.current_assessments() == ("a",)
    assert window.totals_label.text().endswith(f"{2 * CLAIMS} claims")
    window.store = None  # the fixture closes the store
