"""Hold Python's cycle collector off while many objects that form no cycles come and go.

The one place Argline touches the collector (in the bottom layer, so that any may use
it): an import reads and merges a file, an export lays out and draws 100,000 events, a
window reads its timeline, and start-up makes the objects that live as long as the
program, each inside this pause. Each full pass walks every live object and would find
no cycle among these; it runs again afterwards and collects whatever else was left.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_cycle_collector() -> Iterator[None]:
    """Hold off Python's cycle collector until the block ends (unless it was off before).

    The collector runs every few hundred allocations and each full pass walks every live
    object: with 100,000 events in memory it took over a second of a 5 s import.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
