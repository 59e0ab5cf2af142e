"""The main window opens on a store and shows its events and claims."""

from __future__ import annotations

from PySide6.QtCore import Qt

from argline.gui.main_window import MainWindow
from argline.store import Store


def test_the_window_lists_the_seed_events_and_claims(qtbot, seeded_store: Store) -> None:
    window = MainWindow(seeded_store)
    qtbot.addWidget(window)
    window.show()
    assert window.events.topLevelItemCount() == 16
    assessments = [window.claims.topLevelItem(i) for i in range(window.claims.topLevelItemCount())]
    assert sum(item.childCount() for item in assessments) == 36
    assert window.windowTitle().startswith(seeded_store.name)
    disputed = [
        window.events.topLevelItem(i)
        for i in range(16)
        if "disputed" in window.events.topLevelItem(i).text(1)
    ]
    assert [d.data(0, Qt.ItemDataRole.UserRole) for d in disputed] == ["alaska-treaty"]


def test_html_in_the_store_is_shown_as_text(qtbot, seeded_store: Store) -> None:
    from argline.model.dates import HistoricalDate
    from argline.model.entities import Event
    from argline.ops.event_edits import AddEvent
    from argline.ops.running import run

    run(
        seeded_store,
        AddEvent(
            Event(
                "html", "<b>bold</b>", HistoricalDate.from_edtf("2000"), description="<img src=x>"
            )
        ),
    )
    window = MainWindow(seeded_store)
    qtbot.addWidget(window)
    item = next(
        window.events.topLevelItem(i)
        for i in range(window.events.topLevelItemCount())
        if window.events.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "html"
    )
    assert item.text(1) == "<b>bold</b>"
    assert "&lt;img src=x&gt;" in item.toolTip(1)
    assert "&lt;b&gt;bold" in item.toolTip(1)
