"""Packed texts behave as the tuple of their texts does."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argline.layout.packed_texts import PackedEnds, PackedTexts

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
    assert packed[start:stop] == tuple(texts[start:stop])
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
    assert packed == texts
    assert [packed[n] for n in range(len(texts))] == texts
    if texts:
        assert packed != [*texts[:-1], "changed"]


def test_bounds_that_do_not_cover_the_texts_are_refused() -> None:
    with pytest.raises(ValueError, match="do not cover"):
        PackedTexts("abc", array("q", [0, 2]))
    with pytest.raises(ValueError, match="differ in number"):
        PackedEnds(PackedTexts.of(["a"]), b"\x01\x01")
