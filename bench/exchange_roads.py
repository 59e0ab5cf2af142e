"""Does the exchange reader's quick road still pay? Both roads against the careful one alone.

The exchange reader takes events that are plainly well formed by ``_plain_event`` and
leaves the rest to ``_event``; tests/core/test_formats_properties_exchange.py holds the
two to the same reading. This times reading an exchange file of N events (bytes to a
validated corpus) as the product does it, and with the quick road closed, alternating
run by run so that both meet the same load on a shared machine. Prints figures, then a
last line of JSON:
{"events": N, "runs": R, "both_roads_s": b, "careful_road_s": c, "saved_s": c - b}
Medians of --runs, in CPU seconds. Fold the roads into one when the saving is under
about 0.2 s at 100,000 events, or within 10-15 % of an import (bench/import_bulk.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from unittest import mock

from argline.io import exchange
from import_bulk import synthetic_file


def _no_quick_road(value: object, dates: object, texts: object) -> None:
    """Leave every event to the careful road (a plain function: a mock costs microseconds)."""


def _seconds(data: bytes, *, quick_road: bool) -> float:
    started = time.process_time()
    if quick_road:
        exchange.read_exchange(data)
    else:
        with mock.patch.object(exchange, "_plain_event", _no_quick_road):
            exchange.read_exchange(data)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.argline.json"
        synthetic_file(path, args.events)
        data = path.read_bytes()
    both, careful = [], []
    for run in range(args.runs):
        first, second = (both, careful) if run % 2 == 0 else (careful, both)
        first.append(_seconds(data, quick_road=first is both))
        second.append(_seconds(data, quick_road=second is both))
    print(f"both roads:   {', '.join(f'{s:.3f}' for s in both)} s")
    print(f"careful road: {', '.join(f'{s:.3f}' for s in careful)} s")
    both_s, careful_s = statistics.median(both), statistics.median(careful)
    print(f"the careful road alone takes {careful_s / both_s:.2f}× as long")
    result = {
        "events": args.events,
        "runs": args.runs,
        "both_roads_s": round(both_s, 3),
        "careful_road_s": round(careful_s, 3),
        "saved_s": round(careful_s - both_s, 3),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
