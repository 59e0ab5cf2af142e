"""Killed with SIGKILL at any point, Argline loses only the transaction in flight.

Each run starts a worker process that imports files, moves claims, exports or saves
copies, printing a line after each commit, with ``ARGLINE_FAULT_POINT`` naming where it
is to die (argline.store.faults): while an import's rows are half written, right before
a commit, right after one, or between writing a file and renaming it into place. So
where the kill lands is chosen, not timed. The test then reopens the file as a user
would and checks that SQLite finds it sound, that everything committed is there, and
that the transaction in flight is absent, never half done.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from argline.io.seed import load_seed
from argline.store import Store
from argline.store.faults import VARIABLE
from argline.store.schema import ClaimRow, EventRow

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="the kill test needs SIGKILL"),
]

MOVED = 6
STEPS = 4
EVENTS_PER_IMPORT = 300
CLAIMS_PER_IMPORT = 20

WORKER = r"""
import json, os, sys
from pathlib import Path
from argline.io.transfer import export_file, import_bytes
from argline.ops.claim_edits import MoveClaims
from argline.ops.running import run
from argline.store import Store
from argline.store.copies import save_copy


def say(*words):
    os.write(1, (" ".join(str(w) for w in words) + "\n").encode())


def batch_file(batch, task):
    events = [
        {"id": f"b{batch}-e{n}", "title": f"Event {n} of batch {batch}",
         "start": f"{1900 + n % 100}-0{1 + n % 9}-1{n % 10}"}
        for n in range(task["events"])
    ]
    claims = [
        {"id": f"b{batch}-c{n}", "text": f"Claim {n} of batch {batch}",
         "role": "main" if n == 0 else "reason"}
        for n in range(task["claims"])
    ]
    assessment = {"id": f"b{batch}", "title": f"Batch {batch}", "claims": claims}
    corpus = {"format": "argline", "version": 1, "events": events, "assessments": [assessment]}
    return json.dumps(corpus).encode()


task = json.loads(sys.argv[1])
store = Store.open(task["db"])
if task["kind"] == "import":
    for batch in range(task["steps"]):
        import_bytes(store, batch_file(batch, task), name="batch.json", format="argline")
        say("committed", batch)
else:
    for step in range(1, task["steps"] + 1):
        run(store, MoveClaims(tuple((key, (float(step), float(-step))) for key in task["claims"])))
        say("committed", step)
        if task["kind"] == "export":
            export_file(store, Path(task["target"]), format="argline")
            say("exported", step)
        elif task["kind"] == "copy":
            save_copy(store, Path(task["target"]))
            say("copied", step)
"""


def _killed_at(point: str, task: dict) -> list[list[str]]:
    """Run a worker on ``task`` until it kills itself at ``point``; return the lines it said."""
    finished = subprocess.run(
        [sys.executable, "-c", WORKER, json.dumps({"steps": STEPS, **task})],
        env={**os.environ, VARIABLE: point},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,  # a guard against a hung worker only: each run takes about a second
    )
    assert finished.returncode == -signal.SIGKILL, (
        f"the worker was to be killed at {point} but exited with {finished.returncode}:\n"
        + finished.stderr
    )
    assert finished.stderr.splitlines()[-1] == f"argline: killed at {VARIABLE}={point}"
    return [line.split() for line in finished.stdout.splitlines()]


def _reopened_sound(path: Path) -> Store:
    """Open the file the way Argline does after a crash, and check SQLite finds it sound."""
    store = Store.open(path)
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
    return store


def _said(said: list[list[str]], word: str) -> list[int]:
    return [int(words[1]) for words in said if words[0] == word]


def _seeded(path: Path) -> list[str]:
    store = Store.open(path)
    load_seed(store)
    with store.reading() as session:
        keys = list(session.scalars(select(ClaimRow.key).order_by(ClaimRow.key)).all())
    store.close()
    return keys[:MOVED]


def _positions(path: Path, keys: list[str]) -> set[tuple[float | None, float | None]]:
    store = _reopened_sound(path)
    with store.reading() as session:
        rows = session.execute(select(ClaimRow.x, ClaimRow.y).where(ClaimRow.key.in_(keys)))
        positions = {(x, y) for x, y in rows}
    store.close()
    return positions


@pytest.mark.parametrize(
    ("point", "committed"),
    [
        ("claims.moved.1", 0),  # the first drag written, not committed
        ("claims.moved.3", 2),  # the third drag in flight after two commits
    ],
)
def test_killed_during_a_stream_of_moves_keeps_every_committed_move(
    tmp_path: Path, point: str, committed: int
) -> None:
    path = tmp_path / "moves.argline"
    keys = _seeded(path)
    seeded = _positions(path, keys)
    said = _killed_at(point, {"kind": "edits", "db": str(path), "claims": keys})
    assert _said(said, "committed") == list(range(1, committed + 1))
    # One drag is one transaction: every claim of the last committed one is where it
    # put it, and none is where the drag in flight was putting it.
    expected = {(float(committed), float(-committed))} if committed else seeded
    assert _positions(path, keys) == expected


@pytest.mark.parametrize(
    ("point", "committed"),
    [
        ("merge.events.1", 0),  # the first import's events written, its claims not yet
        ("import.merged.1", 0),  # the first import written whole, right before its commit
        ("import.committed.1", 1),  # right after the first commit, before it is reported
        ("merge.events.3", 2),
        ("import.merged.3", 2),
        ("import.committed.3", 3),
    ],
)
def test_killed_during_bulk_imports_keeps_each_import_whole_or_absent(
    tmp_path: Path, point: str, committed: int
) -> None:
    path = tmp_path / "imports.argline"
    Store.open(path).close()
    task = {"kind": "import", "db": str(path), "events": EVENTS_PER_IMPORT}
    said = _killed_at(point, {**task, "claims": CLAIMS_PER_IMPORT})
    # The worker reports an import once it returns: a kill right after its commit
    # leaves it committed but unreported.
    passes = int(point.rsplit(".", 1)[1])
    assert _said(said, "committed") == list(range(passes - 1))
    store = _reopened_sound(path)
    with store.reading() as session:
        events = _per_batch(session.scalars(select(EventRow.key)))
        claims = _per_batch(session.scalars(select(ClaimRow.key)))
        assert session.scalar(select(func.count()).select_from(ClaimRow)) == sum(claims.values())
    store.close()
    whole = list(range(committed))
    assert events == dict.fromkeys(whole, EVENTS_PER_IMPORT), events
    assert claims == dict.fromkeys(whole, CLAIMS_PER_IMPORT), claims


def _per_batch(keys: Iterable[str]) -> dict[int, int]:
    """Count the items of each import by the batch their id names (``b2-e17``: batch 2)."""
    counts: dict[int, int] = {}
    for key in keys:
        batch = int(key.split("-")[0][1:])
        counts[batch] = counts.get(batch, 0) + 1
    return dict(sorted(counts.items()))


@pytest.mark.parametrize("kind", ["export", "copy"])
@pytest.mark.parametrize("written", [0, 2], ids=["before-the-first", "after-two"])
def test_killed_while_writing_a_file_leaves_the_earlier_file_whole(
    tmp_path: Path, kind: str, written: int
) -> None:
    path = tmp_path / "source.argline"
    keys = _seeded(path)
    target = tmp_path / ("out.argline.json" if kind == "export" else "copy.argline")
    # Killed once the next file is written beside the target, before it is renamed.
    point = f"{'file' if kind == 'export' else 'copy'}.written.{written + 1}"
    said = _killed_at(point, {"kind": kind, "db": str(path), "claims": keys, "target": str(target)})
    assert _said(said, "exported" if kind == "export" else "copied") == list(range(1, written + 1))
    # The move before the file being written was committed and is kept.
    assert _positions(path, keys) == {(float(written + 1), float(-written - 1))}
    # The target is the earlier file, whole; the new one never took its name.
    if written:
        assert _written_step(target, keys[0], kind) == written
    else:
        assert not target.exists()
    # The kill leaves the new file behind under a hidden temporary name: harmless,
    # never under the user's name.
    hidden = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{target.name}.")]
    assert len(hidden) == 1, hidden


def _written_step(target: Path, claim: str, kind: str) -> int:
    if kind == "export":
        document = json.loads(target.read_bytes())
        for assessment in document["assessments"]:
            for found in assessment.get("claims", []):
                if found["id"] == claim:
                    position = found["position"]
                    return int(position[0] if isinstance(position, list) else position["x"])
        raise AssertionError(f"{claim} is missing from {target.name}")
    with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (x,) = connection.execute("SELECT x FROM claims WHERE key = ?", (claim,)).fetchone()
    return int(x)
