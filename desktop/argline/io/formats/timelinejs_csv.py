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
    plain_date,
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
# The cells _plain_event reads, in the order it unpacks them; the template has them all.
_PLAIN_COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Type",
    "Headline",
    "Text",
    "Group",
    "Background",
    *_ATTRIBUTE_COLUMNS,
)
_NO_CLOCK = ("", "", "")
# Where event_from_slide's fields live in the sheet.
_FIELD_COLUMNS = {"end_date": "End Year", "unique_id": ID_COLUMN}


def _key(name: str) -> str:
    return name.lower().replace(" ", "")


_KNOWN = {_key(c): c for c in (*COLUMNS, ID_COLUMN)}


def looks_like_timelinejs_csv(data: bytes) -> bool:
    """Tell the template by its header row: it has Year and Headline columns."""
    first = data[:4096].decode("utf-8", "ignore").lstrip("\ufeff").split("\n", 1)[0]
    keys = {_key(cell.strip(' "\r')) for cell in re.split(r"[,;]", first)}
    return {"year", "headline"} <= keys


class _Row:
    """One spreadsheet row, read by column name, naming line and column in refusals."""

    def __init__(self, line: int, cells: list[str], columns: dict[str, int]) -> None:
        self.line = line
        self.columns = columns
        size = len(cells)
        self.values = {name: cells[i] for name, i in columns.items() if i < size}

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def where(self, name: str) -> str:
        return _cell_where(self.line, self.columns, name)


def _cell_where(line: int, columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return where(line, index + 1, name) if index is not None else f"line {line}"


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
    plain = _PlainCells.of(columns)
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        event = plain.event(line, cells, cache, ids) if plain else None
        if event is not None:
            events.append(event)
            continue
        row = _Row(line, cells, columns)
        kind = row.get("Type").strip().lower()
        if kind == "title" and not title:
            title = plain_text(row.get("Headline"))
            if row.get("Text") or row.get("Media") or row.get("Background"):
                notes.add("the title row keeps only its headline", where=f"line {line}")
        elif kind == "era":
            eras.append(_era(row, cache, era_ids))
        else:
            events.append(_event(row, cache, ids, notes))
    return Reading(Corpus(title=title, events=tuple(events), eras=tuple(eras)), notes.notes())


class _PlainCells:
    """A quick road for rows that are plain events: the road ``_event`` takes, less its checks.

    Reading 100,000 rows took 4.7 s through ``_Row`` and ``_event``. This road takes the
    rows of a sheet with all the template's columns whose Type is empty or 'event', with
    no times and with dates of plain digits, and leaves every other row to ``_event``, so
    every refusal and note still comes from one place. Only ``event_from_slide`` may
    refuse here (an end before the start, an id used twice), as it would there.
    """

    def __init__(self, columns: dict[str, int]) -> None:
        self.columns = columns
        self.cells = itemgetter(*(columns[name] for name in _PLAIN_COLUMNS))
        self.id_index = columns.get(ID_COLUMN)
        self.width = max(columns.values()) + 1

    @classmethod
    def of(cls, columns: dict[str, int]) -> _PlainCells | None:
        """Return the road for a sheet with these columns, or None if it lacks any."""
        return cls(columns) if all(name in columns for name in _PLAIN_COLUMNS) else None

    def event(self, line: int, cells: list[str], cache: DateCache, ids: StableIds) -> Event | None:
        """Return the event ``_event`` would read from the row, or None to leave it to it."""
        if len(cells) < self.width:
            return None
        (year, month, day, time, end_year, end_month, end_day, end_time, kind, headline, text,
         group, background, *attribute_cells) = self.cells(cells)  # fmt: skip
        if time or end_time or (kind and kind.strip().lower() != "event"):
            return None
        start = plain_date((year, month, day, *_NO_CLOCK), cache)
        end = None
        if end_year or end_month or end_day:
            end = plain_date((end_year, end_month, end_day, *_NO_CLOCK), cache)
            if end is None:
                return None
        if start is None:
            return None
        attributes = {
            key: cell
            for key, cell in zip(_ATTRIBUTE_COLUMNS.values(), attribute_cells, strict=True)
            if cell
        }
        background = background.strip()
        if background:
            attributes["background.url" if _URL.match(background) else "background.color"] = (
                background
            )
        columns = self.columns
        return event_from_slide(
            start=start,
            end=end,
            headline=headline,
            text=text,
            group=group,
            unique_id="" if self.id_index is None else cells[self.id_index].strip(),
            attributes=attributes,
            ids=ids,
            where=lambda field: _cell_where(line, columns, _FIELD_COLUMNS.get(field, field)),
        )


def _date(row: _Row, prefix: str, cache: DateCache) -> HistoricalDate | None:
    names = [f"{prefix}{n}" for n in ("Year", "Month", "Day")]
    values = [row.get(n) for n in names]
    time_name = f"{prefix}Time"
    clock = _clock(row.get(time_name).strip(), row, time_name)
    if not values[0].strip():
        if any(v.strip() for v in values[1:]) or any(clock):
            raise ImportRefused("a date needs its year", where=row.where(names[0]))
        return None
    fields = {"year": names[0], "month": names[1], "day": names[2]}
    return date_from_parts(
        (*values, *clock),
        lambda part: row.where(fields.get(part, time_name)),
        cache,
    )


def _clock(text: str, row: _Row, name: str) -> tuple[str, str, str]:
    if not text:
        return ("", "", "")
    match = _TIME.fullmatch(text)
    if match is None:
        raise ImportRefused(
            f"{text!r} is not a time (e.g. 14:30 or 2:30 pm)", where=row.where(name)
        )
    hour = int(match["hour"])
    half = (match["half"] or "").lower()[:1]
    if half and not 1 <= hour <= 12:
        raise ImportRefused(f"{text!r}: hour {hour} with am/pm", where=row.where(name))
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    return (str(hour), match["minute"] or "", match["second"] or "")


def _event(row: _Row, cache: DateCache, ids: StableIds, notes: SkippedNotes) -> Event:
    start = _date(row, "", cache)
    if start is None:
        raise ImportRefused("an event needs its year", where=row.where("Year"))
    end = _date(row, "End ", cache)
    attributes = {
        key: row.get(column) for column, key in _ATTRIBUTE_COLUMNS.items() if row.get(column)
    }
    background = row.get("Background").strip()
    if background:
        attributes["background.url" if _URL.match(background) else "background.color"] = background
    kind = row.get("Type").strip()
    if kind and kind.lower() not in {"event", "title"}:
        notes.add(
            f"Type {kind!r} is not one TimelineJS knows; read as an event", where=f"line {row.line}"
        )
    return event_from_slide(
        start=start,
        end=end,
        headline=row.get("Headline"),
        text=row.get("Text"),
        group=row.get("Group"),
        unique_id=row.get(ID_COLUMN).strip(),
        attributes=attributes,
        ids=ids,
        where=lambda field: row.where(_FIELD_COLUMNS.get(field, field)),
    )


def _era(row: _Row, cache: DateCache, ids: StableIds) -> Era:
    start = _date(row, "", cache)
    end = _date(row, "End ", cache)
    if start is None:
        raise ImportRefused("an era needs its year", where=row.where("Year"))
    if end is None:
        raise ImportRefused("an era needs its end year", where=row.where("End Year"))
    if end.axis_end() < start.axis_start():
        raise ImportRefused(
            f"the end {end.to_edtf()} is before the start {start.to_edtf()}",
            where=row.where("End Year"),
        )
    title = plain_text(row.get("Headline"))
    if not title.strip():
        title = f"{start.display()} – {end.display()}"
    given = row.get(ID_COLUMN).strip()
    if given and not ids.claim(given):
        raise ImportRefused(f"the id {given!r} is used twice", where=row.where(ID_COLUMN))
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
