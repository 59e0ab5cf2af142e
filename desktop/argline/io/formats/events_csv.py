"""Events as CSV, one row each, for spreadsheets: Argline's own documented columns.

Columns (by header, in any order): ``id``, ``title``, ``start``, ``end``, ``category``,
``description``; every other column is an event attribute named by its header (an empty
cell: no such attribute). ``title`` and ``start`` are required. Dates are EDTF or text as
people type it ('30 March 1867', 'c. 1859', '44 BC'), read at the precision given. A row
without an id gets one hashed from its start and title, so re-importing the same file
updates those events. On export every cell that a spreadsheet would run as a formula is
neutralised (see csv_cells); on import the neutralising apostrophe is taken off again.
"""

from __future__ import annotations

from argline.io.errors import ImportRefused
from argline.io.formats import Format, Reading
from argline.io.formats.csv_cells import decode_text, read_rows, where, write_rows
from argline.io.formats.stable_ids import StableIds
from argline.model.dates import HistoricalDate
from argline.model.entities import Corpus, Event

COLUMNS = ("id", "title", "start", "end", "category", "description")
_REQUIRED = ("title", "start")
_MAX_DATE_TEXT = 200  # longer text is no date, and dateutil need not read it


def looks_like_events_csv(data: bytes) -> bool:
    """Tell an events CSV by its header row: it has 'title' and 'start' columns."""
    first = data[:4096].decode("utf-8", "ignore").lstrip("\ufeff").split("\n", 1)[0]
    names = {cell.strip(' "\r').lower() for cell in first.replace(";", ",").split(",")}
    return {"title", "start"} <= names


def read_events_csv(data: bytes) -> Reading:
    """Return the events of an events CSV; refuse naming line, column and the refused value."""
    rows = read_rows(decode_text(data))
    first = next(rows, None)
    if first is None:
        raise ImportRefused("the file is empty; expected a header row with title and start")
    header = [cell.strip() for cell in first[1]]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = name.lower() if name.lower() in COLUMNS else name
        if not name:
            continue
        if key in columns:
            raise ImportRefused(
                f"the column {name!r} appears twice", where=where(1, index + 1, name)
            )
        columns[key] = index
    for name in _REQUIRED:
        if name not in columns:
            raise ImportRefused(
                f"no {name!r} column (the header needs title and start)", where="line 1"
            )
    extra = [(name, index) for name, index in columns.items() if name not in COLUMNS]
    ids = StableIds("ev")
    dates: dict[str, HistoricalDate] = {}
    events = []
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        def place(name: str, line: int = line) -> str:
            return where(line, columns[name] + 1, name)

        title = cell("title")
        if not title.strip():
            raise ImportRefused("an event needs a title", where=place("title"))
        start = _date(cell("start"), place("start"), dates)
        if start is None:
            raise ImportRefused("an event needs a start date", where=place("start"))
        end = _date(cell("end"), place("end") if "end" in columns else "", dates)
        if end is not None and end.axis_end() < start.axis_start():
            raise ImportRefused(
                f"the end {end.to_edtf()} is before the start {start.to_edtf()}", where=place("end")
            )
        event_id = cell("id").strip()
        if event_id:
            if not ids.claim(event_id):
                raise ImportRefused(f"the id {event_id!r} is used twice", where=place("id"))
        else:
            event_id = ids.make(start.to_edtf(), title)
        attributes = tuple(
            sorted((name, cells[i]) for name, i in extra if i < len(cells) and cells[i])
        )
        events.append(
            Event(
                id=event_id,
                title=title,
                start=start,
                end=end,
                description=cell("description"),
                category=cell("category"),
                attributes=attributes,
            )
        )
    return Reading(Corpus(events=tuple(events)))


def _date(text: str, place: str, dates: dict[str, HistoricalDate]) -> HistoricalDate | None:
    text = text.strip()
    if not text:
        return None
    date = dates.get(text)
    if date is None:
        if len(text) > _MAX_DATE_TEXT:
            raise ImportRefused(f"{text[:40]!r}… is too long to be a date", where=place)
        try:
            date = dates[text] = HistoricalDate.from_text(text)
        except (ValueError, OverflowError) as error:
            raise ImportRefused(str(error), where=place) from None
    return date


def write_events_csv(corpus: Corpus, assessment: str | None = None) -> bytes:
    """Return the corpus's events as CSV: the documented columns, then one per attribute."""
    if assessment:
        corpus = corpus.only_assessment(assessment)
    keys = sorted({key for e in corpus.events for key, _ in e.attributes} - set(COLUMNS))
    rows = []
    for event in corpus.events:
        kept = dict(event.attributes)
        rows.append(
            [
                event.id,
                event.title,
                event.start.to_edtf(),
                event.end.to_edtf() if event.end else "",
                event.category,
                event.description,
                *(kept.get(key, "") for key in keys),
            ]
        )
    return write_rows((*COLUMNS, *keys), rows)


FORMAT = Format(
    name="csv",
    suffixes=(".csv",),
    sniff=looks_like_events_csv,
    read=read_events_csv,
    write=write_events_csv,
    description="events CSV (documented columns)",
)
