"""The TimelineJS3 spreadsheet (Google Sheets template) as CSV: one slide per row.

Columns are found by their header, as TimelineJS finds them: Year, Month, Day, Time,
End Year, End Month, End Day, End Time, Display Date, Headline, Text, Media, Media
Credit, Media Caption, Media Thumbnail, Type, Group, Background; 'Alt Text' is read as
the media's alt text. A row of Type 'title' names the timeline, 'era' is an era,
anything else an event. The old template (TimelineJS2's, which TimelineJS3 still reads)
has 'Start Date' and 'End Date' columns of date texts ('2011,3,5', '3/5/2011'), read
as TimelineJS2 read them, 'Tag' for the lane and Type 'start' for the title. The
template has no id column: Argline hashes each event's start and headline into one,
and writes it in an extra 'Unique ID' column (which TimelineJS ignores) so that its own
files keep their ids; an id given twice is renamed as TimelineJS3 renames it. Columns
it does not know are reported, all of them by name.
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import NamedTuple

from argline.io.errors import ImportRefused
from argline.io.formats import Format, Reading
from argline.io.formats.csv_cells import decode_text, read_rows, where, write_rows
from argline.io.formats.html_text import markup_for, plain_text
from argline.io.formats.skipped_notes import SkippedNotes
from argline.io.formats.slides import (
    DateCache,
    SlideIds,
    date_from_parts,
    date_from_text,
    date_parts,
    event_from_slide,
    headline_and_text,
    renamed_id,
)
from argline.model.dates import HistoricalDate
from argline.model.entities import Corpus, Era, Event

COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)
ID_COLUMN = "Unique ID"
_ATTRIBUTE_COLUMNS = {
    "Display Date": "display_date",
    "Media": "media.url",
    "Media Credit": "media.credit",
    "Media Caption": "media.caption",
    "Media Thumbnail": "media.thumbnail",
    "Alt Text": "media.alt",
}
# The old template's date columns; its 'Tag' is the lane, read into 'Group'.
_OLD_DATE_COLUMNS = ("Start Date", "End Date")
_ALIASES = {"tag": "Group"}
_TIME = re.compile(
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{1,2})(?::(?P<second>\d{1,2}))?)?\s*(?P<half>[ap]\.?m\.?)?",
    re.IGNORECASE,
)
# TimelineJS's own test: a background that looks like a URL is an image, anything else a colour.
_URL = re.compile(r"^(https?:)?//?")
_NO_CLOCK = ("", "", "")
# Where event_from_slide's fields live in the sheet, and in the old template.
_FIELD_COLUMNS = {"end_date": "End Year", "unique_id": ID_COLUMN}
_OLD_FIELD_COLUMNS = {"end_date": "End Date", "unique_id": ID_COLUMN}


def _date_columns(prefix: str) -> dict[str, str]:
    """Return the column of each part of a date: '' for a start's, 'End ' for an end's."""
    clock = dict.fromkeys(("hour", "minute", "second"), f"{prefix}Time")
    return {"year": f"{prefix}Year", "month": f"{prefix}Month", "day": f"{prefix}Day", **clock}


_START, _END = _date_columns(""), _date_columns("End ")


def _key(name: str) -> str:
    return name.lower().replace(" ", "")


_KNOWN = {
    **{_key(c): c for c in (*COLUMNS, ID_COLUMN, "Alt Text", *_OLD_DATE_COLUMNS)},
    **_ALIASES,
}


def looks_like_timelinejs_csv(data: bytes) -> bool:
    """Tell the template by its header row: Year (or the old Start Date) and Headline."""
    first = data[:4096].decode("utf-8", "ignore").lstrip("\ufeff").split("\n", 1)[0]
    keys = {_key(cell.strip(' "\r')) for cell in re.split(r"[,;]", first)}
    return "headline" in keys and ("year" in keys or "startdate" in keys)


class _Cells(NamedTuple):
    """One row's cells by column, whatever the sheet's order; "" for a column it lacks."""

    year: str
    month: str
    day: str
    time: str
    end_year: str
    end_month: str
    end_day: str
    end_time: str
    type: str
    headline: str
    text: str
    group: str
    background: str
    unique_id: str
    start_date: str
    end_date: str
    display_date: str
    media: str
    media_credit: str
    media_caption: str
    media_thumbnail: str
    alt_text: str


# The columns of _Cells' fields, in their order.
_CELL_COLUMNS = (
    *("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time"),
    *("Type", "Headline", "Text", "Group", "Background", ID_COLUMN, *_OLD_DATE_COLUMNS),
    *_ATTRIBUTE_COLUMNS,
)
_ATTRIBUTE_KEYS = tuple(_ATTRIBUTE_COLUMNS.values())
_FIRST_ATTRIBUTE = _CELL_COLUMNS.index("Display Date")


class _Sheet:
    """The sheet's columns, found once by their header: each row's cells read by name.

    ``old``: the old template, whose dates are texts in Start Date and End Date.
    """

    def __init__(self, columns: dict[str, int]) -> None:
        self.columns = columns
        self.old = "Year" not in columns
        self.field_columns = _OLD_FIELD_COLUMNS if self.old else _FIELD_COLUMNS
        self.width = max(columns.values()) + 1
        self.blanks = [""] * (self.width + 1)
        # A column the sheet lacks reads the cell past its last one, which is always blank.
        self.getter = itemgetter(*(columns.get(name, self.width) for name in _CELL_COLUMNS))

    def cells(self, cells: list[str]) -> _Cells:
        known = cells[: self.width]
        known += self.blanks[len(known) :]
        return _Cells._make(self.getter(known))


class _Place:
    """Names a cell of one line by its column (``line 4, column 1 (Year)``), only when asked."""

    __slots__ = ("columns", "line")

    def __init__(self, line: int, columns: dict[str, int]) -> None:
        self.line = line
        self.columns = columns

    def __call__(self, name: str) -> str:
        index = self.columns.get(name)
        return where(self.line, index + 1, name) if index is not None else f"line {self.line}"


def read_timelinejs_csv(data: bytes) -> Reading:
    """Return the events, eras and title of a TimelineJS spreadsheet saved as CSV."""
    return _read_timelinejs_csv(data)


def _read_timelinejs_csv(data: bytes) -> Reading:
    rows = read_rows(decode_text(data))
    first = next(rows, None)
    if first is None:
        raise ImportRefused("the file is empty; expected the TimelineJS template's header row")
    notes = SkippedNotes()
    columns = _columns(first[1], notes)
    title, events, eras = "", [], []
    cache: DateCache = {}
    ids, era_ids = SlideIds("ev"), SlideIds("era")
    sheet = _Sheet(columns)
    title_kinds = {"title", "start"} if sheet.old else {"title"}
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        row = sheet.cells(cells)
        place = _Place(line, columns)
        kind = row.type.strip().lower()
        if kind in title_kinds and not title:
            title = plain_text(row.headline)
            if row.text or row.media or row.background:
                notes.add("the title row keeps only its headline", where=f"line {line}")
        elif kind == "era":
            eras.append(_era(row, sheet, place, cache, ids=era_ids, notes=notes))
        else:
            events.append(_event(row, sheet, place, cache, ids=ids, notes=notes))
    return Reading(Corpus(title=title, events=tuple(events), eras=tuple(eras)), notes.notes())


def _columns(headers: list[str], notes: SkippedNotes) -> dict[str, int]:
    """Return the index of each known column; note every other one, by name, in one line."""
    columns: dict[str, int] = {}
    dropped = []
    for index, header in enumerate(headers):
        name = _KNOWN.get(_key(header.strip()))
        if name is not None and name not in columns:
            columns[name] = index
        elif header.strip():
            dropped.append(header.strip())
    if "Year" not in columns and "Start Date" not in columns:
        raise ImportRefused(
            "no 'Year' (or old 'Start Date') column: this is not the TimelineJS template",
            where="line 1",
        )
    if "Year" in columns:
        dropped += [name for name in _OLD_DATE_COLUMNS if name in columns]
    if dropped:
        named = ", ".join(repr(name) for name in dropped)
        notes.add(f"columns not in the template (or given twice), not kept: {named}", "line 1")
    return columns


def _dates(
    row: _Cells, sheet: _Sheet, place: _Place, cache: DateCache
) -> tuple[HistoricalDate | None, HistoricalDate | None]:
    """Return a row's start and end, each None when its cells are empty."""
    if sheet.old:
        start, end = row.start_date.strip(), row.end_date.strip()
        return (
            date_from_text(start, place("Start Date"), cache) if start else None,
            date_from_text(end, place("End Date"), cache) if end else None,
        )
    return _date(row[0:4], _START, place, cache), _date(row[4:8], _END, place, cache)


def _date(
    cells: tuple[str, ...], columns: dict[str, str], place: _Place, cache: DateCache
) -> HistoricalDate | None:
    """Return the date of a year, month, day and time cell, or None when all are empty."""
    year, month, day, time = cells
    if not (year or month or day or time):
        return None
    clock = _clock(time.strip(), place, columns["hour"])
    if not year.strip():
        if month.strip() or day.strip() or any(clock):
            raise ImportRefused("a date needs its year", where=place(columns["year"]))
        return None
    return date_from_parts((year, month, day, *clock), lambda part: place(columns[part]), cache)


def _clock(text: str, place: _Place, name: str) -> tuple[str, str, str]:
    if not text:
        return _NO_CLOCK
    match = _TIME.fullmatch(text)
    if match is None:
        raise ImportRefused(f"{text!r} is not a time (e.g. 14:30 or 2:30 pm)", where=place(name))
    hour = int(match["hour"])
    half = (match["half"] or "").lower()[:1]
    if half and not 1 <= hour <= 12:
        raise ImportRefused(f"{text!r}: hour {hour} with am/pm", where=place(name))
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    return (str(hour), match["minute"] or "", match["second"] or "")


def _event(
    row: _Cells,
    sheet: _Sheet,
    place: _Place,
    cache: DateCache,
    *,
    ids: SlideIds,
    notes: SkippedNotes,
) -> Event:
    start, end = _dates(row, sheet, place, cache)
    if start is None:
        first = "Start Date" if sheet.old else "Year"
        raise ImportRefused(f"an event needs its {first.lower()}", where=place(first))
    attributes = {
        key: cell for key, cell in zip(_ATTRIBUTE_KEYS, row[_FIRST_ATTRIBUTE:], strict=True) if cell
    }
    background = row.background.strip()
    if background:
        attributes["background.url" if _URL.match(background) else "background.color"] = background
    kind = row.type.strip()
    if kind and kind.lower() not in {"event", "title"}:
        notes.add(
            f"Type {kind!r} is not one TimelineJS knows; read as an event",
            where=f"line {place.line}",
        )
    return event_from_slide(
        start=start,
        end=end,
        headline=row.headline,
        text=row.text,
        group=row.group,
        unique_id=row.unique_id.strip(),
        attributes=attributes,
        ids=ids,
        where=lambda field: place(sheet.field_columns.get(field, field)),
        notes=notes,
    )


def _era(
    row: _Cells,
    sheet: _Sheet,
    place: _Place,
    cache: DateCache,
    *,
    ids: SlideIds,
    notes: SkippedNotes,
) -> Era:
    start, end = _dates(row, sheet, place, cache)
    first, last = ("Start Date", "End Date") if sheet.old else ("Year", "End Year")
    if start is None:
        raise ImportRefused(f"an era needs its {first.lower()}", where=place(first))
    if end is None:
        raise ImportRefused(f"an era needs its {last.lower()}", where=place(last))
    if end.axis_end() < start.axis_start():
        raise ImportRefused(
            f"the end {end.to_edtf()} is before the start {start.to_edtf()}",
            where=place(last),
        )
    title = plain_text(row.headline)
    if not title.strip():
        title = f"{start.display()} – {end.display()}"
    given = row.unique_id.strip()
    if given:
        era_id = renamed_id(given, ids, place(ID_COLUMN), notes)
    else:
        era_id = ids.make(start.to_edtf(), end.to_edtf(), title)
    return Era(era_id, title, start, end)


# --- writing -----------------------------------------------------------------------------


def _date_cells(date: HistoricalDate | None) -> list[str]:
    if date is None:
        return ["", "", "", ""]
    parts = date_parts(date)
    clock = ""
    if "hour" in parts:
        clock = (
            f"{date.hour:02d}:{date.minute or 0:02d}" if date.minute is not None else f"{date.hour}"
        )
        if date.second is not None:
            clock += f":{date.second:02d}"
    return [parts["year"], parts.get("month", ""), parts.get("day", ""), clock]


def _event_row(event: Event) -> list[str]:
    kept = dict(event.attributes)
    headline, text = headline_and_text(event)
    background = kept.get("background.url") or kept.get("background.color", "")
    display = kept.get("display_date") or _coarse_display(event.start)
    return [
        *_date_cells(event.start),
        *_date_cells(event.end),
        display,
        headline,
        text,
        *(
            kept.get(key, "")
            for key in ("media.url", "media.credit", "media.caption", "media.thumbnail")
        ),
        "",
        event.category,
        background,
        event.id,
    ]


def _coarse_display(date: HistoricalDate) -> str:
    return date_parts(date).get("display_date", "")


def _cells(**by_column: str) -> list[str]:
    """Return a row with the given cells (keyword: column name, spaces as underscores)."""
    return [by_column.get(c.replace(" ", "_"), "") for c in (*COLUMNS, ID_COLUMN)]


def write_timelinejs_csv(corpus: Corpus, assessment: str | None = None) -> bytes:
    """Return the corpus's events and eras as the TimelineJS template, plus a Unique ID column."""
    if assessment:
        corpus = corpus.only_assessment(assessment)
    rows: list[list[str]] = []
    if corpus.title:
        rows.append(_cells(Headline=markup_for(corpus.title, None), Type="title"))
    rows.extend(_event_row(e) for e in corpus.events)
    for era in corpus.eras:
        start, end = _date_cells(era.start), _date_cells(era.end)
        row = _cells(Headline=markup_for(era.title, None), Type="era", Unique_ID=era.id)
        row[0:8] = [*start, *end]
        rows.append(row)
    return write_rows((*COLUMNS, ID_COLUMN), rows)


FORMAT = Format(
    name="timelinejs-csv",
    suffixes=(".csv",),
    sniff=looks_like_timelinejs_csv,
    read=read_timelinejs_csv,
    write=write_timelinejs_csv,
    description="TimelineJS3 spreadsheet (CSV)",
)
