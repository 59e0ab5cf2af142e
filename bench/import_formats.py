"""How fast do timeline files of 100,000 events read, and import into a store?

TimelineJS3 JSON and CSV, TimelineJS2 JSON and SIMILE XML. Prints figures, then a last
line of JSON:
{"events": N, "runs": R, "seconds": {"timelinejs": s, "timelinejs-csv": s,
 "timelinejs2": s, "simile": s, "timelinejs-import": s, "timelinejs-csv-import": s,
 "timelinejs2-import": s, "simile-import": s}, "cpu_seconds": {the same names}}
The reader figures time bytes to a validated corpus (every date and field checked); the
import figures time the whole path (format chosen by content, read, merged into a new
SQLite store in one transaction). Medians of --runs: the machine is shared, so each is
given in this process's CPU seconds too, which other programs on the cores inflate less
than the clock's. Goal: 3 s or less per reader.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from argline.io.formats.simile import read_simile, write_simile
from argline.io.formats.timelinejs import read_timelinejs, write_timelinejs
from argline.io.formats.timelinejs_csv import read_timelinejs_csv, write_timelinejs_csv
from argline.io.transfer import import_bytes
from argline.model.dates import HistoricalDate, Precision
from argline.model.entities import Corpus, Event
from argline.store import Store

GROUPS = ("Diplomacy", "Summits", "Territory", "Sanctions", "Trade", "Elections", "Sport")


def synthetic_corpus(count: int, seed: int = 7) -> Corpus:
    """Return ``count`` events over three centuries, mixed precisions, a third with media."""
    rng = random.Random(seed)
    events = []
    for n in range(count):
        year, month, day = rng.randint(1750, 2049), rng.randint(1, 12), rng.randint(1, 28)
        kind = rng.random()
        if kind < 0.2:
            start = HistoricalDate(year)
        elif kind < 0.4:
            start = HistoricalDate(year, month, precision=Precision.MONTH)
        else:
            start = HistoricalDate(year, month, day, precision=Precision.DAY)
        end = HistoricalDate(year + rng.randint(1, 5)) if rng.random() < 0.1 else None
        media = (("media.caption", f"Picture {n}"), ("media.url", f"https://example.org/{n}.jpg"))
        events.append(
            Event(
                id=f"e{n}",
                title=f"Synthetic event {n}",
                start=start,
                end=end,
                description="Generated for the <b>format</b> benchmark." if n % 5 == 0 else "",
                category=rng.choice(GROUPS),
                attributes=media if n % 3 == 0 else (),
            )
        )
    return Corpus(title="Benchmark", events=tuple(events))


def _half_without_ids(data: bytes) -> bytes:
    """Drop every other slide's unique_id, so those events take the hashed-id road."""
    document = json.loads(data)
    for slide in document["events"][::2]:
        del slide["unique_id"]
    return json.dumps(document, ensure_ascii=False).encode()


def _timelinejs2(corpus: Corpus) -> bytes:
    """Return the corpus as TimelineJS2 writes it (Argline writes no TimelineJS2)."""

    def text(date: HistoricalDate) -> str:
        parts = (date.year, date.month, date.day)
        return ",".join(str(part) for part in parts if part is not None)

    dates = []
    for event in corpus.events:
        date: dict[str, object] = {"startDate": text(event.start), "headline": event.title}
        if event.end is not None:
            date["endDate"] = text(event.end)
        if event.description:
            date["text"] = event.description
        date["tag"] = event.category
        media = dict(event.attributes)
        if media:
            date["asset"] = {"media": media["media.url"], "caption": media["media.caption"]}
        dates.append(date)
    timeline = {"headline": corpus.title, "type": "default", "date": dates}
    return json.dumps({"timeline": timeline}, ensure_ascii=False).encode()


def _median(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Return the median seconds of ``action`` by the clock and in CPU time."""
    times, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return statistics.median(times), statistics.median(cpu)


def _import_once(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.argline")
        try:
            import_bytes(store, data, name=name)
        finally:
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--import-runs", type=int, default=3)
    args = parser.parse_args()
    corpus = synthetic_corpus(args.events)
    json_data = _half_without_ids(write_timelinejs(corpus))
    csv_data = write_timelinejs_csv(corpus)
    js2_data = _timelinejs2(corpus)
    simile_data = write_simile(corpus)
    assert len(read_timelinejs(json_data).corpus.events) == args.events
    assert len(read_timelinejs_csv(csv_data).corpus.events) == args.events
    assert len(read_timelinejs(js2_data).corpus.events) == args.events
    assert len(read_simile(simile_data).corpus.events) == args.events
    print(
        f"{args.events:,} events: JSON {len(json_data) / 2**20:.1f} MiB, "
        f"CSV {len(csv_data) / 2**20:.1f} MiB, TimelineJS2 {len(js2_data) / 2**20:.1f} MiB, "
        f"SIMILE {len(simile_data) / 2**20:.1f} MiB"
    )
    seconds = {
        "timelinejs": _median(lambda: read_timelinejs(json_data), args.runs),
        "timelinejs-csv": _median(lambda: read_timelinejs_csv(csv_data), args.runs),
        "timelinejs2": _median(lambda: read_timelinejs(js2_data), args.runs),
        "simile": _median(lambda: read_simile(simile_data), args.runs),
        "timelinejs-import": _median(lambda: _import_once(json_data, "b.json"), args.import_runs),
        "timelinejs-csv-import": _median(lambda: _import_once(csv_data, "b.csv"), args.import_runs),
        "timelinejs2-import": _median(lambda: _import_once(js2_data, "b.json"), args.import_runs),
        "simile-import": _median(lambda: _import_once(simile_data, "b.xml"), args.import_runs),
    }
    for name, (value, cpu) in seconds.items():
        print(f"{name:>24}: {value:6.2f} s, CPU {cpu:6.2f} s (medians of runs)")
    print(f"load average {os.getloadavg()[0]:.2f}")
    figures = {
        "events": args.events,
        "runs": args.runs,
        "seconds": {k: round(v, 3) for k, (v, _) in seconds.items()},
        "cpu_seconds": {k: round(c, 3) for k, (_, c) in seconds.items()},
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
