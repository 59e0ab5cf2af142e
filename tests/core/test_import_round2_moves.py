"""A claim the file puts in another assessment than the store's moves, and the import's
summary says so before it commits (issue 21, item 8).

Ids are kept: an id the store holds names the same claim, wherever the file puts it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argline.cli import main
from argline.io.transfer import export_text, import_bytes
from argline.store import Store

FIRST = {
    "format": "argline",
    "version": 3,
    "assessments": [
        {
            "id": "a",
            "title": "Assessment",
            "claims": [{"id": "c1", "text": "Sanctions work", "role": "main"}],
        }
    ],
}


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    path = tmp_path / "library.argline"
    store = Store.open(path)
    import_bytes(store, json.dumps(FIRST).encode(), name="first.argline.json")
    store.close()
    return path


def _export(path: Path) -> str:
    store = Store.open(path)
    try:
        return export_text(store)
    finally:
        store.close()


def test_a_claim_the_file_puts_in_another_assessment_moves_and_the_summary_says_so(
    store_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    later = {
        "format": "argline",
        "version": 3,
        "assessments": [
            {
                "id": "b",
                "title": "Rebuttal",
                "claims": [{"id": "c1", "text": "Sanctions work", "role": "main"}],
            }
        ],
    }
    source = tmp_path / "later.argline.json"
    source.write_text(json.dumps(later))
    capsys.readouterr()
    assert main(["--db", str(store_file), "import", str(source)]) == 0
    said = capsys.readouterr().out
    assert "1 claim moved to another assessment: 'c1' from 'a' to 'b'" in said
    exported = json.loads(_export(store_file))
    claims = {a["id"]: [c["id"] for c in a["claims"]] for a in exported["assessments"]}
    assert claims == {"a": [], "b": ["c1"]}


def test_importing_the_same_file_again_reports_no_move(store_file: Path) -> None:
    store = Store.open(store_file)
    try:
        report = import_bytes(store, json.dumps(FIRST).encode(), name="first.argline.json")
    finally:
        store.close()
    assert "moved" not in report.summary()
    assert report.merged.moves == ()
