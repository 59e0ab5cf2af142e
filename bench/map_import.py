"""Do large argument maps import and evaluate in near-linear time, whatever their shape?

Each shape is an exchange file of --claims claims in one assessment:
  support chain   each claim supports the one before it
  attack chain    each claim attacks the one before it
  undercut chain  the first claim attacks the second, each next claim undercuts the
                  relation before it (every undercut needs the one it targets first)
  star            every claim attacks or supports one centre, alternately
  random          as many relations as claims, of random types, between random claims
The relations are written last link first, so that a reader or merge that resolves
them in file order meets every target after the relation that needs it.

Prints figures, then a last line of JSON: for each shape the median seconds of the
import (read, check, merge in one transaction, commit) and of the evaluation
(`argline evaluate`'s path: read the store's maps, label every claim), medians of
--runs, each run into a fresh store. Each is given in CPU seconds of this process too,
which other programs sharing the machine's cores inflate less than the clock's.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argline.io.transfer import import_file
from argline.ops.evaluation import claim_statuses
from argline.store import Store

Relation = dict[str, str]


def _support_chain(count: int, rng: random.Random) -> list[Relation]:
    return [_relation(n, n, n - 1, "support") for n in range(1, count)]


def _attack_chain(count: int, rng: random.Random) -> list[Relation]:
    return [_relation(n, n, n - 1, "attack") for n in range(1, count)]


def _undercut_chain(count: int, rng: random.Random) -> list[Relation]:
    first = _relation(1, 0, 1, "attack")
    undercuts = [
        {"id": f"r{n}", "from": f"c{n}", "to": f"r{n - 1}", "type": "undercut"}
        for n in range(2, count)
    ]
    return [first, *undercuts]


def _star(count: int, rng: random.Random) -> list[Relation]:
    return [_relation(n, n, 0, ("attack", "support")[n % 2]) for n in range(1, count)]


def _random_graph(count: int, rng: random.Random) -> list[Relation]:
    relations: list[Relation] = []
    pairs: set[tuple[int, int]] = set()
    while len(relations) < count:
        source, target = rng.randrange(count), rng.randrange(count)
        kind = rng.choice(("support", "attack", "undercut"))
        if kind == "undercut" and relations:
            relations.append(
                {
                    "id": f"r{len(relations)}",
                    "from": f"c{source}",
                    "to": rng.choice(relations)["id"],
                    "type": kind,
                }
            )
        elif kind != "undercut" and source != target and (source, target) not in pairs:
            pairs.add((source, target))
            relations.append(_relation(len(relations), source, target, kind))
    return relations


def _relation(n: int, source: int, target: int, kind: str) -> Relation:
    return {"id": f"r{n}", "from": f"c{source}", "to": f"c{target}", "type": kind}


SHAPES: dict[str, Callable[[int, random.Random], list[Relation]]] = {
    "support_chain": _support_chain,
    "attack_chain": _attack_chain,
    "undercut_chain": _undercut_chain,
    "star": _star,
    "random": _random_graph,
}


def map_file(path: Path, shape: str, count: int) -> None:
    """Write an exchange file of one assessment with ``count`` claims in ``shape``."""
    claims = [{"id": f"c{n}", "text": f"Claim {n}", "role": "reason"} for n in range(count)]
    relations = SHAPES[shape](count, random.Random(7))
    document: dict[str, Any] = {
        "format": "argline",
        "version": 2,
        "assessments": [{"id": "a", "title": shape, "claims": claims}],
        "relations": relations[::-1],
    }
    path.write_text(json.dumps(document))


Seconds = tuple[float, float]  # by the clock, and of this process's CPU


def time_shape(path: Path, folder: Path) -> tuple[Seconds, Seconds]:
    """Return the seconds to import ``path`` into a new store and to evaluate it."""
    store = Store.open(folder / f"{path.stem}.argline")
    try:
        started = time.perf_counter(), time.process_time()
        import_file(store, path)
        imported = time.perf_counter() - started[0], time.process_time() - started[1]
        started = time.perf_counter(), time.process_time()
        with store.reading() as session:
            statuses = claim_statuses(session)
        evaluated = time.perf_counter() - started[0], time.process_time() - started[1]
    finally:
        store.close()
    if not statuses:
        raise RuntimeError(f"{path.name}: no claims evaluated")
    return imported, evaluated


def _shown(runs: list[Seconds]) -> str:
    return (
        ", ".join(f"{clock:.2f}" for clock, _ in runs)
        + " s (CPU "
        + ", ".join(f"{cpu:.2f}" for _, cpu in runs)
        + " s)"
    )


def _medians(runs: list[Seconds]) -> tuple[float, float]:
    return (
        round(statistics.median(clock for clock, _ in runs), 3),
        round(statistics.median(cpu for _, cpu in runs), 3),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shapes", nargs="*", choices=tuple(SHAPES), default=list(SHAPES))
    args = parser.parse_args()
    result: dict[str, Any] = {"claims": args.claims}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for shape in args.shapes:
            source = folder / f"{shape}.argline.json"
            map_file(source, shape, args.claims)
            imports: list[Seconds] = []
            evaluations: list[Seconds] = []
            for run in range(args.runs):
                stores = folder / f"{shape}-{run}"
                stores.mkdir()
                imported, evaluated = time_shape(source, stores)
                imports.append(imported)
                evaluations.append(evaluated)
            print(f"{shape:15} import {_shown(imports)}; evaluate {_shown(evaluations)}")
            (imported, imported_cpu), (evaluated, evaluated_cpu) = (
                _medians(imports),
                _medians(evaluations),
            )
            result[shape] = {
                "import_seconds": imported,
                "evaluate_seconds": evaluated,
                "import_cpu_seconds": imported_cpu,
                "evaluate_cpu_seconds": evaluated_cpu,
            }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
