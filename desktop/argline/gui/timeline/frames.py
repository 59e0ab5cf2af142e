"""Return laid-out frames of a loaded timeline, for the screen and for images alike."""

from __future__ import annotations

from collections.abc import Collection

from argline.gui.timeline.style import TimelineFonts
from argline.layout.arrange import arrange_frame
from argline.layout.frame import FrameLayout
from argline.layout.labels import LabelBook
from argline.layout.time_scale import TimeScale
from argline.layout.timeline_content import TimelineContent
from argline.layout.visible import TimelineIndex


class TimelineFrames:
    """A timeline's content with its index of sorted arrays and its measured labels."""

    __slots__ = ("content", "fonts", "index", "labels")

    def __init__(self, content: TimelineContent, fonts: TimelineFonts) -> None:
        self.content = content
        self.fonts = fonts
        self.index = TimelineIndex(
            content.starts, content.ends, content.lanes, len(content.lane_names)
        )
        self.labels = LabelBook(content, fonts.measure, fonts.metrics.max_label)

    def with_fonts(self, fonts: TimelineFonts) -> TimelineFrames:
        """Return frames of the same content measured with other fonts (the index is kept)."""
        other = object.__new__(TimelineFrames)
        other.content, other.fonts, other.index = self.content, fonts, self.index
        other.labels = LabelBook(self.content, fonts.measure, fonts.metrics.max_label)
        return other

    def arrange(
        self,
        scale: TimeScale,
        height: float,
        *,
        pinned: Collection[int] = (),
        scroll: float = 0.0,
    ) -> FrameLayout:
        """Return the layout of one frame of ``scale.width`` × ``height`` pixels."""
        return arrange_frame(
            self.content,
            self.index,
            scale,
            height=height,
            metrics=self.fonts.metrics,
            labels=self.labels,
            pinned=pinned,
            scroll=scroll,
        )
