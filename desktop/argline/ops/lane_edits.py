"""Lanes' marks: a new lane takes a free one, and the user may change a lane's.

Every edit that writes an event's category (adding, editing, importing) calls
``add_lanes`` first, so each category has its lane, and its mark, before the timeline
draws it. A lane keeps its row when its last event goes: should its category come
back, it comes back with the same mark. Only undoing the edit that made a lane takes
the lane away (``DropLane``), so that an undo leaves the store as it found it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from sqlalchemy import exists, insert, or_, select
from sqlalchemy.orm import Session

from argline.model.lanes import UNSORTED_LANE, Lane, LaneMark, free_mark, lane_name, lane_order
from argline.ops.changes import Batch, Changes, Operation, OpResult
from argline.ops.rows import row_by_key
from argline.ops.versions import Item, check_version, one_version
from argline.store.schema import Base, EventRow, LaneRow

_LANES = Base.metadata.tables[LaneRow.__tablename__]


def add_lanes(
    session: Session, categories: Iterable[str], offered: Iterable[Lane] = ()
) -> tuple[Lane, ...]:
    """Give each category without a lane its lane; return the lanes made.

    A new lane takes the mark ``offered`` for it (a file's) if no lane has that mark yet,
    else the mark ``model.lanes.free_mark`` gives. The lanes already stored keep theirs.
    """
    names = {lane_name(category) for category in categories}
    stored = dict(session.execute(select(LaneRow.name, LaneRow.id)).all())
    new = sorted(names - stored.keys(), key=lane_order)
    if not new:
        return ()
    taken = [
        LaneMark(symbol, colour)
        for symbol, colour in session.execute(select(LaneRow.symbol, LaneRow.colour))
    ]
    wanted = {lane.name: lane.mark for lane in offered}
    marks: dict[str, LaneMark] = {}
    # The offered marks first, so that a lane without one cannot take another's.
    for name in new:
        mark = wanted.get(name)
        if mark is not None and mark not in taken:
            marks[name] = mark
            taken.append(mark)
    for name in new:
        if name not in marks:
            marks[name] = free_mark(taken)
            taken.append(marks[name])
    made = tuple(Lane(name, marks[name]) for name in new)
    session.execute(
        insert(_LANES),
        [
            {
                "name": lane.name,
                "symbol": lane.mark.symbol,
                "colour": lane.mark.colour,
                "version": 1,
            }
            for lane in made
        ],
    )
    return made


def undoing_lanes(inverse: Operation, made: tuple[Lane, ...]) -> Operation:
    """Return the inverse of an edit that made these lanes: it takes them away too."""
    if not made:
        return inverse
    return Batch((inverse, *(DropLane(lane.name) for lane in made)), inverse.label)


@dataclass(frozen=True, slots=True)
class DropLane:
    """Forget a lane no event is in (an undone edit made it); the inverse makes it again,
    with its mark. A lane someone else's events are in meanwhile stays."""

    lane: str
    label: str = "Drop lane"

    def apply(self, session: Session) -> OpResult:
        row = session.scalar(select(LaneRow).where(LaneRow.name == self.lane))
        categories = [self.lane, ""] if self.lane == UNSORTED_LANE else [self.lane]
        used = exists().where(or_(*(EventRow.category == c for c in categories)))
        if row is None or session.scalar(select(used)):
            return OpResult(Changes(), Batch((), self.label))
        mark = LaneMark(row.symbol, row.colour)
        session.delete(row)
        session.flush()
        return OpResult(Changes(), MakeLane(Lane(self.lane, mark)))


@dataclass(frozen=True, slots=True)
class MakeLane:
    """Bring back a lane with its mark, unless it is there already."""

    lane: Lane
    label: str = "Make lane"

    def apply(self, session: Session) -> OpResult:
        name, mark = self.lane.name, self.lane.mark
        if session.scalar(select(LaneRow.id).where(LaneRow.name == name)) is not None:
            return OpResult(Changes(), Batch((), self.label))
        session.add(LaneRow(name=name, symbol=mark.symbol, colour=mark.colour))
        session.flush()
        return OpResult(Changes(), DropLane(name))


@dataclass(frozen=True, slots=True)
class SetLaneMark:
    """Draw a lane with another mark; the inverse gives it back the one it had."""

    lane: str
    mark: LaneMark
    label: str = "Lane mark"
    expected_version: int | None = None

    def versions_expected(self) -> dict[Item, int]:
        return one_version("lane", self.lane, self.expected_version)

    def expecting(self, versions: Mapping[Item, int]) -> SetLaneMark:
        found = versions.get(("lane", self.lane), self.expected_version)
        return replace(self, expected_version=found)

    def apply(self, session: Session) -> OpResult:
        row = row_by_key(session, LaneRow, self.lane, "lane")
        check_version(session, row, self.expected_version, kind="lane")
        old = LaneMark(row.symbol, row.colour)
        row.symbol, row.colour = self.mark.symbol, self.mark.colour
        session.flush()
        inverse = SetLaneMark(self.lane, old, self.label, expected_version=row.version)
        return OpResult(Changes(lanes=frozenset({self.lane})), inverse)
