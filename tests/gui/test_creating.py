"""Creating and deleting in the window, as a new user does it from an empty file.

Every new item is one undo step that changes the store, is chosen as if clicked (the
inspector shows it), and nothing stays lit on the timeline for what was deleted.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QKeySequence, QWheelEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu, QMessageBox

from argline.gui.dialogs.assessment_dialog import AssessmentDialog, AssessmentFields
from argline.gui.dialogs.event_dialog import EventDialog
from argline.gui.main_window import MainWindow
from argline.gui.map.hint import EMPTY_MAP, NO_ASSESSMENT
from argline.gui.map.menus import map_menu
from argline.gui.timeline.canvas import EMPTY_HINT
from argline.gui.timeline.view import TimelineView
from argline.model.calendar import axis_value
from argline.model.entities import AssessmentKind, ClaimRole, Corpus
from argline.ops.queries import load_corpus
from argline.store import Store

LEFT = Qt.MouseButton.LeftButton
YEARS = 365.2425
SUMMIT = axis_value(2018, 7, 16)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _open(qtbot, store: Store, settings: QSettings) -> MainWindow:
    window = MainWindow(store, settings=settings)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def empty(qtbot, tmp_path: Path, settings: QSettings) -> Iterator[MainWindow]:
    """A window on a new, empty file."""
    store = Store.open(tmp_path / "new.argline")
    window = _open(qtbot, store, settings)
    yield window
    window.store = None
    store.close()


@pytest.fixture
def seeded(qtbot, seeded_store: Store, settings: QSettings) -> Iterator[MainWindow]:
    window = _open(qtbot, seeded_store, settings)
    yield window
    window.store = None  # the fixture closes the store


def _corpus(store: Store) -> Corpus:
    with store.reading() as session:
        return load_corpus(session)


def _wheel_until(timeline: TimelineView, days: float, about: float = SUMMIT) -> None:
    """Turn the wheel over the date ``about`` until the timeline shows ``days`` or fewer."""
    for _ in range(200):
        start, end = timeline.visible_range()
        if end - start <= days:
            return
        point = QPointF((about - start) / (end - start) * timeline.width(), timeline.height() / 2)
        event = QWheelEvent(
            point,
            timeline.mapToGlobal(point),
            QPoint(),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(timeline, event)
    raise AssertionError(f"the timeline did not zoom in to {days} days")


def _action(menu: QMenu, starts: str):
    found = [a for a in menu.actions() if a.text().startswith(starts)]
    assert found, f"no {starts!r} in {[a.text() for a in menu.actions()]}"
    return found[0]


def _open_dialog(window: MainWindow, kind: type):
    shown = [d for d in window.findChildren(kind) if d.isVisible()]
    assert len(shown) == 1, f"{kind.__name__} is not open"
    return shown[0]


def _add_event_at(qtbot, window: MainWindow, x: int, title: str) -> tuple[str, float]:
    """Right-click the timeline at ``x``, choose New Event, type a title and press OK."""
    timeline = window.timeline
    point = QPoint(x, timeline.height() // 2)
    clicked = timeline.visible_range()[0] + x * timeline._scale().days_per_pixel
    _action(window.creating.timeline_menu(point), "New Event on").trigger()
    dialog = _open_dialog(window, EventDialog)
    qtbot.keyClicks(dialog.title, title)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert not dialog.isVisible()
    return window.timeline.selected_events()[0], clicked


def test_an_event_added_from_the_timeline_menu_takes_the_zooms_precision(
    qtbot, empty: MainWindow
) -> None:
    timeline = empty.timeline
    timeline.zoom_out()
    timeline.zoom_out()  # three centuries in view
    assert timeline.visible_range()[1] - timeline.visible_range()[0] > 200 * YEARS
    # Clicked in the timeline, whatever its width: the window opens maximised on a screen
    # smaller than its first size.
    width = timeline.width()
    added = {"year": _add_event_at(qtbot, empty, width * 4 // 10, "A year")}
    _wheel_until(timeline, 1.2 * width)  # 1.2 days a pixel: a month to aim at
    added["month"] = _add_event_at(qtbot, empty, width // 2, "A month")
    _wheel_until(timeline, 0.05 * width)  # a day is 20 pixels wide
    added["day"] = _add_event_at(qtbot, empty, width * 6 // 10, "A day")
    events = {e.id: e for e in _corpus(empty.store).events}
    assert len(events) == 3
    for precision, (event_id, clicked) in added.items():
        event = events[event_id]
        assert event.start.precision.name.lower() == precision
        assert event.start.axis_start() <= clicked < event.start.axis_end()
        assert event.end is None
    assert empty.history.stack.count() == 3  # one undo step each
    assert empty.totals_label.text().startswith("3 events")


def test_a_new_event_is_chosen_shown_and_brought_into_view(qtbot, empty: MainWindow) -> None:
    empty.creating.new_event_action.trigger()
    dialog = _open_dialog(empty, EventDialog)
    qtbot.keyClicks(dialog.title, "Congress of Vienna")
    dialog.start.editor.setText("1814")
    dialog.end.editor.setText("June 1815")
    dialog.lane.setCurrentText("Diplomacy")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    (event,) = _corpus(empty.store).events
    assert (event.start.to_edtf(), event.end.to_edtf(), event.category) == (
        "1814",
        "1815-06",
        "Diplomacy",
    )
    assert empty.timeline.selected_events() == [event.id]
    start, end = empty.timeline.visible_range()
    assert start <= event.axis_start
    assert event.axis_end <= end
    assert empty.inspector.kind == "event"
    assert empty.inspector.field("event.title").text() == "Congress of Vienna"
    empty.undo()
    assert not _corpus(empty.store).events
    assert empty.inspector.kind == ""


def test_insert_new_event_opens_on_today_or_the_middle_of_the_view(
    qtbot, empty: MainWindow
) -> None:
    assert empty.creating.new_event_action.shortcut() == QKeySequence("Ctrl+Shift+E")
    empty.timeline.setFocus()
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(empty.timeline, Qt.Key.Key_E, keys)
    dialog = _open_dialog(empty, EventDialog)
    start, end = empty.timeline.visible_range()
    typed = dialog.start.date()
    assert typed is not None
    assert start <= typed.axis_start() <= end
    dialog.reject()


def test_a_date_that_does_not_read_is_refused_beside_its_field(qtbot, empty: MainWindow) -> None:
    dialog = empty.creating.new_event()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.isVisible()
    assert dialog.title_message.text() == "an event needs a title"
    qtbot.keyClicks(dialog.title, "Alaska purchase")
    dialog.start.editor.setText("30 Febtember 1867")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.isVisible()
    assert dialog.start.message.refused
    assert "30 Febtember 1867" in dialog.start.message.text()
    dialog.start.editor.setText("30 March 1867")
    assert dialog.start.message.text() == "30 March 1867 · a day"  # read as it is typed
    dialog.end.editor.setText("1866")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert "before the start" in dialog.end.message.text()
    assert not _corpus(empty.store).events
    dialog.end.editor.clear()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert not dialog.isVisible()
    assert [e.start.to_edtf() for e in _corpus(empty.store).events] == ["1867-03-30"]


def _add_assessment(qtbot, window: MainWindow, title: str) -> str:
    window.creating.new_assessment_action.trigger()
    dialog = _open_dialog(window, AssessmentDialog)
    qtbot.keyClicks(dialog.title, title)
    qtbot.keyClicks(dialog.author, "A. Analyst")
    qtbot.keyClicks(dialog.outlet, "The Review")
    qtbot.keyClicks(dialog.published.editor, "13 July 2018")
    dialog.kind.setCurrentIndex(dialog.kind.findData(AssessmentKind.FORECAST))
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert not dialog.isVisible()
    (chosen,) = window.map.current_assessments()
    return chosen


def _empty_spot(window: MainWindow) -> QPointF:
    return window.map.mapToScene(window.map.viewport().rect().center())


def test_a_new_assessment_shows_its_empty_map_and_takes_a_first_claim(
    qtbot, empty: MainWindow
) -> None:
    assert empty.map.hint.text() == NO_ASSESSMENT
    assessment_id = _add_assessment(qtbot, empty, "Helsinki: what to expect")
    (stored,) = _corpus(empty.store).assessments
    assert (stored.id, stored.kind, stored.published.to_edtf(), stored.author) == (
        assessment_id,
        AssessmentKind.FORECAST,
        "2018-07-13",
        "A. Analyst",
    )
    assert empty.browser.selected_assessment() == assessment_id
    assert empty.inspector.kind == "assessment"
    assert empty.map.hint.text() == EMPTY_MAP
    assert empty.map.hint.isVisible()
    menu = QMenu()
    map_menu(empty.map, menu, _empty_spot(empty))
    _action(menu, "Add claim here").trigger()
    (claim,) = _corpus(empty.store).claims
    assert claim.role is ClaimRole.MAIN  # an empty map's first claim is its main contention
    assert claim.id in empty.map.shown_claims()
    assert not empty.map.hint.isVisible()
    assert empty.inspector.kind == "claim"  # not the assessment shown before
    assert empty.inspector.item_id == claim.id
    editor = empty.map._editor
    assert editor is not None  # its text is edited in place
    editor.setPlainText("Little will come of it.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    (claim,) = _corpus(empty.store).claims
    assert claim.text == "Little will come of it."
    assert empty.inspector.field("claim.text").text() == "Little will come of it."
    assert empty.history.stack.count() == 3  # the assessment, the claim, its text


def test_a_claim_asked_for_with_no_map_asks_for_its_assessment_first(
    qtbot, empty: MainWindow
) -> None:
    assert empty.creating.new_claim_action.shortcut() == QKeySequence("Ctrl+Shift+C")
    empty.creating.new_claim_action.trigger()
    dialog = _open_dialog(empty, AssessmentDialog)
    assert "belongs to an assessment" in dialog.note.text()
    qtbot.keyClicks(dialog.title, "A retrospective")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    (assessment,) = _corpus(empty.store).assessments
    assert [c.role for c in assessment.claims] == [ClaimRole.MAIN]
    assert empty.inspector.item_id == assessment.claims[0].id
    qtbot.keyClick(empty.map._editor, Qt.Key.Key_Escape)
    # With the main contention selected, the next claim is a reason for it.
    empty.creating.new_claim_action.trigger()
    corpus = _corpus(empty.store)
    reason = next(c for c in corpus.claims if c.role is ClaimRole.REASON)
    assert [(r.source, r.target) for r in corpus.relations] == [
        (reason.id, assessment.claims[0].id)
    ]
    assert empty.inspector.item_id == reason.id


def test_the_assessment_dialog_starts_from_the_values_it_is_given(qtbot, empty: MainWindow) -> None:
    initial = AssessmentFields(
        title="From a document",
        author="Someone",
        published="2018-07-20",
        kind=AssessmentKind.RETROSPECTIVE,
        source="brief.pdf",
    )
    dialog = empty.creating.new_assessment(initial)
    assert dialog.chosen() == initial
    dialog.published.editor.setText("somewhen")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.isVisible()
    assert dialog.published.message.refused
    dialog.published.editor.setText("20 July 2018")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    (stored,) = _corpus(empty.store).assessments
    assert (stored.source, stored.kind, stored.published.to_edtf()) == (
        "brief.pdf",
        AssessmentKind.RETROSPECTIVE,
        "2018-07-20",
    )


def _confirm(window: MainWindow) -> QMessageBox:
    return _open_dialog(window, QMessageBox)


def _build_an_analysis(qtbot, window: MainWindow) -> tuple[str, str, str]:
    """Add an event, an assessment and its main contention resting on the event, as a
    user does; return their ids."""
    _wheel_until(window.timeline, 60)
    event_id, _ = _add_event_at(qtbot, window, 600, "Summit")
    assessment_id = _add_assessment(qtbot, window, "What the summit brings")
    menu = QMenu()
    map_menu(window.map, menu, _empty_spot(window))
    _action(menu, "Add claim here").trigger()
    window.map._editor.setPlainText("Nothing much.")
    qtbot.keyClick(window.map._editor, Qt.Key.Key_Return)
    (claim,) = _corpus(window.store).claims
    inspector = window.inspector
    assert inspector.item_id == claim.id
    assert window.timeline.highlighted_events() == []
    inspector.event_choice.setCurrentIndex(inspector.event_choice.findData(event_id))
    _click_button(qtbot, inspector, "Link")
    assert window.timeline.highlighted_events() == [event_id]  # the link made lights it up
    assert window.history.stack.count() == 5  # event, assessment, claim, its text, the link
    return event_id, assessment_id, claim.id


def _delete_the_event_and_undo(window: MainWindow, event_id: str, claim_id: str) -> None:
    window.timeline.select_events([event_id])
    window.choose_events([event_id])
    assert window.map.highlighted_claims() == [claim_id]
    window.delete_action.trigger()
    assert not _corpus(window.store).events
    assert window.map.highlighted_claims() == []  # the claim resting on it is lit no more
    assert window.timeline.highlighted_events() == []
    assert window.inspector.kind == ""
    window.undo()
    assert [(k.claim, k.event) for k in _corpus(window.store).links] == [(claim_id, event_id)]


def _delete_the_assessment_undo_and_redo(qtbot, window: MainWindow, assessment_id: str) -> None:
    store = window.store
    window.browser.select_assessment(assessment_id)
    window.choose_assessment(assessment_id)
    assert window.timeline.highlighted_events()
    window.delete_action.trigger()
    box = _confirm(window)
    assert "1 claim and 1 link to an event go with it" in box.informativeText()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert [a.id for a in _corpus(store).assessments] == [assessment_id]
    window.delete_action.trigger()
    _click_button(qtbot, _confirm(window), "Delete Assessment")
    corpus = _corpus(store)
    assert (len(corpus.assessments), len(corpus.claims), len(corpus.links)) == (0, 0, 0)
    assert window.timeline.highlighted_events() == []
    assert window.map.hint.text() == NO_ASSESSMENT
    assert window.history.stack.undoText() == "Delete assessment"  # one step
    window.undo()
    corpus = _corpus(store)
    assert [c.text for c in corpus.claims] == ["Nothing much."]
    assert len(corpus.links) == 1
    window.redo()
    assert not _corpus(store).assessments
    window.undo()


def test_an_analysis_built_from_an_empty_file_is_taken_apart_undone_redone_and_kept(
    qtbot, tmp_path: Path, settings: QSettings
) -> None:
    path = tmp_path / "analysis.argline"
    store = Store.open(path)
    window = _open(qtbot, store, settings)
    event_id, assessment_id, claim_id = _build_an_analysis(qtbot, window)
    _delete_the_event_and_undo(window, event_id, claim_id)
    _delete_the_assessment_undo_and_redo(qtbot, window, assessment_id)
    while window.history.stack.canUndo():
        window.undo()
    corpus = _corpus(store)
    assert (corpus.events, corpus.assessments) == ((), ())
    while window.history.stack.canRedo():
        window.redo()
    assert not _corpus(store).assessments  # the last step redone: the deletion
    window.undo()
    window.close()
    window.store = None
    store.close()
    again = Store.open(path)  # the file holds it all when opened again
    try:
        corpus = _corpus(again)
        assert [e.title for e in corpus.events] == ["Summit"]
        assert [a.title for a in corpus.assessments] == ["What the summit brings"]
        assert [(c.text, c.role) for c in corpus.claims] == [("Nothing much.", ClaimRole.MAIN)]
        assert [(k.claim, k.event) for k in corpus.links] == [(claim_id, event_id)]
    finally:
        again.close()


def _click_button(qtbot, parent, text: str) -> None:
    (button,) = [b for b in parent.findChildren(QAbstractButton) if b.text() == text]
    qtbot.mouseClick(button, LEFT)


def test_deleting_a_lit_claim_leaves_nothing_lit_on_the_timeline(seeded: MainWindow) -> None:
    claim = next(k.claim for k in _corpus(seeded.store).links)
    seeded.browser.select_claims([claim])
    seeded.browser.claimsSelected.emit([claim])
    assert seeded.timeline.highlighted_events()
    seeded.map.select_claims([claim])
    seeded.map.claimsSelected.emit([claim])
    seeded.delete_action.trigger()
    assert claim not in {c.id for c in _corpus(seeded.store).claims}
    assert seeded.timeline.highlighted_events() == []
    assert seeded.inspector.kind == ""
    seeded.undo()
    assert claim in seeded.map.shown_claims()
    assert seeded.map.selected_claims() == []  # back, but no longer chosen: nothing lit
    assert seeded.timeline.highlighted_events() == []


def test_a_link_made_in_the_inspector_lights_its_event(qtbot, seeded: MainWindow) -> None:
    claim = "ei-main"
    seeded.browser.select_claims([claim])
    seeded.browser.claimsSelected.emit([claim])
    before = seeded.timeline.highlighted_events()
    assert "fort-ross" not in before
    choice = seeded.inspector.event_choice
    choice.setCurrentIndex(choice.findData("fort-ross"))
    _click_button(qtbot, seeded.inspector, "Link")
    assert seeded.timeline.highlighted_events() == sorted({*before, "fort-ross"})
    seeded.undo()
    assert seeded.timeline.highlighted_events() == before


def test_the_empty_file_and_the_menus_point_at_what_now_exists(
    empty: MainWindow,
) -> None:
    creating = empty.creating
    keys = {
        action.text(): action.shortcut().toString()
        for action in (creating.new_event_action, creating.new_claim_action)
    }
    assert f"Insert ▸ New Event ({keys['New &Event…']})" in EMPTY_HINT
    assert "File ▸ Import…" in EMPTY_HINT
    assert f"Insert ▸ New Claim ({keys['New &Claim']})" in EMPTY_MAP
    shortcut = creating.new_assessment_action.shortcut().toString()
    assert f"File ▸ New Assessment… ({shortcut})" in NO_ASSESSMENT
    labels = {a.text() for m in empty.menuBar().actions() for a in m.menu().actions()}
    assert {"New &Event…", "New &Claim", "New &Assessment…", "&Import…"} <= labels
