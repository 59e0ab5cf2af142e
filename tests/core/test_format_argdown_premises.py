"""Argdown premise–conclusion structures: each inference step one (linked) support held by
its argument, read and written as the real Argdown tool (@argdown/cli 1.7.5) reads them."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest
from test_format_argdown import (
    _argdown_cli,
    _cli_ids,
    _keys_of,
    _keys_of_cli,
    _lists_of,
    _lists_of_cli,
)

from argline.io.errors import ImportRefused
from argline.io.formats import argdown
from argline.io.transfer import export_bytes, import_bytes
from argline.model.entities import ClaimRole, Relation, RelationType
from argline.ops.claim_edits import EditClaim
from argline.ops.queries import load_corpus
from argline.ops.relation_edits import AddRelation
from argline.ops.running import run
from argline.store import Store

ATTACK, UNDERCUT = RelationType.ATTACK, RelationType.UNDERCUT

PRIMER = b"""===
title: Summit
===

[Won]: Putin has won.
  - [No deal]: No deal was reached.

<Recognition>: Being received is a win in itself.

(1) [Held]: The summit was held.
(2) [Counts]: Being received counts as recognition.
----
(3) [Recognised]: Russia was recognised.
(4) Recognition is what Moscow wanted.
-- modus ponens --
(5) [Won]

<Recognition>
  <_ [Withdrawn]: The recognition was withdrawn at once.

(1) [Talks]: Talks will follow.
(2) [Talks matter]: Talks are what counts.
----
(3) [Won]
"""


def _relations(data: bytes) -> dict[str, Relation]:
    return {r.id: r for r in argdown.read(data).corpus.relations}


def test_each_inference_step_is_one_support_from_its_premises_held_by_the_argument() -> None:
    relations = _relations(PRIMER)
    first = relations["argdown-summit/<Recognition>/inference-1"]
    second = relations["argdown-summit/<Recognition>/inference-2"]
    assert first.premises == ("argdown-summit/[Held]", "argdown-summit/[Counts]")
    assert first.target == "argdown-summit/[Recognised]"
    # The step after an intermediary conclusion rests on it and on the premise after it.
    assert second.premises[0] == "argdown-summit/[Recognised]"
    assert second.target == "argdown-summit/[Won]"
    assert "modus ponens" not in " ".join(c.text for c in argdown.read(PRIMER).corpus.claims)


def test_an_untitled_list_gets_an_argument_of_its_own_holding_its_inference() -> None:
    corpus = argdown.read(PRIMER).corpus
    (untitled,) = (c for c in corpus.claims if "/<#" in c.id)
    assert untitled.title == ""
    assert untitled.text == "An argument for: Putin has won."
    (step,) = (r for r in corpus.relations if r.id.startswith(untitled.id + "/"))
    assert step.premises == ("argdown-summit/[Talks]", "argdown-summit/[Talks matter]")


def test_an_undercut_of_the_argument_attacks_its_main_inference() -> None:
    corpus = argdown.read(PRIMER).corpus
    (undercut,) = (r for r in corpus.relations if r.type.value == "undercut")
    assert undercut.target == "argdown-summit/<Recognition>/inference-2"


def test_premises_become_reasons_and_no_claim_of_the_list_stands_alone() -> None:
    corpus = argdown.read(PRIMER).corpus
    roles = {c.title: c.role for c in corpus.claims if c.title}
    assert roles["Held"] is roles["Counts"] is roles["Talks"] is ClaimRole.REASON
    assert roles["Recognised"] is ClaimRole.CONCLUSION
    joined = {p for r in corpus.relations for p in (*r.premises, r.target)}
    statements = [c for c in corpus.claims if "/<" not in c.id]
    assert all(c.id in joined for c in statements)


def test_a_list_whose_conclusion_is_one_of_its_premises_is_refused_with_its_line() -> None:
    text = b"<A>\n\n(1) [P]: p.\n(2) [Q]: q.\n----\n(3) [P]\n"
    with pytest.raises(ImportRefused, match="none its conclusion") as refused:
        argdown.read(text)
    assert refused.value.where == "line 6, column 5"


def test_a_linked_support_made_by_hand_is_written_as_a_list_and_comes_back(store: Store) -> None:
    import_bytes(store, PRIMER, name="summit.argdown")
    written = export_bytes(store, format="argdown")
    assert b"(1) [Held]\n(2) [Counts]\n----\n(3) [Recognised]\n" in written
    assert _relations(written) == _relations(PRIMER)
    report = import_bytes(store, written, name="again.argdown")
    assert report.tallies["relations"].added == report.tallies["relations"].updated == 0


def test_an_untitled_list_s_argument_attacked_by_hand_is_written_and_comes_back(
    store: Store,
) -> None:
    import_bytes(store, PRIMER, name="summit.argdown")
    corpus = argdown.read(PRIMER).corpus
    (untitled,) = (c.id for c in corpus.claims if "/<#" in c.id)
    (step,) = (r.id for r in corpus.relations if r.id.startswith(untitled + "/"))
    run(store, AddRelation(Relation("hand", "argdown-summit/[No deal]", untitled, ATTACK)))
    run(store, AddRelation(Relation("cut", "argdown-summit/[Withdrawn]", step, UNDERCUT)))
    run(store, EditClaim(untitled, text="Talks make the summit a win."))
    with store.reading() as session:
        kept = load_corpus(session)
    written = export_bytes(store, format="argdown")
    back = argdown.read(written).corpus
    assert {(r.premises, r.target, r.type) for r in back.relations} == {
        (r.premises, r.target, r.type) for r in kept.relations
    }
    assert {c.id: c.text for c in back.claims}[untitled] == "Talks make the summit a win."


def _generated(count: int, seed: int = 19) -> list[str]:
    """Return Argdown files each holding premise–conclusion lists of 2–4 premises: titled
    and untitled arguments and statements, one or two steps, both kinds of inference line,
    a conclusion that a relation tree elsewhere also names."""
    rng = random.Random(seed)
    files = []
    for f in range(count):
        lines = ["===", f"title: Generated {f}", "===", ""]
        lines += ["[Thesis]: The thesis of the map.", "  - [Doubt]: A doubt about it.", ""]
        n = 0
        for a in range(rng.randint(1, 2)):
            if rng.random() < 0.7:
                lines += [f"<Arg {a}>: Argument {a} in words.", ""]
            number = 0
            for step in range(rng.randint(1, 2)):
                for _ in range(rng.randint(2, 4) - (1 if step else 0)):
                    n += 1
                    number += 1
                    if rng.random() < 0.6:
                        lines.append(f"({number}) [S{n}]: Premise {n} says so.")
                    else:
                        lines.append(f"({number}) Untitled premise {n} says so.")
                lines.append(rng.choice(["----", "-- rule of step --", "--", "---"]))
                if lines[-1] in ("--", "---"):
                    lines[-1:] = ["--", "Some rule {uses: [1]}", "--"]
                number += 1
                last = step == 1 or rng.random() < 0.5
                conclusion = "[Thesis]" if last and rng.random() < 0.5 else f"[C{a}-{step}]"
                lines.append(f"({number}) {conclusion}: Conclusion {a}.{step}.")
                if last:
                    break
            lines.append("")
        files.append("\n".join(lines))
    return files


def _cli_json(command: list[str], folder: Path, files: list[str]) -> list[dict]:
    sources = folder / "maps"
    sources.mkdir()
    for n, text in enumerate(files):
        (sources / f"m{n:02d}.argdown").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [*command, "json", "maps/*.argdown", "json", "--silent"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [
        json.loads((folder / "json" / f"m{n:02d}.json").read_text(encoding="utf-8"))
        for n in range(len(files))
    ]


def test_generated_lists_read_as_the_argdown_tool_reads_them_and_export_back(
    tmp_path: Path,
) -> None:
    command = _argdown_cli()
    files = _generated(30)
    assert {len(s.premises) for t in files for s in _relations(t.encode()).values()} >= {
        1,
        2,
        3,
        4,
    }
    (tmp_path / "read").mkdir()
    for text, cli in zip(files, _cli_json(command, tmp_path / "read", files), strict=True):
        ours = argdown.read(text.encode()).corpus
        assert _keys_of(ours) == _keys_of_cli(cli), text
        assert _lists_of(ours) == _lists_of_cli(cli), text
    # Written back, the tool reads the same statements, arguments, lists and relations.
    exported = []
    for text in files:
        corpus = argdown.read(text.encode()).corpus
        exported.append(argdown.render(corpus.assessments[0], corpus.relations))
    (tmp_path / "written").mkdir()
    for text, cli in zip(exported, _cli_json(command, tmp_path / "written", exported), strict=True):
        ours = argdown.read(text.encode()).corpus
        assert _relations(text.encode()).keys() == {r.id for r in ours.relations}
        ids = _cli_ids(cli, ours.assessments[0].id)
        untitled = {c.id for c in ours.claims if "/<#" in c.id}
        titled = {
            key: value
            for key, value in ids.items()
            if not (key[0] == "argument" and key[1].startswith("Untitled "))
        }
        assert set(titled.values()) | untitled == {c.id for c in ours.claims}, text
        assert _keys_of(ours)[1] == _keys_of_cli(cli)[1], text
        at_line = {c.locator: c.id for c in ours.claims if c.id in untitled}
        for title, argument in cli["arguments"].items():
            if ("argument", title) not in titled:
                ids["argument", title] = at_line[f"line {argument['pcs'][0]['startLine']}"]
        assert _lists_of(ours, by_id=True) == _lists_of_cli(cli, ids), text


def test_an_empty_numbered_item_in_a_list_is_refused_with_its_place() -> None:
    with pytest.raises(ImportRefused, match="needs a statement") as refused:
        argdown.read(b"<A>\n\n(1)\n(2) [Q]: q.\n----\n(3) [C]: c\n")
    assert refused.value.where == "line 3, column 4"


def test_an_empty_numbered_item_in_an_untitled_list_is_refused_too() -> None:
    with pytest.raises(ImportRefused, match="needs a statement") as refused:
        argdown.read(b"(1) [P]: p.\n(2)\n----\n(3) [C]: c\n")
    assert refused.value.where == "line 2, column 4"
