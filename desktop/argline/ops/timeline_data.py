"""Read what the timeline draws straight from the stored axis columns, in one short read.

Events come back as columns (argline.layout.timeline_content): their axis values are
already in the table, so no EDTF is parsed here except for the few events whose
sources give dates, to tell which of those dates disagree with the accepted one. Plain
SQL over a driver's cursor (ops.plain_reads): the first window reads it with sqlite3.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from argline.layout.timeline_content import EraBand, Publication, SourceMark, TimelineContent
from argline.model.dates import HistoricalDate
from argline.model.entities import Assessment
from argline.ops.plain_reads import (
    fetch_all,
    read_assessments,
    read_eras,
    read_title,
)
from argline.store.cursor import Cursor, session_cursor

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Events without a category share a lane, named so that it reads as one.
UNSORTED_LANE = "No category"


def load_timeline(session: Session) -> TimelineContent:
    """Return the store's events (by start), eras, publications and disputed dates."""
    with session_cursor(session) as cursor:
        return read_timeline(cursor)


def read_timeline(cursor: Cursor) -> TimelineContent:
    """Return what ``load_timeline`` does, read with any driver's cursor."""
    # Ties in order of insertion: the index on axis_start holds them so, and ordering
    # them by key too made SQLite sort 100,000 rows again (~35 ms of 210).
    rows = fetch_all(
        cursor,
        'SELECT key, title, category, start, "end", axis_start, axis_end FROM events'
        " ORDER BY axis_start, id",
    )
    columns = tuple(zip(*rows, strict=True)) or ((),) * 7
    keys, titles, categories, start_texts, end_texts, starts, ends = columns
    named = set(categories)
    lane_names = tuple(sorted({c or UNSORTED_LANE for c in named}, key=_lane_order))
    lane_of = {name: lane for lane, name in enumerate(lane_names)}
    lane_of.update((c, lane_of[UNSORTED_LANE]) for c in named if not c)
    assessments = read_assessments(cursor)
    return TimelineContent(
        title=read_title(cursor),
        keys=keys,
        titles=titles,
        start_texts=start_texts,
        end_texts=end_texts,
        starts=array("d", starts),
        ends=array("d", ends),
        lanes=array("H", map(lane_of.__getitem__, categories)),
        lane_names=lane_names,
        eras=tuple(
            EraBand(
                era.id,
                era.title,
                era.start.axis_start(),
                era.end.axis_end(),
                f"{era.start.display()} – {era.end.display()}",
            )
            for era in read_eras(cursor)
        ),
        publications=tuple(_publication(a) for a in assessments if a.published is not None),
        disputes=_disputes(cursor, keys, starts, assessments),
    )


def _lane_order(name: str) -> tuple[bool, str]:
    # Alphabetical, so a lane stays put as events are added; the unsorted lane last.
    return (name == UNSORTED_LANE, name.casefold())


def _publication(assessment: Assessment) -> Publication:
    published = assessment.published
    assert published is not None
    return Publication(
        assessment.id,
        assessment.title,
        assessment.outlet,
        assessment.kind.value,
        published.axis_start(),
        published.axis_end(),
        published.display(),
    )


def _disputes(
    cursor: Cursor,
    keys: Sequence[str],
    starts: Sequence[float],
    assessments: tuple[Assessment, ...],
) -> dict[int, tuple[SourceMark, ...]]:
    """Return, by event position, the source dates that disagree with the accepted start."""
    names = {a.id: a.outlet or a.title for a in assessments}

    def position(key: str, axis_start: float) -> int:
        # Events are in order of start: bisect the start, then find the key among the
        # few sharing it, rather than index every key of a large store.
        found = bisect_left(starts, axis_start)
        while keys[found] != key:
            found += 1
        return found

    rows = fetch_all(
        cursor,
        "SELECT e.key, e.axis_start, e.start, d.source, d.date, d.locator"
        " FROM source_dates AS d JOIN events AS e ON d.event_id = e.id"
        " ORDER BY e.key, d.ordinal",
    )
    marks: dict[int, list[SourceMark]] = defaultdict(list)
    accepted: dict[str, HistoricalDate] = {}
    for key, axis_start, start_text, source, date_text, locator in rows:
        start = accepted.get(key) or accepted.setdefault(key, HistoricalDate.from_edtf(start_text))
        date = HistoricalDate.from_edtf(date_text)
        if not date.agrees_with(start):
            marks[position(key, axis_start)].append(
                SourceMark(
                    names.get(source, source),
                    locator,
                    date.display(),
                    date.axis_start(),
                    date.axis_end(),
                )
            )
    return {position: tuple(found) for position, found in marks.items()}
