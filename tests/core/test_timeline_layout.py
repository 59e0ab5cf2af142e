"""The timeline's geometry without a screen: scale, ticks, lanes, visible events, frames."""

from __future__ import annotations

import itertools
import math
import random
from array import array
from functools import cache

import pytest

from argline.layout.arrange import arrange_frame, frame_from_strip
from argline.layout.frame import FrameMetrics
from argline.layout.labels import LabelBook, elide
from argline.layout.lanes import LanePacker
from argline.layout.strip import pack_strip, share_rows
from argline.layout.ticks import axis_ticks
from argline.layout.time_scale import MIN_SPAN_DAYS, TimeScale
from argline.layout.timeline_content import TimelineContent
from argline.layout.visible import TimelineIndex
from argline.model.dates import HistoricalDate
from argline.model.lanes import PALETTE
from argline.ops.timeline_data import load_timeline


def measure(text: str) -> float:
    """A monospaced stand-in for a font: 7 pixels a character."""
    return 7.0 * len(text)


def day(year: int, month: int = 1, number: int = 1) -> float:
    return HistoricalDate(year, month, number, precision=6).axis_start()


@cache
def synthetic(count: int, *, lanes: int = 3, seed: int = 7) -> TimelineContent:
    """Return ``count`` day events (a tenth of them spans) over 1800–2020, in start order."""
    rng = random.Random(seed)
    first, last = day(1800), day(2020)
    rows = []
    for n in range(count):
        start = float(int(rng.uniform(first, last)))
        length = rng.choice((1.0,) * 9 + (rng.uniform(2, 4000),))
        rows.append((start, start + int(length) + 1.0, n % lanes, n))
    rows.sort()
    texts = [HistoricalDate(*_civil(start), precision=6).to_edtf() for start, *_ in rows]
    end_texts = [
        HistoricalDate(*_civil(end - 1), precision=6).to_edtf() if end - start > 1 else None
        for start, end, *_ in rows
    ]
    return TimelineContent(
        title="synthetic",
        keys=tuple(f"e{n}" for *_, n in rows),
        titles=tuple(f"Event number {n}" for *_, n in rows),
        start_texts=tuple(texts),
        end_texts=tuple(end_texts),
        starts=array("d", (r[0] for r in rows)),
        ends=array("d", (r[1] for r in rows)),
        lanes=array("H", (r[2] for r in rows)),
        lane_names=tuple(f"Lane {k}" for k in range(lanes)),
        lane_marks=PALETTE[:lanes],
    )


def _civil(value: float) -> tuple[int, int, int]:
    from argline.model.dates import date_at_axis

    return date_at_axis(value)[:3]


# --- the scale ---------------------------------------------------------------------------


def test_zooming_keeps_the_date_under_the_pointer_still() -> None:
    scale = TimeScale(day(1900), day(2000), 1000)
    under = scale.value_at(300)
    zoomed = scale.zoomed(4.0, 300)
    assert zoomed.value_at(300) == pytest.approx(under)
    assert zoomed.span == pytest.approx(scale.span / 4)


def test_zoom_stops_at_a_quarter_day_and_panning_moves_the_range() -> None:
    scale = TimeScale(day(2018, 7, 16), day(2018, 7, 17), 800).zoomed(1000.0, 400)
    assert scale.span == pytest.approx(MIN_SPAN_DAYS)
    panned = scale.panned(100)
    assert panned.start == pytest.approx(scale.start - 100 * scale.days_per_pixel)


def test_fitting_shows_the_whole_stretch_with_a_margin() -> None:
    scale = TimeScale.fitting(day(1807), day(2018), 1200)
    assert scale.start < day(1807)
    assert scale.end > day(2018)
    assert scale.x(day(1807)) == pytest.approx(1200 * 0.03, rel=0.01)


# --- ticks -------------------------------------------------------------------------------


def _zooms() -> list[TimeScale]:
    """Scales from a hundred thousand years down to six hours, anchored in 2018."""
    spans = [36_500_000.0, 365_250.0, 36_525.0, 3652.5, 365.25, 90.0, 31.0, 7.0, 1.0, 0.25]
    centre = day(2018, 7, 16)
    return [TimeScale(centre - s / 2, centre + s / 2, 1200) for s in spans]


@pytest.mark.parametrize("scale", _zooms(), ids=lambda s: f"{s.span:g}d")
def test_tick_labels_never_overlap_at_any_zoom(scale: TimeScale) -> None:
    ticks = axis_ticks(scale, measure, gap=8, pad=3)
    for row in (ticks.minor, ticks.major):
        labelled = [t for t in row if t.label]
        for a, b in itertools.pairwise(labelled):
            assert a.label_x + a.label_width + 8 <= b.label_x + 1e-6, (a, b)
        for tick in labelled:
            assert tick.label_x >= 0
            assert tick.label_x + tick.label_width <= scale.width
    assert [t for t in ticks.minor if t.label], "every zoom labels some ticks"


def test_the_tick_unit_follows_the_zoom() -> None:
    units = [axis_ticks(s, measure).unit for s in _zooms()]
    assert [u.days for u in units] == sorted((u.days for u in units), reverse=True)
    kinds = [u.kind for u in units]
    assert kinds[0] == "years"
    assert {"months", "days"} <= set(kinds)
    assert units[-1].kind == "hours"
    day_view = axis_ticks(TimeScale(day(2018, 7, 1), day(2018, 8, 1), 1200), measure)
    assert day_view.unit.name == "day"
    assert day_view.major[0].label == "July 2018"


# --- lanes and labels --------------------------------------------------------------------


def test_a_lane_puts_overlapping_items_in_different_rows() -> None:
    packer = LanePacker(2, gap=5)
    assert packer.place(0, 100) == 0
    assert packer.place(50, 150) == 1
    assert packer.place(90, 200) is None
    assert packer.next_free() == 105
    assert packer.place(110, 120) == 0


def test_reserved_items_are_gone_around() -> None:
    packer = LanePacker(2, gap=0)
    assert packer.reserve(100, 200) == 0
    assert packer.place(0, 150) == 1
    assert packer.place(210, 300) == 0


def test_long_titles_are_elided_to_the_width() -> None:
    text = "Treaty for the purchase of Alaska signed"
    short = elide(text, 100, measure)
    assert short.endswith("…")
    assert measure(short) <= 100
    assert text.startswith(short[:-1])
    assert elide(text, 1000, measure) == text
    assert elide(text, 3, measure) == ""


def test_rows_are_shared_by_need() -> None:
    assert share_rows([1, 2, 3], 10) == [1, 2, 3]
    assert share_rows([1, 8, 8], 9) == [1, 4, 4]
    assert sum(share_rows([5, 5, 5, 5], 7)) == 7
    # A lane whose lit events need two rows side by side gets them first.
    assert share_rows([8, 2, 8], 6, firm=[1, 2, 1]) == [2, 2, 2]
    assert share_rows([8, 3, 8], 5, firm=[1, 3, 1]) == [1, 3, 1]
    assert share_rows([8, 3, 8], 4, firm=[1, 3, 1]) == [2, 1, 1]  # not all fit: as if none


# --- visible events by bisection ---------------------------------------------------------


def test_visible_events_are_found_by_bisection_as_a_full_scan_would() -> None:
    content = synthetic(3000)
    index = TimelineIndex(content.starts, content.ends, content.lanes, 3)
    rng = random.Random(3)
    for _ in range(40):
        a = rng.uniform(day(1790), day(2030))
        b = a + rng.choice((1.0, 30.0, 4000.0, 40000.0))
        for lane in range(3):
            expected = [
                n
                for n in range(len(content))
                if content.lanes[n] == lane and content.starts[n] < b and content.ends[n] > a
            ]
            walk = index.walk(lane, a, b)
            found = []
            while (event := walk.next()) is not None:
                found.append(event)
            assert sorted(found) == expected
            assert index.count(lane, a, b) == len(expected)
            starts = [content.starts[n] for n in expected]
            assert starts == sorted(starts)


@pytest.mark.parametrize("indexed_ahead", [False, True])
def test_a_whole_lane_and_part_of_it_are_walked_in_the_same_order(indexed_ahead: bool) -> None:
    content = synthetic(3000)
    # Given out of order, the events are walked by start all the same (ties by position).
    shuffled = list(range(len(content)))
    random.Random(4).shuffle(shuffled)
    starts = [content.starts[n] for n in shuffled]
    ends = [content.ends[n] for n in shuffled]
    lanes = [content.lanes[n] for n in shuffled]
    index = TimelineIndex(starts, ends, lanes, 3)
    # Made ahead (as a window does while idle) or when a walk first needs them.
    while indexed_ahead and index.index_next_lane():
        pass
    end = day(2030)
    for lane in range(3):
        everything = _walked(index, lane, -math.inf, end)
        assert everything == sorted(everything, key=lambda n: (starts[n], n))
        # A view starting after the lane's first event walks its tiers, merged back.
        later = min(starts[n] for n in everything) + 1000.0
        part = _walked(index, lane, later, end)
        assert part == [n for n in everything if ends[n] > later]


def _walked(index: TimelineIndex, lane: int, v0: float, v1: float) -> list[int]:
    walk = index.walk(lane, v0, v1)
    found = []
    while (event := walk.next()) is not None:
        found.append(event)
    return found


def test_density_bins_count_the_starts_in_each_bin() -> None:
    content = synthetic(2000, lanes=1)
    index = TimelineIndex(content.starts, content.ends, content.lanes, 1)
    edges = [day(1800 + 20 * k) for k in range(12)]
    counts = index.starts_per_bin(0, edges)
    for k, count in enumerate(counts):
        assert count == sum(1 for s in content.starts if edges[k] <= s < edges[k + 1])
    # Few starts between many edges: counted one by one, to the same effect.
    fine = [day(1900) + k * 0.5 for k in range(400)]
    assert index.starts_per_bin(0, fine) == [
        sum(1 for s in content.starts if a <= s < b) for a, b in itertools.pairwise(fine)
    ]


# --- whole frames ------------------------------------------------------------------------


def _frame(content: TimelineContent, scale: TimeScale, height: float = 600):
    index = TimelineIndex(content.starts, content.ends, content.lanes, len(content.lane_names))
    labels = LabelBook(content, measure)
    return arrange_frame(
        content, index, scale, height=height, metrics=FrameMetrics(), labels=labels
    )


@pytest.mark.parametrize("span", [80_000.0, 3000.0, 40.0, 1.0])
def test_nothing_drawn_in_a_row_overlaps(span: float) -> None:
    content = synthetic(10_000)
    centre = day(1950)
    frame = _frame(content, TimeScale(centre - span / 2, centre + span / 2, 1400))
    by_row: dict[tuple[int, int], list] = {}
    for placed in frame.events:
        by_row.setdefault((placed.lane, placed.row), []).append(placed)
    for row in by_row.values():
        row.sort(key=lambda p: p.left)
        for a, b in itertools.pairwise(row):
            assert a.right <= b.left, (a, b)
    for box in frame.lanes:
        assert box.shown + box.hidden == box.in_view
        assert sum(c for _, _, c in box.bins) <= box.hidden + box.shown
        for placed in frame.events:
            if placed.lane == box.lane:
                assert box.top <= placed.top
                assert placed.bottom <= box.bottom


@pytest.mark.parametrize("span", [80_000.0, 3000.0, 40.0])
def test_lanes_keep_their_heights_while_the_view_pans(span: float) -> None:
    content = synthetic(5000)
    scale = TimeScale(day(1900), day(1900) + span, 1400)
    heights = set()
    for _ in range(12):
        frame = _frame(content, scale)
        heights.add(tuple((box.lane, box.rows, box.top, box.bottom) for box in frame.lanes))
        scale = scale.panned(-173.0)
    assert len(heights) == 1


def test_a_lane_needs_as_many_rows_as_its_busiest_stretch() -> None:
    starts = [0.0, 1.0, 2.0, 100.0, 100.5, 101.0, 101.5]
    index = TimelineIndex(starts, [s + 1 for s in starts], [0] * len(starts), 1)
    assert index.rows_needed(0, 1.2, 16) == 3
    assert index.rows_needed(0, 3.0, 16) == 4
    assert index.rows_needed(0, 3.0, 2) == 2
    assert index.rows_needed(0, 0.1, 16) == 1


def test_a_crowded_view_shows_a_density_strip_and_draws_few_events() -> None:
    content = synthetic(10_000)
    frame = _frame(content, TimeScale(day(1790), day(2030), 1400))
    assert len(frame.events) < 300
    assert all(box.bins for box in frame.lanes)
    assert sum(box.in_view for box in frame.lanes) == len(content)


def test_the_seed_frame_draws_the_disputed_source_and_the_publications(seeded_store) -> None:
    with seeded_store.reading() as session:
        content = load_timeline(session)
    extent = content.extent()
    assert extent is not None
    frame = _frame(content, TimeScale.fitting(*extent, 1400))
    treaty = frame.placed(content.position("alaska-treaty"))
    assert treaty is not None
    assert treaty.sources
    assert treaty.sources[0].x < treaty.x  # 1859 lies left of 1867
    assert treaty.sources[0].mark.source == "Expert Insights"
    hit = frame.hit(treaty.sources[0].x, treaty.y)
    assert hit is not None
    assert hit.kind == "source"
    assert {p.publication.kind for p in frame.publications} == {"forecast", "retrospective"}
    assert {e.era.id for e in frame.eras} >= {"cold-war", "russian-america"}
    assert len(frame.events) == len(content)


@pytest.mark.parametrize(
    "view", [(day(1790), day(2030)), (day(2018, 4), day(2018, 8, 15)), (day(2018, 7), day(2018, 8))]
)
def test_a_publication_label_never_crosses_its_month_bracket(seeded_store, view) -> None:
    # The retrospective is dated July 2018: its mark brackets the month, its label beside.
    with seeded_store.reading() as session:
        content = load_timeline(session)
    frame = _frame(content, TimeScale(*view, 700))
    labelled = [p for p in frame.publications if p.label]
    assert labelled
    pad, width = frame.metrics.pad, frame.scale.width
    for placed in labelled:
        assert 0 <= placed.label_x < width, placed
        label_right = placed.label_x + placed.label_width
        if placed.to_the_day:
            continue  # no bracket: its label goes beside the mark, as an event's does
        if placed.label_x <= placed.bar_right and label_right >= placed.bar_left:
            # Inside the bracket only when it leaves no room either side (the painter then
            # breaks its line for the label).
            assert placed.bar_right + pad + placed.label_width > width, placed
            assert placed.bar_left - pad - placed.label_width < 0, placed


@pytest.mark.parametrize("span", [80_000.0, 3000.0, 40.0])
def test_panning_at_one_zoom_cuts_frames_from_lanes_packed_once(span: float) -> None:
    content = synthetic(10_000)
    index = TimelineIndex(content.starts, content.ends, content.lanes, len(content.lane_names))
    labels = LabelBook(content, measure)
    centre = day(1950)
    view = TimeScale(centre - span / 2, centre + span / 2, 1400)
    strip = pack_strip(
        content,
        index,
        view,
        reach=(view.start - span, view.end + span),
        height=600,
        metrics=FrameMetrics(),
        labels=labels,
    )
    rows_of: dict[int, tuple[int, int]] = {}
    for pixels in range(-1400, 1401, 175):
        scale = view.panned(pixels)
        assert strip.serves(scale, 600, ())
        frame = frame_from_strip(strip, content, index, scale, labels=labels)
        by_row: dict[tuple[int, int], list] = {}
        for placed in frame.events:
            # An event keeps its row while the view pans.
            assert rows_of.setdefault(placed.event, (placed.lane, placed.row)) == (
                placed.lane,
                placed.row,
            )
            by_row.setdefault((placed.lane, placed.row), []).append(placed)
            if placed.label:
                assert placed.label_x + placed.label_width <= scale.width + 0.01
            # Drawn in view: its dates, or a label reaching in from beyond the edge.
            assert placed.right > 0
            assert placed.left < scale.width
        for row in by_row.values():
            row.sort(key=lambda p: p.left)
            for a, b in itertools.pairwise(row):
                assert a.right <= b.left, (a, b)
        for box in frame.lanes:
            assert box.shown + box.hidden == box.in_view
            assert all(x + w >= 0 and x <= scale.width for x, w, _ in box.bins)
    assert not strip.serves(view.panned(-2 * 1400 - 10), 600, ())
    assert not strip.serves(view.zoomed(1.25, 700), 600, ())
    assert not strip.serves(view, 600, (3,))


def test_plain_dates_are_drawn_as_their_parsed_dates_say() -> None:
    texts = ["1867", "1867-03", "1867-03-30", "-0043-03-15", "2001-21", "1859~", "2018-07-16T10"]
    dates = [HistoricalDate.from_edtf(text) for text in texts]
    content = TimelineContent(
        title="dates",
        keys=tuple(texts),
        titles=tuple(texts),
        start_texts=tuple(texts),
        end_texts=(None,) * len(texts),
        starts=array("d", (d.axis_start() for d in dates)),
        ends=array("d", (d.axis_end() for d in dates)),
        lanes=array("H", [0] * len(texts)),
        lane_names=("Lane",),
        lane_marks=PALETTE[:1],
    )
    for event, date in enumerate(dates):
        certainty = content.certainty(event)
        assert certainty.circa == date.circa
        assert certainty.uncertain == date.uncertain
        day_known = date.precision >= 6
        assert (certainty.solid_to - certainty.solid_from > 0) == day_known, texts[event]
