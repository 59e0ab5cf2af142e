"""The exchange format, version 4, carries linked reasons: ``from`` a list of premises."""

from __future__ import annotations

import json

import pytest

from argline.io.errors import ImportRefused
from argline.io.exchange import read_exchange
from argline.io.transfer import export_bytes, export_text, import_bytes
from argline.ops.queries import load_corpus
from argline.store import Store

CLAIMS = [
    {"id": i, "text": f"claim {i}", "role": "main" if i == "c" else "reason"}
    for i in ("c", "p1", "p2", "p3")
]


def _file(relations: list[dict[str, object]], version: int = 4) -> bytes:
    return json.dumps(
        {
            "format": "argline",
            "version": version,
            "assessments": [{"id": "a", "title": "A", "claims": CLAIMS}],
            "relations": relations,
        }
    ).encode()


LINKED = {"id": "why", "from": ["p1", "p2", "p3"], "to": "c", "type": "support"}


def test_a_list_of_premises_is_one_linked_relation() -> None:
    (relation,) = read_exchange(_file([LINKED])).relations
    assert relation.premises == ("p1", "p2", "p3")
    assert relation.source == "p1"
    assert relation.co_premises == ("p2", "p3")


def test_a_linked_map_imports_and_exports_the_same_file(store: Store) -> None:
    import_bytes(
        store,
        _file([LINKED, {"id": "s", "from": "p1", "to": "c", "type": "support"}]),
        name="m.json",
    )
    written = json.loads(export_bytes(store))
    assert written["version"] == 4
    assert {r["id"]: r["from"] for r in written["relations"]} == {
        "why": ["p1", "p2", "p3"],
        "s": "p1",
    }
    again = export_text(store)
    import_bytes(store, again.encode(), name="again.json")
    assert export_text(store) == again


def test_changing_the_premises_in_a_file_updates_the_stored_reason(store: Store) -> None:
    import_bytes(store, _file([LINKED]), name="m.json")
    import_bytes(store, _file([{**LINKED, "from": ["p1", "p3"]}]), name="m2.json")
    with store.reading() as session:
        (relation,) = load_corpus(session).relations
    assert relation.premises == ("p1", "p3")


@pytest.mark.parametrize(
    ("relation", "version", "message", "where"),
    [
        (LINKED, 3, "needs format version 4", "relations[0].from"),
        ({**LINKED, "from": ["p1"]}, 4, "two premises or more", "relations[0].from"),
        ({**LINKED, "from": ["p1", "p1"]}, 4, "listed twice", "relations[0].from[1]"),
        ({**LINKED, "from": ["p1", 7]}, 4, "expected a claim id", "relations[0].from[1]"),
        ({**LINKED, "from": ["p1", "c"]}, 4, "premise of its own reason", "relations[0].to"),
        ({**LINKED, "type": "undercut", "to": "x"}, 4, "undercut comes from one", "relations[0]"),
    ],
)
def test_a_wrong_list_of_premises_is_refused_where_it_is(
    store: Store, relation: dict[str, object], version: int, message: str, where: str
) -> None:
    before = export_text(store)
    with pytest.raises(ImportRefused, match=message) as refused:
        import_bytes(store, _file([relation], version), name="bad.json")
    assert (refused.value.where or "").startswith(where)
    assert export_text(store) == before


def test_a_premise_no_claim_names_refuses_the_whole_file(store: Store) -> None:
    before = export_text(store)
    with pytest.raises(ImportRefused, match="'ghost', which is no claim"):
        import_bytes(store, _file([{**LINKED, "from": ["p1", "ghost"]}]), name="bad.json")
    assert export_text(store) == before


def test_version_3_files_still_read_as_they_are(store: Store) -> None:
    single = {"id": "s", "from": "p1", "to": "c", "type": "support"}
    import_bytes(store, _file([single], version=3), name="old.json")
    with store.reading() as session:
        assert not load_corpus(session).relations[0].linked


def test_an_export_with_linked_reasons_follows_the_shipped_schema(store: Store) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    import_bytes(store, _file([LINKED]), name="m.json")
    schema = json.loads(resources.files("argline.io").joinpath("argline.schema.json").read_text())
    jsonschema.validate(json.loads(export_bytes(store)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(_file([{**LINKED, "from": ["p1"]}])), schema)
