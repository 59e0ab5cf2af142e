"""Keep the timeline of a large file packed once it is shown, for its next open to read.

The pack is made on a thread (some 0.5 s at 1,000,000 events, pure Python, so the
window still answers between its steps) and written on Qt's thread (some 0.8 s for
100 MB: once, the first time a file is shown after its events changed), through the
store's one write road, once the window has finished opening (argline.ops.timeline_pack).
A pack is a convenience: a file that cannot take it (read-only, full, held by another
program) opens from its rows as before, and nothing is said.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot

from argline.layout.timeline_content import TimelineContent
from argline.ops.timeline_pack import PACK_FROM, keep_pack, pack_events
from argline.store import Store


class TimelinePacker(QObject):
    """Packs what the timeline read from the rows of a large file; ``kept`` carries
    whether the file took the pack (False when the events changed meanwhile)."""

    kept = Signal(bool)
    _packed = Signal(object, int, list)  # from the thread: the store, the count, the pack

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._due: tuple[TimelineContent, int] | None = None
        self._store: Store | None = None
        self._packed.connect(self._write, Qt.ConnectionType.QueuedConnection)

    @property
    def due(self) -> bool:
        """Whether what was read is to be packed (until ``keep`` is asked)."""
        return self._due is not None

    def read(self, content: TimelineContent, changes: int | None) -> None:
        """Note what the timeline read: a pack is due when it came from a large file's rows
        (``changes`` is their count of changes, None when they came from a pack)."""
        self._due = None
        if changes is not None and len(content) >= PACK_FROM:
            self._due = (content, changes)
        self._store = None  # a pack of what was read before is not written now

    def keep(self, store: Store) -> None:
        """Pack what was read, if a pack is due, and write it into ``store``'s file."""
        due, self._due, self._store = self._due, None, store
        if due is None or store.on_server or store.read_only:
            return
        content, changes = due
        threading.Thread(
            target=self._pack, args=(store, content, changes), name="timeline pack", daemon=True
        ).start()

    def _pack(self, store: Store, content: TimelineContent, changes: int) -> None:
        packed = pack_events(content)
        # The views may have been replaced meanwhile (another file opened): nothing to keep.
        with contextlib.suppress(RuntimeError):
            self._packed.emit(store, changes, packed)

    @Slot(object, int, list)
    def _write(self, store: Store, changes: int, packed: list[bytes]) -> None:
        if store is not self._store or store.closed:
            return  # another file is shown now, or none
        try:
            kept = keep_pack(store, packed, changes)
        except Exception:  # a pack is a convenience: a file that refuses it opens from rows
            kept = False
        self.kept.emit(kept)
