"""The timeline's event columns packed into one value of the file, to open large files fast.

Reading a million events' rows takes some 3 s, most of it in making a Python object of
every value; their columns packed (numbers as raw arrays, texts as one string each
with where every text ends) are read in a few milliseconds. A pack is the same
columns as the rows read (a Hypothesis test holds the two roads together), stamped
with the file's count of changes to its events (argline.store.timeline_changes): a pack
made at another count is stale, and the rows are read instead.

The window packs what it read from the rows of a large file once it is shown, so that
the next open reads the pack. A server's store keeps no pack.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argline.layout.packed_texts import PackedEnds, PackedTexts
from argline.layout.time_warp import LINEAR
from argline.ops.plain_reads import fetch_all
from argline.store.cursor import Cursor
from argline.store.timeline_changes import COUNTING_TRIGGERS

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from argline.layout.timeline_content import TimelineContent
    from argline.store import Store

# A file of fewer events reads its rows in a few tenths of a second: no pack is kept.
PACK_FROM = 100_000
_MAGIC = b"argline timeline pack\n"
_FORMAT = 1
# The text columns, each as its UTF-8 and its bounds (where each text ends, in letters).
_TEXTS = (
    ("keys", "key_bounds"),
    ("titles", "title_bounds"),
    ("start_texts", "start_bounds"),
    ("end_texts", "end_bounds"),
)
# The parts, in order: starts and ends as doubles, lanes as unsigned shorts, the texts
# with their bounds as 64-bit integers, and a byte per event telling whether it has an end.
_PARTS = ("starts", "ends", "lanes", *(part for text in _TEXTS for part in text), "has_end")


@dataclass(frozen=True, slots=True)
class TimelineEvents:
    """The timeline's events in start order, as columns, and the lanes they name."""

    keys: Sequence[str]
    titles: Sequence[str]
    start_texts: Sequence[str]
    end_texts: Sequence[str | None]
    starts: array[float]
    ends: array[float]
    lanes: array[int]
    lane_names: tuple[str, ...]


def count_of_changes(cursor: Cursor) -> int | None:
    """Return the file's count of changes to its events, or None where no pack is read:
    a server's store, or a file whose counting triggers are gone.

    Read before the events themselves: a change made in between then stales the pack
    made of them, whichever state of the events the read saw.
    """
    if not isinstance(cursor, sqlite3.Cursor):
        return None  # a server's store keeps no pack
    rows = fetch_all(cursor, "SELECT changes FROM timeline_changes WHERE id = 1")
    names = ", ".join(f"'{name}'" for name in COUNTING_TRIGGERS)
    ((triggers,),) = fetch_all(
        cursor,
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
        f" AND name IN ({names})",
    )
    return int(rows[0][0]) if rows and triggers == len(COUNTING_TRIGGERS) else None


def read_pack(cursor: Cursor, changes: int) -> TimelineEvents | None:
    """Return the events from the pack made at ``changes``, or None if there is none (or
    it cannot be read, or holds another number of events than the file: the rows are
    then read, as for a stale pack)."""
    rows = fetch_all(
        cursor, f"SELECT columns FROM timeline_pack WHERE id = 1 AND made_at = {int(changes)}"
    )
    if not rows:
        return None
    events = unpack_events(bytes(rows[0][0]))
    if events is None:
        return None
    ((count,),) = fetch_all(cursor, "SELECT count(*) FROM events")
    return events if len(events.keys) == count else None


def keep_pack(store: Store, pieces: list[bytes], made_at: int) -> bool:
    """Write a pack (``pack_events``) of the events read at count ``made_at`` into the
    file; return whether it took it: not when the events changed since, nor on a server,
    nor when the pack is longer than SQLite holds in one value.

    The pieces are written into the value one by one and let go as they are, not first
    joined: a million events' pack is some 100 MB.
    """
    if store.on_server or store.read_only:
        return False
    size = sum(map(len, pieces))
    with store.transaction() as session:
        connection = session.connection()
        driver = connection.connection.driver_connection
        if not isinstance(driver, sqlite3.Connection):
            return False
        if size > driver.getlimit(sqlite3.SQLITE_LIMIT_LENGTH):
            return False
        # A write that changes nothing takes the write lock: the count read after it
        # stands till the commit.
        connection.exec_driver_sql("UPDATE timeline_changes SET changes = changes")
        counted = connection.exec_driver_sql("SELECT changes FROM timeline_changes").all()
        if counted != [(made_at,)]:
            return False  # the events changed since: the pack is left out
        connection.exec_driver_sql("DELETE FROM timeline_pack")
        # zeroblob in VALUES, not from a SELECT, which would make its 100 MB in memory.
        connection.exec_driver_sql(
            "INSERT INTO timeline_pack (id, made_at, columns) VALUES (1, ?, zeroblob(?))",
            (made_at, size),
        )
        with driver.blobopen("timeline_pack", "columns", 1) as value:
            while pieces:
                value.write(pieces.pop(0))
    return True


def pack_events(content: TimelineContent) -> list[bytes]:
    """Return the event columns of ``content`` packed, in pieces to be written one after
    the other (joined, they are what ``unpack_events`` reads). A column is packed at a
    time, its texts let go before the next."""
    if content.warp is not LINEAR:
        raise ValueError("a pack holds the events in days: pack the chronological content")
    count = len(content)
    parts = {
        "starts": content.starts.tobytes(),
        "ends": content.ends.tobytes(),
        "lanes": array("H", content.lanes).tobytes(),
        "has_end": bytes(text is not None for text in content.end_texts),
    }
    for name, bounds_name in _TEXTS:
        texts = getattr(content, name)
        whole, bounds = PackedTexts.of(texts if name != "end_texts" else _or_empty(texts)).parts
        parts[name] = whole.encode("utf-8", "surrogatepass")
        parts[bounds_name] = bounds.tobytes()
        del whole, bounds  # before the next column's are made
    header = json.dumps(
        {
            "format": _FORMAT,
            "byteorder": sys.byteorder,
            "events": count,
            "lane_names": list(content.lane_names),
            "sizes": [len(parts[name]) for name in _PARTS],
        }
    ).encode()
    return [_MAGIC, len(header).to_bytes(8, "little"), header, *map(parts.pop, _PARTS)]


def _or_empty(texts: Iterable[str | None]) -> Iterator[str]:
    return (text or "" for text in texts)


def unpack_events(packed: bytes) -> TimelineEvents | None:
    """Return the events of a pack, or None if it is not one this Argline can read whole
    (another format, byte order, or a part of the wrong size)."""
    try:
        return _unpacked(packed)
    except Exception:  # any damage at all (a header nested past recursion, say): no pack
        return None


def _unpacked(packed: bytes) -> TimelineEvents | None:
    if not packed.startswith(_MAGIC):
        return None
    at = len(_MAGIC) + 8
    length = int.from_bytes(packed[len(_MAGIC) : at], "little")
    header = json.loads(packed[at : at + length])
    if header["format"] != _FORMAT or header["byteorder"] != sys.byteorder:
        return None
    count, lane_names, sizes = header["events"], tuple(header["lane_names"]), header["sizes"]
    if not all(isinstance(name, str) for name in lane_names) or len(sizes) != len(_PARTS):
        return None
    at += length
    pieces: dict[str, bytes] = {}
    for name, size in zip(_PARTS, sizes, strict=True):
        pieces[name] = packed[at : at + size]
        at += size
    if at != len(packed):
        return None
    starts, ends = _numbers("d", pieces["starts"]), _numbers("d", pieces["ends"])
    lanes = _numbers("H", pieces["lanes"])
    if not len(starts) == len(ends) == len(lanes) == len(pieces["has_end"]) == count:
        return None
    if count and max(lanes) >= len(lane_names):
        return None
    keys, titles, start_texts, end_texts = (
        PackedTexts(pieces[name].decode("utf-8", "surrogatepass"), _numbers("q", pieces[bounds]))
        for name, bounds in _TEXTS
    )
    if not len(keys) == len(titles) == len(start_texts) == len(end_texts) == count:
        return None
    return TimelineEvents(
        keys=keys,
        titles=titles,
        start_texts=start_texts,
        end_texts=PackedEnds(end_texts, pieces["has_end"]),
        starts=starts,
        ends=ends,
        lanes=lanes,
        lane_names=lane_names,
    )


def _numbers(kind: str, piece: bytes) -> array[Any]:
    column = array(kind)
    column.frombytes(piece)
    return column
