"""An import cannot make a claim both support and attack another."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argline.io.errors import ImportRefused
from argline.io.transfer import export_bytes, import_bytes, import_file
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


_CLAIMS = ("c0", "c1", "c2", "c3")


@st.composite
def _relations(draw: st.DrawFn) -> list[dict]:
    """Supports and attacks among four claims, some linked, some ends repeated."""
    relations: list[dict] = []
    for n in range(draw(st.integers(0, 6))):
        premises = draw(st.lists(st.sampled_from(_CLAIMS), min_size=1, max_size=2, unique=True))
        target = draw(st.sampled_from([c for c in _CLAIMS if c not in premises]))
        kind = draw(st.sampled_from(("support", "attack")))
        source = premises if len(premises) > 1 else premises[0]
        relations.append({"id": f"r{n}", "type": kind, "from": source, "to": target})
    return relations


def _outcome(folder: Path, name: str, relations: list[dict], *, others: bool) -> str:
    """Import the relations into a new store, one holding another map's relation first
    with ``others``; return the refusal's words, or "" when the import goes in."""
    claims = [{"id": key, "text": key, "role": "reason"} for key in _CLAIMS]
    data: dict = {"format": "argline", "version": 4, "assessments": [], "relations": []}
    store = Store.open(folder / f"{name}.argline")
    try:
        if others:
            other = [{"id": key, "text": key, "role": "reason"} for key in ("x", "y")]
            data["assessments"] = [{"id": "b", "title": "B", "claims": other}]
            data["relations"] = [{"id": "x-y", "type": "attack", "from": "x", "to": "y"}]
            import_bytes(store, json.dumps(data).encode(), name="other.argline.json")
        data["assessments"] = [{"id": "a", "title": "A", "claims": claims}]
        data["relations"] = relations
        try:
            import_bytes(store, json.dumps(data).encode(), name="map.argline.json")
        except ImportRefused as error:
            return error.detail
        return ""
    finally:
        store.close()


@settings(max_examples=60, deadline=None)
@given(_relations())
def test_a_second_relation_is_found_the_same_in_an_empty_store_and_a_full_one(
    relations: list[dict],
) -> None:
    # Into a store without relations the file's own ends are compared in Python, and
    # the store asked only about a pair found; into one with others, the store is asked.
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        empty = _outcome(folder, "empty", relations, others=False)
        assert empty == _outcome(folder, "full", relations, others=True)
