"""How many edits a second do concurrent clients make, and is any update lost?

Starts --clients processes, each opening its own store on --db and making --edits
edits of claims the way the window does: read the claim (its version), then save a
new text naming that version. A share of the edits (--hot-share) goes to a few
claims that every client edits, so saves collide; a collision is refused
(EditConflict) and counted, never saved over. Any other refusal (a wait past the
server's lock_timeout on a loaded machine, say) is counted apart: nothing of it was
saved either. Use a scratch database: claim texts
are overwritten (an empty database gets the seed corpus first).

No lost update is checked by counting: every accepted edit reports the version it
created; for each claim those must be exactly the versions between the first and the
last counter, each once, and the claim's text must be the one the last of them saved.

Prints figures, then a last line of JSON:
{"edits_per_s": e, "conflicts": c, "refused": r, "lost_updates": 0, ...}
``edits_per_s`` counts accepted edits over the wall time of the whole run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import time
from collections import defaultdict
from typing import Any

from sqlalchemy import select

from argline.io.seed import load_seed
from argline.ops.claim_edits import EditClaim
from argline.ops.running import run
from argline.ops.versions import EditConflict
from argline.store import Store, StoreError
from argline.store.schema import ClaimRow


def claim_versions(store: Store) -> dict[str, tuple[int, str]]:
    """Return each claim's version and text, by id."""
    with store.reading() as session:
        rows = session.execute(select(ClaimRow.key, ClaimRow.version, ClaimRow.text))
        return {key: (version, text) for key, version, text in rows}


def client(plan: dict[str, Any], start: Any) -> dict[str, Any]:
    """Make the plan's edits; return the accepted ones as (claim, version made, text)."""
    number, url, edits = plan["number"], plan["url"], plan["edits"]
    own, hot, hot_share = plan["own"], plan["hot"], plan["hot_share"]
    rng = random.Random(number)
    store = Store.open(url)
    accepted: list[tuple[str, int, str]] = []
    conflicts = refused = 0
    try:
        start.wait()
        for step in range(edits):
            key = rng.choice(hot) if rng.random() < hot_share else rng.choice(own)
            with store.reading() as session:
                seen = session.scalar(select(ClaimRow.version).where(ClaimRow.key == key))
            text = f"client {number}, edit {step}"
            try:
                result = run(store, EditClaim(key, text=text, expected_version=seen))
            except EditConflict:
                conflicts += 1
                continue
            except StoreError:
                refused += 1
                continue
            accepted.append((key, result.inverse.expected_version, text))  # type: ignore[attr-defined]
    finally:
        store.close()
    return {"accepted": accepted, "conflicts": conflicts, "refused": refused}


def count_lost(
    before: dict[str, tuple[int, str]],
    after: dict[str, tuple[int, str]],
    accepted: list[tuple[str, int, str]],
) -> int:
    """Return how many accepted edits the final state does not account for."""
    made: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, version, text in accepted:
        made[key].append((version, text))
    lost = 0
    for key, (first, _) in before.items():
        last, final_text = after[key]
        versions = sorted(v for v, _ in made[key])
        expected = list(range(first + 1, last + 1))
        # An accepted edit missing from the counters, or two on the same version, is lost.
        lost += abs(len(versions) - len(expected)) + sum(
            1 for a, b in zip(versions, expected, strict=False) if a != b
        )
        if versions and max(made[key])[1] != final_text:
            lost += 1
    return lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="database URL (a scratch one)")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--edits", type=int, default=1000, help="edits per client")
    parser.add_argument("--hot", type=int, default=4, help="claims every client edits")
    parser.add_argument("--hot-share", type=float, default=0.2)
    args = parser.parse_args()

    store = Store.open(args.db)
    try:
        if not claim_versions(store):
            load_seed(store)
        before = claim_versions(store)
    finally:
        store.close()
    keys = sorted(before)
    hot, rest = keys[: args.hot], keys[args.hot :] or keys
    context = multiprocessing.get_context("spawn")
    start = context.Manager().Barrier(args.clients + 1)
    with context.Pool(args.clients) as pool:
        pending = [
            pool.apply_async(
                client,
                (
                    {
                        "number": n,
                        "url": args.db,
                        "edits": args.edits,
                        "own": rest[n :: args.clients] or rest,
                        "hot": hot,
                        "hot_share": args.hot_share,
                    },
                    start,
                ),
            )
            for n in range(args.clients)
        ]
        start.wait()  # every client has connected: time the edits only
        began = time.perf_counter()
        results = [p.get() for p in pending]
        seconds = time.perf_counter() - began

    store = Store.open(args.db)
    try:
        after = claim_versions(store)
    finally:
        store.close()
    accepted = [edit for result in results for edit in result["accepted"]]
    conflicts = sum(result["conflicts"] for result in results)
    refused = sum(result["refused"] for result in results)
    lost = count_lost(before, after, accepted)
    attempted = args.clients * args.edits
    print(f"{args.clients} clients x {args.edits} edits in {seconds:.2f} s")
    print(f"accepted {len(accepted)}, conflicts {conflicts}, other refusals {refused}, lost {lost}")
    result = {
        "edits_per_s": round(len(accepted) / seconds, 1),
        "conflicts": conflicts,
        "refused": refused,
        "lost_updates": lost,
        "attempted": attempted,
        "accepted": len(accepted),
        "seconds": round(seconds, 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
