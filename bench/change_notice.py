"""How soon does one client's edit reach another client's change feed on PostgreSQL?

Opens two stores on --db (a scratch database: a claim's text is overwritten; an empty
one gets the seed corpus first), listens with a ChangeFeed on the second, and makes
--edits edits of a claim through the first, timing each from the start of the edit
to the feed returning its notice. The window asks its feed every 250 ms, so what an
analyst waits for is this figure plus at most that. Prints figures, then a last line
of JSON: {"edits": N, "edit_to_notice_ms_median": m, "edit_to_notice_ms_p95": p}
Goal: within a second, the window's promise, with the 250 ms poll.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from argline.io.seed import load_seed
from argline.ops.claim_edits import EditClaim
from argline.ops.running import run
from argline.store import Store
from argline.store.notify import ChangeFeed

CLAIM = "ei-no-syria-compromise"


def time_notices(editor: Store, feed: ChangeFeed, edits: int) -> list[float]:
    """Return, per edit, the milliseconds from its start to the feed hearing it."""
    times = []
    for step in range(edits):
        started = time.perf_counter()
        run(editor, EditClaim(CLAIM, text=f"Edited for the notice benchmark, {step}."))
        heard = feed.poll(10.0)
        times.append((time.perf_counter() - started) * 1000)
        if not heard:
            raise SystemExit(f"edit {step}: no notice within 10 s")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a scratch postgresql:// database")
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args(argv)
    editor, viewer = Store.open(args.db), Store.open(args.db)
    try:
        load_seed(editor)
        with ChangeFeed(viewer) as feed:
            if not feed.live:
                raise SystemExit(f"{args.db}: no live change feed (is it PostgreSQL?)")
            times = time_notices(editor, feed, args.edits)
    finally:
        editor.close()
        viewer.close()
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"edit to notice: median {median:.1f} ms, p95 {p95:.1f} ms ({args.edits} edits)")
    print(
        json.dumps(
            {
                "edits": args.edits,
                "edit_to_notice_ms_median": round(median, 2),
                "edit_to_notice_ms_p95": round(p95, 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
