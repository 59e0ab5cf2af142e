"""How long do hostile files take to be refused, or read, by the readers they aim at?

The tests prove each is refused (or read) without being expanded or built; this
script times it. Each input is read --runs times and the median kept. Prints one line
per input, then a last line of JSON:
{"inputs": N, "runs": R, "slowest": name, "slowest_ms": s, "ms": {name: ms, ...}}
Goal: each within 1,000 ms, as the tests once asserted on a clock.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import time
from collections.abc import Callable

from argline.io.errors import ImportRefused
from argline.io.formats import argdown
from argline.io.formats.thetimelineproject import read_thetimelineproject
from argline.io.formats.timelinejs import read_timelinejs

Reader = Callable[[bytes], object]

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<timeline><events><event><text>&lol3;</text></event></events></timeline>"""
DEEP_EVENT = (
    b"<timeline><events><event><start>2021-10-13 00:00:00</start><end>2021-10-13 00:00:00</end>"
    + b"<x>" * 50_000
    + b"</x>" * 50_000
    + b"</event></events></timeline>"
)


def inputs() -> dict[str, tuple[Reader, bytes]]:
    """Return each hostile input by name, with the reader it is fed to."""
    deep_argdown = "".join(" " * n + "+ [S" + str(n) + "]: s\n" for n in range(2000))
    return {
        "timelinejs-nested-arrays": (read_timelinejs, b'{"events": [' * 100_000),
        "timelinejs-long-number": (
            read_timelinejs,
            b'{"events": [{"start_date": {"year": ' + b"9" * 100_000 + b"}}]}",
        ),
        "timeline-billion-laughs": (read_thetimelineproject, BILLION_LAUGHS),
        "timeline-unclosed-elements": (
            read_thetimelineproject,
            b"<timeline>" + b"<a>" * 100_000 + b"</timeline>",
        ),
        "timeline-deep-event": (read_thetimelineproject, DEEP_EVENT),
        "argdown-deep-indent": (argdown.read, ("[Root]: r\n" + deep_argdown).encode()),
        "argdown-emphasis": (argdown.read, ("[A]: " + "*a_" * 100_000 + "\n").encode()),
        "argdown-brackets": (
            argdown.read,
            ("[A]: x {a: " + "[" * 50_000 + "]" * 50_000 + "}\n").encode(),
        ),
        "argdown-unclosed-data": (argdown.read, ("[A]: x {a: " + "[{" * 50_000 + "\n").encode()),
        "argdown-links": (argdown.read, ("[A]: x " + "[a](" * 300_000 + "\n").encode()),
        "argdown-too-many": (
            argdown.read,
            ("[A]: x\n" + "".join(f"  + [B{i}]: b\n" for i in range(30_000))).encode(),
        ),
        "argdown-too-big": (argdown.read, b"[A]: a\n" * 1_000_000),
    }


def time_reading(read: Reader, data: bytes, runs: int) -> float:
    """Return the median milliseconds ``read`` takes to refuse or read ``data``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with contextlib.suppress(ImportRefused):
            read(data)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="reads of each input (median)")
    args = parser.parse_args(argv)
    figures = {}
    for name, (read, data) in inputs().items():
        figures[name] = round(time_reading(read, data, args.runs), 1)
        print(f"{name}: {figures[name]:.1f} ms ({len(data):,} bytes)")
    slowest = max(figures, key=figures.__getitem__)
    summary = {
        "inputs": len(figures),
        "runs": args.runs,
        "slowest": slowest,
        "slowest_ms": figures[slowest],
        "ms": figures,
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
