"""Pack a zoom's lanes once, over a stretch wider than the view (a PackedStrip).

Rows are shared out among the lanes by what each needs at this zoom; within a lane, events
arrive by start from the index and each takes the first row where its glyph, bar, label
and ghost dates overlap nothing. When every row is taken at a point, the walk skips to
where a row frees up: what it passes over is counted into the lane's density strip
(density_bins) instead of being visited. Frames are cut from the strip (arrange).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from argline.layout.bands import era_row_count
from argline.layout.density_bins import DensityBins, hidden_bins
from argline.layout.event_geometry import drop_label, event_placing
from argline.layout.frame import DensityStrip, FrameMetrics, PlacedEvent
from argline.layout.labels import LabelBook
from argline.layout.lanes import LanePacker
from argline.layout.time_scale import TimeScale
from argline.layout.timeline_content import TimelineContent
from argline.layout.visible import TimelineIndex

# A point's glyph sits mid-day, its left edge up to half a day after its start: skipping
# goes back a day so as not to pass over an event that would still fit.
_SKIP_SLACK_DAYS = 1.0


# However tall the view, a lane gets no more rows than this: beyond, a density strip reads better.
MAX_LANE_ROWS = 16


@dataclass(slots=True)
class PackedStrip:
    """A zoom's lanes packed once over a stretch at least as wide as the view.

    Frames at the same zoom, height and pins whose view lies inside the stretch are cut
    from it (frame_from_strip), so panning costs no packing: events keep their rows, and
    the density bins, counted once, stay on their grid.
    """

    scale: TimeScale
    view_width: float
    height: float
    metrics: FrameMetrics
    pinned: tuple[int, ...]
    allotted: list[int]
    era_rows: int
    publication_rows: int
    # Per lane, in the strip's pixels: the placed events by left edge, each at its row's
    # height below the lane's first row (a frame puts its copies below its lane boxes'
    # rows_top); the hidden events' histogram.
    events: list[list[PlacedEvent]]
    density: list[DensityStrip]

    def same_zoom(self, scale: TimeScale) -> bool:
        """Tell whether the scale shows as many days per pixel as the strip was packed at."""
        dpp = self.scale.days_per_pixel
        return abs(scale.days_per_pixel - dpp) <= dpp * 1e-9 and scale.width == self.view_width

    def serves(self, scale: TimeScale, height: float, pinned: tuple[int, ...]) -> bool:
        """Tell whether a frame of this scale, height and pins can be cut from the strip."""
        own = self.scale
        return (
            self.same_zoom(scale)
            and height == self.height
            and pinned == self.pinned
            and own.start <= scale.start
            and scale.end <= own.end
        )


def pack_strip(
    content: TimelineContent,
    index: TimelineIndex,
    scale: TimeScale,
    *,
    reach: tuple[float, float],
    height: float,
    metrics: FrameMetrics,
    labels: LabelBook,
    pinned: Collection[int] = (),
) -> PackedStrip:
    """Return the lanes packed from ``reach[0]`` to ``reach[1]`` (days) at ``scale``'s zoom.

    ``reach`` should hold the view; rows are shared as for a frame of ``scale``'s size.
    Labels that would run past the view's right end go before their marks there, as in
    a frame packed on its own; further right, past the end of the strip.
    """
    m = metrics
    dpp = scale.days_per_pixel
    first, last = min(reach[0], scale.start), max(reach[1], scale.end)
    own = TimeScale(first, last, (last - first) / dpp)
    era_rows = era_row_count(content)
    publication_rows = min(2, len(content.publications))
    lane_count = len(content.lane_names)
    available = publications_band_top(height, m, publication_rows) - era_rows * m.row_height
    total_rows = max(0, int((available - lane_count * lane_fixed_height(m)) // m.row_height))
    least = max(1, m.min_lane_rows)
    # Rows are shared by what each lane needs at this zoom over the whole corpus, not in
    # view: the lanes keep their heights while the view pans.
    item_days = (m.glyph + m.pad + labels.typical_width() + m.gap) * dpp
    # The estimate counts starts, not ghost dates or long bars: half as much again leaves
    # room for them.
    needed = [index.rows_needed(lane, item_days, MAX_LANE_ROWS) for lane in range(lane_count)]
    demand = [max(least, min(MAX_LANE_ROWS, n + n // 2)) for n in needed]
    pinned_by_lane: dict[int, list[int]] = defaultdict(list)
    for event in sorted(pinned, key=content.starts.__getitem__):
        pinned_by_lane[content.lanes[event]].append(event)
    firm = [least] * lane_count  # rows a lane gets before any other lane gets more
    for lane, pins in pinned_by_lane.items():
        # Pinned events ask for the rows they need side by side, in view or not, so that
        # the lane keeps its height while the view pans; they get them before the rest.
        firm[lane] = max(least, _rows_for(pins, content, scale, labels, m))
        demand[lane] = max(demand[lane], firm[lane])
    allotted = share_rows(demand, total_rows, least, firm=firm)
    events: list[list[PlacedEvent]] = []
    density: list[DensityStrip] = []
    bins = DensityBins.of(own, m)
    for lane in range(lane_count):
        packed = _pack_lane(
            own,
            m,
            lane,
            allotted[lane],
            content=content,
            index=index,
            labels=labels,
            pinned=[
                event
                for event in pinned_by_lane.get(lane, ())
                if content.starts[event] < own.end and content.ends[event] > own.start
            ],
            edge=own.x(scale.end),
            view_left=own.x(scale.start),
        )
        packed.sort(key=left_edge)
        events.append(packed)
        density.append(hidden_bins(own, bins, lane, content=content, index=index, placed=packed))
    return PackedStrip(
        scale=own,
        view_width=scale.width,
        height=height,
        metrics=m,
        pinned=tuple(pinned),
        allotted=allotted,
        era_rows=era_rows,
        publication_rows=publication_rows,
        events=events,
        density=density,
    )


def lane_fixed_height(m: FrameMetrics) -> float:
    """Return the height every lane takes besides its rows: its header and density strip."""
    return m.lane_header + m.density_height


def publications_band_top(height: float, m: FrameMetrics, publication_rows: int) -> float:
    top = height - m.axis_height
    if publication_rows:
        top -= m.lane_header + publication_rows * m.row_height
    return top


def left_edge(placed: PlacedEvent) -> float:
    return placed.left


def share_rows(
    demand: list[int], total: int, least: int = 1, *, firm: list[int] | None = None
) -> list[int]:
    """Return the rows each lane gets: what it asks for if all fit, else a fair share.

    Every lane gets at least ``least``, and its ``firm`` rows (those its lit events need
    side by side) where all of those fit; beyond that the rows are filled level by level,
    so a lane asking for few gets them all and the crowded lanes split what is left.
    """
    if sum(demand) <= total:
        return list(demand)
    given = [least] * len(demand)
    if firm is not None and sum(firm) <= total:
        given = [max(least, rows) for rows in firm]
    left = total - sum(given)
    while left > 0:
        wanting = [k for k, d in enumerate(demand) if given[k] < d]
        if not wanting:
            break
        for k in wanting[:left]:
            given[k] += 1
        left -= min(left, len(wanting))
    return given


def _rows_for(
    events: list[int],
    content: TimelineContent,
    scale: TimeScale,
    labels: LabelBook,
    m: FrameMetrics,
) -> int:
    """Return how many rows (at most MAX_LANE_ROWS) these events take side by side."""
    if len(events) == 1:
        return 1
    packer = LanePacker(MAX_LANE_ROWS, m.gap)
    geometry = event_placing(content, scale, labels, m)
    rows = 0
    for event in events[: MAX_LANE_ROWS * 8]:  # a long selection: its first ones suffice
        placed = geometry(event)
        rows = max(rows, packer.reserve_anyway(placed.left, placed.right) + 1)
    return rows


def _pack_lane(
    scale: TimeScale,
    m: FrameMetrics,
    lane: int,
    rows: int,
    *,
    content: TimelineContent,
    index: TimelineIndex,
    labels: LabelBook,
    pinned: Collection[int],
    edge: float | None = None,
    view_left: float = 0.0,
) -> list[PlacedEvent]:
    """Return the lane's events in ``scale``'s view placed in up to ``rows`` rows, skipping
    what cannot fit, each at its row's height below the lane's first row."""
    packer = LanePacker(rows, m.gap)
    place, next_free = packer.place, packer.next_free
    geometry = event_placing(content, scale, labels, m, edge=edge, view_left=view_left)
    row_height = m.row_height
    placed: list[PlacedEvent] = []
    half = m.glyph / 2
    for pin in pinned:
        candidate = geometry(pin)
        row = packer.reserve(candidate.left, candidate.right)
        if row is None:
            # No row has room for it whole: it is drawn all the same, but its label would
            # cover another pinned event's, so it goes without.
            drop_label(candidate, half)
            row = packer.reserve_anyway(candidate.left, candidate.right)
        candidate.row = row
        candidate.top = candidate.row * row_height
        candidate.bottom = candidate.top + row_height
        placed.append(candidate)
    walk = index.walk(lane, scale.start, scale.end)
    walk_next, skip_to = walk.next, walk.skip_to
    starts, ends, end_texts = content.starts, content.ends, content.end_texts
    # Pixels worked out as scale.x and scale.value_at do, operation for operation (so to the
    # same bits), without a call for each of the events walked past.
    origin, width, days = scale.start, scale.width, scale.end - scale.start
    reserved = set(pinned)
    free = next_free()
    while (event := walk_next()) is not None:
        if event in reserved:
            continue
        # An item reaches at least to half a glyph left of its middle (labels and ghost
        # dates only reach further): left of where the first row frees up, it cannot fit,
        # and is passed over without working out where it would go.
        start, end = starts[event], ends[event]
        if ((start + end) / 2 - origin) * width / days - half < free:
            skip_to(origin + free * days / width - _SKIP_SLACK_DAYS)
            continue
        if end - start > 1.0:
            # A bar reaches from its start less half a glyph, a bracket from its start: if
            # that cannot fit, neither can the whole, and its label need not be measured.
            first = (start - origin) * width / days
            near = first - half if end_texts[event] is not None else first
            if near < free:
                reach = max(first - near, 0.0)
                skip_to(origin + (free + reach) * days / width - _SKIP_SLACK_DAYS)
                continue
        candidate = geometry(event)
        row = place(candidate.left, candidate.right)
        if row is None:
            # Events after this one reach as far left of their start as it does (half a
            # glyph; a label's width too near the right edge, where labels go left), so
            # none starting before this value can fit: pass over them in one bisect.
            reach = max(scale.x(start) - candidate.left, 0.0)
            skip_to(scale.value_at(free + reach) - _SKIP_SLACK_DAYS)
            continue
        candidate.row = row
        candidate.top = row * row_height
        candidate.bottom = candidate.top + row_height
        placed.append(candidate)
        free = next_free()
    return placed
