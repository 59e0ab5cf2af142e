"""The timeline's scales without a screen: collapsed, sequential, logarithmic, and ticks."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from argline.layout.ticks import Tick
from argline.layout.time_scale import TimeScale
from argline.layout.time_warp import (
    LogWarp,
    ScaleKind,
    TimeWarp,
    collapsed,
    drawn_intervals,
    sequential,
)
from argline.layout.warped_ticks import warped_ticks
from argline.model.dates import HistoricalDate
from argline.ops.timeline_data import load_timeline
from argline.store import Store


def measure(text: str) -> float:
    return 7.0 * len(text)


def seed_intervals(store: Store) -> list[tuple[float, float]]:
    with store.reading() as session:
        content = load_timeline(session)
    marks = [(p.start, p.end) for p in content.publications]
    marks += [(m.start, m.end) for ms in content.disputes.values() for m in ms]
    return list(drawn_intervals(content.starts, content.ends, marks))


intervals = st.lists(
    st.tuples(st.floats(-1e7, 1e7, allow_nan=False), st.floats(0.01, 1e5, allow_nan=False)).map(
        lambda pair: (pair[0], pair[0] + pair[1])
    ),
    min_size=1,
    max_size=60,
).map(sorted)


def _monotone_and_invertible(warp: TimeWarp, days: list[float]) -> None:
    units = [warp.units(d) for d in sorted(days)]
    assert all(a <= b for a, b in itertools.pairwise(units))
    for d in days:
        back = warp.day(warp.units(d))
        assert abs(back - d) <= 1e-6 * max(1.0, abs(d))


@given(intervals, st.lists(st.floats(-2e7, 2e7, allow_nan=False), max_size=30))
def test_a_collapsed_scale_keeps_order_and_can_be_read_back(
    drawn: list[tuple[float, float]], probes: list[float]
) -> None:
    warp = collapsed(drawn)
    _monotone_and_invertible(warp, [d for pair in drawn for d in pair] + probes)


@given(intervals)
def test_a_break_never_hides_an_event(drawn: list[tuple[float, float]]) -> None:
    warp = collapsed(drawn)
    for gap in warp.breaks:
        assert gap.first_day < gap.last_day
        for start, end in drawn:
            assert end <= gap.first_day or start >= gap.last_day, (start, end, gap)
    # Pieces and breaks take turns along the axis, each wider than nothing.
    for piece, gap in zip(warp.pieces, warp.breaks, strict=False):
        assert piece.start < piece.end == gap.start < gap.end


# Axis values an hour apart at the least, as dates are.
hours = st.integers(-(10**9), 10**9).map(lambda n: n / 24)


@given(st.lists(hours, min_size=1, max_size=80).map(sorted))
def test_a_sequential_scale_spaces_distinct_starts_evenly(starts: list[float]) -> None:
    warp = sequential(starts)
    _monotone_and_invertible(warp, starts)
    distinct = sorted(set(starts))
    if len(distinct) > 2:
        steps = [warp.units(b) - warp.units(a) for a, b in itertools.pairwise(distinct)]
        assert max(steps) - min(steps) <= 1e-6 * max(abs(s) for s in steps)


@given(st.floats(-1e6, 1e6), st.lists(st.floats(-1e8, 1e8, allow_nan=False), max_size=40))
def test_a_logarithmic_scale_keeps_order_about_its_reference(
    reference: float, days: list[float]
) -> None:
    warp = LogWarp(reference)
    _monotone_and_invertible(warp, [reference, *days])
    assert warp.units(reference) == 0


def test_the_seed_corpus_collapses_the_empty_century(seeded_store: Store) -> None:
    warp = collapsed(seed_intervals(seeded_store))
    assert warp.kind is ScaleKind.COLLAPSED
    labels = [gap.label for gap in warp.breaks]
    assert "1868–1974" in labels
    # The cluster of 2014–2018 gets far more of the axis than its years' share.
    first, last = warp.pieces[0], warp.pieces[-1]
    assert last.first_day >= HistoricalDate(2014).axis_start()
    share_of_axis = (last.end - last.start) / (last.end - first.start)
    share_of_days = (last.last_day - last.first_day) / (last.last_day - first.first_day)
    assert share_of_axis > 10 * share_of_days


def test_ticks_on_a_collapsed_scale_follow_each_piece(seeded_store: Store) -> None:
    warp = collapsed(seed_intervals(seeded_store))
    first, last = warp.pieces[0], warp.pieces[-1]
    scale = TimeScale(first.start, last.end, 1400)
    ticks = warped_ticks(warp, scale, measure)
    labelled = [t for t in ticks.minor if t.label]
    assert labelled, "no tick is labelled"
    # Every tick sits in a piece, none in a break, and x follows the tick's place.
    for tick in ticks.minor:
        assert any(p.start - 1e-6 <= tick.value <= p.end + 1e-6 for p in warp.pieces), tick
        assert abs(scale.x(tick.value) - tick.x) < 1e-6
    _labels_apart(labelled)
    # The last piece (2014–2018, wide) is ticked finer than years of decades.
    in_last = [t for t in labelled if t.value >= last.start]
    assert len(in_last) >= 4


def test_sequential_ticks_are_the_event_dates_that_fit() -> None:
    starts = [float(d) for d in range(0, 4000, 40)]
    warp = sequential(starts)
    dates = [(warp.units(d), f"day {int(d)}", 0) for d in starts]
    scale = TimeScale(warp.units(starts[0]), warp.units(starts[-1]), 600)
    ticks = warped_ticks(warp, scale, measure, dates)
    labelled = [t for t in ticks.minor if t.label]
    assert 5 <= len(labelled) < len(starts)
    assert {t.label for t in labelled} <= {text for _, text, _ in dates}
    _labels_apart(labelled)


def test_logarithmic_ticks_count_distances_from_the_reference() -> None:
    summit = HistoricalDate(2018, 7, 16, precision=6).axis_start()
    warp = LogWarp(summit)
    scale = TimeScale(warp.units(HistoricalDate(1800).axis_start()), warp.units(summit + 10), 1400)
    labels = [t.label for t in warped_ticks(warp, scale, measure).minor if t.label]
    assert "1 year before" in labels
    assert "100 years before" in labels
    assert "16 July 2018" in labels


def _labels_apart(ticks: list[Tick]) -> None:
    for a, b in itertools.pairwise(ticks):
        assert a.label_x + a.label_width <= b.label_x, (a, b)


def test_the_index_finds_what_overlaps_a_view_on_a_warped_scale() -> None:
    import random

    from argline.layout.visible import TimelineIndex

    rng = random.Random(3)
    reference = 20_000.0
    warp = LogWarp(reference)
    days = sorted(
        (start, start + rng.choice((1.0, 1.0, 31.0, 400.0, 9000.0)))
        for start in (rng.uniform(-80_000, 25_000) for _ in range(3000))
    )
    starts = [warp.units(a) for a, _ in days]
    ends = [warp.units(b) for _, b in days]
    lanes = [n % 2 for n in range(len(days))]
    index = TimelineIndex(starts, ends, lanes, 2)
    for _ in range(40):
        v0 = warp.units(rng.uniform(-80_000, 25_000))
        v1 = v0 + rng.uniform(1e-4, 2.0)
        for lane in range(2):
            walk = index.walk(lane, v0, v1)
            found = []
            while (event := walk.next()) is not None:
                found.append(event)
            expected = [
                n for n in range(len(days)) if lanes[n] == lane and starts[n] < v1 and ends[n] > v0
            ]
            assert sorted(found) == expected
