"""Argdown import and export, checked against what the real Argdown tool makes of the same files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from argline.io.errors import ImportRefused
from argline.io.formats import argdown, by_name, for_file
from argline.io.transfer import export_bytes, import_bytes, import_file
from argline.model.entities import Corpus, Relation, RelationType
from argline.store import Store

REAL_FILES = ("legalisation-softdrugs", "argdown-primer", "veggie_debate")
ROOT = Path(__file__).resolve().parents[2]
# The CLI that .ci/run installs from npm: @argdown/cli 1.7.5.
PROJECT_CLI = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "argdown"

Key = tuple[str, str]


def _keys_of_cli(cli: dict) -> tuple[set[Key], set[tuple[Key, Key, str]]]:
    """Return the real tool's claims (title, or first line when untitled) and relations."""
    names = _cli_names(cli)
    relations = {
        (names[r["fromType"], r["from"]], names[r["toType"], r["to"]], r["relationType"])
        for r in cli["relations"]
    }
    return set(names.values()), relations


def _cli_names(cli: dict) -> dict[tuple[str, str], Key]:
    """Return the key of each of the tool's statements and arguments, by (type, title)."""
    names: dict[tuple[str, str], Key] = {}
    for title, statement in cli["statements"].items():
        members = statement["members"]
        untitled = title.startswith("Untitled ") and len(members) == 1 and "text" in members[0]
        key = ("line", str(members[0]["startLine"])) if untitled else ("statement", title)
        names["equivalence-class", title] = key
    for title, argument in cli["arguments"].items():
        names["argument", title] = _cli_argument_key(title, argument)
    return names


def _cli_argument_key(title: str, argument: dict) -> Key:
    """An argument the tool names "Untitled N" is known by its list's first line."""
    if title.startswith("Untitled ") and argument.get("pcs") and not argument.get("members"):
        return ("argument at line", str(argument["pcs"][0]["startLine"]))
    return ("argument", title)


def _names_of(corpus: Corpus) -> dict[str, Key]:
    names: dict[str, Key] = {}
    for claim in corpus.claims:
        if "/<#" in claim.id and not claim.title:
            names[claim.id] = ("argument at line", claim.locator.removeprefix("line "))
        elif not claim.title:
            names[claim.id] = ("line", claim.locator.removeprefix("line "))
        elif claim.id.endswith(f"<{claim.title}>"):
            names[claim.id] = ("argument", claim.title)
        else:
            names[claim.id] = ("statement", claim.title)
    return names


def _keys_of(corpus: Corpus) -> tuple[set[Key], set[tuple[Key, Key, str]]]:
    """Return Argline's claims and relations keyed as ``_keys_of_cli`` keys the tool's; the
    relations its premise–conclusion lists hold are compared by ``_lists_of``."""
    names = _names_of(corpus)
    by_id = {r.id: r for r in corpus.relations}
    relations = set()
    for r in corpus.relations:
        if argdown.holder_of(r.id):
            continue
        target = by_id[r.target].source if r.type is RelationType.UNDERCUT else r.target
        relations.add((names[r.source], names[target], str(r.type)))
    return set(names.values()), relations


Lists = dict[Key, list[tuple[Key, str]]]


def _lists_of_cli(cli: dict, ids: dict[tuple[str, str], str] | None = None) -> Lists:
    """Return each argument's premise–conclusion list as the tool reads it: (statement, role),
    keyed as ``_keys_of_cli`` keys them, or by Argline's ``ids``."""
    names: dict[tuple[str, str], Any] = _cli_names(cli)
    named: dict[tuple[str, str], Any] = dict(ids) if ids else names
    return {
        named["argument", title]: [
            (named["equivalence-class", p["title"]], p["role"]) for p in argument["pcs"]
        ]
        for title, argument in cli["arguments"].items()
        if argument.get("pcs")
    }


def _lists_of(corpus: Corpus, *, by_id: bool = False) -> Lists:
    """Return the lists Argline's arguments hold: their inference steps, chained."""
    names: dict[str, Any] = {c.id: c.id for c in corpus.claims} if by_id else _names_of(corpus)
    steps: dict[str, list[tuple[int, Relation]]] = {}
    for relation in corpus.relations:
        if holder := argdown.holder_of(relation.id):
            steps.setdefault(holder, []).append((int(relation.id.rpartition("-")[2]), relation))
    lists: Lists = {}
    for holder, numbered in steps.items():
        items: list[tuple[Key, str]] = []
        ordered = [r for _, r in sorted(numbered)]
        for n, relation in enumerate(ordered):
            items += [(names[p], "premise") for p in relation.premises[1 if n else 0 :]]
            last = n == len(ordered) - 1
            items.append(
                (names[relation.target], "main-conclusion" if last else "intermediary-conclusion")
            )
        lists[names[holder]] = items
    return lists


@pytest.mark.parametrize("name", REAL_FILES)
def test_a_real_argdown_file_gives_the_claims_and_relations_the_argdown_tool_finds(
    shared_corpus: Path, name: str
) -> None:
    folder = shared_corpus / "argdown"
    reading = argdown.read((folder / f"{name}.argdown").read_bytes())
    cli = json.loads((folder / f"{name}.argdown-cli.json").read_text(encoding="utf-8"))
    claims, relations = _keys_of(reading.corpus)
    cli_claims, cli_relations = _keys_of_cli(cli)
    assert claims == cli_claims
    assert relations == cli_relations
    assert _lists_of(reading.corpus) == _lists_of_cli(cli)
    assert len(reading.corpus.claims) == len(cli["statements"]) + len(cli["arguments"])


def test_the_real_files_hold_the_counts_sources_md_gives(shared_corpus: Path) -> None:
    counts = {}
    for name in REAL_FILES:
        corpus = argdown.read((shared_corpus / "argdown" / f"{name}.argdown").read_bytes()).corpus
        stated = [r for r in corpus.relations if not argdown.holder_of(r.id)]
        types = [str(r.type) for r in stated]
        counts[name] = (
            len(corpus.claims),
            types.count("support"),
            types.count("attack"),
            len({r.source for r in stated if r.type is RelationType.UNDERCUT}),
            len(corpus.relations) - len(stated),  # inference steps of premise–conclusion lists
        )
    assert counts == {
        "legalisation-softdrugs": (18, 9, 8, 2, 0),
        "argdown-primer": (21, 5, 5, 0, 1),
        "veggie_debate": (47, 35, 23, 0, 0),
    }


def test_importing_a_map_twice_updates_it_instead_of_adding_it_again(
    store: Store, shared_corpus: Path
) -> None:
    path = shared_corpus / "argdown" / "legalisation-softdrugs.argdown"
    first = import_file(store, path)
    again = import_file(store, path)
    assert first.format == "argdown"
    assert first.tallies["claims"].added == 18
    assert first.tallies["relations"].added == 19
    assert again.tallies["claims"].added == 0
    assert again.tallies["relations"].added == 0
    assert again.tallies["claims"].unchanged == 18


def test_an_exported_map_reimports_with_the_same_claims_and_relations(
    store: Store, shared_corpus: Path
) -> None:
    for name in REAL_FILES:
        reading = argdown.read((shared_corpus / "argdown" / f"{name}.argdown").read_bytes())
        import_file(store, shared_corpus / "argdown" / f"{name}.argdown")
        assessment = reading.corpus.assessments[0]
        written = export_bytes(store, format="argdown", assessment=assessment.id)
        again = argdown.read(written).corpus
        assert _comparable(again) == _comparable(reading.corpus), name
        assert set(again.relations) == set(reading.corpus.relations)


def _comparable(corpus: Corpus) -> list[tuple[str, str, str, str]]:
    return sorted((c.id, c.title, c.text, str(c.role)) for c in corpus.claims)


def test_statements_arguments_and_every_relation_marker() -> None:
    text = b"""===
title: Markers
===

// a comment line
[A]: Claim a. #tag
  + <B>: b supports a {role: "reason"}
    <_ [C]: c undercuts b
  - [D]: d attacks a
  <+ [E]: e supports a
  <- [F]: f attacks a
  +> [G]: a supports g
  -> [H]: a attacks h
  >< [I]: i contradicts a
/* a block
comment */

[J]: j
  _> <B>
"""
    reading = argdown.read(text)
    corpus = reading.corpus
    _, relations = _keys_of(corpus)
    s = "statement"
    assert relations == {
        (("argument", "B"), (s, "A"), "support"),
        ((s, "C"), ("argument", "B"), "undercut"),
        ((s, "J"), ("argument", "B"), "undercut"),
        ((s, "D"), (s, "A"), "attack"),
        ((s, "E"), (s, "A"), "support"),
        ((s, "F"), (s, "A"), "attack"),
        ((s, "A"), (s, "G"), "support"),
        ((s, "A"), (s, "H"), "attack"),
        ((s, "A"), (s, "I"), "attack"),
        ((s, "I"), (s, "A"), "attack"),
    }
    assert corpus.assessments[0].id == "argdown-markers"
    assert corpus.assessments[0].title == "Markers"
    assert any("contradiction" in note for note in reading.skipped)
    texts = {c.title: c.text for c in corpus.claims}
    assert texts["A"] == "Claim a. #tag"


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        (b"[A]: a\n\n  - [B]: b\n", "line 3, column 3", "no statement or argument above"),
        (b"[A]: a\n  + [B: b\n", "line 2, column 5", "never closed"),
        (b"[A]: a /* open\n", "line 1, column 8", "never closed"),
        (b"===\ntitle: x\n", "line 1, column 1", "front matter"),
        (b'[A]: a {id: "x\n', "line 1, column 1", "never closed"),
        (b"[A] text without colon\n", "line 1, column 1", "expected ':'"),
        (b"[A]: a {role: boss}\n", "line 1", "role 'boss'"),
        (b"[A]: ok\n\xff\n", "line 2, column 1", "not valid UTF-8"),
    ],
)
def test_bad_argdown_is_refused_naming_line_and_column(text: bytes, where: str, says: str) -> None:
    with pytest.raises(ImportRefused) as refused:
        argdown.read(text)
    assert refused.value.where == where
    assert says in refused.value.detail


def test_a_refused_file_names_itself_and_leaves_the_store_as_it_was(store: Store) -> None:
    import_bytes(store, b"[A]: a\n  + [B]: b\n", name="good.argdown")
    before = export_bytes(store)
    with pytest.raises(ImportRefused) as refused:
        import_bytes(store, b"[A]: changed\n  + [C]: c\n\n  - [D]: d\n", name="bad.argdown")
    assert str(refused.value).startswith("bad.argdown: line 4, column 3:")
    assert export_bytes(store) == before


def test_hostile_argdown_is_refused_or_read() -> None:
    # How fast: bench/hostile_input.py.
    deep = "".join(" " * n + "+ [S" + str(n) + "]: s\n" for n in range(2000))
    reading = argdown.read(("[Root]: r\n" + deep).encode())
    assert len(reading.corpus.relations) == 2000
    argdown.read(("[A]: " + "*a_" * 100_000 + "\n").encode())
    argdown.read(("[A]: x {a: " + "[" * 50_000 + "]" * 50_000 + "}\n").encode())
    with pytest.raises(ImportRefused, match="never closed"):
        argdown.read(("[A]: x {a: " + "[{" * 50_000 + "\n").encode())
    argdown.read(("[A]: x " + "[a](" * 300_000 + "\n").encode())
    with pytest.raises(ImportRefused, match="too many"):
        argdown.read(("[A]: x\n" + "".join(f"  + [B{i}]: b\n" for i in range(30_000))).encode())
    with pytest.raises(ImportRefused, match="MiB"):
        argdown.read(b"[A]: a\n" * 1_000_000)


def test_argdown_is_chosen_by_extension_or_content() -> None:
    assert for_file("map.argdown", b"anything").name == "argdown"
    assert for_file("map.txt", b"===\ntitle: x\n===\n").name == "argdown"
    assert for_file("map.txt", b"[Claim]: text\n").name == "argdown"
    assert for_file("map.txt", b"# Heading\n\n<!-- x -->\n\n<A>: a\n").name == "argdown"
    assert by_name("argdown") is argdown.FORMAT


def test_the_writer_keeps_ids_roles_and_untitled_claims_it_could_not_otherwise(
    seeded_store: Store,
) -> None:
    assessment = "expert-insights-2018-07-13"
    written = export_bytes(seeded_store, format="argdown", assessment=assessment)
    again = argdown.read(written).corpus
    original = seeded_store_corpus(seeded_store).only_assessment(assessment)
    assert _comparable(again) == _comparable(original)
    assert sorted(c.locator for c in again.claims) == sorted(c.locator for c in original.claims)
    by_id = {r.id: r for r in again.relations}
    old = {r.id: r for r in original.relations}

    def triple(r, table):
        return (r.source, str(r.type), table[r.target].source if r.targets_relation else r.target)

    assert {triple(r, by_id) for r in again.relations} == {
        triple(r, old) for r in original.relations
    }


def seeded_store_corpus(store: Store) -> Corpus:
    from argline.ops.queries import load_corpus

    with store.reading() as session:
        return load_corpus(session)


def test_an_argdown_export_needs_one_assessment(seeded_store: Store) -> None:
    with pytest.raises(ImportRefused, match="--assessment"):
        export_bytes(seeded_store, format="argdown")


# The real Argdown tool -------------------------------------------------------------------


def _argdown_cli() -> list[str]:
    """Return the command of the real Argdown CLI; skip (never on CI) where it is absent."""
    if PROJECT_CLI.exists() and shutil.which("node"):
        return [str(PROJECT_CLI)]
    reason = (
        "the Argdown CLI (@argdown/cli 1.7.5) is not installed in .ci/node; "
        "`.ci/run` installs it with npm (node and npm needed)"
    )
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _run_cli(command: list[str], text: str, folder: Path) -> dict:
    source = folder / "exported.argdown"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [*command, "json", "--stdout", "--silent", source.name],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.sqlite_only  # about the Argdown tool, not the database: once is enough
def test_what_argline_exports_parses_in_the_real_argdown_tool_with_the_same_relations(
    seeded_store: Store, shared_corpus: Path, tmp_path: Path
) -> None:
    command = _argdown_cli()
    for name in REAL_FILES:
        import_file(seeded_store, shared_corpus / "argdown" / f"{name}.argdown")
    for assessment in seeded_store_corpus(seeded_store).assessments:
        text = export_bytes(seeded_store, format="argdown", assessment=assessment.id).decode()
        ours = argdown.read(text.encode()).corpus
        cli = _run_cli(command, text, tmp_path)
        ids = _cli_ids(cli, assessment.id)
        assert set(ids.values()) == {c.id for c in ours.claims}, assessment.id
        by_id = {r.id: r for r in ours.relations}
        expected = {
            (r.source, by_id[r.target].source if r.targets_relation else r.target, str(r.type))
            for r in ours.relations
            if not argdown.holder_of(r.id)
        }
        found = {
            (ids[r["fromType"], r["from"]], ids[r["toType"], r["to"]], r["relationType"])
            for r in cli["relations"]
        }
        assert found == expected, assessment.id
        assert _lists_of(ours, by_id=True) == _lists_of_cli(cli, ids), assessment.id


def _cli_ids(cli: dict, assessment_id: str) -> dict[tuple[str, str], str]:
    """Return the Argline claim id of each statement and argument the tool found."""
    ids = {}
    for kind, group, table in (
        (argdown.STATEMENT, "equivalence-class", cli["statements"]),
        (argdown.ARGUMENT, "argument", cli["arguments"]),
    ):
        for title, item in table.items():
            named = [m["data"]["id"] for m in item["members"] if "id" in m.get("data", {})]
            ids[group, title] = named[0] if named else argdown.claim_id(assessment_id, kind, title)
    return ids


def test_an_argdown_export_imported_back_adds_no_relations(seeded_store: Store) -> None:
    from argline.io.transfer import export_bytes, import_bytes

    data = export_bytes(seeded_store, format="argdown", assessment="rsis-cheang-2018-07")
    report = import_bytes(seeded_store, data, name="rsis.argdown", format="argdown")
    assert report.tallies["relations"].added == 0
