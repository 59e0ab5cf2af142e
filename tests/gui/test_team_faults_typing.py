"""What the user is typing in the inspector survives a colleague's edit made meanwhile.

The colleague is another Store on the same server, as another analyst's Argline would
be; the window hears the change through its feed and refreshes, as it does live.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from argline.gui.main_window import MainWindow
from argline.ops.event_edits import DeleteEvent, EditEvent
from argline.ops.queries import load_events
from argline.ops.running import run
from argline.store import Store
from team_faults import close_window, open_window, shown_in_inspector

SHOWN = "alaska-treaty"
OTHER = "fort-ross"
REFRESHED = "Updated with changes made by another client"
BOUND_MS = 30_000  # the waits end on the refresh itself; this only bounds a failure
pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


@pytest.fixture
def window(qtbot, seeded_store: Store, tmp_path: Path) -> Iterator[MainWindow]:
    shown = open_window(qtbot, seeded_store, tmp_path, live=False)
    yield shown
    close_window(shown)


@pytest.fixture
def colleague(seeded_store: Store) -> Iterator[Store]:
    other = Store.open(seeded_store.engine.url.render_as_string(hide_password=False))
    yield other
    other.close()


def _typing(qtbot, window: MainWindow, name: str, text: str):
    """Show the treaty, and type ``text`` over the field ``name`` without leaving it."""
    window.inspector.show_event(SHOWN)
    shown_in_inspector(qtbot, window)
    field = window.inspector.field(name)
    field.editor.selectAll()
    qtbot.keyClicks(field.editor, text)
    return field


def _refreshed(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == REFRESHED, timeout=BOUND_MS)


def _stored(store: Store, event_id: str):
    with store.reading() as session:
        (event,) = load_events(session, [event_id])
    return event


def test_typing_survives_a_colleagues_edit_of_another_event(
    qtbot, window: MainWindow, colleague: Store
) -> None:
    title = _typing(qtbot, window, "event.title", "The treaty, as I retell it")
    run(colleague, EditEvent(OTHER, title="Fort Ross, renamed by a colleague"))
    _refreshed(qtbot, window)
    assert title.text() == "The treaty, as I retell it"
    assert not title.error.isVisible()
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    assert _stored(colleague, SHOWN).title == "The treaty, as I retell it"


def test_typing_survives_a_colleagues_edit_of_another_field_of_the_same_event(
    qtbot, window: MainWindow, colleague: Store
) -> None:
    title = _typing(qtbot, window, "event.title", "The treaty, as I retell it")
    run(colleague, EditEvent(SHOWN, description="Signed in Washington at 4 a.m."))
    _refreshed(qtbot, window)
    assert title.text() == "The treaty, as I retell it"
    assert window.inspector.field("event.description").text() == "Signed in Washington at 4 a.m."
    # Saved on top of the colleague's version: neither change is lost.
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    saved = _stored(colleague, SHOWN)
    assert (saved.title, saved.description) == (
        "The treaty, as I retell it",
        "Signed in Washington at 4 a.m.",
    )


def test_typing_over_a_value_a_colleague_changes_keeps_it_and_offers_theirs(
    qtbot, window: MainWindow, colleague: Store
) -> None:
    title = _typing(qtbot, window, "event.title", "Mine")
    run(colleague, EditEvent(SHOWN, title="Theirs"))
    _refreshed(qtbot, window)
    assert title.text() == "Mine"
    assert "Changed by someone else meanwhile to “Theirs”" in title.error.text()
    assert title.offer.isVisible()
    assert title.offer.text() == "Use theirs"
    qtbot.mouseClick(title.offer, Qt.MouseButton.LeftButton)
    assert title.text() == "Theirs"
    assert not title.typing
    assert _stored(colleague, SHOWN).title == "Theirs"


def test_saving_over_a_value_a_colleague_changed_is_the_users_choice(
    qtbot, window: MainWindow, colleague: Store
) -> None:
    title = _typing(qtbot, window, "event.title", "Mine")
    run(colleague, EditEvent(SHOWN, title="Theirs"))
    _refreshed(qtbot, window)
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)  # told, the user keeps theirs
    assert _stored(colleague, SHOWN).title == "Mine"
    assert not title.error.isVisible()


def test_a_refused_save_shows_theirs_and_offers_the_users_back(
    qtbot, window: MainWindow, colleague: Store
) -> None:
    window.live.timer.stop()  # the colleague's notice has not arrived yet
    title = _typing(qtbot, window, "event.title", "Mine")
    run(colleague, EditEvent(SHOWN, title="Theirs"))
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    assert title.offer.text() == "Use mine"  # at once, while theirs is read on a thread
    qtbot.waitUntil(lambda: title.text() == "Theirs", timeout=30_000)
    assert "Theirs" in title.error.text()
    assert title.offer.text() == "Use mine"
    qtbot.mouseClick(title.offer, Qt.MouseButton.LeftButton)
    assert title.text() == "Mine"
    qtbot.keyClick(title.editor, Qt.Key.Key_Return)
    assert _stored(colleague, SHOWN).title == "Mine"


def test_typing_in_an_event_a_colleague_deletes_stays_on_screen_saying_so(
    qtbot, window: MainWindow, colleague: Store
) -> None:
    title = _typing(qtbot, window, "event.title", "Mine")
    run(colleague, DeleteEvent(SHOWN))
    _refreshed(qtbot, window)
    assert window.inspector.currentWidget() is not window.inspector._empty
    assert title.text() == "Mine"  # to copy: it has nowhere to be saved
    assert "deleted by someone else meanwhile" in title.error.text()
