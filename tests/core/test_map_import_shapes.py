"""Long undercut chains and cycles import whole and evaluate as their arguments say.

An undercut needs the relation it targets first; a file may list them last link first.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argline.io.errors import ImportRefused
from argline.io.transfer import import_file
from argline.model.entities import Relation, RelationType
from argline.model.relation_order import targets_first
from argline.ops.evaluation import claim_statuses
from argline.store import Store

UNDERCUT = RelationType.UNDERCUT


def _undercut(n: int) -> Relation:
    return Relation(f"r{n}", f"c{n}", f"r{n - 1}", UNDERCUT)


def test_each_undercut_comes_after_its_target_and_the_rest_keep_their_order() -> None:
    attack = Relation("r1", "c0", "c1", RelationType.ATTACK)
    support = Relation("s", "c5", "c0", RelationType.SUPPORT)
    given = [_undercut(4), support, _undercut(3), _undercut(2), attack]
    ordered = targets_first(given)
    assert [r.id for r in ordered] == ["r1", "r2", "r3", "r4", "s"]
    assert targets_first([support, attack]) == [support, attack]


def test_undercuts_in_a_cycle_are_all_placed_once() -> None:
    cycle = [Relation("a", "c1", "b", UNDERCUT), Relation("b", "c2", "a", UNDERCUT)]
    assert sorted(r.id for r in targets_first(cycle)) == ["a", "b"]


def _map(path: Path, relations: list[dict[str, str]], claims: int) -> Path:
    document = {
        "format": "argline",
        "version": 2,
        "assessments": [
            {
                "id": "a",
                "title": "A chain",
                "claims": [
                    {"id": f"c{n}", "text": f"Claim {n}", "role": "reason"} for n in range(claims)
                ],
            }
        ],
        "relations": relations,
    }
    path.write_text(json.dumps(document))
    return path


def test_an_undercut_chain_listed_last_link_first_imports_whole(tmp_path: Path) -> None:
    count = 3_000
    relations = [{"id": "r1", "from": "c0", "to": "c1", "type": "attack"}] + [
        {"id": f"r{n}", "from": f"c{n}", "to": f"r{n - 1}", "type": "undercut"}
        for n in range(2, count)
    ]
    store = Store.open(tmp_path / "chain.argline")
    try:
        import_file(store, _map(tmp_path / "chain.json", relations[::-1], count))
        with store.plain_reading() as cursor:
            held = cursor.execute("SELECT count(*) FROM relations").fetchone()[0]
        with store.reading() as session:
            statuses = claim_statuses(session)
    finally:
        store.close()
    assert held == count - 1
    # The last undercut stands, the one before it falls, and so on down: every odd one
    # counts, r1 among them, so c0's attack on c1 carries and c1 alone is out.
    assert len(statuses) == count
    assert [claim for claim, status in statuses if status != "in"] == ["c1"]


def test_undercuts_that_only_target_each_other_are_refused_whole(tmp_path: Path) -> None:
    relations = [
        {"id": "a", "from": "c0", "to": "b", "type": "undercut"},
        {"id": "b", "from": "c1", "to": "a", "type": "undercut"},
    ]
    store = Store.open(tmp_path / "cycle.argline")
    try:
        with pytest.raises(ImportRefused, match="cycle"):
            import_file(store, _map(tmp_path / "cycle.json", relations, 2))
        with store.plain_reading() as cursor:
            assert cursor.execute("SELECT count(*) FROM relations").fetchone()[0] == 0
    finally:
        store.close()
