"""Packed texts behave as the tuple of their texts does."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from argline.layout.packed_texts import PackedEnds, PackedTexts
from argline.layout.splice import Splice

TEXTS = st.lists(st.text(max_size=6), max_size=12)


@given(texts=TEXTS, data=st.data())
def test_packed_texts_index_slice_and_compare_as_their_tuple(texts: list[str], data) -> None:
    packed = PackedTexts.of(texts)
    assert len(packed) == len(texts)
    assert list(packed) == texts
    assert packed == tuple(texts)
    assert tuple(texts) == packed
    assert packed.letters() == sum(map(len, texts))
    start, stop = data.draw(st.integers(-15, 15)), data.draw(st.integers(-15, 15))
    step = data.draw(st.sampled_from([1, 2, -1, None]))
    assert packed[start:stop:step] == tuple(texts[start:stop:step])
    assert packed != texts or not texts  # a tuple is not equal to a list, nor are they
    for index in range(-len(texts), len(texts)):
        assert packed[index] == texts[index]
    with pytest.raises(IndexError):
        packed[len(texts)]


@given(texts=st.lists(st.none() | st.text(max_size=4), max_size=10))
def test_packed_ends_give_none_where_there_is_no_end(texts: list[str | None]) -> None:
    packed = PackedEnds(
        PackedTexts.of(text or "" for text in texts), bytes(t is not None for t in texts)
    )
    assert list(packed) == texts
    assert packed == tuple(texts)
    assert [packed[n] for n in range(len(texts))] == texts
    assert packed[1:] == tuple(texts[1:])
    if texts:
        assert packed != (*texts[:-1], "changed")


def test_bounds_that_do_not_cover_the_texts_are_refused() -> None:
    with pytest.raises(ValueError, match="do not cover"):
        PackedTexts("abc", array("q", [0, 2]))
    with pytest.raises(ValueError, match="differ in number"):
        PackedEnds(PackedTexts.of(["a"]), b"\x01\x01")


@given(
    texts=st.lists(st.none() | st.text(max_size=4), max_size=12),
    data=st.data(),
)
def test_a_splice_of_packed_texts_is_the_splice_of_their_tuple(
    texts: list[str | None], data
) -> None:
    """What a timeline edit does to a column: a few taken out, a few put in, kept packed."""
    removed = sorted(data.draw(st.sets(st.integers(0, max(len(texts) - 1, 0)), max_size=3)))
    removed = [p for p in removed if p < len(texts)]
    new_length = len(texts) - len(removed) + data.draw(st.integers(0, 3))
    inserted = sorted(data.draw(st.sets(st.integers(0, max(new_length - 1, 0)), max_size=3)))
    inserted = [p for p in inserted if p < new_length][: new_length - len(texts) + len(removed)]
    assume(len(texts) - len(removed) + len(inserted) == new_length)
    new = data.draw(
        st.lists(st.none() | st.text(max_size=4), min_size=len(inserted), max_size=len(inserted))
    )
    splice = Splice.of(len(texts), removed, inserted)
    expected: list[str | None] = []
    splice.fill(expected, texts, new)
    packed = PackedEnds(
        PackedTexts.of(text or "" for text in texts), bytes(t is not None for t in texts)
    )
    assert list(packed.spliced(splice, new)) == expected
    plain = [text or "" for text in texts]
    done: list[str] = []
    splice.fill(done, plain, [text or "" for text in new])
    assert list(PackedTexts.of(plain).spliced(splice, [text or "" for text in new])) == done
