"""How much memory a block of code takes, as a test's measure of work done.

A hostile file must be refused before it is expanded or built. A clock would say so
only on an idle machine; the peak of what Python allocated (tracemalloc) is the same
figure on a busy one, and an expanded entity or a built tree shows in it at once.
"""

from __future__ import annotations

import tracemalloc
from types import TracebackType


class Allocations:
    """The peak bytes Python allocated inside the ``with`` block: ``peak`` after it."""

    peak = 0

    def __enter__(self) -> Allocations:
        tracemalloc.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def few_bytes_for(data: bytes) -> int:
    """A bound on the memory reading ``data`` may take when it is refused unbuilt: twice
    its size (a decoded copy, say) and a mebibyte; a parsed tree takes tens of times more."""
    return 2 * len(data) + 2**20
