"""How fast does a large exchange file import? Compared with raw sqlite3 on the same rows.

Prints figures, then a last line of JSON:
{"events": N, "seconds": s, "raw_sqlite_seconds": r, "ratio": q, "peak_rss_mb": m}
``seconds`` is the product's whole import path (read the file, check every field and
date, merge into the store in one transaction); ``raw_sqlite_seconds`` inserts the
same event rows into the same schema with sqlite3's executemany; ``ratio`` is the
median of their ratios run by run. Medians of --runs; the two alternate, run by run,
so that both meet the same load on a shared machine. Each product import runs in a
fresh process of its own, so that ``peak_rss_mb`` (the largest of their peak resident
memories) is the import's, not this script's, which holds the rows for sqlite3. (Linux:
the peak is the process's VmHWM; its ru_maxrss survives the exec that starts it, and so
counts the memory this script holds, some 840 MB at 1,000,000 events.)
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine

from argline.io.transfer import import_file
from argline.model.dates import HistoricalDate
from argline.store import Store
from argline.store.schema import Base

CATEGORIES = ("Diplomacy", "Summits", "Territory", "Sanctions", "Trade", "Elections", "Sport")


def synthetic_file(path: Path, count: int, seed: int = 7) -> list[dict]:
    """Write an exchange file of ``count`` events over three centuries; return the events."""
    rng = random.Random(seed)
    events = []
    for n in range(count):
        year = rng.randint(1750, 2049)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        kind = rng.random()
        start = (
            f"{year}"
            if kind < 0.2
            else f"{year}-{month:02d}"
            if kind < 0.4
            else (f"{year}-{month:02d}-{day:02d}")
        )
        event = {
            "id": f"e{n}",
            "title": f"Synthetic event {n}",
            "description": "Generated for the import benchmark.",
            "start": start,
            "end": f"{year + rng.randint(1, 5)}" if rng.random() < 0.1 else None,
            "category": rng.choice(CATEGORIES),
        }
        events.append(event)
    path.write_text(json.dumps({"format": "argline", "version": 1, "events": events}))
    return events


def time_product(path: Path, folder: Path, run: int) -> tuple[float, float]:
    """Return the seconds and the peak resident megabytes of an import in a new process."""
    command = [sys.executable, __file__, "--product", str(path), str(folder / f"p{run}.argline")]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    figures = json.loads(done.stdout.splitlines()[-1])
    return figures["seconds"], figures["peak_rss_mb"]


def import_alone(source: Path, target: Path) -> None:
    """Import ``source`` into a new store at ``target``; print seconds and peak memory."""
    store = Store.open(target)
    try:
        started = time.perf_counter()
        import_file(store, source)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    print(json.dumps({"seconds": seconds, "peak_rss_mb": _peak_resident_mb()}))


def _peak_resident_mb() -> float:
    """Return the most memory this process has held resident since it started, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise OSError("no VmHWM in /proc/self/status: this bench measures memory on Linux")


def time_raw_sqlite(events: list[dict], folder: Path, run: int) -> float:
    target = folder / f"raw-{run}.db"
    Base.metadata.create_all(create_engine(f"sqlite:///{target}"))
    rows = [
        (
            e["id"],
            e["title"],
            e["description"],
            e["category"],
            e["start"],
            e["end"],
            *_axis_values(e),
            "{}",
            1,
        )
        for e in events
    ]
    connection = sqlite3.connect(target)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    started = time.perf_counter()
    connection.executemany(
        'INSERT INTO events (key, title, description, category, start, "end", axis_start,'
        " axis_end, attributes, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    connection.commit()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def _axis_values(event: dict) -> tuple[float, float]:
    """Return the axis values the product stores, computed before the clock starts.

    Stand-ins such as the row number would be ascending, which SQLite's axis indexes
    take far faster than the scattered values of real dates (1.2 s against 1.7 s here).
    """
    start = HistoricalDate.from_edtf(event["start"])
    end = HistoricalDate.from_edtf(event["end"]) if event["end"] else start
    return start.axis_start(), end.axis_end()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--product", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.product is not None:
        import_alone(*args.product)
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = folder / "events.argline.json"
        events = synthetic_file(source, args.events)
        product, peaks, raw = [], [], []
        for run in range(args.runs):
            stores = folder / f"run-{run}"
            stores.mkdir()
            seconds, peak = time_product(source, stores, run)
            product.append(seconds)
            peaks.append(peak)
            raw.append(time_raw_sqlite(events, stores, run))
            shutil.rmtree(stores)  # a million events take 150 MB a store
    print(f"product import: {', '.join(f'{s:.3f}' for s in product)} s")
    print(f"raw sqlite3:    {', '.join(f'{s:.3f}' for s in raw)} s")
    ratios = [p / r for p, r in zip(product, raw, strict=True)]
    print(f"product / raw, run by run: {', '.join(f'{r:.2f}' for r in ratios)}")
    print(f"peak memory of each import: {', '.join(f'{m:.0f}' for m in peaks)} MB")
    result = {
        "events": args.events,
        "seconds": round(statistics.median(product), 3),
        "raw_sqlite_seconds": round(statistics.median(raw), 3),
        "ratio": round(statistics.median(ratios), 2),
        "peak_rss_mb": round(max(peaks), 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
