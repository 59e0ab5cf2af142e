"""Argdown syntax read and written as the Argdown tool reads it: headings, lists, titles, tags."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

from test_format_argdown import _argdown_cli, _keys_of, _keys_of_cli, _run_cli

from argline.io.formats import argdown
from argline.model.entities import Assessment, Claim, ClaimRole, Corpus, Relation, RelationType

MIXED = """===
title: Sanctions after
  the summit
===

# The summit
and what came of it

[Hold]: Sanctions will hold. #policy
  + [Agreed]: The allies agreed them, as @[Hold] says.

* Trade routes shift.
* Prices rise.

  * An indented item.
  * Another one.
    + [Watched]: The routes are watched.

  1. A numbered item.
  2. And a second.

["Quoted" title]: A title that opens with a quote.

[Routes // ports]: A title holding what reads elsewhere as a comment.
"""


def _texts(corpus: Corpus) -> dict[str, str]:
    return {c.title or c.locator: c.text for c in corpus.claims}


def test_a_heading_runs_on_to_the_blank_line_and_names_the_map_but_is_no_claim() -> None:
    text = b"# The summit\nand what came of it\n\n[Hold]: Sanctions will hold.\n"
    corpus = argdown.read(text).corpus
    assert corpus.assessments[0].title == "The summit and what came of it"
    assert _texts(corpus) == {"Hold": "Sanctions will hold."}


def test_each_item_of_a_star_or_numbered_list_is_a_claim_of_its_own() -> None:
    corpus = argdown.read(MIXED.encode()).corpus
    texts = _texts(corpus)
    for line, text in [
        (12, "Trade routes shift."),
        (13, "Prices rise."),
        (15, "An indented item."),
        (16, "Another one."),
        (19, "A numbered item."),
        (20, "And a second."),
    ]:
        assert texts[f"line {line}"] == text
    assert not any("*" in text for text in texts.values())
    by_id = {c.id: c for c in corpus.claims}
    (watched,) = [r for r in corpus.relations if by_id[r.source].title == "Watched"]
    assert by_id[watched.target].text == "Another one."


def test_a_front_matter_title_folded_over_lines_is_read_whole() -> None:
    for matter in (
        "title: Sanctions after\n  the summit",
        "title: >\n  Sanctions after\n  the summit",
        'title: "Sanctions after\n  the summit"',
    ):
        corpus = argdown.read(f"===\n{matter}\n===\n\n[A]: a\n".encode()).corpus
        assert corpus.assessments[0].title == "Sanctions after the summit", matter


def test_titles_keep_their_backslashes_quotes_and_slashes_as_argdown_reads_them() -> None:
    texts = _texts(argdown.read(MIXED.encode()).corpus)
    assert texts['"Quoted" title'] == "A title that opens with a quote."
    assert texts["Routes // ports"] == "A title holding what reads elsewhere as a comment."
    corpus = argdown.read(b'[\\"Old\\" export]: text\n').corpus
    assert [c.title for c in corpus.claims] == ['\\"Old\\" export']


def _map(*claims: Claim, relations: tuple[Relation, ...] = ()) -> Corpus:
    return Corpus(
        assessments=(Assessment(id="m", title="Map", claims=claims),), relations=relations
    )


def _claim(key: str, title: str, text: str) -> Claim:
    return Claim(
        id=f"argdown-map/[{title}]", assessment_id="m", text=text, role=ClaimRole.MAIN, title=title
    )


def test_a_title_opening_with_a_quote_is_written_without_a_backslash() -> None:
    quoted = _claim("q", '"Quoted" title', "Text.")
    written = argdown.write(_map(quoted), None).decode()
    assert '["Quoted" title]: Text.' in written
    assert argdown.read(written.encode()).corpus.claims[0].title == '"Quoted" title'


def test_tags_and_mentions_in_a_text_are_written_as_tags_and_mentions() -> None:
    hold = _claim("h", "Hold", "Sanctions will hold. #policy #(long run)")
    agreed = _claim("a", "Agreed", "As @[Hold] says, and @<An argument> too.")
    written = argdown.write(_map(hold, agreed), None).decode()
    assert "[Hold]: Sanctions will hold. #policy #(long run)" in written
    assert "[Agreed]: As @[Hold] says, and @<An argument> too." in written
    assert _texts(argdown.read(written.encode()).corpus) == {
        "Hold": hold.text,
        "Agreed": agreed.text,
    }


def test_a_title_no_bracket_can_hold_comes_back_whole_through_its_data() -> None:
    odd = _claim("o", "A [bracket] and a backslash\\", "Text.")
    written = argdown.write(_map(odd), None)
    (claim,) = argdown.read(written).corpus.claims
    assert claim.title == odd.title


# The real Argdown tool -------------------------------------------------------------------


def test_the_argdown_tool_reads_the_same_claims_relations_and_texts(tmp_path: Path) -> None:
    command = _argdown_cli()
    ours = argdown.read(MIXED.encode()).corpus
    cli = _run_cli(command, MIXED, tmp_path)
    assert _keys_of(ours) == _keys_of_cli(cli)
    assert _texts(ours) == _cli_texts(cli)


def test_what_argline_writes_keeps_its_titles_tags_and_mentions_in_the_argdown_tool(
    tmp_path: Path,
) -> None:
    command = _argdown_cli()
    hold = _claim("h", "Hold", "Sanctions will hold. #policy")
    quoted = _claim("q", '"Quoted" title', "As @[Hold] says. 1. Not a list.")
    support = Relation("r", quoted.id, hold.id, RelationType.SUPPORT)
    written = argdown.write(_map(hold, quoted, relations=(support,)), None).decode()
    cli = _run_cli(command, written, tmp_path)
    statements = cli["statements"]
    assert set(statements) == {"Hold", '"Quoted" title'}
    assert statements["Hold"]["members"][0]["tags"] == ["policy"]
    assert statements['"Quoted" title']["members"][0]["text"].strip() == quoted.text
    assert [(r["from"], r["relationType"], r["to"]) for r in cli["relations"]] == [
        ('"Quoted" title', "support", "Hold")
    ]


def _generated_maps(count: int, seed: int = 5) -> list[str]:
    """Return Argdown files mixing front matter, headings, lists, odd titles, tags, comments."""
    rng = random.Random(seed)
    words = ["sanctions", "trade", "#policy", "@[T1]", '"quoted"', "x/*y*/", "*em*", "tag#x"]
    titles = ["T{n}", '"Q{n}" said', "x // y {n}", "a #b {n}", "a @c {n}"]

    def text() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(1, 5)))

    files = []
    for f in range(count):
        lines = []
        if rng.random() < 0.5:
            lines += ["===", f"title: Folded {f}", "  over a line", "===", ""]
        if rng.random() < 0.5:
            lines += [f"# Heading {f}", "and its second line", ""]
        n = 0
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            if kind < 0.4:
                n += 1
                lines.append(f"[{rng.choice(titles).format(n=n)}]: {text()}.")
                for _ in range(rng.randint(0, 2)):
                    n += 1
                    marker = rng.choice(["+", "-"])
                    lines.append(f"  {marker} [{rng.choice(titles).format(n=n)}]: {text()}.")
            elif kind < 0.7:
                indent, marker = rng.choice(["", "  "]), rng.choice(["*", "1."])
                lines += [f"{indent}{marker} {text()} word." for _ in range(rng.randint(1, 3))]
            else:
                lines.append(f"{text()} plain.")
            lines.append("")
        files.append("\n".join(lines))
    return files


def test_generated_files_read_as_the_argdown_tool_reads_them(tmp_path: Path) -> None:
    """The tool's texts differ only in spaces round a comment or a tag: those are not compared."""
    command = _argdown_cli()
    sources, results = tmp_path / "maps", tmp_path / "json"
    sources.mkdir()
    files = _generated_maps(40)
    for n, text in enumerate(files):
        (sources / f"m{n:02d}.argdown").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [*command, "json", "maps/*.argdown", "json", "--silent"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for n, text in enumerate(files):
        cli = json.loads((results / f"m{n:02d}.json").read_text(encoding="utf-8"))
        ours = argdown.read(text.encode()).corpus
        assert _keys_of(ours) == _keys_of_cli(cli), text
        assert _spaceless(_texts(ours)) == _spaceless(_cli_texts(cli)), text


def _cli_texts(cli: dict) -> dict[str, str]:
    texts = {}
    for title, statement in cli["statements"].items():
        members = statement["members"]
        key = f"line {members[0]['startLine']}" if title.startswith("Untitled ") else title
        texts[key] = " ".join(m["text"] for m in members if m.get("text"))
    return texts


def _spaceless(texts: dict[str, str]) -> dict[str, str]:
    return {key: "".join(text.split()) for key, text in texts.items()}
