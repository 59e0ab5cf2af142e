"""What the window's views show again after changes made outside them, read off Qt's thread.

A colleague's commit, a reconnect or an import re-reads what changed for every view at
once, in one read transaction. On a server that read may wait: a table another session
holds locked (until ``lock_timeout``), a server paused or gone quiet. So there it runs
on a thread and its result reaches Qt's thread as a queued signal, while the window
goes on answering; a read that fails says why in one line. Requests made while a read
runs are gathered into one more read after it, and a read that an edit of this window's
overtook is made again, so that no view is shown older than the edit. On a file the
read is quick and has no one to wait for: it runs at once, unless the store is large
(over ``LARGE_MAP`` claims: 100,000 took 6 s to read and show after an import).

What the user chooses to see (an item in the inspector, an assessment's text in the
Reader, what Find finds) takes the same road, one read at a time for each of them
(``choose``): a choice made while the last one's read waits replaces any still waiting,
and the one waiting meanwhile is read once that read ends, so only the newest choice is
shown and no more than one read waits for each.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from argline.gui.inspected import ItemRead, read_item
from argline.layout.timeline_content import TimelineContent
from argline.model.entities import Assessment, ClaimEventLink, Event, Relation
from argline.ops.evaluation import ArgumentState, read_argument_state
from argline.ops.plain_reads import (
    read_assessments,
    read_links,
    read_relations,
    read_sourced_events,
    read_totals,
)
from argline.ops.timeline_data import read_timeline
from argline.store import Store, StoreError

TIMELINE_KINDS = frozenset({"events", "eras", "assessments"})
OUTLINE_KINDS = frozenset({"events", "assessments", "claims", "relations", "links"})
MAP_KINDS = frozenset({"assessments", "claims", "relations", "links"})
READER_KINDS = frozenset({"events", "assessments", "claims"})
INSPECTED_KINDS = {"event": "events", "claim": "claims", "assessment": "assessments"}


@dataclass(frozen=True)
class Outline:
    """The browser's assessments and relations, the linker's links, the status bar's totals."""

    assessments: tuple[Assessment, ...]
    relations: tuple[Relation, ...]
    links: tuple[ClaimEventLink, ...]
    totals: tuple[int, int, int]  # events, assessments, claims


@dataclass(frozen=True)
class ViewsRead:
    """What each view shows of the store, read in one transaction; None where the
    changes did not touch what a view shows."""

    store: Store
    kinds: frozenset[str]
    said: str  # the message once it is shown
    timeline: TimelineContent | None
    outline: Outline | None
    argument: ArgumentState | None
    sourced_events: tuple[Event, ...] | None  # with outline's assessments: the Reader's
    item: ItemRead | None  # the inspector's


def read_views(store: Store, kinds: frozenset[str], inspected: tuple[str, str]) -> ViewsRead:
    """Read what views showing ``kinds`` of items need; ``inspected`` is the inspector's
    (kind, id), read when its kind changed or a link did."""
    timeline = outline = argument = sourced = item = None
    with store.plain_reading() as cursor:
        if kinds & TIMELINE_KINDS:
            timeline = read_timeline(cursor)
        if kinds & (OUTLINE_KINDS | READER_KINDS):
            outline = Outline(
                read_assessments(cursor),
                read_relations(cursor),
                read_links(cursor),
                read_totals(cursor),
            )
        if kinds & MAP_KINDS:
            argument = read_argument_state(cursor)
        if kinds & READER_KINDS:
            sourced = read_sourced_events(cursor)
    kind, item_id = inspected
    if kind and (INSPECTED_KINDS.get(kind) in kinds or "links" in kinds):
        with store.reading() as session:
            item = read_item(session, kind, item_id)
    return ViewsRead(store, kinds, "", timeline, outline, argument, sourced, item)


@dataclass(frozen=True)
class Choice:
    """A read of what the user chose to see, and what to do with its result."""

    store: Store
    read: Callable[[], Any]  # on the reading thread, for a server
    show: Callable[[Any], None]  # what it read, on Qt's thread
    failed: Callable[[str], None]  # why it could not be read: one line
    slow: bool = False  # on a thread on a file too: it lays out a large map


class ViewReads(QObject):
    """Runs the window's re-reads one at a time, off Qt's thread for a server."""

    read = Signal(object)  # ViewsRead, on Qt's thread
    failed = Signal(str)  # why the read could not be made: one line
    _finished = Signal(object)  # from the reading thread: ViewsRead, or what it raised
    _chosen = Signal(str, object)  # from the reading thread: a choice's what, its outcome

    def __init__(
        self, inspected: Callable[[], tuple[str, str]], parent: QObject | None = None
    ) -> None:
        """``inspected`` names the item the inspector shows when a read starts."""
        super().__init__(parent)
        self._inspected = inspected
        self._finished.connect(self._take, Qt.ConnectionType.QueuedConnection)
        self._running: tuple[Store, frozenset[str], str] | None = None
        self._next: tuple[Store, frozenset[str], str] | None = None
        self._overtaken = False
        self._chosen.connect(self._take_chosen, Qt.ConnectionType.QueuedConnection)
        self._choosing: dict[str, Choice] = {}  # what each choice's read is reading now
        self._choices_next: dict[str, Choice] = {}  # the newest choice made meanwhile

    @property
    def busy(self) -> bool:
        """Whether a read is on its way."""
        return self._running is not None

    def start(self, store: Store, kinds: Collection[str], said: str, *, slow: bool = False) -> None:
        """Read ``kinds`` again for the views, then emit ``read`` with ``said`` to say; on a
        thread on a file too when ``slow`` (a large store)."""
        wanted = (store, frozenset(kinds), said)
        if self._running is not None:
            self._next = _gathered(self._next, wanted)
            return
        self._running = wanted
        self._overtaken = False
        inspected = self._inspected()
        if not store.on_server and not slow:
            self._take(_read_or_refusal(store, wanted[1], inspected))
            return
        _on_a_thread(
            lambda: self._finished.emit(_read_or_refusal(store, wanted[1], inspected)),
            "reading the views",
        )

    def choose(self, what: str, choice: Choice) -> bool:
        """Read what the user chose to see (``what``: "inspector", "reader", "find", "map")
        and show it; return whether it is shown already (a file, unless the choice is
        slow), else it is on its way."""
        if what in self._choosing:
            self._choices_next[what] = choice  # an older one waiting is never read
            return False
        self._choosing[what] = choice
        if not choice.store.on_server and not choice.slow:
            self._take_chosen(what, _outcome(choice.read))
            return True
        _on_a_thread(lambda: self._chosen.emit(what, _outcome(choice.read)), f"reading {what}")
        return False

    def choosing(self, what: str) -> bool:
        """Whether a read of what the user chose is on its way."""
        return what in self._choosing

    def forget_choices(self) -> None:
        """Show none of the choices on their way: the views they were for are gone."""
        self._choices_next.clear()
        for what, choice in self._choosing.items():
            self._choosing[what] = replace(choice, show=_unshown, failed=_unshown)

    def overtaken(self) -> None:
        """An edit of this window's was saved meanwhile: a read running may have missed it."""
        if self._running is not None:
            self._overtaken = True

    @Slot(object)
    def _take(self, outcome: ViewsRead | Exception) -> None:
        running, self._running = self._running, None
        assert running is not None
        if self._overtaken and not isinstance(outcome, Exception):
            self._next = running if self._next is None else _gathered(running, self._next)
        following, self._next = self._next, None
        try:
            if isinstance(outcome, StoreError):
                self.failed.emit(str(outcome))
            elif isinstance(outcome, Exception):
                raise outcome  # a bug, shown as one
            elif not self._overtaken:
                self.read.emit(replace(outcome, said=running[2]))
        finally:
            if following is not None:
                self.start(*following)

    @Slot(str, object)
    def _take_chosen(self, what: str, outcome: object) -> None:
        choice = self._choosing.pop(what)
        following = self._choices_next.pop(what, None)
        try:
            if isinstance(outcome, Exception) and not isinstance(outcome, StoreError):
                raise outcome  # a bug, shown as one
            if following is not None:
                return  # a newer choice was made: this one is not shown
            if isinstance(outcome, StoreError):
                choice.failed(str(outcome))
            else:
                choice.show(outcome)
        finally:
            if following is not None:
                self.choose(what, following)


def claims_on_file(store: Store) -> int | None:
    """Return how many claims a store on a file holds, to tell whether its reads are slow;
    None on a server, whose reads are on a thread already."""
    if store.on_server:
        return None
    with store.plain_reading() as cursor:
        return read_totals(cursor)[2]


def _on_a_thread(work: Callable[[], None], name: str) -> None:
    """Run ``work`` on a thread of its own, which quitting does not wait for: a read stuck
    on a dead network must not hold up quitting."""
    threading.Thread(target=work, name=name, daemon=True).start()


def _outcome(read: Callable[[], Any]) -> Any:
    """What ``read`` gives, or what it raised, to be said (a StoreError) or raised on Qt's
    thread."""
    try:
        return read()
    except Exception as error:  # handed to Qt's thread, not swallowed
        return error


def _unshown(_outcome: object) -> None:
    """What a choice for views that are gone does with its result: nothing."""


def _read_or_refusal(
    store: Store, kinds: frozenset[str], inspected: tuple[str, str]
) -> ViewsRead | Exception:
    """The read, or what it raised, to be said (a StoreError) or raised on Qt's thread."""
    return _outcome(lambda: read_views(store, kinds, inspected))  # type: ignore[no-any-return]


def _gathered(
    earlier: tuple[Store, frozenset[str], str] | None, later: tuple[Store, frozenset[str], str]
) -> tuple[Store, frozenset[str], str]:
    """One request for both: the later store's, every kind of both, the later message."""
    if earlier is None or earlier[0] is not later[0]:
        return later
    return later[0], earlier[1] | later[1], later[2] or earlier[2]
