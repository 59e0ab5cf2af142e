"""Does the window answer while it opens a large map, and how long until the map is drawn?

Imports one of bench/map_import.py's maps (--shape, --claims) into a new store, opens it
in the main window offscreen and shows its map, as opening a file does. A timer asks
the event loop to run every 10 ms throughout; each gap between two of its ticks is how
long the window could not answer a click or a key. Prints figures, then a last line of
JSON: {"claims": N, "shape": s, "open_to_drawn_seconds": t, "longest_stall_ms": l,
"stall_ms_p99": p, "window_seconds": w}, where ``window_seconds`` is how long the window
took to appear with the map on its way (the stalls after it are the map's).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from map_import import SHAPES, map_file

TICK_MS = 10


def measure(path: Path) -> dict[str, float]:
    """Open ``path`` in a window; return the seconds until its map is drawn and the stalls."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from argline.gui.main_window import MainWindow
    from argline.store import Store

    QApplication.instance() or QApplication([])
    settings = QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat)
    begun = time.perf_counter()
    window = MainWindow(Store.open(path), settings=settings)
    window.resize(1600, 1000)
    window.show()
    shown = time.perf_counter() - begun
    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(TICK_MS)
    drawn: list[float] = []
    waiting = QEventLoop()
    window.map.drawn.connect(lambda: (drawn.append(time.perf_counter()), waiting.quit()))
    waiting.exec()
    timer.stop()
    gaps = sorted((b - a) * 1000 for a, b in itertools.pairwise(ticks))
    window.close()
    return {
        "open_to_drawn_seconds": round(drawn[0] - begun, 2),
        "window_seconds": round(shown, 2),
        "longest_stall_ms": round(gaps[-1] if gaps else 0.0, 1),
        "stall_ms_p99": round(
            statistics.quantiles(gaps, n=100, method="inclusive")[98] if len(gaps) > 1 else 0, 1
        ),
        "ticks": len(ticks),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--shape", choices=tuple(SHAPES), default="random")
    args = parser.parse_args()
    from argline.io.transfer import import_file
    from argline.store import Store

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / f"{args.shape}.argline.json"
        map_file(source, args.shape, args.claims)
        path = folder / "map.argline"
        store = Store.open(path)
        import_file(store, source)
        store.close()
        figures = measure(path)
    print(
        f"{args.shape} map of {args.claims:,} claims: window in {figures['window_seconds']} s,"
        f" map drawn {figures['open_to_drawn_seconds']} s after opening;"
        f" longest stall {figures['longest_stall_ms']} ms, p99 {figures['stall_ms_p99']} ms"
        f" over {figures['ticks']} ticks"
    )
    print(json.dumps({"claims": args.claims, "shape": args.shape, **figures}))


if __name__ == "__main__":
    main()
