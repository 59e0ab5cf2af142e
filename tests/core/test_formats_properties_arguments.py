"""Property tests for the argument-map formats: exported maps come back equal; no input crashes."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argline.io.errors import ImportRefused
from argline.io.formats import aif, argdown
from argline.model.entities import Assessment, Claim, ClaimRole, Corpus, Relation, RelationType

# One line of text as Argdown holds it: no surrounding or doubled spaces.
words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=12,
)
line_text = st.lists(words, min_size=1, max_size=6).map(" ".join)
roles = st.sampled_from(list(ClaimRole))


@st.composite
def assessments(draw: st.DrawFn) -> Corpus:
    """Return an assessment with titled claims, supports and attacks, and exportable undercuts."""
    count = draw(st.integers(min_value=1, max_value=8))
    titles = draw(st.lists(line_text, min_size=count, max_size=count, unique=True))
    claims = tuple(
        Claim(
            id=f"c{n}",
            assessment_id="a",
            text=draw(line_text),
            role=draw(roles),
            title=titles[n],
            locator=draw(st.sampled_from(["", "¶3", "headline; ¶9"])),
        )
        for n in range(count)
    )
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)),
            unique=True,
            max_size=10,
        )
    )
    relations: list[Relation] = []
    for n, (source, target) in enumerate(pairs):
        if source == target:
            continue
        kind = draw(st.sampled_from([RelationType.SUPPORT, RelationType.ATTACK]))
        relations.append(Relation(f"r{n}", f"c{source}", f"c{target}", kind))
    # Argdown undercuts an argument, so only a claim with one relation can be undercut exactly.
    single = [
        r for r in relations if sum(1 for other in relations if other.source == r.source) == 1
    ]
    if single and draw(st.booleans()):
        aimed = draw(st.sampled_from(single))
        undercutter = draw(st.sampled_from([c.id for c in claims]))
        if undercutter != aimed.source:
            relations.append(Relation("u1", undercutter, aimed.id, RelationType.UNDERCUT))
    title = draw(line_text)
    return Corpus(
        assessments=(Assessment(id="a", title=title, claims=claims),), relations=tuple(relations)
    )


def _claims(corpus: Corpus) -> list[tuple]:
    return sorted((c.id, c.title, c.text, str(c.role), c.locator) for c in corpus.claims)


def _relations(corpus: Corpus) -> set[tuple]:
    by_id = {r.id: r for r in corpus.relations}

    def target(r: Relation) -> tuple | str:
        aimed = by_id.get(r.target)
        return (aimed.source, aimed.target, str(aimed.type)) if aimed else r.target

    return {(r.source, target(r), str(r.type)) for r in corpus.relations}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments())
def test_any_exportable_assessment_comes_back_equal_through_argdown(corpus: Corpus) -> None:
    again = argdown.read(argdown.write(corpus, "a")).corpus
    assert again.assessments[0].id == "a"
    assert again.assessments[0].title == corpus.assessments[0].title
    for original, back in zip(
        sorted(corpus.claims, key=lambda c: c.id),
        sorted(again.claims, key=lambda c: c.id),
        strict=True,
    ):
        expected_locator = original.locator
        assert (back.id, back.title, back.text, back.role) == (
            original.id,
            original.title,
            original.text,
            original.role,
        )
        if expected_locator:
            assert back.locator == expected_locator
    assert _relations(again) == _relations(corpus)


@settings(max_examples=150, deadline=None)
@given(assessments())
def test_any_assessment_comes_back_equal_through_aif(corpus: Corpus) -> None:
    again = aif.read(aif.write(corpus, "a")).corpus
    assert _claims(again) == _claims(corpus)
    assert set(again.relations) == set(corpus.relations)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_the_argument_readers(data: bytes) -> None:
    for reader in (argdown.read, aif.read):
        with contextlib.suppress(ImportRefused):
            reader(data)


argdownish = st.lists(
    st.sampled_from(
        [
            "[A]",
            "<B>",
            ": ",
            "text",
            " ",
            "  ",
            "\n",
            "\n\n",
            "+ ",
            "- ",
            "+> ",
            "-> ",
            "<_ ",
            "_> ",
            ">< ",
            "<+ ",
            "<- ",
            "{",
            "}",
            "id: ",
            '"',
            "'",
            "//",
            "/*",
            "*/",
            "<!--",
            "-->",
            "===",
            "#",
            "(1) ",
            "--",
            "\\",
            "[",
            "]",
            "<",
            ">",
            "role: main",
            "@[A]",
            "_",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(argdownish, st.text(max_size=500)))
def test_arbitrary_text_never_crashes_the_argdown_reader(text: str) -> None:
    with contextlib.suppress(ImportRefused):
        argdown.read(text.encode("utf-8", "surrogatepass"))
