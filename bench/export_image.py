"""How long does an 8000 × 2000 timeline image take to write, as PNG, SVG and PDF?

Builds stores of 1,000 and of 100,000 synthetic events (as bench/timeline_frame.py does,
in a child process), then times export_timeline_image on each, whole corpus, the median
of --runs. Prints a JSON line per store size; the last line holds the figures of the
largest and, under "by_events", those of every size:
{"png_ms": …, "svg_ms": …, "pdf_ms": …, "events": N, "by_events": {…}}
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timeline_frame import build_elsewhere


def time_exports(path: Path, folder: Path, *, width: int, height: int, runs: int) -> dict:
    from argline.gui.headless import ensure_application
    from argline.gui.timeline.export import export_timeline_image
    from argline.store import Store

    ensure_application()
    store = Store.open(path)
    figures = {}
    try:
        for suffix in ("png", "svg", "pdf"):
            times = []
            for run in range(runs):
                target = folder / f"timeline-{run}.{suffix}"
                started = time.perf_counter()
                export_timeline_image(store, target, width=width, height=height)
                times.append((time.perf_counter() - started) * 1000)
                target.unlink()
            figures[f"{suffix}_ms"] = round(statistics.median(times), 1)
    finally:
        store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--width", type=int, default=8000)
    parser.add_argument("--height", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    by_events = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for count in args.events:
            path = folder / f"bench-{count}.argline"
            build_elsewhere(path, count)
            figures = time_exports(
                path, folder, width=args.width, height=args.height, runs=args.runs
            )
            by_events[str(count)] = figures
            print(json.dumps({"events": count, **figures}))
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(json.dumps({**figures, "events": count, "by_events": by_events}))


if __name__ == "__main__":
    main()
