"""``argline add-source``: a document read into a new assessment, or attached to one."""

from __future__ import annotations

import hashlib
import json
import textwrap
from pathlib import Path

import pytest

from argline.cli import main
from argline.ops.queries import load_corpus
from argline.store import Store
from conftest import SHARED

SEEDS = SHARED / "seeds"
SEED_TEXTS = {
    "rsis-cheang-2018-07": "000_4a4f5883e0840d4a.txt",
    "expert-insights-2018-07-13": "001_f48fd8c337090459.txt",
}


def _seed_text(name: str) -> Path:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"the seed texts are not beside this checkout ({path.name})")
    return path


def _last_json(out: str) -> dict[str, object]:
    return json.loads(out.strip().splitlines()[-1])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("width", [None, 60], ids=["as-is", "rewrapped"])
def test_attaching_each_seed_text_anchors_every_seed_passage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], width: int | None
) -> None:
    db = str(tmp_path / "seed.argline")
    assert main(["--db", db, "seed"]) == 0
    found = {}
    for assessment_id, name in SEED_TEXTS.items():
        text = _seed_text(name)
        if width:
            rewrapped = tmp_path / name
            wrapped = textwrap.fill(text.read_text(encoding="utf-8"), width, break_on_hyphens=False)
            rewrapped.write_text(wrapped, encoding="utf-8")
            text = rewrapped
        capsys.readouterr()
        assert main(["--db", db, "add-source", str(text), "--assessment", assessment_id]) == 0
        found[assessment_id] = _last_json(capsys.readouterr().out)
    # 40 passages cited by the 36 claims, and the 7 source dates the forecast and the
    # retrospective give.
    assert found == {
        "rsis-cheang-2018-07": {
            "assessment": "rsis-cheang-2018-07",
            "characters": 6179,
            "pages": 0,
            "anchored": 26,
            "orphaned": 0,
        },
        "expert-insights-2018-07-13": {
            "assessment": "expert-insights-2018-07-13",
            "characters": 5040,
            "pages": 0,
            "anchored": 21,
            "orphaned": 0,
        },
    }


def test_a_new_assessment_from_an_html_page_takes_its_title(
    tmp_path: Path, shared_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.argline"
    page = shared_corpus / "html" / "bbc-1" / "source.html"
    argv = ["--db", str(db), "add-source", str(page), "--kind", "forecast"]
    assert main([*argv, "--published", "13 July 2018"]) == 0
    added = _last_json(capsys.readouterr().out)
    assert set(added) == {"assessment", "characters", "pages"}
    store = Store.open(db)
    try:
        with store.reading() as session:
            (assessment,) = load_corpus(session).assessments
    finally:
        store.close()
    expected = json.loads((page.parent / "expected-metadata.json").read_text(encoding="utf-8"))
    assert assessment.id == added["assessment"]
    assert assessment.title == expected["title"]
    assert assessment.kind == "forecast"
    assert assessment.published.to_edtf() == "2018-07-13"
    assert assessment.document.format == "html"
    assert assessment.document.characters == added["characters"]
    assert "<" not in assessment.document.text


def test_a_pdf_reports_its_pages(
    tmp_path: Path, shared_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = shared_corpus / "pdf" / "multilang.pdf"
    assert main(["--db", str(tmp_path / "pdf.argline"), "add-source", str(pdf)]) == 0
    assert _last_json(capsys.readouterr().out)["pages"] == 1


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("pdf/crazyones-encrypted-256.pdf", "is encrypted"),
        ("pdf/imagemagick-images.pdf", "has no text layer"),
        ("noise.txt", ""),
        ("missing.txt", "No such file"),
    ],
)
def test_a_file_that_cannot_be_read_changes_nothing_and_says_why_in_one_line(
    tmp_path: Path,
    shared_corpus: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    says: str,
) -> None:
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(256)) * 8)
    files = {"noise.txt": noise, "missing.txt": tmp_path / "missing.txt"}
    path = files.get(name, shared_corpus / name)
    db = tmp_path / "kept.argline"
    assert main(["--db", str(db), "seed"]) == 0
    before = _digest(db)
    capsys.readouterr()
    assert main(["--db", str(db), "add-source", str(path)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("argline: ")
    assert says in error
    assert _digest(db) == before
    fresh = tmp_path / "never-made.argline"
    assert main(["--db", str(fresh), "add-source", str(path)]) == 2
    assert not fresh.exists()


def test_attaching_to_an_unknown_assessment_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "note.txt"
    text.write_text("A short note.", encoding="utf-8")
    db = str(tmp_path / "a.argline")
    assert main(["--db", db, "add-source", str(text), "--assessment", "nope"]) == 2
    assert "there is no assessment 'nope'" in capsys.readouterr().err


def test_a_title_given_names_the_new_assessment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "note.txt"
    text.write_text("Notes of a meeting\n\nIt went well.", encoding="utf-8")
    argv = ["--db", str(tmp_path / "t.argline"), "add-source", str(text)]
    assert main([*argv, "--title", "Baltic grid brief"]) == 0
    assert str(_last_json(capsys.readouterr().out)["assessment"]).startswith("baltic-grid-brief-")
