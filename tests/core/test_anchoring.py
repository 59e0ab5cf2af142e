"""Cited passages are found again when a document is attached and when its text is replaced."""

from __future__ import annotations

import textwrap

from hypothesis import assume, given
from hypothesis import strategies as st

from argline.model.anchoring import AnchoringSummary, attach, reanchor
from argline.model.passages import (
    CONTEXT_CHARACTERS,
    NormalisedText,
    Passage,
    passage_checksum,
    quote,
)

BRIEF = (
    "The summit in Helsinki was held on 16 July 2018, after months of talks about talks.\n"
    "Russia annexed Crimea in 2014, and the sanctions that followed still bind both sides.\n"
    "Critics said the meeting rewarded Moscow for its interference in the election, while\n"
    "supporters answered that a dialogue between the two largest nuclear powers is never\n"
    "wasted. Alaska changed hands in 1867, eight years after the first talks in 1859.\n"
)


def cite(text: str, words: str, occurrence: int = 0) -> Passage:
    """Return the full selectors of the ``occurrence``-th copy of ``words`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return quote(text, start, start + len(words))


def seed_passage(text: str, words: str) -> Passage:
    """Return ``words`` as the seed corpus cites them: normalised position and checksum only."""
    normalised = NormalisedText.of(text).text
    start = normalised.index(words)
    return Passage(start, start + len(words), passage_checksum(words))


def test_text_inserted_before_a_passage_finds_it_at_its_new_place_word_for_word() -> None:
    crimea = cite(BRIEF, "Russia annexed Crimea in 2014")
    alaska = cite(BRIEF, "Alaska changed hands in 1867")
    corrected = "Editor's note: this brief was revised on 20 July.\n\n" + BRIEF

    found = reanchor([crimea, alaska], corrected)

    for old, new in zip([crimea, alaska], found, strict=True):
        assert not new.orphaned
        assert new.exact == old.exact
        assert new.start == corrected.index(old.exact)
        assert corrected[new.start : new.end] == old.exact


def test_words_inserted_right_before_a_passage_leave_it_word_for_word() -> None:
    crimea = cite(BRIEF, "Russia annexed Crimea in 2014")
    corrected = BRIEF.replace("Russia annexed", "In the meantime, Russia annexed")

    (found,) = reanchor([crimea], corrected)

    assert (found.start, found.exact) == (corrected.index("Russia annexed"), crimea.exact)
    assert found.prefix.endswith("In the meantime, ")


def test_a_word_changed_inside_a_passage_finds_it_with_the_new_wording() -> None:
    crimea = cite(BRIEF, "Russia annexed Crimea in 2014, and the sanctions that followed")
    corrected = BRIEF.replace("annexed Crimea", "seized Crimea")

    (found,) = reanchor([crimea], corrected)

    assert not found.orphaned
    assert found.exact == "Russia seized Crimea in 2014, and the sanctions that followed"
    assert corrected[found.start : found.end] == found.exact


def test_a_word_changed_at_a_passages_edge_is_found_by_aligning_its_quote() -> None:
    # The first word and all the context before it change: only the quote's words are left.
    critics = cite(BRIEF, "Critics said the meeting rewarded Moscow for its interference")
    corrected = BRIEF.replace(
        "still bind both sides.\nCritics said",
        "are still in force, three years on. Opponents said",
    )

    (found,) = reanchor([critics], corrected)

    assert not found.orphaned
    assert found.exact == "Opponents said the meeting rewarded Moscow for its interference"


def test_a_deleted_passage_is_kept_orphaned_and_counted() -> None:
    passages = [
        cite(BRIEF, "The summit in Helsinki was held on 16 July 2018"),
        cite(BRIEF, "Russia annexed Crimea in 2014"),
        cite(BRIEF, "Alaska changed hands in 1867"),
    ]
    corrected = BRIEF.replace(
        "Russia annexed Crimea in 2014, and the sanctions that followed still bind both sides.\n",
        "",
    )

    found = reanchor(passages, corrected)

    assert [p.orphaned for p in found] == [False, True, False]
    assert found[1].exact == passages[1].exact  # kept, to be listed and tried again
    assert AnchoringSummary.of(found) == AnchoringSummary(anchored=2, orphaned=1)
    assert AnchoringSummary.of(found).message == "1 passage no longer found"


def test_an_orphaned_passage_is_found_again_when_its_text_comes_back() -> None:
    crimea = cite(BRIEF, "Russia annexed Crimea in 2014")
    (lost,) = reanchor([crimea], BRIEF.replace("Russia annexed Crimea in 2014, and ", ""))
    assert lost.orphaned

    (found,) = reanchor([lost], BRIEF)

    assert not found.orphaned
    assert (found.start, found.exact) == (crimea.start, crimea.exact)


def test_a_quote_that_occurs_twice_is_found_where_its_context_is() -> None:
    text = (
        "On trade, the parties agreed to meet again. Nothing was signed.\n"
        "On arms control, the parties agreed to meet again. A date was set for Geneva.\n"
    )
    arms = cite(text, "the parties agreed to meet again", occurrence=1)
    # A long paragraph between the two copies leaves the first nearer the old position.
    padding = "The delegations then spent a long afternoon on the wording of a joint statement. "
    corrected = text.replace("\nOn arms control", "\n" + 3 * padding + "\nOn arms control")

    (found,) = reanchor([arms], corrected)

    assert found.exact == arms.exact
    assert found.start == corrected.index(arms.exact, corrected.index("On arms control"))


def test_a_corrected_copy_with_other_line_breaks_keeps_each_quote() -> None:
    critics = cite(BRIEF, "rewarded Moscow for its interference in the election, while\nsupporters")
    rewrapped = textwrap.fill(BRIEF, 60, break_on_hyphens=False)

    (found,) = reanchor([critics], rewrapped)

    assert not found.orphaned
    assert " ".join(found.exact.split()) == " ".join(critics.exact.split())


def test_attaching_a_rewrapped_copy_quotes_the_passages_from_it() -> None:
    words = "supporters answered that a dialogue between the two largest nuclear powers"
    passage = seed_passage(BRIEF, words)
    rewrapped = textwrap.fill(BRIEF, 40, break_on_hyphens=False)

    (found,) = attach([passage], rewrapped)

    assert not found.orphaned
    assert found.checksum == passage.checksum
    assert " ".join(found.exact.split()) == words
    assert rewrapped[found.start : found.end] == found.exact
    # Full selectors, their context taken from the attached text.
    assert rewrapped.endswith(found.prefix, 0, found.start)
    assert rewrapped.startswith(found.suffix, found.end)
    assert len(found.prefix) == len(found.suffix) == CONTEXT_CHARACTERS


def test_a_seed_passage_that_moved_a_little_is_found_by_its_checksum() -> None:
    alaska = seed_passage(BRIEF, "Alaska changed hands in 1867, eight years after the first talks")
    copy = "Brief no. 12 (distributed to members)\n\n" + BRIEF

    (found,) = attach([alaska], copy)

    assert not found.orphaned
    assert found.exact == "Alaska changed hands in 1867, eight years after the first talks"
    assert found.start == copy.index(found.exact)


def test_a_seed_passage_far_from_where_it_was_is_found_by_its_checksum() -> None:
    alaska = seed_passage(BRIEF, "Alaska changed hands in 1867")
    copy = 40 * "A long preface that the seed corpus never saw, sentence after sentence. " + BRIEF

    (found,) = attach([alaska], copy)

    assert found.start == copy.index("Alaska changed hands in 1867")


def test_a_seed_passage_whose_copy_differs_inside_it_is_orphaned() -> None:
    alaska = seed_passage(BRIEF, "Alaska changed hands in 1867")

    (found,) = attach([alaska], BRIEF.replace("1867", "1868"))

    assert found.orphaned
    assert found == Passage(alaska.start, alaska.end, alaska.checksum, orphaned=True)


def test_attaching_finds_passages_quoted_from_another_copy_by_their_quote() -> None:
    crimea = cite(BRIEF, "Russia annexed Crimea in 2014")
    copy = "Brief no. 12\n\n" + BRIEF

    (found,) = attach([crimea], copy)

    assert (found.start, found.exact) == (copy.index(crimea.exact), crimea.exact)


def test_reanchoring_also_attaches_passages_known_only_by_position() -> None:
    passages = [seed_passage(BRIEF, "Alaska changed hands in 1867"), cite(BRIEF, "Crimea")]

    found = reanchor(passages, BRIEF)

    assert [p.exact for p in found] == ["Alaska changed hands in 1867", "Crimea"]


def test_the_summary_counts_what_was_found() -> None:
    found = (cite(BRIEF, "Crimea"), cite(BRIEF, "Alaska"))
    assert AnchoringSummary.of(found).message == "2 passages found"
    lost = tuple(Passage(p.start, p.end, p.checksum, orphaned=True) for p in found)
    assert AnchoringSummary.of(lost + found[:1]).message == "2 passages no longer found"


WORDS = st.lists(st.text("abcdefgh", min_size=1, max_size=8), min_size=60, max_size=200)


@given(
    words=WORDS,
    inserted=st.lists(st.text("abcdefgh", min_size=1, max_size=8), min_size=1, max_size=30),
    data=st.data(),
)
def test_an_insertion_far_from_a_passage_keeps_it_word_for_word(
    words: list[str], inserted: list[str], data: st.DataObject
) -> None:
    text = " ".join(words)
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == " "]
    first = data.draw(st.integers(0, len(starts) - 2))
    last = data.draw(st.integers(first + 1, min(first + 12, len(starts) - 1)))
    passage = quote(text, starts[first], starts[last] - 1)
    far_before = [s for s in starts if s < passage.start - CONTEXT_CHARACTERS]
    far_after = [s for s in starts if s > passage.end + CONTEXT_CHARACTERS]
    assume(far_before or far_after)
    where = data.draw(st.sampled_from(far_before + far_after))
    insertion = " ".join(inserted) + " "
    new_text = text[:where] + insertion + text[where:]

    (found,) = reanchor([passage], new_text)

    assert not found.orphaned
    assert found.exact == passage.exact
    assert new_text[found.start : found.end] == passage.exact
    with_context = passage.prefix + passage.exact + passage.suffix
    copies = sum(new_text.startswith(with_context, i) for i in range(len(new_text)))
    if copies == 1:  # else another copy, context and all, is as good
        moved = len(insertion) if where < passage.start else 0
        assert found.start == passage.start + moved
