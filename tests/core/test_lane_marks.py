"""Lanes keep their marks: across imports of new lanes, reopening, exports, upgrades and undo."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from argline.cli import main
from argline.io.errors import ImportRefused
from argline.io.seed import load_seed
from argline.io.transfer import export_text, import_bytes
from argline.model.dates import HistoricalDate
from argline.model.entities import Event
from argline.model.lanes import COLOURS, PALETTE, SYMBOLS, UNSORTED_LANE, LaneMark, free_mark
from argline.ops.errors import EditConflict
from argline.ops.event_edits import AddEvent, EditEvent
from argline.ops.lane_edits import SetLaneMark
from argline.ops.running import run
from argline.ops.timeline_data import load_timeline
from argline.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ELECTIONS = LaneMark("square", "#E69F00")  # orange, as the seed has always drawn it
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
# The seed's lanes as schema 0002 drew them: by their place in alphabetical order.
SEED_MARKS = {
    "Diplomacy": LaneMark("circle", "#0072B2"),
    "Elections": ELECTIONS,
    "Sanctions & trade": LaneMark("diamond", "#009E73"),
    "Sport": LaneMark("triangle", "#D55E00"),
    "Summits": LaneMark("inverted", "#CC79A7"),
    "Territory & conflict": LaneMark("hexagon", "#56B4E9"),
}


def _marks(store: Store) -> dict[str, LaneMark]:
    with store.reading() as session:
        content = load_timeline(session)
    return dict(zip(content.lane_names, content.lane_marks, strict=True))


def _events_in_new_lanes(count: int, lanes: list[str]) -> bytes:
    events = [
        {
            "id": f"new-{n}",
            "title": f"New event {n}",
            "start": f"{1950 + n % 60}-0{1 + n % 9}",
            "category": lanes[n % len(lanes)],
        }
        for n in range(count)
    ]
    return json.dumps({"format": "argline", "version": 2, "events": events}).encode()


def test_the_palette_is_okabe_ito_and_tells_lanes_apart_by_shape_first() -> None:
    assert set(COLOURS) == OKABE_ITO
    assert len(set(PALETTE)) == len(SYMBOLS) * len(COLOURS)
    first = PALETTE[: len(SYMBOLS)]
    assert {mark.symbol for mark in first} == set(SYMBOLS)
    assert len({mark.colour for mark in first}) == len(first)
    # Every lane added takes a mark no lane has, and a shape no lane has while any is left.
    taken: list[LaneMark] = []
    for _ in PALETTE:
        mark = free_mark(taken)
        assert mark not in taken
        if len(taken) < len(SYMBOLS):
            assert mark.symbol not in {m.symbol for m in taken}
        taken.append(mark)
    # A lane given another lane's shape by hand: the next lane still takes a shape of its own.
    assert free_mark([LaneMark("circle", "#E69F00")]).symbol != "circle"


def test_a_lanes_mark_survives_an_import_of_new_lanes_and_a_reopen(store_path: Path) -> None:
    store = Store.open(store_path)
    load_seed(store)
    assert _marks(store) == SEED_MARKS
    # Lanes sorting before Elections moved it along the palette when marks came by place.
    new_lanes = ["Aviation", "Banking", "Cyber", "Defence", "Energy"]
    import_bytes(store, _events_in_new_lanes(300, new_lanes), name="new.json")
    after = _marks(store)
    assert after["Elections"] == ELECTIONS
    assert {name: after[name] for name in SEED_MARKS} == SEED_MARKS
    assert len(set(after.values())) == len(after)  # eleven lanes, eleven marks
    # The seventh lane takes the last shape left; after that, shapes come again.
    assert after["Aviation"].symbol == "star"
    store.close()
    reopened = Store.open(store_path)
    try:
        assert _marks(reopened) == after
    finally:
        reopened.close()


def test_an_event_in_a_new_lane_gives_it_a_free_mark_and_undo_takes_it_away(
    seeded_store: Store,
) -> None:
    before = export_text(seeded_store)
    event = Event("e-new", "A new kind of event", HistoricalDate.from_edtf("2018-07"))
    added = run(seeded_store, AddEvent(event))
    assert _marks(seeded_store)[UNSORTED_LANE] == LaneMark("star", "#F0E442")
    run(seeded_store, added.inverse)
    assert export_text(seeded_store) == before
    run(seeded_store, AddEvent(event))
    edited = run(seeded_store, EditEvent("e-new", category="Space"))
    # The lane it left keeps its mark, should events come back to it.
    assert _marks(seeded_store)["Space"] == LaneMark("circle", "#E69F00")
    run(seeded_store, edited.inverse)
    assert "Space" not in _marks(seeded_store)
    assert _marks(seeded_store)[UNSORTED_LANE] == LaneMark("star", "#F0E442")


def test_changing_a_lanes_mark_is_one_undoable_edit(seeded_store: Store) -> None:
    chosen = LaneMark("star", "#009E73")
    done = run(seeded_store, SetLaneMark("Elections", chosen))
    assert done.changes.lanes == {"Elections"}
    assert _marks(seeded_store)["Elections"] == chosen
    run(seeded_store, done.inverse)
    assert _marks(seeded_store)["Elections"] == ELECTIONS
    # An undo of a change someone else has overwritten since is refused.
    again = run(seeded_store, SetLaneMark("Elections", chosen))
    run(seeded_store, SetLaneMark("Elections", LaneMark("circle", "#F0E442")))
    with pytest.raises(EditConflict, match="yellow circle"):
        run(seeded_store, again.inverse)


def test_an_export_and_import_keep_every_lanes_mark(seeded_store: Store, tmp_path: Path) -> None:
    run(seeded_store, SetLaneMark("Sport", LaneMark("star", "#F0E442")))
    exported = export_text(seeded_store)
    lanes = json.loads(exported)["lanes"]
    assert {"name": "Sport", "symbol": "star", "colour": "#F0E442"} in lanes
    other = Store.open(tmp_path / "other.argline")
    try:
        # A lane already there keeps its own mark; a new one takes the file's if it is free.
        import_bytes(other, _events_in_new_lanes(3, ["Sport", "Summits"]), name="a.json")
        import_bytes(other, exported.encode(), name="export.json")
        marks = _marks(other)
        assert marks["Sport"] == LaneMark("circle", "#0072B2")
        assert marks["Summits"] == LaneMark("square", "#E69F00")
        # The file's marks of these two are taken: they get the first free ones.
        assert marks["Diplomacy"] == LaneMark("triangle", "#D55E00")
        assert marks["Elections"] == LaneMark("inverted", "#CC79A7")
        for name in ("Sanctions & trade", "Territory & conflict"):
            assert marks[name] == SEED_MARKS[name]
        assert export_text(other) != exported
    finally:
        other.close()
    fresh = Store.open(tmp_path / "fresh.argline")
    try:
        import_bytes(fresh, exported.encode(), name="export.json")
        assert export_text(fresh) == exported
    finally:
        fresh.close()


@pytest.mark.parametrize(
    ("lane", "field", "wrong"),
    [
        ({"symbol": "blob", "colour": "#0072B2"}, "symbol", "blob"),
        ({"symbol": "star"}, "colour", "None"),
    ],
)
def test_a_bad_mark_is_refused_naming_the_lane(
    seeded_store: Store, lane: dict, field: str, wrong: str
) -> None:
    before = export_text(seeded_store)
    document = json.loads(before)
    document["lanes"][1] = {"name": "Elections", **lane}
    with pytest.raises(ImportRefused) as refused:
        import_bytes(seeded_store, json.dumps(document).encode(), name="bad.json")
    message = str(refused.value)
    assert message.startswith(f"bad.json: lanes[1].{field}: the lane 'Elections': ")
    assert wrong in message
    assert export_text(seeded_store) == before


def test_the_command_line_refuses_a_bad_mark_in_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.argline"
    main(["--db", str(db), "seed"])
    main(["--db", str(db), "export", str(tmp_path / "out.json")])
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    document["lanes"][0]["colour"] = "blue"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    before = db.read_bytes()
    assert main(["--db", str(db), "import", str(bad)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "lanes[0].colour: the lane 'Diplomacy'" in error
    assert db.read_bytes() == before


def test_upgrading_gives_each_lane_the_mark_it_was_drawn_with(tmp_path: Path) -> None:
    path = tmp_path / "old.argline"
    shutil.copyfile(FIXTURES / "schema-0002.argline", path)
    # Three lanes more than the palette's seven shapes, and events without a category.
    with sqlite3.connect(path) as connection:
        for n, category in enumerate(["Arms", "Banks", "Courts", ""]):
            connection.execute(
                "INSERT INTO events (key, title, description, category, start, axis_start,"
                " axis_end, attributes, version) VALUES (?, ?, '', ?, '2000', 10957, 11323,"
                " '{}', 1)",
                (f"old-{n}", f"Old event {n}", category),
            )
    Store.open(path).close()
    store = Store.open(path)
    try:
        marks = _marks(store)
    finally:
        store.close()
    names = ["Arms", "Banks", "Courts", *SEED_MARKS, UNSORTED_LANE]
    assert list(marks) == names
    assert list(marks.values()) == [
        LaneMark(SYMBOLS[place % 7], COLOURS[place % 7]) for place in range(len(names))
    ]


def test_an_export_with_lanes_follows_the_shipped_json_schema(seeded_store: Store) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    schema = json.loads(resources.files("argline.io").joinpath("argline.schema.json").read_text())
    exported = json.loads(export_text(seeded_store))
    assert len(exported["lanes"]) == len(SEED_MARKS)
    jsonschema.validate(exported, schema)
    exported["lanes"][0]["symbol"] = "blob"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(exported, schema)
