"""Named points where a test may have this process killed; nothing happens unless asked.

The kill test (tests/core/test_kill.py) proves that a crash loses at most the
transaction in flight. To know where its kill lands, rather than guess from a clock,
it starts Argline with ``ARGLINE_FAULT_POINT=NAME.N``: the N-th time the process
reaches the point called NAME (N is 1 when left out), it says so on stderr and sends
itself SIGKILL, which no cleanup outlives. The variable is read once, at import; when
it is unset, ``reached`` compares one string and returns.
"""

from __future__ import annotations

import itertools
import os
import signal

VARIABLE = "ARGLINE_FAULT_POINT"


def _chosen(value: str) -> tuple[str, int]:
    """Return the point's name and which pass through it kills, from ``NAME`` or ``NAME.N``."""
    name, _, count = value.rpartition(".")
    return (name, int(count)) if name and count.isdigit() else (value, 1)


_POINT, _PASS = _chosen(os.environ.get(VARIABLE, ""))
_passes = itertools.count(1)


def reached(point: str) -> None:
    """Kill this process if ``point`` is the one ``ARGLINE_FAULT_POINT`` names, this pass."""
    if point != _POINT or next(_passes) != _PASS:
        return
    os.write(2, f"argline: killed at {VARIABLE}={point}.{_PASS}\n".encode())
    os.kill(os.getpid(), signal.SIGKILL)
