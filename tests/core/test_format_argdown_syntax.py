"""Argdown syntax read and written as the Argdown tool reads it: headings, lists, titles, tags."""

from __future__ import annotations

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
    cli_texts = {
        (
            title if not title.startswith("Untitled ") else f"line {s['members'][0]['startLine']}"
        ): " ".join(m.get("text", "") for m in s["members"] if m.get("text"))
        for title, s in cli["statements"].items()
    }
    assert _texts(ours) == cli_texts


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
