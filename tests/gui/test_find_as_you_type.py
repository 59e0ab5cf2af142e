"""Find as you type: matches light up once typing pauses, the first is brought into
view, Enter and Shift+Enter step through them, Escape clears; the selection stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from argline.gui.main_window import MainWindow
from argline.store import Store

CAATSA = "caatsa-2017"
SUMMIT = "helsinki-summit-2018"
FORECAST = "expert-insights-2018-07-13"


@pytest.fixture
def window(qtbot, seeded_store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(seeded_store, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.store = None  # the fixture closes the store


def _type(qtbot, window: MainWindow, text: str) -> tuple[list[str], list[str]]:
    """Type ``text`` into the find box as a user does, and return what it found."""
    window.find_action.trigger()
    with qtbot.waitSignal(window.find_bar.searched, timeout=5000) as found:
        qtbot.keyClicks(window.find_bar.field, text)
    return found.args[0], found.args[1]


def test_typing_lights_up_events_and_claims_without_enter(qtbot, window: MainWindow) -> None:
    events, claims = _type(qtbot, window, "sanction")
    assert events
    assert claims
    assert set(window.timeline.highlighted_events()) == set(events)
    shown = set(window.map.shown_claims())
    assert set(claims) & shown
    assert set(window.map.highlighted_claims()) == set(claims) & shown
    assert all(window.browser.is_highlighted(c) for c in claims)
    assert window.find_bar.count.text() == f"{len(events) + len(claims)} found"


def test_one_search_runs_when_typing_pauses_not_one_a_key(qtbot, window: MainWindow) -> None:
    asked: list[str] = []
    search = window.find_bar.search
    window.find_bar.search = lambda text: (asked.append(text), search(text))[1]
    _type(qtbot, window, "CAATSA")
    assert asked == ["CAATSA"]


def test_the_first_claim_found_is_brought_into_view_on_its_map(qtbot, window: MainWindow) -> None:
    assert FORECAST not in window.map.current_assessments()
    forecast_claims = set(window.linker.claims_of_assessment[FORECAST])
    # A word only the forecast's claims use: its map is shown, the claim on screen.
    _events, claims = _type(qtbot, window, "Neutral Helsinki")
    assert claims
    assert set(claims) <= forecast_claims
    assert FORECAST in window.map.current_assessments()
    card = window.map.map_scene.cards[claims[0]]
    seen = window.map.mapToScene(window.map.viewport().rect()).boundingRect()
    assert seen.intersects(card.sceneBoundingRect())


def test_the_first_event_found_is_brought_into_view(qtbot, window: MainWindow) -> None:
    window.timeline.select_events([CAATSA])
    window.timeline.fit_selection()  # the 2010s fill the timeline: 1812 is far off
    content = window.timeline.content
    fort_ross = content.position("fort-ross")
    assert fort_ross is not None
    start, end = window.timeline.visible_range()
    assert not start <= content.starts[fort_ross] <= end
    events, _claims = _type(qtbot, window, "Fort Ross")
    assert events[0] == "fort-ross"
    start, end = window.timeline.visible_range()
    assert start <= window.timeline.content.starts[fort_ross] <= end
    assert window.timeline.selected_events() == [CAATSA]  # looked at, not chosen


def test_typing_keeps_the_selection(qtbot, window: MainWindow) -> None:
    window.timeline.select_events([SUMMIT])
    window.timeline.selectionChanged.emit([SUMMIT])
    _type(qtbot, window, "CAATSA")
    assert window.timeline.selected_events() == [SUMMIT]
    assert window.inspector.kind == "event"
    assert window.inspector.item_id == SUMMIT


def test_enter_and_shift_enter_step_through_the_hits(qtbot, window: MainWindow) -> None:
    events, claims = _type(qtbot, window, "summit")
    hits = len(events) + len(claims)
    assert hits >= 2
    with qtbot.waitSignal(window.find_bar.hitChosen) as chosen:
        qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    first = chosen.args
    assert window.find_bar.count.text() == f"1 of {hits}"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.find_bar.count.text() == f"2 of {hits}"
    with qtbot.waitSignal(window.find_bar.hitChosen) as back:
        qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert back.args == first
    assert window.find_bar.count.text() == f"1 of {hits}"
    if first[0] == "event":
        assert window.timeline.selected_events() == [first[1]]


def test_enter_before_the_pause_finds_what_was_typed(qtbot, window: MainWindow) -> None:
    window.find_action.trigger()
    window.find_bar.field.setText("CAATSA")  # typed, the pause not over
    with qtbot.waitSignal(window.find_bar.hitChosen) as chosen:
        qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert chosen.args == ["event", CAATSA]
    assert window.timeline.selected_events() == [CAATSA]


def test_escape_clears_the_box_and_what_it_lit(qtbot, window: MainWindow) -> None:
    window.timeline.select_events([SUMMIT])
    window.timeline.selectionChanged.emit([SUMMIT])
    resting = window.map.highlighted_claims()
    _type(qtbot, window, "sanction")
    with qtbot.waitSignal(window.find_bar.searched) as cleared:
        qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert cleared.args == [[], []]
    assert window.find_bar.field.text() == ""
    assert window.find_bar.count.text() == ""
    assert window.timeline.highlighted_events() == []
    assert window.map.highlighted_claims() == resting  # the selection's own light, again
    assert window.timeline.selected_events() == [SUMMIT]


def test_the_find_box_moves_no_view(qtbot, window: MainWindow) -> None:
    before = (window.timeline.geometry(), window.splitter.geometry())
    _type(qtbot, window, "summit")
    assert (window.timeline.geometry(), window.splitter.geometry()) == before
