"""Return what the timeline says about the thing under the pointer, as plain text.

Titles, sources and outlets come from users' files, so they are never read as markup:
``literal`` escapes the text for Qt's tooltip, which would otherwise guess that a title
such as "<b>Treaty</b>" is HTML (Qt.mightBeRichText) and render it.
"""

from __future__ import annotations

import html

from argline.gui.timeline.style import PUBLICATION_WORDS
from argline.layout.frame import Hit
from argline.layout.timeline_content import TimelineContent
from argline.model.dates import HistoricalDate, Precision, date_at_axis


def describe(hit: Hit, content: TimelineContent) -> str:
    """Return the full, plain-text description of what a point of the timeline falls on."""
    if hit.kind == "event" and hit.event is not None:
        return describe_event(content, hit.event)
    if hit.kind == "source" and hit.event is not None and hit.source is not None:
        source = hit.source
        where = f" ({source.locator})" if source.locator else ""
        return (
            f"{content.titles[hit.event]}\n"
            f"{source.date} according to {source.source}{where}\n"
            f"{event_dates(content, hit.event)} in the record"
        )
    if hit.kind == "publication" and hit.publication is not None:
        publication = hit.publication
        words = PUBLICATION_WORDS.get(publication.kind, PUBLICATION_WORDS["other"])
        outlet = f"\n{publication.outlet}" if publication.outlet else ""
        return f"{publication.title}{outlet}\n{words.capitalize()}: {publication.date}"
    if hit.kind == "era" and hit.era is not None:
        return f"{hit.era.title}\n{hit.era.dates}"
    if hit.kind == "density":
        first = _day_text(hit.start)
        last = _day_text(hit.end)
        noun = "event" if hit.count == 1 else "events"
        return (
            f"{hit.count:,} {noun} in {hit.lane} from {first} to {last}\n"
            "too close together to draw here: zoom in to see them"
        )
    return ""


def describe_event(content: TimelineContent, event: int) -> str:
    """Return an event's full title, dates, lane and the sources that date it otherwise."""
    lines = [content.titles[event], event_dates(content, event)]
    lane = content.lane_names[content.lanes[event]]
    lines.append(lane)
    for mark in content.disputes.get(event, ()):
        where = f" ({mark.locator})" if mark.locator else ""
        lines.append(f"Disputed: {mark.date} according to {mark.source}{where}")
    return "\n".join(lines)


def event_dates(content: TimelineContent, event: int) -> str:
    """Return the event's dates for people: '30 March 1867', '1812 – 1841'."""
    start = HistoricalDate.from_edtf(content.start_texts[event]).display()
    end_text = content.end_texts[event]
    if end_text is None:
        return start
    return f"{start} – {HistoricalDate.from_edtf(end_text).display()}"


def literal(text: str) -> str:
    """Return text that a Qt tooltip shows exactly as written, line breaks kept."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def _day_text(value: float) -> str:
    year, month, day = date_at_axis(value)[:3]
    return HistoricalDate(year, month, day, precision=Precision.DAY).display()
