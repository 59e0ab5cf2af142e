"""Return laid-out frames of a loaded timeline, for the screen and for images alike."""

from __future__ import annotations

from collections.abc import Collection

from argline.gui.timeline.style import TimelineFonts
from argline.layout.arrange import arrange_frame, frame_from_strip
from argline.layout.frame import FrameLayout
from argline.layout.labels import LabelBook, Measure
from argline.layout.splice import Splice
from argline.layout.strip import PackedStrip, pack_strip
from argline.layout.time_scale import TimeScale
from argline.layout.timeline_content import TimelineContent
from argline.layout.visible import TimelineIndex

# A zoom's lanes are packed this many view-widths either side of the view when the view
# pans out of what was packed; the first frame at a new zoom packs a tenth either side.
_PAN_REACH, _ZOOM_REACH = 1.0, 0.1
# When the whole corpus (with the view) is no wider than this many views, panning packs it
# whole: it then never packs again at that zoom.
_WHOLE_WIDTHS = 3.0
# Widths remembered per font, dropped wholesale past this many texts.
_MEASURED_LIMIT = 50_000


class TimelineFrames:
    """A timeline's content with its index of sorted arrays and its measured labels.

    Frames are cut from the lanes packed at the current zoom over a stretch wider than the
    view (argline.layout.strip.PackedStrip): panning reuses them; a new zoom, height,
    selection or highlight packs again, and new content or fonts make new frames.
    """

    __slots__ = ("_measure", "_strip", "content", "fonts", "index", "labels")

    def __init__(
        self,
        content: TimelineContent,
        fonts: TimelineFonts,
        *,
        index: TimelineIndex | None = None,
    ) -> None:
        """``index``: the content's, already made (for other fonts, the same index serves)."""
        self.content = content
        self.fonts = fonts
        self.index = index or TimelineIndex(
            content.starts, content.ends, content.lanes, len(content.lane_names)
        )
        self._measure = _remembered(fonts.measure)
        self.labels = LabelBook(content, self._measure)
        self._strip: PackedStrip | None = None

    def with_fonts(self, fonts: TimelineFonts) -> TimelineFrames:
        """Return frames of the same content measured with other fonts (the index is kept)."""
        return TimelineFrames(self.content, fonts, index=self.index)

    def take(self, content: TimelineContent, splice: Splice | None = None) -> None:
        """Show ``content``: the events spliced in and out of the one shown (``splice``) or,
        without one, the same events with other eras, publications or disputes.

        The index follows the splice, lane by lane; labels are measured again as frames
        need them (widths are remembered by text), and the next frame packs its lanes anew.
        """
        old = self.content
        # A splice that kept every start, end and lane (a renamed event) shares those columns.
        moved = not (
            content.starts is old.starts and content.ends is old.ends and content.lanes is old.lanes
        )
        if splice is not None and moved:
            self.index.follow(splice, old.lanes, content.starts, content.ends, content.lanes)
        self.content = content
        self.labels = LabelBook(content, self._measure)
        self._strip = None

    def arrange(
        self,
        scale: TimeScale,
        height: float,
        *,
        pinned: Collection[int] = (),
        scroll: float = 0.0,
    ) -> FrameLayout:
        """Return the layout of one frame of ``scale.width`` × ``height`` pixels.

        ``pinned`` events (the selection, then the lit events) are drawn wherever they are
        in view, however crowded their lane.
        """
        pinned = tuple(pinned)
        strip = self._strip
        if strip is None or not strip.serves(scale, height, pinned):
            strip = self._strip = pack_strip(
                self.content,
                self.index,
                scale,
                reach=self._reach(scale, strip),
                height=height,
                metrics=self.fonts.metrics,
                labels=self.labels,
                pinned=pinned,
            )
        return frame_from_strip(
            strip, self.content, self.index, scale, labels=self.labels, scroll=scroll
        )

    def arrange_once(self, scale: TimeScale, height: float) -> FrameLayout:
        """Return the layout of one frame packed for itself alone, as an image needs."""
        return arrange_frame(
            self.content,
            self.index,
            scale,
            height=height,
            metrics=self.fonts.metrics,
            labels=self.labels,
        )

    def _reach(self, scale: TimeScale, old: PackedStrip | None) -> tuple[float, float]:
        """Return the stretch of days to pack at this scale's zoom."""
        span = scale.span
        if old is None or not old.same_zoom(scale):
            # A new zoom, often one wheel step of several: packing what the view shows
            # soon is what counts; what panning needs is packed when it pans there.
            return scale.start - span * _ZOOM_REACH, scale.end + span * _ZOOM_REACH
        extent = self.index.extent()
        if extent is not None:
            first, last = min(extent[0], scale.start), max(extent[1], scale.end)
            if last - first <= span * _WHOLE_WIDTHS:
                # Beyond the corpus there is nothing to pack: a wide margin costs little.
                return first - span * _PAN_REACH, last + span * _PAN_REACH
        return scale.start - span * _PAN_REACH, scale.end + span * _PAN_REACH


def _remembered(measure: Measure) -> Measure:
    """Return the measure remembering the widths it gave: axis labels and the labels cut
    short at the view's edge are measured again frame after frame while the view pans."""
    known: dict[str, float] = {}

    def remembered(text: str) -> float:
        width = known.get(text)
        if width is None:
            if len(known) > _MEASURED_LIMIT:
                known.clear()
            width = known[text] = measure(text)
        return width

    return remembered
