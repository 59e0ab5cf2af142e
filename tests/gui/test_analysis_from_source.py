"""An analysis started in Argline: a document read into a new assessment, its claims marked
in the Reader, connected on the map, tied to the timeline; undone, redone, reopened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QTextCursor

from argline.gui.dialogs.event_dialog import EventFields
from argline.gui.dialogs.source_date_dialog import SourceDateDialog
from argline.gui.main_window import MainWindow
from argline.model.dates import HistoricalDate
from argline.model.entities import ClaimRole, Corpus, RelationType
from argline.ops.queries import load_corpus
from argline.store import Store

LEFT = Qt.MouseButton.LeftButton
NO_KEYS = Qt.KeyboardModifier.NoModifier

# A brief in our own words: five points to mark, and a date to give an event.
BRIEF = """Northern Passage: Will the Talks Hold?

By A. Analyst

The two governments will sign a limited accord on the northern passage before winter.

Both sides need the shipping fees, and neither can afford a closed strait for another season.

Yet the hardliners in both capitals have blocked every earlier draft at the last hour.

This time the hardliners have lost their seats, so the last-hour veto is gone.

So an accord is likely, though it will settle little beyond the fees.

The strait was first charted in 1859 by a survey that both sides still cite.
"""
PASSAGES = {
    ClaimRole.MAIN: "will sign a limited accord on the northern passage before winter",
    ClaimRole.REASON: "Both sides need the shipping fees",
    ClaimRole.OBJECTION: "the hardliners in both capitals have blocked every earlier draft",
    ClaimRole.REBUTTAL: "the hardliners have lost their seats",
    ClaimRole.CONCLUSION: "an accord is likely, though it will settle little beyond the fees",
}
# Drawn by hand on the map: (from, to, type).
DRAWN = (
    (ClaimRole.REASON, ClaimRole.MAIN, RelationType.SUPPORT),
    (ClaimRole.OBJECTION, ClaimRole.MAIN, RelationType.ATTACK),
    (ClaimRole.REBUTTAL, ClaimRole.OBJECTION, RelationType.ATTACK),
)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def brief(tmp_path: Path) -> Path:
    path = tmp_path / "northern-passage.txt"
    path.write_text(BRIEF, encoding="utf-8")
    return path


@pytest.fixture
def file_path(tmp_path: Path) -> Path:
    return tmp_path / "analysis.argline"


def _window(qtbot, path: Path, settings: QSettings) -> tuple[MainWindow, Store]:
    store = Store.open(path)
    window = MainWindow(store, settings=settings)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    return window, store


@pytest.fixture
def opened(qtbot, file_path: Path, settings: QSettings) -> Iterator[tuple[MainWindow, Store]]:
    window, store = _window(qtbot, file_path, settings)
    yield window, store
    window.close()
    store.close()


def _corpus(store: Store) -> Corpus:
    with store.reading() as session:
        return load_corpus(session)


def _select(window: MainWindow, words: str) -> None:
    """Select ``words`` in the Reader as a mouse drag over them would."""
    view = window.reader.text
    start = view.toPlainText().index(words)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def _claim_from_selection(qtbot, window: MainWindow, role: ClaimRole, words: str) -> str:
    window.map.select_claims([])  # answering nothing: the relations are drawn by hand
    _select(window, words)
    menu = window.reader.selection_menu()
    (claims,) = [a.menu() for a in menu.actions() if a.text() == "New Claim from Selection"]
    (chosen,) = [a for a in claims.actions() if a.text().startswith(role_name(role))]
    known = set(window.map.map_scene.cards)
    chosen.trigger()
    (added,) = set(window.map.map_scene.cards) - known
    editor = window.map._editor
    assert editor is not None  # the text is open to paraphrase
    assert editor.toPlainText() == " ".join(words.split())
    if role is ClaimRole.MAIN:
        editor.setPlainText("An accord on the passage will be signed before winter.")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Escape)  # kept as selected
    return added


def role_name(role: ClaimRole) -> str:
    return {
        ClaimRole.MAIN: "Main contention",
        ClaimRole.REASON: "Reason",
        ClaimRole.OBJECTION: "Objection",
        ClaimRole.REBUTTAL: "Rebuttal",
        ClaimRole.CONCLUSION: "Conclusion",
    }[role]


def _connect(qtbot, window: MainWindow, source: str, target: str, kind: RelationType) -> None:
    view = window.map
    view.choose_relation_type = lambda _screen: kind  # the menu's answer
    scene = view.map_scene
    view.centerOn(scene.cards[source])
    start = view.mapFromScene(scene.cards[source].mapToScene(scene.cards[source].handle_centre()))
    end = view.mapFromScene(scene.cards[target].scene_frame().center())
    viewport = view.viewport()
    qtbot.mousePress(viewport, LEFT, NO_KEYS, start)
    for step in range(1, 7):
        qtbot.mouseMove(viewport, start + (end - start) * step / 6)
    qtbot.mouseRelease(viewport, LEFT, NO_KEYS, end)


def _the_analysis(store: Store) -> dict[str, object]:
    corpus = _corpus(store)
    (assessment,) = corpus.assessments
    text = assessment.document.text
    return {
        "title": assessment.title,
        "kind": assessment.kind,
        "claims": {
            c.role: (c.text, tuple(text[p.start : p.end] for p in c.passages))
            for c in assessment.claims
        },
        "relations": {(r.source, r.target, r.type) for r in corpus.relations},
        "links": {(k.claim, k.event) for k in corpus.links},
        "source_dates": {
            e.id: [(s.date.to_edtf(), [text[p.start : p.end] for p in s.passages])]
            for e in corpus.events
            for s in e.source_dates
        },
    }


def _analyse(qtbot, window: MainWindow, store: Store, brief: Path) -> tuple[dict, str]:
    """Do what an analyst does with a new brief; return the claims made by role, and the event."""
    # An event to rest claims on, made in the window as a new user makes one.
    survey = window.creating.add_event(
        EventFields("The strait is first surveyed", HistoricalDate.from_edtf("1860"))
    )
    assert survey is not None
    dialog = window.source_documents.new_assessment_from_document(str(brief))
    assert dialog is not None
    assert dialog.title.text() == "Northern Passage: Will the Talks Hold?"
    dialog.kind.setCurrentIndex(dialog.kind.findData("forecast"))
    dialog.accept()
    (assessment,) = _corpus(store).assessments
    assert window.reader.assessment_id == assessment.id
    assert window.map.current_assessments() == (assessment.id,)

    made = {
        role: _claim_from_selection(qtbot, window, role, words) for role, words in PASSAGES.items()
    }
    for source, target, kind in DRAWN:
        _connect(qtbot, window, made[source], made[target], kind)
    window.timeline.claimDropped.emit(made[ClaimRole.REASON], survey)

    _select(window, "The strait was first charted in 1859")
    window.reader.source_date_action.trigger()
    date_dialog = window.findChild(SourceDateDialog)
    assert date_dialog is not None
    mention, event_id = date_dialog.choice()
    assert (mention.date.to_edtf(), event_id) == ("1859", survey)  # the nearest event first
    date_dialog.accept()
    return made, survey


def _drawn(window: MainWindow) -> dict[str, str]:
    """Return the words each claim's highlight in the Reader lies on."""
    text = window.reader.text.toPlainText()
    return {h.claim_id: text[h.start : h.end] for h in window.reader.highlights.claims}


def test_an_analysis_started_from_a_document_survives_undo_redo_and_reopening(
    qtbot, opened: tuple[MainWindow, Store], brief: Path, file_path: Path, settings: QSettings
) -> None:
    window, store = opened
    made, survey = _analyse(qtbot, window, store, brief)
    (assessment,) = _corpus(store).assessments
    expected = {
        "title": "Northern Passage: Will the Talks Hold?",
        "kind": "forecast",
        "claims": {
            role: (
                "An accord on the passage will be signed before winter."
                if role is ClaimRole.MAIN
                else " ".join(words.split()),
                (words,),
            )
            for role, words in PASSAGES.items()
        },
        "relations": {(made[s], made[t], kind) for s, t, kind in DRAWN},
        "links": {(made[ClaimRole.REASON], survey)},
        "source_dates": {survey: [("1859", ["The strait was first charted in 1859"])]},
    }
    assert _the_analysis(store) == expected

    # Every highlight in the Reader lies on its claim's passage.
    assert _drawn(window) == {made[role]: words for role, words in PASSAGES.items()}

    stack = window.history.stack
    steps = stack.count()
    assert steps >= 1 + 1 + 5 + 1 + 3 + 1 + 1  # event, assessment, claims, edit, drawn, link, date
    while stack.canUndo():
        stack.undo()
    assert _corpus(store) == Corpus()
    while stack.canRedo():
        stack.redo()
    assert _the_analysis(store) == expected

    window.close()
    store.close()
    again, reopened = _window(qtbot, file_path, settings)
    try:
        assert _the_analysis(reopened) == expected
        again.choose_assessment(assessment.id)
        assert _drawn(again) == {made[role]: words for role, words in PASSAGES.items()}
        text = again.reader.text.toPlainText()
        again.map.select_claims([made[ClaimRole.REBUTTAL]])
        again._claims_chosen_on_map([made[ClaimRole.REBUTTAL]])
        cursor = again.reader.text.textCursor()
        assert text[cursor.position() :].startswith(PASSAGES[ClaimRole.REBUTTAL])
    finally:
        again.close()
        reopened.close()


def test_a_reason_made_from_a_selection_supports_the_claim_selected_on_the_map(
    qtbot, opened: tuple[MainWindow, Store], brief: Path
) -> None:
    window, store = opened
    dialog = window.source_documents.new_assessment_from_document(str(brief))
    dialog.accept()
    main = _claim_from_selection(qtbot, window, ClaimRole.MAIN, PASSAGES[ClaimRole.MAIN])
    window.map.select_claims([main])
    _select(window, PASSAGES[ClaimRole.OBJECTION])
    window.reader.role_actions[ClaimRole.OBJECTION].trigger()
    qtbot.keyClick(window.map._editor, Qt.Key.Key_Escape)
    (relation,) = _corpus(store).relations
    assert (relation.target, relation.type) == (main, RelationType.ATTACK)


def test_clicking_a_highlight_chooses_its_claim_everywhere(
    qtbot, opened: tuple[MainWindow, Store], brief: Path
) -> None:
    window, _store = opened
    window.source_documents.new_assessment_from_document(str(brief)).accept()
    main = _claim_from_selection(qtbot, window, ClaimRole.MAIN, PASSAGES[ClaimRole.MAIN])
    window.map.select_claims([])
    view = window.reader.text
    start = view.toPlainText().index(PASSAGES[ClaimRole.MAIN]) + 5
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    point = view.cursorRect(cursor).center() + QPoint(1, 0)
    qtbot.mouseClick(view.viewport(), LEFT, NO_KEYS, point)
    assert window.map.selected_claims() == [main]
    assert window.inspector.kind == "claim"
    assert window.inspector.item_id == main


def test_a_conclusion_from_a_selection_answers_nothing_and_the_status_says_what_does(
    qtbot, opened: tuple[MainWindow, Store], brief: Path
) -> None:
    window, store = opened
    window.source_documents.new_assessment_from_document(str(brief)).accept()
    main = _claim_from_selection(qtbot, window, ClaimRole.MAIN, PASSAGES[ClaimRole.MAIN])
    window.map.select_claims([main])
    _select(window, PASSAGES[ClaimRole.REASON])
    window.reader.role_actions[ClaimRole.REASON].trigger()
    assert "it supports “An accord on the passage will be signed" in (
        window.statusBar().currentMessage()
    )
    qtbot.keyClick(window.map._editor, Qt.Key.Key_Escape)
    window.map.select_claims([main])
    _select(window, PASSAGES[ClaimRole.CONCLUSION])
    window.reader.role_actions[ClaimRole.CONCLUSION].trigger()
    qtbot.keyClick(window.map._editor, Qt.Key.Key_Escape)
    (relation,) = _corpus(store).relations  # the reason's; the conclusion answers nothing
    assert relation.type is RelationType.SUPPORT
    assert all(not c.title for c in _corpus(store).claims)  # the text is all there is


def test_a_citation_removed_in_the_inspector_is_gone_from_the_text(
    qtbot, opened: tuple[MainWindow, Store], brief: Path
) -> None:
    window, store = opened
    window.source_documents.new_assessment_from_document(str(brief)).accept()
    main = _claim_from_selection(qtbot, window, ClaimRole.MAIN, PASSAGES[ClaimRole.MAIN])
    window.map.select_claims([main])
    window._claims_chosen_on_map([main])
    _select(window, PASSAGES[ClaimRole.CONCLUSION])
    window.reader.cite_action.trigger()
    assert len(_corpus(store).claims[0].passages) == 2
    window.inspector.show_claim(main)
    window.inspector.claim_passages.setCurrentRow(0)
    window.inspector._uncite_chosen()
    (kept,) = _corpus(store).claims[0].passages
    assert kept.exact == PASSAGES[ClaimRole.CONCLUSION]
    assert _drawn(window) == {main: PASSAGES[ClaimRole.CONCLUSION]}
    window.history.stack.undo()
    assert len(_corpus(store).claims[0].passages) == 2
