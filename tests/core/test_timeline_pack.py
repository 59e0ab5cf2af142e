"""The timeline packed: the same columns as its rows give, and never read once stale."""

from __future__ import annotations

import shutil
import sqlite3
import string
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argline.layout.timeline_content import TimelineContent
from argline.model.dates import HistoricalDate
from argline.model.entities import Event, SourceDate
from argline.ops.event_edits import AddEvent, DeleteEvent, EditEvent
from argline.ops.running import run
from argline.ops.timeline_data import read_changed_events, read_timeline_counted
from argline.ops.timeline_pack import keep_pack, pack_events, unpack_events
from argline.store import Store
from argline.store.timeline_changes import COUNTING_TRIGGERS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# Any text SQLite keeps as it is given: no lone surrogates (UTF-8 cannot hold them).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
IDS = st.text(string.ascii_letters + string.digits + "-_.:", min_size=1, max_size=10)
DAYS = st.sampled_from(["1807", "1914-08", "1914-08-04", "2018-07-16", "-0044-03-15", "2018"])


@st.composite
def events(draw: st.DrawFn) -> list[Event]:
    keys = draw(st.lists(IDS, min_size=0, max_size=25, unique=True))
    found = []
    for key in keys:
        start = HistoricalDate.from_edtf(draw(DAYS))
        end = draw(st.none() | st.sampled_from(["2019", "2030-01-01"]))
        found.append(
            Event(
                key,
                draw(TEXT.filter(str.strip)),
                start,
                HistoricalDate.from_edtf(end) if end else None,
                description=draw(TEXT),
                category=draw(st.sampled_from(["", "Summits", "Élections", "Sanctions"])),
            )
        )
    return found


def _read(store: Store) -> tuple[TimelineContent, int | None]:
    with store.plain_reading() as cursor:
        return read_timeline_counted(cursor)


def _kept(store: Store) -> TimelineContent:
    """Pack what the rows give, and return it; the pack must then be what is read."""
    content, changes = _read(store)
    assert changes is not None  # from the rows
    assert keep_pack(store, pack_events(content), changes)
    return content


def _same(one: TimelineContent, other: TimelineContent) -> None:
    for column in ("keys", "titles", "start_texts", "end_texts", "starts", "ends", "lanes"):
        assert list(getattr(one, column)) == list(getattr(other, column)), column
    assert one.lane_names == other.lane_names
    assert one.disputes == other.disputes
    assert one.title_letters() == other.title_letters()
    assert [one.position(key) for key in one.keys] == [other.position(k) for k in one.keys]


@pytest.fixture
def file_store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "pack.argline")
    yield opened
    opened.close()


def test_only_a_file_counts_its_changes_and_keeps_a_pack(seeded_store: Store) -> None:
    content, changes = _read(seeded_store)
    assert len(content) > 0
    if seeded_store.on_server:
        assert changes is None  # a server reads its rows, always
        assert not keep_pack(seeded_store, pack_events(content), 0)
    else:
        assert changes is not None
        assert keep_pack(seeded_store, pack_events(content), changes)
        assert _read(seeded_store)[1] is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(made=events())
def test_a_pack_reads_back_as_the_rows_it_was_made_of(made: list[Event], tmp_path_factory) -> None:
    store = Store.open(tmp_path_factory.mktemp("pack") / "p.argline")
    try:
        for event in made:
            run(store, AddEvent(event))
        rows = _kept(store)
        packed, changes = _read(store)
        assert changes is None  # from the pack
        _same(rows, packed)
    finally:
        store.close()


def _seeded(store: Store) -> None:
    for n, day in enumerate(["1807", "1914-08-04", "2018-07-16"]):
        run(store, AddEvent(Event(f"e{n}", f"Event {n}", HistoricalDate.from_edtf(day))))


@pytest.mark.parametrize(
    "change",
    [
        EditEvent("e1", title="Renamed"),
        EditEvent("e1", start=HistoricalDate.from_edtf("1990")),
        EditEvent("e1", category="Summits"),
        DeleteEvent("e2"),
        AddEvent(Event("e9", "New", HistoricalDate.from_edtf("2001"))),
    ],
    ids=["title", "start", "category", "delete", "add"],
)
def test_a_change_to_the_events_makes_the_next_read_come_from_their_rows(
    file_store: Store, change: object
) -> None:
    _seeded(file_store)
    _kept(file_store)
    run(file_store, change)
    content, changes = _read(file_store)
    assert changes is not None
    file_store.close()
    with sqlite3.connect(file_store.path) as plain:  # what the rows say, read without Argline
        rows = plain.execute("SELECT key, title FROM events ORDER BY axis_start, id").fetchall()
    assert list(zip(content.keys, content.titles, strict=True)) == rows


def test_a_description_leaves_the_pack_as_it_was(file_store: Store) -> None:
    _seeded(file_store)
    _kept(file_store)
    run(file_store, EditEvent("e1", description="More about it"))
    assert _read(file_store)[1] is None  # the pack holds no descriptions: still read


def test_a_pack_of_events_changed_since_their_read_is_not_taken(file_store: Store) -> None:
    _seeded(file_store)
    content, changes = _read(file_store)
    assert changes is not None
    run(file_store, EditEvent("e0", title="Changed meanwhile"))
    assert not keep_pack(file_store, pack_events(content), changes)
    again, _ = _read(file_store)
    assert "Changed meanwhile" in again.titles


@pytest.mark.parametrize("damage", ["truncated", "not a pack", "other byte order"])
def test_a_broken_pack_is_passed_over_for_the_rows(file_store: Store, damage: str) -> None:
    _seeded(file_store)
    content = _kept(file_store)
    packed = b"".join(pack_events(content))
    broken = {
        "truncated": packed[:-3],
        "not a pack": b"\x00" * 40,
        "other byte order": packed.replace(b'"little"', b'"bigend"', 1),
    }[damage]
    assert unpack_events(broken) is None
    with file_store.transaction() as session:
        session.connection().exec_driver_sql("UPDATE timeline_pack SET columns = ?", (broken,))
    again, changes = _read(file_store)
    assert changes is not None
    _same(content, again)


def test_an_edit_beside_a_pack_leaves_the_pack_unwritten(file_store: Store) -> None:
    """Counting a change touches the counter alone: the pack's pages are not rewritten
    (the WAL grows by a few pages, not by the pack's megabytes)."""
    run(file_store, AddEvent(Event("big", "x" * 2_000_000, HistoricalDate.from_edtf("1900"))))
    _seeded(file_store)
    _kept(file_store)
    wal = Path(f"{file_store.path}-wal")
    with sqlite3.connect(file_store.path) as plain:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    run(file_store, EditEvent("e1", title="Renamed"))
    assert wal.stat().st_size < 200_000
    assert _read(file_store)[1] is not None  # and the pack is stale


@pytest.mark.parametrize("path", ["new", "0001", "0004"])
def test_every_file_counts_its_changes_with_all_three_triggers(tmp_path: Path, path: str) -> None:
    target = tmp_path / "t.argline"
    if path != "new":
        shutil.copyfile(FIXTURES / f"schema-{path}.argline", target)
    Store.open(target).close()
    with sqlite3.connect(target) as plain:
        names = {
            row[0] for row in plain.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        counted = plain.execute("SELECT changes FROM timeline_changes").fetchall()
    assert set(COUNTING_TRIGGERS) <= names
    assert len(counted) == 1


def test_a_file_that_lost_a_trigger_reads_its_rows(file_store: Store) -> None:
    _seeded(file_store)
    _kept(file_store)
    with file_store.transaction() as session:
        session.connection().exec_driver_sql(f"DROP TRIGGER {COUNTING_TRIGGERS[2]}")
    run(file_store, EditEvent("e1", title="Renamed unseen"))
    content, changes = _read(file_store)
    assert changes is None  # counted nothing: no pack read, and none made
    assert "Renamed unseen" in content.titles


@pytest.mark.parametrize("damage", ["nested header", "a lane the file lacks", "a key it lacks"])
def test_a_pack_at_odds_with_the_file_is_passed_over(file_store: Store, damage: str) -> None:
    _seeded(file_store)
    content = _kept(file_store)
    packed = b"".join(pack_events(content))
    if damage == "nested header":
        header = b"[" * 100_000 + b"]" * 100_000
        packed = b"argline timeline pack\n" + len(header).to_bytes(8, "little") + header
    elif damage == "a lane the file lacks":
        packed = b"".join(pack_events(replace(content, lane_names=("Nowhere",))))
    else:
        run(file_store, EditEvent("e0", source_dates=(_disputing(),)))
        packed = b"".join(pack_events(replace(content, keys=("x0", "e1", "e2"))))
    with file_store.transaction() as session:
        session.connection().exec_driver_sql("UPDATE timeline_pack SET columns = ?", (packed,))
        session.connection().exec_driver_sql(
            "UPDATE timeline_pack SET made_at = (SELECT changes FROM timeline_changes)"
        )
    again, changes = _read(file_store)
    assert changes is not None  # from the rows
    assert list(again.keys) == ["e0", "e1", "e2"]


def _disputing() -> SourceDate:
    return SourceDate("A later history", HistoricalDate.from_edtf("1808"))


def test_an_edit_spliced_into_a_packed_read_is_a_whole_read(file_store: Store) -> None:
    _seeded(file_store)
    _kept(file_store)
    packed, _ = _read(file_store)
    run(file_store, EditEvent("e0", title="Moved", start=HistoricalDate.from_edtf("2000")))
    with file_store.plain_reading() as cursor:
        spliced = read_changed_events(cursor, packed, ["e0"])
    assert spliced is not None
    whole, _ = _read(file_store)
    _same(spliced[0], whole)
