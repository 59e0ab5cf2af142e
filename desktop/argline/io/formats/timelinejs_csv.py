"""The TimelineJS3 spreadsheet (Google Sheets template) as CSV: one slide per row.

Columns are found by their header, as TimelineJS finds them: Year, Month, Day, Time,
End Year, End Month, End Day, End Time, Display Date, Headline, Text, Media, Media
Credit, Media Caption, Media Thumbnail, Type, Group, Background. A row of Type 'title'
names the timeline, 'era' is an era, anything else an event. The template has no id
column: Argline hashes each event's start and headline into one, and writes it in an
extra 'Unique ID' column (which TimelineJS ignores) so that its own files keep their ids.
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
    date_from_parts,
    date_parts,
    event_from_slide,
    headline_and_text,
)
from argline.io.formats.stable_ids import StableIds
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
}
_TIME = re.compile(
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{1,2})(?::(?P<second>\d{1,2}))?)?\s*(?P<half>[ap]\.?m\.?)?",
    re.IGNORECASE,
)
# TimelineJS's own test: a background that looks like a URL is an image, anything else a colour.
_URL = re.compile(r"^(https?:)?//?")
_NO_CLOCK = ("", "", "")
# Where event_from_slide's fields live in the sheet.
_FIELD_COLUMNS = {"end_date": "End Year", "unique_id": ID_COLUMN}


def _date_columns(prefix: str) -> dict[str, str]:
    """Return the column of each part of a date: '' for a start's, 'End ' for an end's."""
    clock = dict.fromkeys(("hour", "minute", "second"), f"{prefix}Time")
    return {"year": f"{prefix}Year", "month": f"{prefix}Month", "day": f"{prefix}Day", **clock}


_START, _END = _date_columns(""), _date_columns("End ")


def _key(name: str) -> str:
    return name.lower().replace(" ", "")


_KNOWN = {_key(c): c for c in (*COLUMNS, ID_COLUMN)}


def looks_like_timelinejs_csv(data: bytes) -> bool:
    """Tell the template by its header row: it has Year and Headline columns."""
    first = data[:4096].decode("utf-8", "ignore").lstrip("\ufeff").split("\n", 1)[0]
    keys = {_key(cell.strip(' "\r')) for cell in re.split(r"[,;]", first)}
    return {"year", "headline"} <= keys


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
    display_date: str
    media: str
    media_credit: str
    media_caption: str
    media_thumbnail: str


# The columns of _Cells' fields, in their order.
_CELL_COLUMNS = (
    *("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time"),
    *("Type", "Headline", "Text", "Group", "Background", ID_COLUMN),
    *_ATTRIBUTE_COLUMNS,
)
_ATTRIBUTE_KEYS = tuple(_ATTRIBUTE_COLUMNS.values())
_FIRST_ATTRIBUTE = _CELL_COLUMNS.index("Display Date")


class _Sheet:
    """The sheet's columns, found once by their header: each row's cells read by name."""

    def __init__(self, columns: dict[str, int]) -> None:
        self.columns = columns
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
    columns: dict[str, int] = {}
    for index, header in enumerate(first[1]):
        name = _KNOWN.get(_key(header.strip()))
        if name is None:
            if header.strip():
                notes.add("not a template column; its cells are not kept", where=header.strip())
        elif name not in columns:
            columns[name] = index
    if "Year" not in columns:
        raise ImportRefused("no 'Year' column: this is not the TimelineJS template", where="line 1")
    title, events, eras = "", [], []
    cache: DateCache = {}
    ids, era_ids = StableIds("ev"), StableIds("era")
    sheet = _Sheet(columns)
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        row = sheet.cells(cells)
        place = _Place(line, columns)
        kind = row.type.strip().lower()
        if kind == "title" and not title:
            title = plain_text(row.headline)
            if row.text or row.media or row.background:
                notes.add("the title row keeps only its headline", where=f"line {line}")
        elif kind == "era":
            eras.append(_era(row, place, cache, era_ids))
        else:
            events.append(_event(row, place, cache, ids, notes))
    return Reading(Corpus(title=title, events=tuple(events), eras=tuple(eras)), notes.notes())


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
    row: _Cells, place: _Place, cache: DateCache, ids: StableIds, notes: SkippedNotes
) -> Event:
    start = _date(row[0:4], _START, place, cache)
    if start is None:
        raise ImportRefused("an event needs its year", where=place("Year"))
    end = _date(row[4:8], _END, place, cache)
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
        where=lambda field: place(_FIELD_COLUMNS.get(field, field)),
    )


def _era(row: _Cells, place: _Place, cache: DateCache, ids: StableIds) -> Era:
    start = _date(row[0:4], _START, place, cache)
    end = _date(row[4:8], _END, place, cache)
    if start is None:
        raise ImportRefused("an era needs its year", where=place("Year"))
    if end is None:
        raise ImportRefused("an era needs its end year", where=place("End Year"))
    if end.axis_end() < start.axis_start():
        raise ImportRefused(
            f"the end {end.to_edtf()} is before the start {start.to_edtf()}",
            where=place("End Year"),
        )
    title = plain_text(row.headline)
    if not title.strip():
        title = f"{start.display()} – {end.display()}"
    given = row.unique_id.strip()
    if given and not ids.claim(given):
        raise ImportRefused(f"the id {given!r} is used twice", where=place(ID_COLUMN))
    return Era(given or ids.make(start.to_edtf(), end.to_edtf(), title), title, start, end)


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
