"""How fast are a document's passages found again after an edit, and is the Reader quick to open?

Re-anchoring: builds a document of about a megabyte of generated prose (a fixed seed;
varied sentences, so quotes are nearly all unique, though many sentences are much alike),
cites 1,000 of its sentences, then edits it: a paragraph inserted after the first; one
word changed inside 5% of the passages; both; 5% of the passages deleted, which costs
the search everywhere for each; the whole text re-wrapped at 72 columns, as another
reader's copy of a corrected version may be. For each it times ``reanchor`` over the
edited text (``reanchor_s``, the median of --runs: the machine is shared), counts the
passages anchored and orphaned, and checks each against where the edit put it
(``misplaced``: found, but not at the passage's new place and wording). Goal: 0.5 s or
less for an edit near the start; the headline ``reanchor_s`` is the slowest edit's.

The last line is JSON, one key per figure or group of figures:
{"reanchor_s": s, "reanchoring": {"characters": N, "anchors": A, "quotes_repeated": Q,
 "runs": R, "goal_s": 0.5, "edits": {"paragraph_inserted": {"reanchor_s": s,
 "anchored": a, "orphaned": o, "misplaced": m}, "words_changed": {...}, "both": {...},
 "passages_deleted": {...}, "rewrapped": {...}}}}

The Reader: the same document, cut into 300 pages, with 1,000 of its sentences cited by
claims of the five roles in turn, is shown in a fresh ReaderPane (offscreen, 700 by 900
pixels, already painted once empty); ``reader_first_paint_s`` runs from
``show_assessment`` until the pane's text has been painted (waiting on the paint event),
the median of --runs. Goal: 1 s or less. It adds to the JSON:
{"reader_first_paint_s": s, "reader": {"characters": N, "pages": 300, "passages": A,
 "runs": R, "goal_s": 1.0, "first_paint_s": [s, ...]}}
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass

from argline.model.anchoring import AnchoringSummary, reanchor
from argline.model.entities import Assessment, Claim, ClaimRole
from argline.model.passages import DocumentFormat, Passage, SourceDocument, fingerprint, quote

GOAL_S = 0.5
PAINT_GOAL_S = 1.0
PAGES = 300
SUBJECTS = (
    "The ministry", "Moscow", "Washington", "The alliance", "Helsinki", "The delegation",
    "Its envoy", "The opposition", "Beijing", "The committee", "Kyiv", "The summit's host",
    "An adviser", "The central bank", "Brussels", "The negotiators", "Parliament", "The press",
)  # fmt: skip
VERBS = (
    "signalled", "rejected", "welcomed", "questioned", "postponed", "proposed", "criticised",
    "endorsed", "ignored", "weighed", "announced", "disputed", "tied", "defended", "revised",
    "hinted at", "played down", "recalled", "demanded", "offered",
)  # fmt: skip
OBJECTS = (
    "the sanctions", "a new round of talks", "the arms control treaty", "its earlier demands",
    "the election results", "the ceasefire", "a trade deal", "the pipeline", "the summit",
    "the annexation", "the troop withdrawal", "a prisoner exchange", "the tariffs",
    "the joint statement", "the inspection regime", "its veto", "the loan", "the embargo",
)  # fmt: skip
CLAUSES = (
    "after a week of silence", "despite pressure from its allies", "before the vote",
    "in a closed session", "according to two officials", "while markets fell",
    "as the deadline neared", "without consulting the others", "for the first time since",
    "in a rare televised address", "under heavy criticism", "once the talks resumed",
    "on the eve of the visit", "to the surprise of observers", "at the last minute",
)  # fmt: skip
MONTHS = ("January", "March", "April", "June", "July", "August", "October", "December")


def sentence(rnd: random.Random) -> str:
    """Return one generated sentence: a subject, a verb, an object and one or two clauses."""
    parts = [rnd.choice(SUBJECTS), rnd.choice(VERBS), rnd.choice(OBJECTS)]
    parts.append(rnd.choice(CLAUSES))
    if rnd.random() < 0.6:
        parts.append(f"on {rnd.randint(1, 28)} {rnd.choice(MONTHS)} {rnd.randint(1850, 2030)}")
    if rnd.random() < 0.4:
        parts.append(f"and {rnd.choice(VERBS)} {rnd.choice(OBJECTS)} {rnd.choice(CLAUSES)}")
    return " ".join(parts) + "."


@dataclass(frozen=True, slots=True)
class Document:
    """Generated text and the span of each of its sentences."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    first_paragraph_end: int


def build_document(characters: int, seed: int) -> Document:
    """Return about ``characters`` of prose: paragraphs of 3 to 7 sentences, blank lines between."""
    rnd = random.Random(seed)
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    first_paragraph_end = 0
    while length < characters:
        if pieces:
            pieces.append("\n\n")
            length += 2
        for n in range(rnd.randint(3, 7)):
            if n:
                pieces.append(" ")
                length += 1
            words = sentence(rnd)
            pieces.append(words)
            spans.append((length, length + len(words)))
            length += len(words)
        first_paragraph_end = first_paragraph_end or length
    return Document("".join(pieces), tuple(spans), first_paragraph_end)


@dataclass(frozen=True, slots=True)
class Edit:
    """An edited text, and where and with what wording each cited passage should be found."""

    text: str
    expected: tuple[tuple[int, str], ...]


def edit(text: str, passages: list[Passage], changes: list[tuple[int, int, str]]) -> Edit:
    """Return ``text`` with ``changes`` (start, end, replacement; apart, in order) made.

    A change ending at or before an offset moves it: the paragraph goes in at a
    paragraph's start, never at a passage's end, and words change inside passages.
    """
    pieces, at = [], 0
    for start, end, replacement in changes:
        pieces += [text[at:start], replacement]
        at = end
    pieces.append(text[at:])
    new_text = "".join(pieces)

    def moved(offset: int) -> int:
        return offset + sum(len(r) - (e - s) for s, e, r in changes if e <= offset)

    expected = []
    for passage in passages:
        start, end = moved(passage.start), moved(passage.end)
        expected.append((start, new_text[start:end]))
    return Edit(new_text, tuple(expected))


def rewrapped(text: str, passages: list[Passage], width: int) -> Edit:
    """Return ``text`` with its paragraphs wrapped at ``width``, each break in a space's place."""
    paragraphs = text.split("\n\n")
    new_text = "\n\n".join(
        textwrap.fill(p, width, break_on_hyphens=False, break_long_words=False) for p in paragraphs
    )
    assert len(new_text) == len(text), "a line break replaces one space, so nothing moves"
    return Edit(new_text, tuple((p.start, new_text[p.start : p.end]) for p in passages))


def word_changes(
    text: str, passages: list[Passage], share: float, rnd: random.Random
) -> list[tuple[int, int, str]]:
    """Return one word changed inside ``share`` of the passages, never their first or last."""
    changes = []
    for passage in rnd.sample(passages, round(share * len(passages))):
        words, offset = [], passage.start
        for word in passage.exact.split(" "):
            words.append((offset, offset + len(word)))
            offset += len(word) + 1
        start, end = rnd.choice(words[1:-1])
        replacement = rnd.choice([v for v in VERBS if v != text[start:end]])
        changes.append((start, end, replacement))
    return sorted(changes)


def time_reanchor(passages: list[Passage], edited: Edit, runs: int) -> dict[str, float | int]:
    """Return the median time of ``reanchor`` over ``runs``, and what it found."""
    times, found = [], ()
    for _ in range(runs):
        started = time.perf_counter()
        found = reanchor(passages, edited.text)
        times.append(time.perf_counter() - started)
    summary = AnchoringSummary.of(found)
    misplaced = sum(
        1
        for passage, (start, exact) in zip(found, edited.expected, strict=True)
        if not passage.orphaned and (passage.start, passage.exact) != (start, exact)
    )
    return {
        "reanchor_s": round(statistics.median(times), 4),
        "anchored": summary.anchored,
        "orphaned": summary.orphaned,
        "misplaced": misplaced,
    }


def reanchoring(args: argparse.Namespace) -> dict[str, object]:
    """Return the re-anchoring figures of a ~1 MB document after each of five edits."""
    started = time.perf_counter()
    document = build_document(args.characters, args.seed)
    rnd = random.Random(args.seed)
    cited = sorted(rnd.sample(document.sentences, args.anchors))
    passages = [quote(document.text, start, end) for start, end in cited]
    repeated = sum(document.text.count(p.exact) > 1 for p in passages)
    insertion_point = document.first_paragraph_end + 2
    paragraph = " ".join(sentence(rnd) for _ in range(5)) + "\n\n"
    inserted = (insertion_point, insertion_point, paragraph)
    changed = word_changes(document.text, passages, args.share, rnd)
    deleted = [
        (p.start, p.end, "") for p in rnd.sample(passages, round(args.share * len(passages)))
    ]
    edits = {
        "paragraph_inserted": edit(document.text, passages, [inserted]),
        "words_changed": edit(document.text, passages, changed),
        "both": edit(document.text, passages, sorted([inserted, *changed])),
        "passages_deleted": edit(document.text, passages, sorted(deleted)),
        "rewrapped": rewrapped(document.text, passages, 72),
    }
    print(
        f"document: {len(document.text):,} characters, {len(document.sentences):,} sentences, "
        f"{len(passages):,} cited ({repeated} of them word for word elsewhere too); "
        f"{len(changed)} with a word changed, {len(deleted)} deleted "
        f"(built in {time.perf_counter() - started:.1f} s)"
    )
    figures: dict[str, dict[str, float | int]] = {}
    for name, edited in edits.items():
        figures[name] = result = time_reanchor(passages, edited, args.runs)
        print(
            f"{name}: reanchor {result['reanchor_s']:.3f} s (median of {args.runs}; "
            f"goal {GOAL_S} s), {result['anchored']} anchored, {result['orphaned']} orphaned, "
            f"{result['misplaced']} misplaced"
        )
    return {
        "reanchor_s": max(result["reanchor_s"] for result in figures.values()),
        "reanchoring": {
            "characters": len(document.text),
            "anchors": len(passages),
            "quotes_repeated": repeated,
            "runs": args.runs,
            "goal_s": GOAL_S,
            "edits": figures,
        },
    }


def paged_assessment(document: Document, anchors: int, seed: int) -> Assessment:
    """Return an assessment of ``document`` cut into PAGES pages, ``anchors`` sentences cited."""
    text = document.text
    pages = tuple(round(n * len(text) / PAGES) for n in range(PAGES))
    source = SourceDocument(
        "generated.pdf", fingerprint(text), len(text), DocumentFormat.PDF, text, pages
    )
    roles = list(ClaimRole)
    claims = tuple(
        Claim(f"c{n}", "paged", "A claim", roles[n % len(roles)], passages=(quote(text, *span),))
        for n, span in enumerate(sorted(random.Random(seed).sample(document.sentences, anchors)))
    )
    return Assessment("paged", "300 pages", claims=claims, document=source)


def reader_first_paint(args: argparse.Namespace) -> dict[str, object]:
    """Return how long the Reader takes from show_assessment to its first paint of 300 pages."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QEventLoop, QObject
    from PySide6.QtWidgets import QApplication

    from argline.gui.reader.pane import ReaderPane

    class Paints(QObject):
        """Waits for the watched widget's next paint (which a show may deliver at once)."""

        def __init__(self) -> None:
            super().__init__()
            self.loop = QEventLoop()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.seen = True
                self.loop.quit()  # exec() returns once this event is handled: painted
            return False

        def wait(self) -> None:
            if not self.seen:
                self.loop.exec()
            self.seen = False

    app = QApplication.instance() or QApplication([])
    document = build_document(args.characters, args.seed)
    assessment = paged_assessment(document, args.anchors, args.seed)
    times = []
    for _ in range(args.runs):
        pane = ReaderPane()
        pane.resize(700, 900)
        empty, text = Paints(), Paints()
        pane.message.installEventFilter(empty)  # what an empty pane shows
        pane.text.viewport().installEventFilter(text)
        pane.show()
        empty.wait()  # the empty pane's first paint, before the clock starts
        started = time.perf_counter()
        pane.show_assessment(assessment)
        text.wait()
        times.append(time.perf_counter() - started)
        pane.close()
        pane.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    median = round(statistics.median(times), 4)
    print(
        f"reader: {len(document.text):,} characters in {PAGES} pages, "
        f"{len(assessment.claims):,} passages: first paint {median:.3f} s "
        f"(median of {args.runs}; goal {PAINT_GOAL_S} s)"
    )
    return {
        "reader_first_paint_s": median,
        "reader": {
            "characters": len(document.text),
            "pages": PAGES,
            "passages": len(assessment.claims),
            "runs": args.runs,
            "goal_s": PAINT_GOAL_S,
            "first_paint_s": [round(t, 4) for t in times],
        },
    }


# Each measurement returns its own keys of the last line's JSON.
MEASUREMENTS: tuple[Callable[[argparse.Namespace], dict[str, object]], ...] = (
    reanchoring,
    reader_first_paint,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--characters", type=int, default=1_000_000, help="document size")
    parser.add_argument("--anchors", type=int, default=1_000, help="passages cited")
    parser.add_argument("--share", type=float, default=0.05, help="passages reworded, or deleted")
    parser.add_argument("--runs", type=int, default=7, help="timed runs (median reported)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    figures: dict[str, object] = {}
    for measure in MEASUREMENTS:
        figures.update(measure(args))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
