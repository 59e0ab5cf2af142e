"""Relations on the map: a second relation between two claims is refused with a message."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint

from argline.gui.map.view import MapView
from argline.gui.undo import EditHistory
from argline.io.seed import load_seed
from argline.model.entities import RelationType
from argline.ops.queries import load_relations
from argline.store import Store

RSIS = "rsis-cheang-2018-07"


def test_adding_an_attack_over_an_existing_support_is_refused_with_a_message(
    qtbot, store_path: Path
) -> None:
    store = Store.open(store_path)
    load_seed(store)
    view = MapView(EditHistory(store))
    qtbot.addWidget(view)
    view.show()
    view.show_assessment(RSIS)
    said: list[str] = []
    view.history.refused.connect(said.append)  # the main window puts it in its status bar
    view.choose_relation_type = lambda screen: RelationType.ATTACK  # the menu's answer
    view._connection_dropped("ch-prior-hostility", "claim", "ch-main", QPoint())
    assert len(said) == 1
    assert "already supports" in said[0]
    assert "cannot both support and attack" in said[0]
    with store.reading() as session:
        joining = [
            r
            for r in load_relations(session)
            if (r.source, r.target) == ("ch-prior-hostility", "ch-main")
        ]
    assert [r.type for r in joining] == [RelationType.SUPPORT]
    assert view.history.stack.count() == 0
    edges = view.map_scene.edges.values()
    assert [e.relation.type for e in edges if e.source.id == "ch-prior-hostility"] == [
        RelationType.SUPPORT
    ]
    store.close()
