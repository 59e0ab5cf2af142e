"""Write the timeline as a PNG, SVG or PDF image, drawn by the same code as the screen.

The image is a title, the frame (eras, lanes, events, publications, axis) and a legend.
Sizes are in pixels; the DPI scales the fonts and marks (96 draws them as on screen),
and is written into PNG and PDF files. The file is replaced only once it is complete.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

from argline.gui.headless import ensure_application
from argline.gui.image_files import DEFAULT_DPI, Page, write_image
from argline.gui.timeline.event_paint import PaintState
from argline.gui.timeline.frames import TimelineFrames
from argline.gui.timeline.legend import legend_height, paint_legend
from argline.gui.timeline.paint import paint_frame
from argline.gui.timeline.style import TimelineColours, TimelineFonts
from argline.layout.frame import FrameLayout
from argline.layout.scaled import on_scale, warp_for
from argline.layout.time_scale import TimeScale
from argline.layout.time_warp import ScaleKind
from argline.layout.timeline_content import TimelineContent
from argline.model.collector import paused_cycle_collector
from argline.model.dates import HistoricalDate, Precision, date_at_axis
from argline.ops.timeline_data import read_timeline
from argline.store import Store

DEFAULT_WIDTH = 1800
# Without a height the image is as tall as its lanes need, within these bounds.
_MIN_HEIGHT, _MAX_HEIGHT = 360, 4000
_EMPTY_RANGE = (-25567.0, 21915.0)  # 1900 to 2030


class TimelinePicture:
    """A timeline image laid out for one size and range, ready to draw any number of times."""

    def __init__(
        self,
        content: TimelineContent,
        *,
        start: HistoricalDate | float | None = None,
        end: HistoricalDate | float | None = None,
        width: int | None = None,
        height: int | None = None,
        dpi: int = DEFAULT_DPI,
        title: str | None = None,
        time_scale: ScaleKind = ScaleKind.LINEAR,
        reference: float | None = None,
    ) -> None:
        """``content`` in days; ``time_scale`` the scale drawn (a logarithmic one counts
        from the day ``reference``, else from the last event)."""
        factor = dpi / DEFAULT_DPI
        self.fonts = TimelineFonts.scaled(factor=factor)
        self.colours = TimelineColours.light()
        warp = warp_for(content, time_scale, reference)
        self.content = on_scale(content, warp)
        self.dpi = dpi
        self.width = int(width or round(DEFAULT_WIDTH * factor))
        m = self.fonts.metrics
        self.margin = round(16 * factor)
        inner = max(self.width - 2 * self.margin, 1)
        first, last = _range(content, start, end)
        self.first, self.last = first, last
        self.dates = (_date_text(start, first), _date_text(end, last - 0.5))
        scale = (
            TimeScale(warp.units(first), warp.units(last), inner)
            if start is not None and end is not None
            else TimeScale.fitting(warp.units(first), warp.units(last), inner, margin=0.02)
        )
        self.title = title or content.title or "Timeline"
        heading = self.fonts.heading
        self.title_height = (
            math.ceil(_line_height(heading) + _line_height(self.fonts.small)) + self.margin
        )
        self.legend_height = legend_height(inner, self.fonts) + m.gap
        frames = TimelineFrames(self.content, self.fonts)
        chrome = self.title_height + self.legend_height + 2 * self.margin
        if height is None:
            probe = frames.arrange_once(scale, _MAX_HEIGHT)
            height = round(min(max(chrome + _needed(probe), _MIN_HEIGHT), _MAX_HEIGHT))
        self.height = int(height)
        self.frame: FrameLayout = frames.arrange_once(scale, max(self.height - chrome, 1.0))

    def subtitle(self) -> str:
        count = sum(box.in_view for box in self.frame.lanes)
        noun = "event" if count == 1 else "events"
        return f"{self.dates[0]} – {self.dates[1]} · {count:,} {noun}"

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        """Draw the title, the frame and the legend into ``rect`` (the image's own size), on
        a surface already filled with the background, as every writer and the preview do."""
        fonts, colours, margin = self.fonts, self.colours, self.margin
        painter.save()
        painter.translate(rect.topLeft())
        painter.scale(rect.width() / self.width, rect.height() / self.height)
        painter.setPen(colours.text)
        painter.setFont(fonts.heading)
        heading_ascent = QFontMetricsF(fonts.heading).ascent()
        painter.drawText(QPointF(margin, margin + heading_ascent), self.title)
        painter.setFont(fonts.small)
        painter.setPen(colours.muted)
        painter.drawText(
            QPointF(margin, margin + _line_height(fonts.heading) + _line_height(fonts.small) * 0.8),
            self.subtitle(),
        )
        painter.save()
        painter.translate(margin, margin + self.title_height)
        paint_frame(
            painter, self.frame, self.content, colours, fonts, state=PaintState(on_screen=False)
        )
        painter.restore()
        legend_top = margin + self.title_height + self.frame.height + fonts.metrics.gap
        paint_legend(
            painter,
            QRectF(margin, legend_top, self.width - 2 * margin, self.legend_height),
            colours,
            fonts,
        )
        painter.restore()


def export_timeline_image(
    store: Store,
    path: Path,
    *,
    start: HistoricalDate | float | None = None,
    end: HistoricalDate | float | None = None,
    width: int | None = None,
    height: int | None = None,
    dpi: int = DEFAULT_DPI,
    title: str | None = None,
    page: Page | None = None,
    time_scale: ScaleKind = ScaleKind.LINEAR,
    reference: float | None = None,
) -> None:
    """Write the store's timeline from ``start`` to ``end`` (default: all) to ``path``, as
    ``write_timeline_image`` does: what the command line exports, with no window open."""
    # Read, laid out and drawn with the collector held off (see write_timeline_image), and
    # the content dropped before it runs again, or its first pass would read every title
    # (30–40 ms at 100,000 events) only to find that none can be part of a cycle.
    with paused_cycle_collector():
        with store.plain_reading() as cursor:
            content = read_timeline(cursor)
        write_timeline_image(
            content,
            path,
            start=start,
            end=end,
            width=width,
            height=height,
            dpi=dpi,
            title=title,
            page=page,
            time_scale=time_scale,
            reference=reference,
        )
        del content


def write_timeline_image(
    content: TimelineContent,
    path: Path,
    *,
    start: HistoricalDate | float | None = None,
    end: HistoricalDate | float | None = None,
    width: int | None = None,
    height: int | None = None,
    dpi: int = DEFAULT_DPI,
    title: str | None = None,
    page: Page | None = None,
    time_scale: ScaleKind = ScaleKind.LINEAR,
    reference: float | None = None,
) -> None:
    """Write the timeline of ``content`` from ``start`` to ``end`` (default: all) to ``path``:
    the window writes the content it shows, with no read of the store.

    The suffix picks PNG, SVG (text kept as text) or PDF (one page: ``page``, else the
    picture's size). Raises WriteFailed,
    saying why, when the file cannot be written; an earlier file is then left as it was.
    """
    ensure_application()  # fonts need one; offscreen where there is no display
    # The layout and the drawing make many objects and no reference cycles: the cycle
    # collector would walk the 100,000 rows again and again for nothing.
    with paused_cycle_collector():
        picture = TimelinePicture(
            content,
            start=start,
            end=end,
            width=width,
            height=height,
            dpi=dpi,
            title=title,
            time_scale=time_scale,
            reference=reference,
        )
        write_image(
            path,
            picture.draw,
            width=picture.width,
            height=picture.height,
            dpi=dpi,
            title=picture.title,
            background=picture.colours.background,
            page=page,
        )
        del picture


def _range(
    content: TimelineContent,
    start: HistoricalDate | float | None,
    end: HistoricalDate | float | None,
) -> tuple[float, float]:
    extent = content.extent() or _EMPTY_RANGE
    first = _axis(start, extent[0], at_end=False)
    last = _axis(end, extent[1], at_end=True)
    if last <= first:
        last = first + 1.0
    return first, last


def _axis(value: HistoricalDate | float | None, default: float, *, at_end: bool) -> float:
    if value is None:
        return default
    if isinstance(value, HistoricalDate):
        return value.axis_end() if at_end else value.axis_start()
    return float(value)


def _needed(frame: FrameLayout) -> float:
    """Return the frame height that shows its lanes' rows with no spare height."""
    m = frame.metrics
    lanes = sum(m.lane_header + m.density_height + box.rows * m.row_height for box in frame.lanes)
    return frame.lanes_top + lanes + (frame.height - frame.lanes_bottom)


def _line_height(font: QFont) -> float:
    return QFontMetricsF(font).height()


def _date_text(given: HistoricalDate | float | None, value: float) -> str:
    if isinstance(given, HistoricalDate):
        return given.display()
    year, month, day = date_at_axis(value)[:3]
    return HistoricalDate(year, month, day, precision=Precision.DAY).display()
