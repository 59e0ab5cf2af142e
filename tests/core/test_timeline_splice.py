"""Splicing a few events in and out of the timeline's columns moves the rest as a rebuild would."""

from __future__ import annotations

from array import array

from hypothesis import given
from hypothesis import strategies as st

from argline.layout.splice import Splice


@st.composite
def splices(draw: st.DrawFn) -> tuple[int, list[int], list[int]]:
    """Return a column's length, positions taken out of it, and places put in the new one."""
    old_length = draw(st.integers(0, 40))
    removed = sorted(draw(st.sets(st.integers(0, old_length - 1))) if old_length else ())
    added = draw(st.integers(0, 6))
    new_length = old_length - len(removed) + added
    places = st.sets(st.integers(0, new_length - 1), min_size=added, max_size=added)
    return old_length, removed, sorted(draw(places)) if added else []


@given(splices())
def test_a_splice_moves_kept_items_as_a_rebuilt_column_holds_them(
    spliced: tuple[int, list[int], list[int]],
) -> None:
    old_length, removed, inserted = spliced
    splice = Splice.of(old_length, removed, inserted)
    old = [f"old {p}" for p in range(old_length)]
    new = [f"new {n}" for n in range(len(inserted))]
    # The rebuilt column: the kept items in order, with the new ones at their places.
    kept = iter(item for p, item in enumerate(old) if p not in removed)
    added = iter(new)
    rebuilt = [next(added) if p in inserted else next(kept) for p in range(splice.new_length)]
    column: list[str] = []
    splice.fill(column, old, new)
    assert column == rebuilt
    for position, item in enumerate(old):
        moved = splice.moved(position)
        assert (moved is None) == (position in removed)
        assert moved is None or rebuilt[moved] == item
    every_other = array("l", range(0, old_length, 2))
    followed = [rebuilt.index(old[p]) for p in every_other if p not in removed]
    assert list(splice.follow(every_other)) == followed
