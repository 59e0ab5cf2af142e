"""The main window: linked views, the inspector, Find, files, undo across views."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from argline.gui import transfer_dialogs
from argline.gui.file_dialogs import restore_backup_dialog
from argline.gui.main_window import MainWindow
from argline.gui.recent_files import recent_files
from argline.io.seed import load_seed
from argline.io.transfer import export_text
from argline.ops.event_edits import EditEvent
from argline.ops.queries import load_events, load_links
from argline.store import Store, StoreError

SUMMIT = "helsinki-summit-2018"
CAATSA = "caatsa-2017"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, seeded_store: Store, settings: QSettings) -> Iterator[MainWindow]:
    shown = MainWindow(seeded_store, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.store = None  # the fixture closes the store


def _links(store: Store) -> set[tuple[str, str]]:
    with store.reading() as session:
        return {(k.claim, k.event) for k in load_links(session)}


def test_selecting_an_event_lights_up_the_claims_resting_on_it(window: MainWindow) -> None:
    resting = {c for c, e in _links(window.store) if e == SUMMIT}
    window.timeline.selectionChanged.emit([SUMMIT])
    assert set(window.map.highlighted_claims()) == resting & set(window.map.shown_claims())
    assert all(window.browser.is_highlighted(c) for c in resting)
    assert f"{len(resting)} claims rest on" in window.browser.summary.text()
    assert window.inspector.kind == "event"
    assert window.inspector.field("event.title").text() == "Trump–Putin summit in Helsinki"


def test_selecting_a_claim_lights_up_its_events(window: MainWindow) -> None:
    claim, event = sorted((c, e) for c, e in _links(window.store) if e == CAATSA)[0]
    window.browser.select_claims([claim])
    window.browser.claimsSelected.emit([claim])
    assert event in window.timeline.highlighted_events()
    assert window.map.selected_claims() == [claim]
    assert window.inspector.kind == "claim"


def test_selection_does_not_echo_between_views(window: MainWindow, qtbot) -> None:
    seen = []
    window.timeline.selectionChanged.connect(seen.append)
    window.map.claimsSelected.connect(seen.append)
    window.browser.claimsSelected.connect(seen.append)
    window.timeline.selectionChanged.emit([SUMMIT])
    claim = next(c for c, e in _links(window.store) if e == CAATSA)
    window.browser.claimsSelected.emit([claim])
    assert seen == [[SUMMIT], [claim]]


def test_choosing_an_assessment_shows_its_map(window: MainWindow) -> None:
    window.browser.assessmentChosen.emit("expert-insights-2018-07-13")
    assert window.map.current_assessments() == ("expert-insights-2018-07-13",)
    assert window.timeline.highlighted_events()
    assert window.inspector.kind == "assessment"


def test_dropping_a_claim_on_an_event_links_them_and_undo_unlinks(window: MainWindow) -> None:
    claim = "ei-main"
    assert (claim, "fort-ross") not in _links(window.store)
    window.timeline.claimDropped.emit(claim, "fort-ross")
    assert (claim, "fort-ross") in _links(window.store)
    window.undo()
    assert (claim, "fort-ross") not in _links(window.store)
    window.redo()
    assert (claim, "fort-ross") in _links(window.store)


def test_find_finds_caatsa_and_jumps_to_it(window: MainWindow) -> None:
    window.find_action.trigger()
    assert window.find_bar.isVisible()
    assert window.find_bar.find("CAATSA") >= 1
    assert window.timeline.selected_events() == [CAATSA]
    assert window.inspector.field("event.title").text() == "CAATSA signed into law"


def test_an_inspector_edit_is_undone_from_the_window(window: MainWindow) -> None:
    before = export_text(window.store)
    window.inspector.show_event("alaska-treaty")
    start = window.inspector.field("event.start")
    start.editor.setText("30 March 1867")
    start.editor.editingFinished.emit()
    assert export_text(window.store) == before  # the same date: nothing to change
    start.editor.setText("March 1867")
    start.editor.editingFinished.emit()
    with window.store.reading() as session:
        (event,) = load_events(session, ["alaska-treaty"])
    assert event.start.to_edtf() == "1867-03"
    assert start.text() == "March 1867"
    window.undo()
    assert export_text(window.store) == before
    assert window.inspector.field("event.start").text() == "30 March 1867"


def test_a_bad_date_is_refused_at_the_field(window: MainWindow) -> None:
    before = export_text(window.store)
    window.inspector.show_event("alaska-treaty")
    end = window.inspector.field("event.end")
    end.editor.setText("1 January 1700")  # before the start
    end.editor.editingFinished.emit()
    assert "before the start" in end.error.text()
    end.editor.setText("the thirty-first of Smarch")
    end.editor.editingFinished.emit()
    assert end.error.text()
    assert export_text(window.store) == before
    assert not window.undo_action.isEnabled()


def test_recent_files_are_kept(
    qtbot, window: MainWindow, tmp_path: Path, settings: QSettings
) -> None:
    first = str(window.store.path)
    other = tmp_path / "other.argline"
    load_seed(opened := Store.open(other))
    opened.close()
    assert window.open_path(str(other))
    assert window.windowTitle().startswith("other")
    assert recent_files(settings)[:2] == [str(other), first]
    window.close()
    again = MainWindow(Store.open(other), settings=settings)
    qtbot.addWidget(again)
    again.fill_recent_menu()
    assert [a.text() for a in again.recent_menu.actions()][:2] == [str(other), first]
    again.store.close()


def test_a_file_that_is_not_a_database_is_refused_untouched(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    shown = []

    def record(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text(), box.textFormat()))
        return QMessageBox.StandardButton.Ok.value

    monkeypatch.setattr(QMessageBox, "exec", record)
    notes = tmp_path / "notes.argline"
    notes.write_bytes(b"these are my notes, not a database\n" * 100)
    before = notes.read_bytes()
    assert not window.open_path(str(notes))
    assert shown
    assert "not" in shown[0][1].lower()
    assert shown[0][2] == Qt.TextFormat.PlainText  # a file's words are never read as HTML
    assert notes.read_bytes() == before
    assert window.timeline.selected_events() == []  # still showing the seed store


def test_an_import_declined_at_its_summary_changes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    data = tmp_path / "more.argline.json"
    event = '{"id": "n", "title": "N", "start": "1999"}'
    data.write_text(f'{{"format": "argline", "version": 1, "events": [{event}]}}')
    before = export_text(window.store)
    monkeypatch.setattr(transfer_dialogs, "confirm_import", lambda parent, path, report: False)
    assert transfer_dialogs.import_path(window, str(data)) is None
    assert export_text(window.store) == before
    monkeypatch.setattr(transfer_dialogs, "confirm_import", lambda parent, path, report: True)
    report = transfer_dialogs.import_path(window, str(data))
    assert report is not None
    assert report.tallies["events"].added == 1


def test_html_in_the_store_is_shown_as_text(window: MainWindow) -> None:
    from argline.model.dates import HistoricalDate
    from argline.model.entities import Event
    from argline.ops.event_edits import AddEvent

    window.history.apply(
        AddEvent(Event("html", "<b>bold</b>", HistoricalDate.from_edtf("2000"), description="<i>"))
    )
    window.inspector.show_event("html")
    assert window.inspector.field("event.title").text() == "<b>bold</b>"
    assert window.inspector.field("event.description").text() == "<i>"


def test_the_window_remembers_its_layout(qtbot, window: MainWindow, settings: QSettings) -> None:
    window.inspector_dock.hide()
    window.close()
    assert settings.value("window/state") is not None
    store = Store.open(window.store.path)
    again = MainWindow(store, settings=settings)
    qtbot.addWidget(again)
    again.show()
    assert not again.inspector_dock.isVisible()
    store.close()
    again.store = None


def test_the_dark_theme_gives_dark_backgrounds(qtbot, monkeypatch) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from argline.gui.theme import apply_theme

    app = QApplication.instance()
    kept = app.palette()
    monkeypatch.setenv("ARGLINE_THEME", "dark")
    apply_theme(app)
    try:
        assert app.palette().color(QPalette.ColorRole.Base).lightness() < 60
        assert app.palette().color(QPalette.ColorRole.Text).lightness() > 200
    finally:
        app.setPalette(kept)


def test_the_delete_key_deletes_the_selected_event_as_one_undo_step(window: MainWindow) -> None:
    before = export_text(window.store)
    window.timeline.select_events([CAATSA])
    window._focus = "timeline"
    assert window.totals_label.text().startswith("16 events")
    window.delete_action.trigger()
    with window.store.reading() as session:
        assert not load_events(session, [CAATSA])
    assert window.totals_label.text().startswith("15 events")  # the status bar keeps count
    window.undo()
    assert export_text(window.store) == before
    assert window.totals_label.text().startswith("16 events")


def test_menus_use_the_standard_keys(window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Insert", "&Help"]


def test_a_file_open_in_another_argline_is_offered_read_only(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    from argline.store.lock import acquire

    other = tmp_path / "shared.argline"
    load_seed(opened := Store.open(other))
    opened.close()
    held = acquire(other)  # what another Argline holds while it has the file open
    asked = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        return QMessageBox.StandardButton.Open.value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    try:
        before = other.read_bytes()
        assert window.open_path(str(other))
        assert "open in another Argline" in asked[0]
        assert "(read-only)" in window.windowTitle()
        assert not window.delete_action.isEnabled()
        assert not window.attach_document_action.isEnabled()
        window.timeline.claimDropped.emit("ei-main", "fort-ross")  # an edit: refused
        assert ("ei-main", "fort-ross") not in _links(window.store)
        assert other.read_bytes() == before
    finally:
        window.store.close()
        window.store = None
        held.release()


def test_save_a_copy_and_restore_a_backup(window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from argline.store.backup import list_backups

    copy = tmp_path / "copy.argline"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    window.copy_action.trigger()
    copied = Store.open(copy)
    try:
        assert export_text(copied) == export_text(window.store)
    finally:
        copied.close()
    path = window.store.path
    window.open_path(str(path))  # take the file's lock, as the application does
    original = export_text(window.store)
    backups = list_backups(path)
    assert backups, "opening takes a rotating backup"
    window.timeline.claimDropped.emit("ei-main", "fort-ross")
    assert export_text(window.store) != original
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (backups[0].describe(), True))
    restore_backup_dialog(window)
    assert export_text(window.store) == original
    assert any(b.reason == "before-restore" for b in list_backups(path))


def test_argline_file_opens_the_window_on_that_file(qtbot, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    from argline.gui.launch import show_window

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "mine.argline"
    load_seed(opened := Store.open(path))
    opened.close()
    kept = QApplication.instance().palette()
    shown = show_window(str(path))
    try:
        qtbot.addWidget(shown)
        assert shown.isVisible()
        assert shown.windowTitle().startswith("mine.argline")
        # Drawn through sqlite3; SQLAlchemy comes in once the window has been painted.
        assert len(shown.timeline.content.keys) == 16
        assert shown.map.shown_claims()
        assert shown.store.lock is not None
        assert shown.history.store is shown.store
        qtbot.waitUntil(lambda: shown.store.sessions_ready, timeout=5000)
        shown.history.apply(EditEvent("alaska-treaty", title="Alaska bought"))
        assert "Alaska bought" in shown.timeline.content.titles
    finally:
        shown.store.close()
        shown.store = None
        QApplication.instance().setPalette(kept)
    with Store.open(path).reading() as session:
        assert load_events(session, ["alaska-treaty"])[0].title == "Alaska bought"


def test_a_file_whose_first_read_fails_is_refused_in_one_line_and_let_go(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from argline.gui import launch
    from argline.store.lock import holder_of

    def unreadable(_store: Store):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "mine.argline"
    load_seed(opened := Store.open(path))
    opened.close()
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    kept = QApplication.instance().palette()
    with monkeypatch.context() as patched:
        patched.setattr(Store, "plain_reading", unreadable)
        with pytest.raises(StoreError, match="malformed"):
            launch.show_window(str(path))
    QApplication.instance().setPalette(kept)
    assert told == [
        "mine.argline cannot be read (database disk image is malformed); it was left untouched"
    ]
    assert holder_of(path) is None  # the lock was let go


def test_help_open_sample_opens_the_seed_corpus_again(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    window.open_sample()
    assert window.windowTitle().startswith("Sample.argline")
    assert window.store.path.parent == tmp_path / "data" / "Argline"
    assert window.totals_label.text() == "16 events · 2 assessments · 36 claims"
