"""Time the argument map at scale: lay out an N-claim map, then the frames of a card drag.

Builds a store with one assessment of N claims (a main contention, reasons and
objections in a bushy tree, some claims with a second parent, some undercuts), times
the pure layout with every relation routed round the cards (``layout_ms``, the median
of several runs; ``route_ms`` is the routing's share), opens the map view at
100% zoom and drags one card with mouse events, timing each move with the repaint it
causes (``drag_frame_ms_median``), and times opening the view (``open_ms``: read,
evaluate, measure, lay out, build the scene and draw it once). The last line is JSON:
``{"nodes": N, "layout_ms": l, "route_ms": r, "drag_frame_ms_median": d, "open_ms": o}``.
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

from argline.layout.edge_routes import Link, route_all
from argline.layout.map_layout import Card, lay_out
from argline.model.entities import Assessment, Claim, ClaimRole, Corpus, Relation, RelationType
from argline.ops.merge import merge_corpus
from argline.store import Store

WORDS = [
    "summit",
    "talks",
    "sanctions",
    "Crimea",
    "prestige",
    "recognition",
    "tariffs",
    "allies",
    "rift",
    "Syria",
    "Ukraine",
    "arms",
    "control",
    "interference",
    "stability",
    "isolation",
    "Moscow",
    "Washington",
]


def build_map(nodes: int, seed: int = 5) -> tuple[list[Claim], list[Relation]]:
    """Return a bushy argument tree of ``nodes`` claims with some shared reasons and undercuts."""
    rnd = random.Random(seed)
    claims = [Claim("c0", "bench", "The main contention of the benchmark map.", ClaimRole.MAIN)]
    relations: list[Relation] = []
    for i in range(1, nodes):
        parent = rnd.randrange(0, i)  # a random recursive tree: bushy, depth about ln N
        attack = rnd.random() < 0.3
        words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 40)))
        role = ClaimRole.OBJECTION if attack else ClaimRole.REASON
        claims.append(Claim(f"c{i}", "bench", words.capitalize() + ".", role))
        kind = RelationType.ATTACK if attack else RelationType.SUPPORT
        relations.append(Relation(f"r{i}", f"c{i}", f"c{parent}", kind))
        if i > 50 and rnd.random() < 0.02:  # a second parent now and then
            other = rnd.randrange(0, i)
            if other != parent:
                relations.append(Relation(f"s{i}", f"c{i}", f"c{other}", RelationType.SUPPORT))
        if i > 10 and rnd.random() < 0.01:
            target = relations[rnd.randrange(len(relations) - 1)]
            if not target.targets_relation:
                relations.append(Relation(f"u{i}", f"c{i}", target.id, RelationType.UNDERCUT))
    return claims, relations


def time_layout(claims: list[Claim], relations: list[Relation], runs: int) -> tuple[float, float]:
    """Return (median ms to lay out and route the map, median ms of the routing alone)."""
    rnd = random.Random(1)
    cards = [Card(c.id, 257.0, 40.0 + 17 * rnd.randint(1, 6)) for c in claims]
    # Undercuts after the relations they target, as the map draws them.
    links = [Link(r.id, r.source, r.target) for r in relations if not r.targets_relation]
    links += [Link(r.id, r.source, r.target) for r in relations if r.targets_relation]
    times, routing = [], []
    for _ in range(runs):
        started = time.perf_counter()
        positions = lay_out(cards, relations)
        laid = time.perf_counter()
        boxes = {
            c.id: (*positions[c.id], positions[c.id][0] + c.width, positions[c.id][1] + c.height)
            for c in cards
        }
        route_all(boxes, links)
        done = time.perf_counter()
        times.append((done - started) * 1000)
        routing.append((done - laid) * 1000)
    return statistics.median(times), statistics.median(routing)


def time_drag(store: Store, moves: int) -> tuple[float, float]:
    """Return (median ms per drag frame, ms to open the view) at 100% zoom."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from argline.gui.map.view import MapView
    from argline.gui.undo import EditHistory

    app = QApplication.instance() or QApplication(sys.argv[:1])
    started = time.perf_counter()
    view = MapView(EditHistory(store))
    view.resize(1600, 1000)
    view.show()
    view.show_assessment("bench")
    app.processEvents()
    opened_ms = (time.perf_counter() - started) * 1000
    view.resetTransform()
    card = view.map_scene.cards["c0"]
    view.centerOn(card)
    app.processEvents()
    viewport = view.viewport()
    start = view.mapFromScene(card.scenePos() + QPointF(60, 15)).toPointF()

    def send(kind: QEvent.Type, point: QPointF, buttons: Qt.MouseButton) -> None:
        button = (
            Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
        )
        event = QMouseEvent(
            kind,
            point,
            viewport.mapToGlobal(point),
            button,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, event)

    held = Qt.MouseButton.LeftButton
    send(QEvent.Type.MouseButtonPress, start, held)
    frames = []
    for i in range(1, moves + 1):
        point = start + QPointF(3.0 * i, 2.0 * ((i % 20) - 10))
        began = time.perf_counter()
        send(QEvent.Type.MouseMove, point, held)
        viewport.repaint()  # the frame: the move, the edges following, and the repaint
        frames.append((time.perf_counter() - began) * 1000)
    send(QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.NoButton)
    view.close()
    return statistics.median(frames), opened_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5, help="layout runs (median reported)")
    parser.add_argument("--moves", type=int, default=120, help="mouse moves in the drag")
    args = parser.parse_args(argv)
    claims, relations = build_map(args.nodes)
    layout_ms, route_ms = time_layout(claims, relations, args.runs)
    print(
        f"layout of {args.nodes} cards, relations routed: {layout_ms:.0f} ms"
        f" (routing {route_ms:.0f} ms; median of {args.runs})"
    )
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.argline")
        try:
            merge_corpus_into(store, claims, relations)
            frame_ms, opened_ms = time_drag(store, args.moves)
        finally:
            store.close()
    print(f"map view opened in {opened_ms:.0f} ms (read, evaluate, measure, lay out, draw)")
    print(f"drag frame: {frame_ms:.2f} ms (median of {args.moves} moves, 100% zoom)")
    print(
        json.dumps(
            {
                "nodes": args.nodes,
                "layout_ms": round(layout_ms, 1),
                "route_ms": round(route_ms, 1),
                "drag_frame_ms_median": round(frame_ms, 2),
                "open_ms": round(opened_ms),
            }
        )
    )
    return 0


def merge_corpus_into(store: Store, claims: list[Claim], relations: list[Relation]) -> None:
    corpus = Corpus(
        title="bench",
        assessments=(Assessment("bench", "Benchmark map", claims=tuple(claims)),),
        relations=tuple(relations),
    )
    with store.transaction() as session:
        merge_corpus(session, corpus)


if __name__ == "__main__":
    raise SystemExit(main())
