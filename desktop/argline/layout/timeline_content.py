"""What a timeline shows, as compact columns: events by start, eras, publications, disputes.

A store of 100,000 events becomes a few arrays and tuples of strings, not 100,000 frozen
Event snapshots: the frame needs positions, lanes and titles, and reads a date's
precision (which needs its EDTF text parsed) only for the events it draws, once each.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple, TypeVar

from argline.layout.packed_texts import PackedEnds, PackedTexts
from argline.layout.splice import Splice
from argline.layout.time_warp import LINEAR, TimeWarp
from argline.model.dates import HistoricalDate, Precision
from argline.model.lanes import LaneMark

# A point's date that needs no parsing to tell how it is drawn: year, month or day, plain.
_PLAIN_DATE = re.compile(r"-?\d{4,}(?:-\d{2}){0,2}")
T = TypeVar("T")
N = TypeVar("N", int, float)


@dataclass(frozen=True, slots=True)
class EraBand:
    """An era: a labelled stretch drawn behind the events."""

    id: str
    title: str
    start: float
    end: float
    dates: str


@dataclass(frozen=True, slots=True)
class Publication:
    """When an assessment was published: ``start``..``end`` is the interval its date covers."""

    id: str
    title: str
    outlet: str
    kind: str
    start: float
    end: float
    date: str


@dataclass(frozen=True, slots=True)
class SourceMark:
    """A source's date for an event that disagrees with the accepted one."""

    source: str
    locator: str
    date: str
    start: float
    end: float


class EventColumns(NamedTuple):
    """One event as the columns hold it, with its lane's number and its disagreeing sources."""

    key: str
    title: str
    start_text: str
    end_text: str | None
    start: float
    end: float
    lane: int
    disputes: tuple[SourceMark, ...] = ()


@dataclass(frozen=True, slots=True)
class DateCertainty:
    """How an event's dates are drawn: ``solid_from``..``solid_to`` is known to the day.

    A point known to the day is solid over its day; one known to the month or year is not
    solid anywhere (it is drawn as a bracket over what it covers). A span's bar is solid
    from where its start's interval ends to where its end's interval begins.
    """

    circa: bool
    uncertain: bool
    solid_from: float
    solid_to: float


@dataclass(frozen=True, slots=True)
class TimelineContent:
    """The events of a store in start order, with what else the timeline draws.

    ``lanes[i]`` indexes ``lane_names``, and ``lane_marks`` (each lane's stored mark, in
    the same order); ``disputes`` maps an event's position to the source
    dates that disagree with it. Axis values are in the units of ``warp`` (days, on the
    chronological scale): argline.layout.scaled puts a content on another scale.
    """

    title: str
    keys: Sequence[str]
    titles: Sequence[str]
    start_texts: Sequence[str]
    end_texts: Sequence[str | None]
    starts: array[float]
    ends: array[float]
    lanes: array[int]
    lane_names: tuple[str, ...]
    lane_marks: tuple[LaneMark, ...]
    eras: tuple[EraBand, ...] = ()
    publications: tuple[Publication, ...] = ()
    disputes: Mapping[int, tuple[SourceMark, ...]] = field(default_factory=dict)
    warp: TimeWarp = LINEAR
    _positions: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _certainty: dict[int, DateCertainty] = field(default_factory=dict, compare=False, repr=False)
    # The titles' letters in all, once counted (kept as one item: the dataclass is frozen).
    _letters: list[int] = field(default_factory=list, compare=False, repr=False)
    # The latest end, once found: a wheel notch asks for the extent, and a million ends
    # take 10 ms to go through (kept as one item, as the letters are). Not an argument,
    # so that a content made from another with other ends (dataclasses.replace, as
    # another scale does) finds its own.
    _last_end: list[float] = field(default_factory=list, init=False, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.keys)

    def position(self, key: str) -> int | None:
        """Return where the event with this id sits in the columns, or None if absent."""
        if len(self._positions) < len(self.keys):
            self.note_positions()
        return self._positions.get(key)

    def note_positions(self, at_most: int | None = None) -> bool:
        """Note where the next ``at_most`` events sit (all the rest, by default), for
        ``position``; return whether some are left. A window notes them while idle: a
        million ids take 0.6 s when packed (argline.layout.packed_texts)."""
        known, count = len(self._positions), len(self.keys)
        stop = count if at_most is None else min(known + at_most, count)
        self._positions.update(zip(self.keys[known:stop], range(known, stop), strict=True))
        return stop < count

    def spliced(
        self, removed: Sequence[int], events: Sequence[EventColumns], tied_before: Sequence[int]
    ) -> tuple[TimelineContent, Splice]:
        """Return the content without the events at ``removed`` (positions, sorted) and with
        ``events`` put in, and how the positions moved.

        ``events`` come in the store's order (by start, then as stored); ``tied_before[n]``
        is how many kept events starting when ``events[n]`` does come before it so.
        """
        inserted = []
        for n, (event, tied) in enumerate(zip(events, tied_before, strict=True)):
            # Kept before it: those starting earlier (less those taken out), then its ties.
            earlier = bisect_left(self.starts, event.start)
            inserted.append(earlier - bisect_left(removed, earlier) + tied + n)
        splice = Splice.of(len(self), removed, inserted)
        column, numbers = partial(_column, splice), partial(_numbers, splice)
        disputes = {
            moved: marks
            for position, marks in self.disputes.items()
            if (moved := splice.moved(position)) is not None
        }
        disputes.update(
            (position, event.disputes)
            for position, event in zip(splice.inserted, events, strict=True)
            if event.disputes
        )
        keys = column(self.keys, [e.key for e in events])
        content = TimelineContent(
            title=self.title,
            keys=keys,
            titles=column(self.titles, [e.title for e in events]),
            start_texts=column(self.start_texts, [e.start_text for e in events]),
            end_texts=column(self.end_texts, [e.end_text for e in events]),
            starts=numbers(self.starts, [e.start for e in events]),
            ends=numbers(self.ends, [e.end for e in events]),
            lanes=numbers(self.lanes, [e.lane for e in events]),
            lane_names=self.lane_names,
            lane_marks=self.lane_marks,
            eras=self.eras,
            publications=self.publications,
            disputes=disputes,
            warp=self.warp,
            _positions=self._positions_after(splice, keys, removed, events),
        )
        if self._letters:
            gone = sum(len(self.titles[position]) for position in removed)
            content._letters.append(self._letters[0] - gone + sum(len(e.title) for e in events))
        return content, splice

    def _positions_after(
        self,
        splice: Splice,
        keys: Sequence[str],
        removed: Sequence[int],
        events: Sequence[EventColumns],
    ) -> dict[str, int]:
        """Return where each id is after the splice (none yet, if none was asked for here),
        moved by the stretches that moved: found afresh it would take 27 ms at 100,000."""
        if len(self._positions) < len(self.keys):
            return {}  # found afresh when asked for, as by a content just read
        # A copy is quick (0.3 ms at 100,000) while no id was ever deleted from the dict, so
        # only the events gone for good are: the others are written over where they are.
        positions = dict(self._positions)
        for key in {self.keys[position] for position in removed} - {e.key for e in events}:
            del positions[key]
        for first, stop, shift in splice.kept:
            if shift:
                moved = range(first + shift, stop + shift)
                positions.update(zip(keys[moved.start : moved.stop], moved, strict=True))
        positions.update((e.key, p) for p, e in zip(splice.inserted, events, strict=True))
        return positions

    def title_letters(self) -> int:
        """Return how many letters the titles hold in all (counted once, then remembered)."""
        if not self._letters:
            titles = self.titles
            letters = titles.letters() if isinstance(titles, PackedTexts) else sum(map(len, titles))
            self._letters.append(letters)
        return self._letters[0]

    def certainty(self, event: int) -> DateCertainty:
        """Return how precisely the event's dates are known (parsed once, then remembered)."""
        known = self._certainty.get(event)
        if known is None:
            known = self._certainty[event] = self._read_certainty(event)
        return known

    def _read_certainty(self, event: int) -> DateCertainty:
        start_text, end_text = self.start_texts[event], self.end_texts[event]
        if end_text is None and _PLAIN_DATE.fullmatch(start_text):
            # A plain year, month or day ("1867", "1867-03", "1867-03-30") is neither circa
            # nor uncertain, and known to the day when it names one: no need to parse it.
            if start_text.count("-", 1) == 2:
                return DateCertainty(False, False, self.starts[event], self.ends[event])
            middle = (self.starts[event] + self.ends[event]) / 2
            return DateCertainty(False, False, middle, middle)
        start = HistoricalDate.from_edtf(start_text)
        end = HistoricalDate.from_edtf(end_text) if end_text else None
        last = end or start
        circa = start.circa or last.circa
        uncertain = start.uncertain or last.uncertain
        if end is None:
            if start.precision >= Precision.DAY:
                return DateCertainty(circa, uncertain, self.starts[event], self.ends[event])
            middle = (self.starts[event] + self.ends[event]) / 2
            return DateCertainty(circa, uncertain, middle, middle)
        solid_from = start.axis_start() if start.precision >= Precision.DAY else start.axis_end()
        solid_to = end.axis_end() if end.precision >= Precision.DAY else end.axis_start()
        units = self.warp.units
        return DateCertainty(circa, uncertain, units(solid_from), units(max(solid_from, solid_to)))

    def extent(self) -> tuple[float, float] | None:
        """Return the first and last axis values of everything drawn, or None when empty."""
        firsts = [era.start for era in self.eras] + [p.start for p in self.publications]
        lasts = [era.end for era in self.eras] + [p.end for p in self.publications]
        for marks in self.disputes.values():
            firsts += [m.start for m in marks]
            lasts += [m.end for m in marks]
        if self.keys:
            if not self._last_end:
                self._last_end.append(max(self.ends))
            firsts.append(self.starts[0])
            lasts.append(self._last_end[0])
        if not firsts:
            return None
        return min(firsts), max(lasts)


def _column(splice: Splice, old: Sequence[T], new: Sequence[T]) -> Sequence[T]:
    if _unchanged(splice, old, new):
        return old  # a renamed event keeps its place: only the titles are spliced
    if isinstance(old, PackedTexts | PackedEnds):
        # Kept packed: a million texts cut out one by one to splice them took 2 s.
        return old.spliced(splice, new)  # type: ignore[arg-type, return-value]  # T is str
    into: list[T] = []
    splice.fill(into, old, new)
    return tuple(into)


def _numbers(splice: Splice, old: array[N], new: Sequence[N]) -> array[N]:
    if _unchanged(splice, old, new):
        return old
    into: array[N] = array(old.typecode)
    splice.fill(into, old, new)
    return into


def _unchanged(splice: Splice, old: Sequence[T], new: Sequence[T]) -> bool:
    """Tell whether the column reads the same after the splice (so it can be shared)."""
    return splice.in_place and all(
        old[p] == item for p, item in zip(splice.inserted, new, strict=True)
    )


def empty_content(title: str = "") -> TimelineContent:
    """Return the content of a store with nothing in it."""
    return TimelineContent(
        title, (), (), (), (), array("d"), array("d"), array("H"), (), (), disputes={}
    )
