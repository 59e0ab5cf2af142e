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
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from argline.layout.splice import Splice
from argline.layout.timeline_content import (
    EraBand,
    EventColumns,
    Publication,
    SourceMark,
    TimelineContent,
)
from argline.model.dates import HistoricalDate
from argline.model.entities import Assessment
from argline.model.lanes import UNSORTED_LANE, LaneMark, lane_name, lane_order
from argline.ops.plain_reads import (
    fetch_all,
    read_assessments,
    read_eras,
    read_lanes,
    read_title,
)
from argline.ops.timeline_pack import TimelineEvents, count_of_changes, read_pack
from argline.store.cursor import Cursor, session_cursor
from argline.store.timeline_changes import PACKED_EVENT_COLUMNS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_ROWS_AT_ONCE = 10_000


def load_timeline(session: Session) -> TimelineContent:
    """Return the store's events (by start), eras, publications and disputed dates."""
    with session_cursor(session) as cursor:
        return read_timeline(cursor)


def read_timeline(cursor: Cursor) -> TimelineContent:
    """Return what ``load_timeline`` does, read with any driver's cursor."""
    return read_timeline_counted(cursor)[0]


def read_timeline_counted(cursor: Cursor) -> tuple[TimelineContent, int | None]:
    """Return what ``read_timeline`` does, and, when its events came from their rows in a
    file, the count of changes they were read at (what a pack of them is stamped with:
    argline.ops.timeline_pack); None when they came from a pack, or from a server."""
    changes = count_of_changes(cursor)
    if changes is not None and (packed := read_pack(cursor, changes)) is not None:
        try:
            return _content(cursor, packed), None
        except (KeyError, IndexError):  # a pack at odds with the file's lanes or dates
            pass
    return _content(cursor, _read_events(cursor)), changes


def _content(cursor: Cursor, events: TimelineEvents) -> TimelineContent:
    """Return the timeline of these events, with what else it draws read beside them."""
    assessments = read_assessments(cursor)
    return TimelineContent(
        title=read_title(cursor),
        keys=events.keys,
        titles=events.titles,
        start_texts=events.start_texts,
        end_texts=events.end_texts,
        starts=events.starts,
        ends=events.ends,
        lanes=events.lanes,
        lane_names=events.lane_names,
        lane_marks=_lane_marks(cursor, events.lane_names),
        eras=_era_bands(cursor),
        publications=tuple(_publication(a) for a in assessments if a.published is not None),
        disputes=_disputes(cursor, events.keys, events.starts),
    )


def _read_events(cursor: Cursor) -> TimelineEvents:
    """Return the events read from their rows, in start order."""
    named = {row[0] for row in fetch_all(cursor, "SELECT DISTINCT category FROM events")}
    # Alphabetical, so a lane stays put as events are added; the unsorted lane last.
    lane_names = tuple(sorted({lane_name(c) for c in named}, key=lane_order))
    lane_of = {name: lane for lane, name in enumerate(lane_names)}
    lane_of.update((c, lane_of[UNSORTED_LANE]) for c in named if not c)
    keys: list[str] = []
    titles: list[str] = []
    start_texts: list[str] = []
    end_texts: list[str | None] = []
    starts, ends, lanes = array("d"), array("d"), array("H")
    # Ties in order of insertion: the index on axis_start holds them so, and ordering
    # them by key too made SQLite sort 100,000 rows again (~35 ms of 210).
    cursor.execute(f"SELECT {PACKED_EVENT_COLUMNS} FROM events ORDER BY axis_start, id")
    # Rows by the thousand, into columns: all the rows at once and their columns beside
    # them took 215 MB more at 1,000,000 events, as did the numbers and categories as
    # objects before they became arrays.
    while rows := cursor.fetchmany(_ROWS_AT_ONCE):
        key, title, category, start_text, end_text, start, end = zip(*rows, strict=True)
        keys += key
        titles += title
        start_texts += start_text
        end_texts += end_text
        starts.extend(start)
        ends.extend(end)
        lanes.extend(map(lane_of.__getitem__, category))
    return TimelineEvents(
        tuple(keys),
        tuple(titles),
        tuple(start_texts),
        tuple(end_texts),
        starts,
        ends,
        lanes,
        lane_names,
    )


def _lane_marks(cursor: Cursor, lane_names: Sequence[str]) -> tuple[LaneMark, ...]:
    """Return each lane's stored mark, in the order of ``lane_names``."""
    marks = {lane.name: lane.mark for lane in read_lanes(cursor)}
    return tuple(marks[name] for name in lane_names)


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


def read_changed_events(
    cursor: Cursor, content: TimelineContent, keys: Collection[str]
) -> tuple[TimelineContent, Splice] | None:
    """Return the content with these events (edited, added or deleted) read again, and how
    the positions of the others moved; None when the lanes change with them (a category
    new to the timeline, or a lane's last event gone), which only a whole read can tell.

    The ids of the events starting when the edited ones now start are read with them, in
    the store's order, so that each goes in among those where a whole read would put it.
    """
    if not keys or any("\0" in key for key in keys):
        return None  # no SQL text holds a NUL; a whole read finds the event all the same
    named = _sql_list(keys)
    tied = fetch_all(
        cursor,
        "SELECT key, axis_start FROM events WHERE axis_start IN"
        f" (SELECT axis_start FROM events WHERE key IN ({named})) ORDER BY axis_start, id",
    )
    order = {key: n for n, (key, _) in enumerate(tied)}
    rows = sorted(
        fetch_all(cursor, f"SELECT {PACKED_EVENT_COLUMNS} FROM events WHERE key IN ({named})"),
        key=lambda row: order[row[0]],
    )
    lane_of = {name: lane for lane, name in enumerate(content.lane_names)}
    if UNSORTED_LANE in lane_of:
        lane_of[""] = lane_of[UNSORTED_LANE]
    if any((category or "") not in lane_of for _, _, category, *_ in rows):
        return None
    removed = sorted(position for key in keys if (position := content.position(key)) is not None)
    # Before each event read, in the store's order: the events of its start that stay put.
    changed = set(keys)
    staying_before: dict[str, int] = {}
    staying, current = 0, None
    for key, start in tied:
        if start != current:
            staying, current = 0, start
        if key in changed:
            staying_before[key] = staying
        else:
            staying += 1
    marks = _disagreeing(cursor, f"e.key IN ({named})") if rows else {}
    events = [
        EventColumns(
            key,
            title,
            start_text,
            end_text,
            start,
            end,
            lane_of[category or ""],
            tuple(mark for _, mark in marks.get(key, ())),
        )
        for key, title, category, start_text, end_text, start, end in rows
    ]
    spliced, splice = content.spliced(removed, events, [staying_before[e.key] for e in events])
    if any(content.lanes[position] not in spliced.lanes for position in removed):
        return None
    return spliced, splice


def read_outline(cursor: Cursor, content: TimelineContent) -> TimelineContent:
    """Return the content with its eras, publications, disputed dates and lanes' marks read
    again (their assessments' names and dates may have changed), its events as they were."""
    assessments = read_assessments(cursor)
    return replace(
        content,
        lane_marks=_lane_marks(cursor, content.lane_names),
        eras=_era_bands(cursor),
        publications=tuple(_publication(a) for a in assessments if a.published is not None),
        disputes=_disputes(cursor, content.keys, content.starts),
    )


def _sql_list(values: Iterable[str]) -> str:
    # Plain SQL takes no parameters (ops.plain_reads): string literals, quotes doubled,
    # read alike by SQLite and PostgreSQL.
    return ", ".join("'" + value.replace("'", "''") + "'" for value in values)


def _era_bands(cursor: Cursor) -> tuple[EraBand, ...]:
    return tuple(
        EraBand(
            era.id,
            era.title,
            era.start.axis_start(),
            era.end.axis_end(),
            f"{era.start.display()} – {era.end.display()}",
        )
        for era in read_eras(cursor)
    )


def _disputes(
    cursor: Cursor, keys: Sequence[str], starts: Sequence[float]
) -> dict[int, tuple[SourceMark, ...]]:
    """Return, by event position, the source dates that disagree with the accepted start."""

    def position(key: str, axis_start: float) -> int:
        # Events are in order of start: bisect the start, then find the key among the
        # few sharing it, rather than index every key of a large store.
        found = bisect_left(starts, axis_start)
        while keys[found] != key:
            found += 1
        return found

    return {
        position(key, found[0][0]): tuple(mark for _, mark in found)
        for key, found in _disagreeing(cursor, "1 = 1").items()
    }


def _disagreeing(cursor: Cursor, where: str) -> dict[str, list[tuple[float, SourceMark]]]:
    """Return, by event id, the source dates that disagree with its accepted start, each
    with the event's axis start, of the events ``where`` (SQL over ``e``, the events) picks."""
    rows = fetch_all(
        cursor,
        "SELECT e.key, e.axis_start, e.start, d.source, d.date, d.locator"
        " FROM source_dates AS d JOIN events AS e ON d.event_id = e.id"
        f" WHERE {where} ORDER BY e.key, d.ordinal",
    )
    if not rows:
        return {}
    names = {
        key: outlet or title
        for key, outlet, title in fetch_all(cursor, "SELECT key, outlet, title FROM assessments")
    }
    marks: dict[str, list[tuple[float, SourceMark]]] = defaultdict(list)
    accepted: dict[str, HistoricalDate] = {}
    for key, axis_start, start_text, source, date_text, locator in rows:
        start = accepted.get(key) or accepted.setdefault(key, HistoricalDate.from_edtf(start_text))
        date = HistoricalDate.from_edtf(date_text)
        if not date.agrees_with(start):
            mark = SourceMark(
                names.get(source, source),
                locator,
                date.display(),
                date.axis_start(),
                date.axis_end(),
            )
            marks[key].append((axis_start, mark))
    return marks
