"""The Reader: a document with its passages marked, and claims made from a selection."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from argline.gui.map.style import _contrast
from argline.gui.reader.locator import passage_locator
from argline.gui.reader.marks import TEXT_CONTRAST, WAVY, ReaderMarks
from argline.gui.reader.pane import NO_DOCUMENT, ReaderPane
from argline.gui.theme import dark_palette
from argline.model.dates import HistoricalDate
from argline.model.entities import Assessment, Claim, ClaimRole, Event, SourceDate
from argline.model.passages import DocumentFormat, Passage, SourceDocument, fingerprint, quote

BRIEF = (
    "A new start in the north\n\n"
    "The two leaders will meet in the Finnish capital. Talks of this kind last took place "
    "in 1975, when the Final Act was signed.\n\n"
    "Few expect a breakthrough on the sanctions imposed since 2014. Critics say the "
    "meeting rewards the annexation and changes nothing on the ground.\n\n"
    "Yet a meeting that happens at all lowers the risk of a clash by accident.\n\n"
    "So the summit is worth holding, whatever it yields."
)
PHRASES = {
    "main": ("A new start in the north", ClaimRole.MAIN),
    "reason": ("The two leaders will meet in the Finnish capital.", ClaimRole.REASON),
    "objection": (
        "Critics say the meeting rewards the annexation and changes nothing on the ground.",
        ClaimRole.OBJECTION,
    ),
    "rebuttal": (
        "Yet a meeting that happens at all lowers the risk of a clash by accident.",
        ClaimRole.REBUTTAL,
    ),
    "conclusion": ("So the summit is worth holding", ClaimRole.CONCLUSION),
}
INNER = "rewards the annexation"  # cited by a second objection, inside the first one's passage


def cited(text: str, phrase: str) -> Passage:
    start = text.index(phrase)
    return quote(text, start, start + len(phrase))


def document(text: str, name: str = "brief.txt", **fields) -> SourceDocument:
    return SourceDocument(name, fingerprint(text), len(text), text=text, **fields)


def brief(text: str = BRIEF) -> Assessment:
    claims = [
        Claim(key, "a", f"The {key} of the brief", role, title=f"{key.title()} claim",
              passages=(cited(text, phrase),))
        for key, (phrase, role) in PHRASES.items()
    ]  # fmt: skip
    claims.append(
        Claim("inner", "a", "It rewards", ClaimRole.OBJECTION, passages=(cited(text, INNER),))
    )
    return Assessment("a", "A brief", claims=tuple(claims), document=document(text))


def treaty_event(text: str = BRIEF, source: str = "a") -> Event:
    passage = cited(text, "Talks of this kind last took place in 1975")
    dated = SourceDate(source, HistoricalDate(1975), passages=(passage,))
    return Event("final-act", "Final Act", HistoricalDate(1975), source_dates=(dated,))


@pytest.fixture
def pane(qtbot) -> ReaderPane:
    shown = ReaderPane()
    qtbot.addWidget(shown)
    shown.resize(700, 500)
    shown.show()
    qtbot.waitExposed(shown)
    shown.show_assessment(brief(), [treaty_event()])
    return shown


def select(pane: ReaderPane, phrase: str, text: str = BRIEF) -> None:
    """Select ``phrase`` as the user would, by Qt positions (equal to offsets here)."""
    start = text.index(phrase)
    cursor = QTextCursor(pane.text.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len(phrase), QTextCursor.MoveMode.KeepAnchor)
    pane.text.setTextCursor(cursor)


def point_inside(pane: ReaderPane, offset: int) -> QPoint:
    """Return the viewport point in the middle of the character at ``offset``."""
    cursor = QTextCursor(pane.text.document())
    cursor.setPosition(offset)
    left = pane.text.cursorRect(cursor)
    cursor.setPosition(offset + 1)
    right = pane.text.cursorRect(cursor)
    return QPoint((left.center().x() + right.center().x()) // 2, left.center().y())


# --- what is marked -------------------------------------------------------------------------


def test_each_claims_passage_is_tinted_in_its_roles_colour(pane: ReaderPane) -> None:
    marks = ReaderMarks.from_palette(pane.palette())
    tinted = {
        (s.cursor.selectionStart(), s.cursor.selectionEnd()): s.format.background().color()
        for s in pane.text.extraSelections()
    }
    for phrase, role in PHRASES.values():
        start = BRIEF.index(phrase)
        assert tinted[start, start + len(phrase)] == marks.roles[role].background().color()
    assert len(tinted) == len(PHRASES) + 1  # and the inner objection: the source date is no tint


def test_the_inner_of_two_nested_passages_is_drawn_over_the_outer(pane: ReaderPane) -> None:
    spans = [
        (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in pane.text.extraSelections()
    ]
    inner = BRIEF.index(INNER)
    outer = BRIEF.index(PHRASES["objection"][0])
    assert spans.index((inner, inner + len(INNER))) > spans.index(
        (outer, outer + len(PHRASES["objection"][0]))
    )


@pytest.mark.parametrize("palette", [QPalette, dark_palette], ids=["light", "dark"])
def test_text_on_every_tint_keeps_its_contrast(qapp, palette) -> None:
    chosen = palette() if palette is dark_palette else QApplication.style().standardPalette()
    marks = ReaderMarks.from_palette(chosen)
    for formats in (marks.roles, marks.emphasised):
        for role, format_ in formats.items():
            ratio = _contrast(format_.foreground().color(), format_.background().color())
            assert ratio >= TEXT_CONTRAST, (role, ratio)
    base = chosen.color(QPalette.ColorRole.Base)
    assert all(f.background().color() != base for f in marks.roles.values())


def test_roles_are_told_apart_without_colour(pane: ReaderPane) -> None:
    marks = ReaderMarks.from_palette(pane.palette())
    looks = {
        (pen.widthF(), tuple(pen.dashPattern()), role in WAVY) for role, pen in marks.lines.items()
    }
    assert len(looks) == len(ClaimRole)
    drawn = {(m.start, m.end): m for m in pane.text.line_marks}
    for phrase, role in PHRASES.values():
        start = BRIEF.index(phrase)
        line = drawn[start, start + len(phrase)]
        assert (line.pen.widthF(), line.wavy) == (marks.lines[role].widthF(), role in WAVY)


def test_a_line_is_drawn_under_each_passage(pane: ReaderPane) -> None:
    with_lines = pane.text.viewport().grab().toImage()
    marks, bars, colour = pane.text.line_marks, pane.text.bars, QColor()
    pane.text.set_marks((), bars, colour)
    without = pane.text.viewport().grab().toImage()
    pane.text.set_marks(marks, bars, colour)
    for phrase, _role in PHRASES.values():
        start = BRIEF.index(phrase)
        band = pane.text.cursorRect(_cursor_at(pane, start + 1))
        assert _differs(with_lines, without, band.left(), band.top(), band.bottom() + 4), phrase


def _cursor_at(pane: ReaderPane, position: int) -> QTextCursor:
    cursor = QTextCursor(pane.text.document())
    cursor.setPosition(position)
    return cursor


def _differs(a: QImage, b: QImage, x: int, top: int, bottom: int) -> bool:
    ratio = a.devicePixelRatio()
    return any(
        a.pixel(round(px * ratio), round(py * ratio))
        != b.pixel(round(px * ratio), round(py * ratio))
        for px in range(x, x + 24)
        for py in range(top, bottom)
    )


def test_a_source_dates_passage_is_marked_apart(pane: ReaderPane) -> None:
    start = BRIEF.index("Talks of this kind")
    end = BRIEF.index(" 1975") + 5
    assert pane.text.bars == [(start, end)]
    assert pane.highlights.source_dates[0].label == "Source date 1975: Final Act"
    pane.show_assessment(brief(), [treaty_event(source="another-assessment")])
    assert pane.text.bars == []


def test_claims_chosen_elsewhere_are_emphasised(pane: ReaderPane) -> None:
    marks = ReaderMarks.from_palette(pane.palette())
    pane.set_highlighted_claims(["rebuttal"])
    start = BRIEF.index(PHRASES["rebuttal"][0])
    (chosen,) = [s for s in pane.text.extraSelections() if s.cursor.selectionStart() == start]
    emphasised = marks.emphasised[ClaimRole.REBUTTAL].background().color()
    assert chosen.format.background().color() == emphasised


def test_the_dark_theme_recolours_the_marks(pane: ReaderPane, qapp, qtbot) -> None:
    assert _first_tint(pane).lightnessF() > 0.5
    before = qapp.palette()
    qapp.setPalette(dark_palette())  # the widgets hear of it from the event loop
    try:
        qtbot.waitUntil(lambda: _first_tint(pane).lightnessF() < 0.5)
    finally:
        qapp.setPalette(before)


def _first_tint(pane: ReaderPane) -> QColor:
    selections = pane.text.extraSelections()  # kept: Qt frees the formats of a dropped list
    return QColor(selections[0].format.background().color())


# --- the header and its messages ----------------------------------------------------------------


def test_the_header_says_what_the_document_is(pane: ReaderPane) -> None:
    assert pane.header.text() == f"brief.txt\nplain text · {len(BRIEF):,} characters"
    pdf = replace(brief(), document=document(BRIEF, "brief.pdf", format="pdf", pages=(0, 90)))
    pane.show_assessment(pdf)
    assert pane.header.text() == f"brief.pdf\nPDF · {len(BRIEF):,} characters · 2 pages"


def test_orphaned_passages_are_counted_not_drawn(pane: ReaderPane) -> None:
    lost = replace(cited(BRIEF, "Few expect a breakthrough"), orphaned=True)
    assessment = brief()
    claims = (*assessment.claims, Claim("lost", "a", "Lost", ClaimRole.REASON, passages=(lost,)))
    pane.show_assessment(replace(assessment, claims=claims))
    assert pane.header.text().endswith("\n1 passage no longer found")
    assert (lost.start, lost.end) not in {
        (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in pane.text.extraSelections()
    }


def test_a_document_not_attached_says_what_to_attach(pane: ReaderPane) -> None:
    named = SourceDocument("000_report.txt", fingerprint(BRIEF), 6179)
    pane.show_assessment(replace(brief(), document=named))
    assert pane.message.isVisible()
    assert not pane.text.isVisible()
    assert pane.message.text() == (
        "Attach 000_report.txt (6,179 characters) with File ▸ Attach Source Document…"
    )
    pane.show_assessment(replace(brief(), document=None))
    assert pane.message.text() == NO_DOCUMENT
    assert not pane.header.isVisible()
    pane.show_assessment(brief())
    assert pane.text.isVisible()


def test_the_header_fits_a_narrow_pane(qtbot) -> None:
    pane = ReaderPane()
    qtbot.addWidget(pane)
    pane.resize(400, 500)
    pane.show()
    qtbot.waitExposed(pane)
    name = "https://www.example.org/analysis/" + "very-long-commentary-title-" * 4 + "brief.html"
    lost = replace(cited(BRIEF, "Few expect"), orphaned=True)
    claim = Claim("lost", "a", "Lost", ClaimRole.REASON, passages=(lost,))
    doc = document(BRIEF, name, format=DocumentFormat.HTML, pages=())
    pane.show_assessment(Assessment("a", "A brief", claims=(claim,), document=doc))
    qtbot.waitUntil(lambda: pane.header.width() <= 400)
    room = pane.header.contentsRect().width() - 2 * pane.header.margin()
    first, *rest = pane.header.text().split("\n")
    assert "…" in first
    assert pane.header.fontMetrics().horizontalAdvance(first) <= room
    assert rest == [f"HTML · {len(BRIEF):,} characters", "1 passage no longer found"]
    assert pane.width() == 400


# --- what the user does --------------------------------------------------------------------------


def test_a_new_claim_from_the_selection_carries_its_role_and_passage(
    pane: ReaderPane, qtbot
) -> None:
    phrase = "Few expect a breakthrough on the sanctions imposed since 2014."
    start = BRIEF.index(phrase)
    select(pane, BRIEF[start - 2 : start + len(phrase) + 1])  # line ends and space left out
    with qtbot.waitSignal(pane.new_claim_requested) as asked:
        pane.role_actions[ClaimRole.OBJECTION].trigger()
    role, passage = asked.args
    assert role is ClaimRole.OBJECTION
    assert (passage.exact, passage.start, passage.end) == (phrase, start, start + len(phrase))
    assert passage.prefix == BRIEF[start - 32 : start]


def test_the_shortcut_makes_a_reason_or_the_missing_main_contention(
    pane: ReaderPane, qtbot
) -> None:
    pane.activateWindow()
    pane.text.setFocus()
    qtbot.waitUntil(pane.text.hasFocus)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    select(pane, "Critics say")
    with qtbot.waitSignal(pane.new_claim_requested) as asked:
        qtbot.keyClick(pane.text, Qt.Key.Key_M, keys)
    assert asked.args[0] is ClaimRole.REASON
    without_main = replace(brief(), claims=brief().claims[1:])
    pane.show_assessment(without_main)
    with qtbot.waitSignal(pane.new_claim_requested) as asked:
        qtbot.keyClick(pane.text, Qt.Key.Key_M, keys)
    assert asked.args[0] is ClaimRole.MAIN
    assert asked.args[1].exact == "Critics say"


def test_citing_the_selection_is_for_the_claim_chosen_elsewhere(pane: ReaderPane, qtbot) -> None:
    select(pane, "lowers the risk")
    assert not pane.cite_action.isEnabled()
    pane.set_selected_claim("rebuttal")
    assert pane.cite_action.isEnabled()
    assert pane.cite_action.text() == "Cite Selection for “Rebuttal claim”"
    with qtbot.waitSignal(pane.cite_requested) as asked:
        pane.cite_action.trigger()
    (passage,) = asked.args
    assert (passage.exact, passage.start) == ("lowers the risk", BRIEF.index("lowers the risk"))
    pane.set_selected_claim("a-claim-of-another-assessment")
    assert not pane.cite_action.isEnabled()


def test_a_source_date_from_the_selection_names_the_dates_in_it(pane: ReaderPane, qtbot) -> None:
    select(pane, "The two leaders will meet in the Finnish capital.")
    pane.selection_menu()  # the dates are looked for as the selection's menu opens
    assert not pane.source_date_action.isEnabled()
    sentence = "Talks of this kind last took place in 1975, when the Final Act was signed."
    select(pane, sentence)
    pane.selection_menu()
    assert pane.source_date_action.isEnabled()
    assert pane.source_date_action.text() == "Source Date from Selection (1975)…"
    with qtbot.waitSignal(pane.source_date_requested) as asked:
        pane.source_date_action.trigger()
    passage, mentions = asked.args
    assert passage.exact == sentence
    (mention,) = mentions
    assert mention.date == HistoricalDate(1975)
    assert passage.exact[mention.start : mention.end] == "1975"


def test_the_context_menu_offers_what_a_selection_can_become(pane: ReaderPane) -> None:
    select(pane, "Talks of this kind last took place in 1975")
    pane.set_selected_claim("reason")
    menu = pane.selection_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:3] == [
        "New Claim from Selection",
        "Cite Selection for “Reason claim”",
        "Source Date from Selection (1975)…",
    ]
    roles = menu.actions()[0].menu()
    assert [a.text().split("\t")[0] for a in roles.actions()] == [
        "Main contention",
        "Reason",
        "Objection",
        "Rebuttal",
        "Conclusion",
    ]
    assert "\t" in roles.actions()[1].text()  # the shortcut's role: a reason, as a main exists
    assert all(a.isEnabled() for a in menu.actions()[:3])
    pane.text.moveCursor(QTextCursor.MoveOperation.Start)  # nothing selected
    menu = pane.selection_menu()
    assert not any(a.isEnabled() for a in menu.actions()[:3])


def test_clicking_a_highlight_chooses_its_claim_the_innermost_where_they_nest(
    pane: ReaderPane, qtbot
) -> None:
    viewport = pane.text.viewport()
    left = Qt.MouseButton.LeftButton
    with qtbot.waitSignal(pane.claim_clicked) as clicked:
        qtbot.mouseClick(viewport, left, pos=point_inside(pane, BRIEF.index(INNER) + 3))
    assert clicked.args == ["inner"]
    with qtbot.waitSignal(pane.claim_clicked) as clicked:
        qtbot.mouseClick(viewport, left, pos=point_inside(pane, BRIEF.index("Critics") + 2))
    assert clicked.args == ["objection"]
    with qtbot.assertNotEmitted(pane.claim_clicked):
        qtbot.mouseClick(viewport, left, pos=point_inside(pane, BRIEF.index("Few expect") + 2))


def test_choosing_a_claim_scrolls_its_passage_into_view(qtbot) -> None:
    pane = ReaderPane()
    qtbot.addWidget(pane)
    pane.resize(500, 300)
    pane.show()
    qtbot.waitExposed(pane)
    text = "\n\n".join(f"Paragraph {n} of the filler that comes first." for n in range(200))
    text += "\n\nThe claim at the very end."
    far = Claim("far", "a", "Far", ClaimRole.REASON, passages=(cited(text, "The claim at"),))
    pane.show_assessment(Assessment("a", "Long", claims=(far,), document=document(text)))
    assert pane.text.verticalScrollBar().value() == 0
    assert pane.show_claim("far")
    cursor = _cursor_at(pane, text.index("The claim at"))
    assert pane.text.viewport().rect().contains(pane.text.cursorRect(cursor))
    assert pane.text.verticalScrollBar().value() > 0
    assert not pane.show_claim("no-such-claim")


def test_showing_the_same_assessment_again_keeps_the_place(qtbot) -> None:
    pane = ReaderPane()
    qtbot.addWidget(pane)
    pane.resize(500, 300)
    pane.show()
    qtbot.waitExposed(pane)
    text = "\n\n".join(f"Paragraph {n} of a long brief." for n in range(300))
    long = Assessment("a", "Long", document=document(text))
    pane.show_assessment(long)
    bar = pane.text.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    pane.show_assessment(replace(long, title="Long, retitled"))
    assert bar.value() == place
    pane.show_assessment(replace(long, id="b"))
    assert bar.value() == 0


def test_characters_beyond_the_basic_plane_keep_passages_on_their_words(
    pane: ReaderPane, qtbot
) -> None:
    text = "Flags 🇫🇮🇷🇺 and 𝑥 first. Then the passage itself."
    claim = Claim("c", "a", "C", ClaimRole.REASON, passages=(cited(text, "the passage"),))
    pane.show_assessment(Assessment("a", "Astral", claims=(claim,), document=document(text)))
    (tinted,) = pane.text.extraSelections()
    assert tinted.cursor.selectedText() == "the passage"
    tinted.cursor.setPosition(tinted.cursor.selectionStart())
    tinted.cursor.setPosition(tinted.cursor.position() + 5, QTextCursor.MoveMode.KeepAnchor)
    pane.text.setTextCursor(tinted.cursor)
    passage = pane.selected_passage()
    assert passage is not None
    assert (passage.exact, passage.start) == ("the p", text.index("the passage"))


def test_a_windows_line_end_keeps_passages_on_their_words(pane: ReaderPane) -> None:
    text = "First line.\r\nSecond line with the passage.\r\n"
    claim = Claim("c", "a", "C", ClaimRole.REASON, passages=(cited(text, "the passage"),))
    pane.show_assessment(Assessment("a", "CRLF", claims=(claim,), document=document(text)))
    (tinted,) = pane.text.extraSelections()
    assert tinted.cursor.selectedText() == "the passage"


# --- where a passage is -------------------------------------------------------------------------


def test_a_passage_is_located_by_paragraph_or_by_page() -> None:
    text = "\n\nTitle\n\nFirst paragraph,\nstill the first.\n \n\nSecond one.\r\n\r\nThird."
    doc = document(text)
    assert passage_locator(doc, cited(text, "Title")) == "¶1"
    assert passage_locator(doc, cited(text, "still the first")) == "¶2"
    assert passage_locator(doc, cited(text, "Second one")) == "¶3"
    assert passage_locator(doc, cited(text, "Third")) == "¶4"
    paged = document(text, format=DocumentFormat.PDF, pages=(0, text.index("Second")))
    assert passage_locator(paged, cited(text, "Title")) == "p. 1"
    assert passage_locator(paged, cited(text, "Third")) == "p. 2"
    assert passage_locator(replace(doc, text=None), cited(text, "Third")) == ""


def test_hovering_a_highlight_says_what_cites_it(pane: ReaderPane) -> None:
    assert pane.text.tooltip_at(BRIEF.index(INNER) + 3).split("\n") == [
        "Objection (wavy underline): It rewards",
        "Objection (wavy underline): Objection claim",
    ]
    assert pane.text.tooltip_at(BRIEF.index("1975")) == "Source date 1975: Final Act"
    assert pane.text.tooltip_at(BRIEF.index("Few expect")) == ""


def test_a_read_only_file_offers_no_claim_citation_or_date_from_a_selection(
    pane: ReaderPane,
) -> None:
    pane.set_selected_claim("rebuttal")
    select(pane, "Talks of this kind last took place in 1975, when the Final Act was signed.")
    pane.set_editable(False)
    pane.selection_menu()
    actions = [pane.new_claim_action, pane.cite_action, pane.source_date_action]
    assert not any(a.isEnabled() for a in [*actions, *pane.role_actions.values()])
    pane.set_editable(True)
    pane.selection_menu()
    assert all(a.isEnabled() for a in actions)
