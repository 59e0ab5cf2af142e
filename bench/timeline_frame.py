"""How fast does the timeline draw a frame of a large store, at every zoom?

Builds a database of N synthetic events (three centuries, a tenth of them spans, seven
lanes, a few dense clusters) in a child process, then in this one opens it through the
product's code (Store.open, TimelineView.load) and draws frames offscreen at six zoom
levels, from everything to one day, panning a little between frames. Prints figures,
then a last line of JSON:
{"events": N, "frame_ms_median": m, "frame_ms_p95": p, "open_s": o, "rss_mb": r, …}
``open_s`` runs from opening the store to the first frame drawn, as a file opens once a
window has shown it (from its timeline pack, at 100,000 events and more:
argline.ops.timeline_pack); ``open_rows_s`` is the first open after the import, which
reads the events' rows (and the window then packs them), run in a process of its own:
``rss_mb`` is the peak resident memory of the process that opens the packed file and
draws the frames, ``rss_rows_mb`` that of the first open with its packing (the database
is built elsewhere, so it is counted in neither).
``--scale collapsed|sequential|log`` draws the frames on that time scale (the open is
timed on the chronological one, as a store opens). ``zoom_step_ms_median`` and
``zoom_step_ms_p95`` are the wheel notches (×1.25
each) zooming in about the dense July 2018 cluster from everything to under a day, right
after opening, each timed from the notch to its frame drawn: each is a new zoom, packed
and drawn anew, as a user zooming feels it.

With ``--events-file FILE`` (an exchange-format file, such as ../shared/bench-data/'s
vis-10k.argline.json) the store is that file imported, and the frames timed are the
first of each of the vis-timeline benchmark's six windows (1718–2018, 1900–2018,
2010–2018, 2018, July 2018, 16 July 2018) at 1600 × 900, visited in turn for --passes:
each is a new zoom, packed and drawn anew. ``frame_ms_median`` and ``frame_ms_p95`` are
then over those first frames.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from argline.gui.timeline.view import TimelineView
    from argline.store import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CATEGORIES = ("Diplomacy", "Summits", "Territory", "Sanctions", "Trade", "Elections", "Sport")
# (year, month, share of events): dense weeks such as July 2018 in the seed corpus.
CLUSTERS = ((2018, 7, 0.05), (1914, 8, 0.03), (1989, 11, 0.03))
# One wheel notch, as the view zooms by it; a zoom from everything to a day takes ~50.
WHEEL_STEP = 1.25
ZOOMS = (
    ("everything", None),
    ("century", 36_524.0),
    ("decade", 3652.0),
    ("year", 365.0),
    ("month", 30.0),
    ("day", 1.0),
)
# The vis-timeline benchmark's windows (../shared/bench-data/README.md), first and last
# dates shown, and its view's size.
PEER_WINDOWS = (
    ("1718", "2018"),
    ("1900", "2018"),
    ("2010", "2018"),
    ("2018", "2018"),
    ("2018-07", "2018-07"),
    ("2018-07-16", "2018-07-16"),
)
PEER_SIZE = (1600, 900)


def synthetic_events(count: int, seed: int = 11) -> list[dict]:
    """Return ``count`` exchange-format events over 1750–2049, with spans and clusters."""
    rng = random.Random(seed)
    events = []
    for n in range(count):
        draw = rng.random()
        cluster = next((c for c in CLUSTERS if (draw := draw - c[2]) < 0), None)
        if cluster is not None:
            year, month = cluster[0], cluster[1]
            start = f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
        else:
            year = rng.randint(1750, 2049)
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            kind = rng.random()
            start = (
                f"{year}"
                if kind < 0.15
                else f"{year}-{month:02d}"
                if kind < 0.3
                else f"{year}-{month:02d}-{day:02d}"
            )
        end = None
        if rng.random() < 0.1:
            end = f"{year + rng.randint(1, 12)}"
        events.append(
            {
                "id": f"e{n}",
                "title": f"Synthetic event {n} of the benchmark",
                "start": start,
                "end": end,
                "category": rng.choice(CATEGORIES),
            }
        )
    return events


def build_database(path: Path, count: int, events_file: Path | None = None) -> None:
    """Write a store holding ``count`` synthetic events, or ``events_file``'s, through the
    product's import."""
    from argline.io.transfer import import_file
    from argline.store import Store

    source = events_file
    if source is None:
        source = path.with_suffix(".json")
        source.write_text(
            json.dumps({"format": "argline", "version": 1, "events": synthetic_events(count)})
        )
    store = Store.open(path)
    try:
        import_file(store, source)
    finally:
        store.close()
        if events_file is None:
            source.unlink()


def build_elsewhere(path: Path, count: int, events_file: Path | None = None) -> None:
    """Build the database in a child process, so that its memory is not this one's."""
    command = [sys.executable, __file__, "--build", str(path), "--events", str(count)]
    if events_file is not None:
        command += ["--events-file", str(events_file)]
    subprocess.run(command, check=True)


def _opened(path: Path, width: int, height: int) -> tuple[Store, TimelineView, QImage, float]:
    """Open the store and draw its timeline's first frame, as the window does; return
    them, the image drawn into, and the seconds from opening to that frame."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from argline.gui.timeline.view import TimelineView
    from argline.store import Store

    assert QApplication.instance() is not None
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    started = time.perf_counter()
    store = Store.open(path)
    view = TimelineView()
    view.resize(width, height)
    view.load(store)
    view.render(image)
    return store, view, image, time.perf_counter() - started


def open_once(path: Path, *, width: int, height: int) -> float:
    """Open the store as the window does, keep its timeline's pack as the window does once
    shown, and return the seconds from opening to the first frame drawn."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    store, view, _, open_s = _opened(path, width, height)
    if view.packer.due:
        kept = QEventLoop()
        view.packer.kept.connect(kept.quit)
        view.packer.keep(store)
        kept.exec()
    store.close()
    del app
    return open_s


def first_open_elsewhere(path: Path, *, width: int, height: int) -> dict:
    """Run ``open_once`` in a child process; return its seconds and peak memory."""
    command = [sys.executable, __file__, "--first-open", str(path)]
    command += ["--width", str(width), "--height", str(height)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def measure(path: Path, *, width: int, height: int, frames: int, scale: str) -> dict:
    from PySide6.QtWidgets import QApplication

    from argline.layout.time_scale import TimeScale
    from argline.layout.time_warp import ScaleKind

    app = QApplication.instance() or QApplication([])
    store, view, image, open_s = _opened(path, width, height)
    view.set_time_scale(ScaleKind(scale))  # the frames below are on this scale
    view.render(image)
    everything = view._range  # in the scale's units, as are the ranges set below
    units = view.content.warp.units
    centre = 17_728.0  # 16 July 2018: inside the densest cluster
    zoom_steps = _wheel_steps(view, image, centre)
    times: dict[str, list[float]] = {}
    layout: dict[str, list[float]] = {}
    cpu: list[float] = []
    for name, span in ZOOMS:
        start, end = (
            everything if span is None else (units(centre - span / 2), units(centre + span / 2))
        )
        view._set_scale(TimeScale(start, end, width))
        times[name], layout[name] = [], []
        for n in range(frames):
            # Pan a little every frame, so each one is laid out afresh.
            view._pan(-7.0 if n % 2 else 11.0)
            begun, begun_cpu = time.perf_counter(), time.thread_time()
            view._layout()  # the frame's layout, timed apart from its drawing
            laid_out = time.thread_time()
            view.render(image)
            times[name].append((time.perf_counter() - begun) * 1000)
            cpu.append((time.thread_time() - begun_cpu) * 1000)
            layout[name].append((laid_out - begun_cpu) * 1000)
    store.close()
    del app
    return {
        "open_s": open_s,
        "times": times,
        "cpu": cpu,
        "layout": layout,
        "zoom_steps": zoom_steps,
    }


def measure_windows(path: Path, *, width: int, height: int, passes: int) -> dict:
    """Open the store and time the first frame of each peer window, ``passes`` times over."""
    from PySide6.QtWidgets import QApplication

    from argline.layout.time_scale import TimeScale
    from argline.model.dates import HistoricalDate

    app = QApplication.instance() or QApplication([])
    store, view, image, open_s = _opened(path, width, height)
    windows = [
        (
            f"{first}..{last}",
            HistoricalDate.from_edtf(first).axis_start(),
            HistoricalDate.from_edtf(last).axis_end(),
        )
        for first, last in PEER_WINDOWS
    ]
    times: dict[str, list[float]] = {name: [] for name, _, _ in windows}
    layout: dict[str, list[float]] = {name: [] for name, _, _ in windows}
    cpu: list[float] = []
    for _ in range(passes):
        for name, start, end in windows:
            begun, begun_cpu = time.perf_counter(), time.thread_time()
            view._set_scale(TimeScale(start, end, width))
            view._layout()  # the frame's layout, timed apart from its drawing
            laid_out = time.thread_time()
            view.render(image)
            times[name].append((time.perf_counter() - begun) * 1000)
            cpu.append((time.thread_time() - begun_cpu) * 1000)
            layout[name].append((laid_out - begun_cpu) * 1000)
    events = len(view.content)
    store.close()
    del app
    return {"open_s": open_s, "times": times, "cpu": cpu, "layout": layout, "events": events}


def _wheel_steps(view: TimelineView, image: QImage, centre: float) -> list[float]:
    """Return the milliseconds from each wheel notch zooming in about ``centre`` to its
    frame drawn, from the whole timeline until the view holds under a day."""
    times: list[float] = []
    for _ in range(100):
        # From the notch (what the view works out to zoom) to the frame drawn.
        begun = time.perf_counter()
        view._zoom(WHEEL_STEP, view._scale().x(view.content.warp.units(centre)))
        view.render(image)
        times.append((time.perf_counter() - begun) * 1000)
        start, end = view.visible_range()
        if end - start < 1.0:
            break
    return times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--frames", type=int, default=30, help="frames per zoom level")
    parser.add_argument("--width", type=int, help="pixels (default 1400, 1600 with a file)")
    parser.add_argument("--height", type=int, help="pixels (default 700, 900 with a file)")
    parser.add_argument(
        "--events-file", type=Path, help="an exchange-format file: time the six peer windows"
    )
    parser.add_argument("--passes", type=int, default=5, help="visits of the six windows")
    parser.add_argument(
        "--scale",
        choices=("linear", "collapsed", "sequential", "log"),
        default="linear",
        help="the time scale the frames are drawn on (open is timed on the linear one)",
    )
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--first-open", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build is not None:
        build_database(args.build, args.events, args.events_file)
        return
    if args.first_open is not None:
        open_s = open_once(args.first_open, width=args.width, height=args.height)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"open_rows_s": round(open_s, 3), "rss_rows_mb": round(rss_mb, 1)}))
        return
    if args.events_file is not None:
        peer_windows(args)
        return
    args.width, args.height = args.width or 1400, args.height or 700
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "bench.argline"
        built = time.perf_counter()
        build_elsewhere(path, args.events)
        print(f"built {args.events:,} events in {time.perf_counter() - built:.1f} s")
        first = first_open_elsewhere(path, width=args.width, height=args.height)
        # Another scale is measured beside the linear one, in the same run, for the ratio.
        results = {
            scale: measure(
                path, width=args.width, height=args.height, frames=args.frames, scale=scale
            )
            for scale in dict.fromkeys(("linear", args.scale))
        }
    ratios = {}
    if args.scale != "linear":
        linear, other = _figures(results["linear"]), _figures(results[args.scale])
        ratios = {
            "pan_p95_ratio": round(other["frame_ms_p95"] / linear["frame_ms_p95"], 2),
            "zoom_step_p95_ratio": round(other["zoom_step_ms_p95"] / linear["zoom_step_ms_p95"], 2),
        }
        print(f"linear: {linear}")
    result = results[args.scale]
    for name, values in result["times"].items():
        laid_out = result["layout"][name]
        print(
            f"{name:>10}: median {statistics.median(values):6.2f} ms, "
            f"p95 {_p95(values):6.2f} ms, max {max(values):6.2f} ms; of which layout (CPU) "
            f"median {statistics.median(laid_out):5.2f} ms, first {laid_out[0]:6.2f} ms"
        )
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    steps = result["zoom_steps"]
    print(
        f"{len(steps)} wheel steps: median {statistics.median(steps):6.2f} ms, "
        f"p95 {_p95(steps):6.2f} ms, max {max(steps):6.2f} ms"
    )
    print(
        f"open to first frame {result['open_s']:.2f} s ({first['open_rows_s']:.2f} s from "
        f"the rows, {first['rss_rows_mb']:.0f} MB with the packing); "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print(
        json.dumps(
            {
                "events": args.events,
                "scale": args.scale,
                **_figures(result),
                **first,
                "rss_mb": round(rss_mb, 1),
                **ratios,
                "load_average": round(os.getloadavg()[0], 2),
            }
        )
    )


def _figures(result: dict) -> dict:
    every = sorted(t for values in result["times"].values() for t in values)
    steps = result["zoom_steps"]
    return {
        "frame_ms_median": round(statistics.median(every), 2),
        "frame_ms_p95": round(every[int(0.95 * (len(every) - 1))], 2),
        "open_s": round(result["open_s"], 3),
        # CPU time of the drawing thread: what the frame costs on a machine that other
        # programs share, where wall-clock times wait for the processor.
        "frame_cpu_ms_median": round(statistics.median(result["cpu"]), 2),
        "frame_cpu_ms_p95": round(_p95(result["cpu"]), 2),
        "zoom_step_ms_median": round(statistics.median(steps), 2),
        "zoom_step_ms_p95": round(_p95(steps), 2),
    }


def peer_windows(args: argparse.Namespace) -> None:
    """Import the file, time the six peer windows, print figures and a last line of JSON."""
    if not args.events_file.is_file():
        sys.exit(f"{args.events_file}: no such file")
    width, height = args.width or PEER_SIZE[0], args.height or PEER_SIZE[1]
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "bench.argline"
        built = time.perf_counter()
        build_elsewhere(path, 0, args.events_file)
        print(f"imported {args.events_file.name} in {time.perf_counter() - built:.1f} s")
        result = measure_windows(path, width=width, height=height, passes=args.passes)
    for name, values in result["times"].items():
        laid_out = result["layout"][name]
        print(
            f"{name:>22}: median {statistics.median(values):6.2f} ms, max {max(values):6.2f} ms, "
            f"first {values[0]:6.2f} ms; of which layout (CPU) median "
            f"{statistics.median(laid_out):5.2f} ms"
        )
    every = [t for values in result["times"].values() for t in values]
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"open to first frame {result['open_s']:.3f} s; load average {os.getloadavg()[0]:.2f}")
    print(
        json.dumps(
            {
                "events": result["events"],
                "windows": len(PEER_WINDOWS),
                "passes": args.passes,
                "frame_ms_median": round(statistics.median(every), 2),
                "frame_ms_p95": round(_p95(every), 2),
                "frame_cpu_ms_median": round(statistics.median(result["cpu"]), 2),
                "frame_cpu_ms_p95": round(_p95(result["cpu"]), 2),
                "open_s": round(result["open_s"], 3),
                "rss_mb": round(rss_mb, 1),
                "load_average": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
