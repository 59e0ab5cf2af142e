"""Count, per lane, the events a packed strip passes over into its density strip.

The packer only places what fits; what it skips is counted here, bin by bin on a grid
fixed to the axis at the zoom, so the bins stay put while the view pans.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import repeat
from operator import add, mul

from argline.layout.frame import DensityStrip, FrameMetrics, PlacedEvent
from argline.layout.time_scale import TimeScale
from argline.layout.timeline_content import TimelineContent
from argline.layout.visible import TimelineIndex


@dataclass(frozen=True, slots=True)
class DensityBins:
    """The density strips' pixel bins at a zoom: the same for every lane of a stretch.

    Bins lie on a grid fixed to the axis at this zoom, so they stay put while the view pans:
    bin ``k`` runs from day ``edges[k]`` to ``edges[k + 1]``, from pixel ``offset + k *
    width``.
    """

    first: float
    offset: float
    width: float
    count: int
    edges: list[float]

    @classmethod
    def of(cls, scale: TimeScale, m: FrameMetrics) -> DensityBins:
        width = m.bin_width
        step = width * scale.days_per_pixel
        first = math.floor(scale.start / step) * step
        offset = scale.x(first)
        count = int((scale.width - offset) // width) + 1
        # first + k * step, for each k: hundreds of edges, made without a loop.
        edges = list(map(add, repeat(first), map(mul, range(count + 1), repeat(step))))
        return cls(first, offset, width, count, edges)


def hidden_bins(
    scale: TimeScale,
    bins: DensityBins,
    lane: int,
    *,
    content: TimelineContent,
    index: TimelineIndex,
    placed: list[PlacedEvent],
) -> DensityStrip:
    """Return the lane's density strip: how many events that are not placed start in each
    of the ``bins``."""
    first, offset, width, count = bins.first, bins.offset, bins.width, bins.count
    counts = index.starts_per_bin(lane, bins.edges)
    starts = content.starts
    # Pixels worked out as scale.x does, to the same bits, without a call for each event.
    origin, pixels, days = scale.start, scale.width, scale.end - scale.start
    for shown in placed:
        start = starts[shown.event]
        if first <= start:
            k = int(((start - origin) * pixels / days - offset) // width)
            if k < count:
                counts[k] -= 1
    return DensityStrip(offset, width, counts)
