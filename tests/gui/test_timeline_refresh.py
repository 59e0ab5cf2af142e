"""Editing events refreshes the timeline from the changed events alone, as a reload would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from argline.gui.main_window import MainWindow
from argline.gui.timeline.view import TimelineView
from argline.io.transfer import import_file
from argline.layout.time_scale import TimeScale
from argline.layout.time_warp import ScaleKind
from argline.layout.visible import TimelineIndex
from argline.model.dates import HistoricalDate
from argline.model.entities import Event
from argline.ops.event_edits import AddEvent, DeleteEvent, EditEvent
from argline.ops.timeline_data import read_timeline
from argline.store import Store

SUMMIT = "helsinki-summit-2018"
CATEGORIES = ("Diplomacy", "Summits", "Sanctions")


@pytest.fixture
def window(qtbot, seeded_store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    """A window on the seed corpus and 300 more events, many starting on the same days."""
    events = [
        {
            "id": f"crowd-{n}",
            "title": f"Crowded event {n}",
            "start": f"2018-07-{1 + n % 20:02d}" if n % 3 else f"{1990 + n % 30}",
            "end": f"{2019 + n % 5}" if n % 11 == 0 else None,
            "category": CATEGORIES[n % len(CATEGORIES)],
        }
        for n in range(300)
    ]
    corpus = tmp_path / "crowd.json"
    corpus.write_text(json.dumps({"format": "argline", "version": 1, "events": events}))
    import_file(seeded_store, corpus)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = MainWindow(seeded_store, settings=settings)
    qtbot.addWidget(shown)
    shown.resize(1400, 900)
    shown.show()
    qtbot.waitExposed(shown)
    # Zoomed in on July 2018, where the crowd is: lanes full, labels cut at the edge. (So
    # many events open on another scale, one that labels more of them.)
    shown.timeline.set_time_scale(ScaleKind.LINEAR)
    shown.timeline._set_scale(TimeScale(17_700.0, 17_750.0, shown.timeline.width()))
    shown.timeline.select_events([SUMMIT])
    yield shown
    shown.store = None  # the fixture closes the store


def _shows_what_a_reload_shows(window: MainWindow, qtbot) -> None:
    """Check the window's timeline against one that read and indexed the whole store."""
    held = window.timeline
    with window.store.plain_reading() as cursor:
        read = read_timeline(cursor)
    assert held.content == read
    assert [held.content.position(key) for key in read.keys] == list(range(len(read)))
    _same_index(
        held._frames.index, TimelineIndex(read.starts, read.ends, read.lanes, len(read.lane_names))
    )
    assert _drawn(held) == _drawn(_fresh_view_like(held, window.store, qtbot))


def _fresh_view_like(held: TimelineView, store: Store, qtbot) -> TimelineView:
    """Return a view that read the whole store, shown as ``held`` is shown."""
    fresh = TimelineView()
    qtbot.addWidget(fresh)
    fresh.resize(held.size())
    fresh.load(store)
    fresh.select_events(held.selected_events())
    fresh.highlight_events(held.highlighted_events())
    fresh.mark_assessment(held._marked)
    fresh.set_time_scale(held.time_scale)
    fresh._set_scale(held._scale())
    return fresh


def _same_index(held: TimelineIndex, fresh: TimelineIndex) -> None:
    for lane in range(fresh.lane_count):
        for v0, v1 in ((-1e6, 1e6), (17_700.0, 17_750.0), (7_300.0, 17_720.0), (17_713.0, 17_714)):
            assert _walked(held, lane, v0, v1) == _walked(fresh, lane, v0, v1)
            assert held.count(lane, v0, v1) == fresh.count(lane, v0, v1)
            edges = [v0 + (v1 - v0) * k / 50 for k in range(51)]
            assert held.starts_per_bin(lane, edges) == fresh.starts_per_bin(lane, edges)
        for stretch in (0.5, 3.0, 400.0):
            assert held.rows_needed(lane, stretch, 16) == fresh.rows_needed(lane, stretch, 16)
    assert held.extent() == fresh.extent()


def _walked(index: TimelineIndex, lane: int, v0: float, v1: float) -> list[int]:
    walk = index.walk(lane, v0, v1)
    return list(iter(walk.next, None))


def _drawn(view: TimelineView) -> QImage:
    return view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_renaming_an_event_shows_what_a_reload_shows(window: MainWindow, qtbot) -> None:
    window.history.apply(EditEvent("crowd-4", title="A much longer title, renamed"))
    assert window.timeline.title_of("crowd-4") == "A much longer title, renamed"
    _shows_what_a_reload_shows(window, qtbot)


def test_redating_an_event_moves_it_where_a_reload_puts_it(window: MainWindow, qtbot) -> None:
    # Among the events of another day, of another lane, then to a span, then far back.
    window.history.apply(EditEvent("crowd-4", start=HistoricalDate.from_edtf("2018-07-16")))
    _shows_what_a_reload_shows(window, qtbot)
    window.history.apply(EditEvent("crowd-5", category="Diplomacy"))
    _shows_what_a_reload_shows(window, qtbot)
    window.history.apply(
        EditEvent(
            SUMMIT,
            start=HistoricalDate.from_edtf("2018-07-02"),
            end=HistoricalDate.from_edtf("2018-07-20"),
        )
    )
    _shows_what_a_reload_shows(window, qtbot)
    window.history.apply(EditEvent("crowd-7", start=HistoricalDate.from_edtf("1750")))
    _shows_what_a_reload_shows(window, qtbot)
    window.undo()
    _shows_what_a_reload_shows(window, qtbot)


def test_adding_and_deleting_events_shows_what_a_reload_shows(window: MainWindow, qtbot) -> None:
    day = HistoricalDate.from_edtf("2018-07-03")
    window.history.apply(
        AddEvent(Event("added", "Added on a crowded day", day, category="Summits"))
    )
    assert window.timeline.content.position("added") is not None
    _shows_what_a_reload_shows(window, qtbot)
    window.history.apply(DeleteEvent("crowd-9"))
    assert window.timeline.content.position("crowd-9") is None
    _shows_what_a_reload_shows(window, qtbot)
    window.history.apply(DeleteEvent(SUMMIT))
    assert window.timeline.selected_events() == []
    _shows_what_a_reload_shows(window, qtbot)
    window.undo()
    _shows_what_a_reload_shows(window, qtbot)


def test_an_event_in_a_new_category_gets_its_lane(window: MainWindow, qtbot) -> None:
    lanes = window.timeline.content.lane_names
    window.history.apply(EditEvent("crowd-4", category="A lane of its own"))
    assert set(window.timeline.content.lane_names) == {*lanes, "A lane of its own"}
    _shows_what_a_reload_shows(window, qtbot)
    window.undo()
    assert window.timeline.content.lane_names == lanes
    _shows_what_a_reload_shows(window, qtbot)


def test_editing_an_assessment_redraws_its_publication_as_a_reload_would(
    window: MainWindow, qtbot
) -> None:
    from argline.ops.assessment_edits import EditAssessment

    content = window.timeline.content
    named = {mark.source for marks in content.disputes.values() for mark in marks}
    shown = next(p for p in content.publications if (p.outlet or p.title) in named)
    window.history.apply(
        EditAssessment(
            shown.id, outlet="An outlet renamed", published=HistoricalDate.from_edtf("2018-07-09")
        )
    )
    marks = [mark for marks in window.timeline.content.disputes.values() for mark in marks]
    assert "An outlet renamed" in {mark.source for mark in marks}
    _shows_what_a_reload_shows(window, qtbot)


def test_an_edit_on_the_collapsed_scale_shows_what_a_reload_shows(
    window: MainWindow, qtbot
) -> None:
    held = window.timeline
    held.set_time_scale(ScaleKind.COLLAPSED)
    window.history.apply(EditEvent("crowd-4", start=HistoricalDate.from_edtf("1750")))
    with window.store.plain_reading() as cursor:
        assert held.days_content == read_timeline(cursor)
    assert _drawn(held) == _drawn(_fresh_view_like(held, window.store, qtbot))
