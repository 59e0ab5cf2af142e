"""How long does an 8000 × 2000 timeline image take to write, as PNG, SVG and PDF?

Builds stores of 1,000 and of 100,000 synthetic events (as bench/timeline_frame.py does,
in a child process), then times export_timeline_image on each, whole corpus, the median
of --runs. The same drawing is encoded as PNG by each of two writers in turn, run after
run, so that the machine's noise falls on both alike: the hand encoder Argline ships
("hand": gui/png_encoder.py) and Qt's own QImageWriter at each of --compression (0–100,
Qt's scale). The hand encoder is worth keeping while it is over 1.5× as fast as Qt's.
Prints a JSON line per store size; the last line holds the figures of the largest and,
under "by_events", those of every size:
{"png_ms": …, "svg_ms": …, "pdf_ms": …, "png_writers": {name: {"ms", "bytes"}}, "events": N,
 "by_events": {…}}
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timeline_frame import build_elsewhere


@contextlib.contextmanager
def qt_png_writer(compression: int) -> Iterator[None]:
    """Encode the PNGs drawn meanwhile with Qt's QImageWriter, not the hand encoder."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QImageWriter

    from argline.gui import image_files

    def encode(image: QImage) -> bytes:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QImageWriter(buffer, QByteArray(b"png"))
        writer.setCompression(compression)
        if not writer.write(image):
            raise RuntimeError(writer.errorString())
        return bytes(buffer.data().data())

    shipped = image_files.opaque_png
    image_files.opaque_png = encode
    try:
        yield
    finally:
        image_files.opaque_png = shipped


def time_exports(
    path: Path, folder: Path, *, width: int, height: int, runs: int, compressions: list[int]
) -> dict:
    from argline.gui.headless import ensure_application
    from argline.gui.timeline.export import export_timeline_image
    from argline.store import Store

    ensure_application()
    store = Store.open(path)
    writers = {"hand": contextlib.nullcontext}
    for compression in compressions:
        writers[f"qt:{compression}"] = lambda c=compression: qt_png_writer(c)
    times: dict[str, list[float]] = {name: [] for name in writers}
    sizes: dict[str, int] = {}

    def export(suffix: str, name: str, run: int) -> float:
        target = folder / f"timeline-{run}.{suffix}"
        started = time.perf_counter()
        export_timeline_image(store, target, width=width, height=height)
        elapsed = (time.perf_counter() - started) * 1000
        sizes[name] = target.stat().st_size
        target.unlink()
        return elapsed

    figures = {}
    names = list(writers)
    try:
        export("png", "hand", -1)  # the first export reads fonts and warms caches: untimed
        for run in range(runs):
            # Each run starts with the next writer, so none always follows the same one.
            for name in names[run % len(names) :] + names[: run % len(names)]:
                with writers[name]():
                    times[name].append(export("png", name, run))
        for suffix in ("svg", "pdf"):
            figures[f"{suffix}_ms"] = round(
                statistics.median(export(suffix, suffix, run) for run in range(runs)), 1
            )
    finally:
        store.close()
    png = {
        name: {"ms": round(statistics.median(times[name]), 1), "bytes": sizes[name]}
        for name in writers
    }
    return {"png_ms": png["hand"]["ms"], **figures, "png_writers": png}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--width", type=int, default=8000)
    parser.add_argument("--height", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compression", type=int, nargs="*", default=[12, 23, 34])
    args = parser.parse_args()
    by_events = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for count in args.events:
            path = folder / f"bench-{count}.argline"
            build_elsewhere(path, count)
            figures = time_exports(
                path,
                folder,
                width=args.width,
                height=args.height,
                runs=args.runs,
                compressions=args.compression,
            )
            by_events[str(count)] = figures
            print(json.dumps({"events": count, **figures}))
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(json.dumps({**figures, "events": count, "by_events": by_events}))


if __name__ == "__main__":
    main()
