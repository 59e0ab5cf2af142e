"""How long from an edit of one event to the timeline's next painted frame, at N events?

Builds a store of N synthetic events (bench/timeline_frame.py's, in a child process),
opens it in the main window offscreen, and edits events through the window's history,
as the inspector does: a title, then a date that moves the event a few years (so it
changes places among the others), in turn, at two zooms (everything; one year, 2018,
within the dense July cluster). Each edit is timed from the moment it is asked for, through
its transaction and the window's refresh, to the end of the next paint of the timeline.
Prints figures, then a last line of JSON:
{"events": N, "edit_to_frame_ms_median": m, "edit_to_frame_ms_p95": p,
 "title_ms_median": …, "title_ms_p95": …, "date_ms_median": …, "date_ms_p95": …}
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timeline_frame import build_elsewhere

# The views edited in: the whole timeline, and the year 2018 (days since 1970).
VIEWS = (("everything", None), ("year", (17_532.0, 17_897.0)))


def measure(path: Path, *, edits: int, seed: int = 5) -> dict[str, list[float]]:
    """Return the milliseconds of each title edit and each date edit, to the next frame."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from argline.gui.main_window import MainWindow
    from argline.layout.time_scale import TimeScale
    from argline.model.dates import HistoricalDate
    from argline.ops.event_edits import EditEvent
    from argline.store import Store

    app = QApplication.instance() or QApplication([])
    settings_file = path.with_suffix(".ini")
    window = MainWindow(
        Store.open(path), settings=QSettings(str(settings_file), QSettings.Format.IniFormat)
    )
    window.resize(1400, 900)
    window.show()
    timeline = window.timeline
    painted: list[float] = []
    paint = timeline.paintEvent

    def timed_paint(event: object) -> None:
        paint(event)
        painted.append(time.perf_counter())

    timeline.paintEvent = timed_paint  # type: ignore[method-assign]  # the bench's own clock
    rng = random.Random(seed)
    content = timeline.content
    times: dict[str, list[float]] = {"title": [], "date": []}

    def frame_after(edit: EditEvent) -> float:
        painted.clear()
        begun = time.perf_counter()
        window.history.apply(edit)
        while not painted:
            app.processEvents()
        return (painted[0] - begun) * 1000

    for name, shown in VIEWS:
        if shown is not None:
            timeline._set_scale(TimeScale(*shown, timeline.width()))
        else:
            timeline.fit_all()
        while not painted:
            app.processEvents()
        for n in range(edits):
            key = content.keys[rng.randrange(len(content))]
            if n % 2 == 0:
                edit = EditEvent(key, title=f"Renamed in the bench, {name} {n}")
                times["title"].append(frame_after(edit))
            else:
                position = timeline.content.position(key)
                assert position is not None
                start = HistoricalDate.from_edtf(timeline.content.start_texts[position])
                year = min(max(start.year + rng.choice((-3, -2, 2, 3)), 1750), 2049)
                times["date"].append(
                    frame_after(EditEvent(key, start=HistoricalDate(year), end=None))
                )
            content = timeline.content
    window.store.close()
    window.store = None
    settings_file.unlink(missing_ok=True)
    return times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=40, help="edits per zoom, half of each kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "bench.argline"
        built = time.perf_counter()
        build_elsewhere(path, args.events)
        print(f"built {args.events:,} events in {time.perf_counter() - built:.1f} s")
        times = measure(path, edits=args.edits)
    every = times["title"] + times["date"]
    figures: dict[str, float] = {}
    for kind, values in times.items():
        figures[f"{kind}_ms_median"] = round(statistics.median(values), 2)
        figures[f"{kind}_ms_p95"] = round(_p95(values), 2)
        print(
            f"{kind:>6} edits: median {statistics.median(values):6.2f} ms, "
            f"p95 {_p95(values):6.2f} ms, max {max(values):6.2f} ms ({len(values)})"
        )
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(
        json.dumps(
            {
                "events": args.events,
                "edit_to_frame_ms_median": round(statistics.median(every), 2),
                "edit_to_frame_ms_p95": round(_p95(every), 2),
                **figures,
                "load_average": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
