"""An import cannot make a claim both support and attack another."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argline.io.errors import ImportRefused
from argline.io.transfer import export_bytes, import_file
from argline.store import Store


def _file(tmp_path: Path, relations: list[dict]) -> Path:
    claims = [
        {"id": key, "text": f"Claim {key}", "role": role}
        for key, role in (("main", "main"), ("why", "reason"))
    ]
    data = {
        "format": "argline",
        "version": 2,
        "assessments": [{"id": "a", "title": "A", "kind": "forecast", "claims": claims}],
        "relations": relations,
    }
    path = tmp_path / "in.argline.json"
    path.write_text(json.dumps(data))
    return path


def test_a_file_that_supports_and_attacks_between_two_claims_is_refused(
    store: Store, tmp_path: Path
) -> None:
    before = export_bytes(store)
    path = _file(
        tmp_path,
        [
            {"id": "r1", "type": "support", "from": "why", "to": "main"},
            {"id": "r2", "type": "attack", "from": "why", "to": "main"},
        ],
    )
    with pytest.raises(ImportRefused, match="cannot both support and attack"):
        import_file(store, path)
    assert export_bytes(store) == before  # all or nothing


def test_a_file_attacking_where_the_store_supports_is_refused(store: Store, tmp_path: Path) -> None:
    import_file(
        store, _file(tmp_path, [{"id": "r1", "type": "support", "from": "why", "to": "main"}])
    )
    with pytest.raises(ImportRefused, match=r"relation 'r2': 'why' already supports 'main'"):
        import_file(
            store, _file(tmp_path, [{"id": "r2", "type": "attack", "from": "why", "to": "main"}])
        )


def test_the_same_relation_again_and_the_reverse_are_welcome(store: Store, tmp_path: Path) -> None:
    support = {"id": "r1", "type": "support", "from": "why", "to": "main"}
    import_file(store, _file(tmp_path, [support]))
    import_file(store, _file(tmp_path, [support]))
    back = {"id": "r3", "type": "attack", "from": "main", "to": "why"}
    import_file(store, _file(tmp_path, [support, back]))
