"""Attaching the two seed texts brings every anchor of the seed corpus to its passage.

The project holds only its own words: the seed names each source document by length
and fingerprint and cites passages by position and checksum, never by quote. These
tests read the texts from ../shared/seeds and check that each claim and each source
date lands on the passage it paraphrases, told by a word or two the passage must hold,
also in copies of the texts with other line breaks.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from typing import Any

import pytest

from argline.io.seed import seed_bytes
from argline.model.passages import fingerprint, normalise, passage_checksum
from conftest import SHARED

# Words each claim's passages hold: every word is in one of them, every passage holds one.
CLAIM_WORDS = {
    "ch-main": ("limited success", "stabilisation"),
    "ch-prior-hostility": ("Cold War", "hostility"),
    "ch-no-statement": ("joint statement", "failure"),
    "ch-doubted-anyway": ("suspicions", "questioned"),
    "ch-meeting-counts": ("took place", "limited success"),
    "ch-expert-talks": ("experts", "iron out"),
    "ch-agenda-named": ("Iranian", "our elections"),
    "ch-value-trump": ("Value", "to Trump"),
    "ch-trump-vindicated": ("justification", "nuclear"),
    "ch-collusion-rest": ("collusion", "denials"),
    "ch-pro-russian-image": ("pro-Russian", "deepened"),
    "ch-trump-unconcerned": ("concerned", "autumn"),
    "ch-value-putin": ("Value", "Putin"),
    "ch-putin-prestige": ("prestige",),
    "ch-weaker-power": ("weaker", "main opponent"),
    "ch-sanctions-relief": ("tensions", "sanctions"),
    "ch-break-isolation": ("pinnacle", "isolation"),
    "ch-world-cup-high": ("World Cup", "US/West"),
    "ch-signal-china": ("China", "supplicant"),
    "ch-deny-interference": ("Fox News", "interference"),
    "ch-value-world": ("Value", "the World"),
    "ch-toward-stability": ("ASEAN", "stability"),
    "ch-hostility-harms": ("hostility", "nuclear weapons"),
    "ei-main": ("Already Won", "victory"),
    "ei-us-eu-rift": ("rift", "tariffs"),
    "ei-helsinki-tradition": ("fourth time", "1975"),
    "ei-great-power-recognition": ("recognition", "great power"),
    "ei-indispensable": ("indispensable",),
    "ei-cannot-isolate": ("Pushkov", "isolate"),
    "ei-experience": ("18 year", "public office"),
    "ei-no-crimea-breakthrough": ("Crimea", "sovereign"),
    "ei-g8-blocked": ("G8", "protectionism"),
    "ei-no-syria-compromise": ("compromise", "foreign forces"),
    "ei-already-victory": ("Kortunov", "equal status"),
    "ei-open-communication": ("communications",),
    "ei-us-hard-negotiation": ("trade war", "allies"),
}

# (event, source) of every source date: the words of the sentence that gives the date.
SOURCE_DATE_WORDS = {
    ("alaska-treaty", "expert-insights-2018-07-13"): ("1859", "Alaska"),
    ("helsinki-final-act-1975", "expert-insights-2018-07-13"): ("1975", "Helsinki Accords"),
    ("crimea-annexation-2014", "expert-insights-2018-07-13"): ("2014", "intervention"),
    ("sanctions-g8-2014", "expert-insights-2018-07-13"): ("2014", "sanctions"),
    ("caatsa-2017", "expert-insights-2018-07-13"): ("2017", "CAATSA"),
    ("helsinki-summit-2018", "expert-insights-2018-07-13"): ("16 July", "Helsinki"),
    ("helsinki-summit-2018", "rsis-cheang-2018-07"): ("16 July", "HELSINKI summit"),
}


def _wrapped_at(width: int) -> Callable[[str], str]:
    """Return a re-wrapping of each paragraph to ``width`` columns that keeps every word whole."""

    def rewrap(text: str) -> str:
        return "\n\n".join(
            textwrap.fill(paragraph, width, break_long_words=False, break_on_hyphens=False)
            for paragraph in text.split("\n\n")
        )

    return rewrap


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


COPIES = {
    "wrapped at 50 columns": _wrapped_at(50),
    "wrapped at 120 columns": _wrapped_at(120),
    "CRLF line endings": _crlf,
}


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    return json.loads(seed_bytes())


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, str]:
    """The two seed articles by file name; skip, saying why, only where they are absent."""
    folder = SHARED / "seeds"
    if not folder.is_dir():
        pytest.skip(f"the seed texts are not beside this checkout ({folder.name})")
    return {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.txt")}


def _documents(seed: dict[str, Any]) -> dict[str, str]:
    """Return the file name of each assessment's document, by assessment id."""
    return {a["id"]: a["document"]["name"] for a in seed["assessments"]}


def _anchors(seed: dict[str, Any]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Return (what cites, document name, passages) for every claim and source date."""
    documents = _documents(seed)
    anchors = [
        (claim["id"], assessment["document"]["name"], claim.get("passages", []))
        for assessment in seed["assessments"]
        for claim in assessment["claims"]
    ]
    anchors += [
        (
            f"{event['id']} from {dated['source']}",
            documents[dated["source"]],
            dated.get("passages", []),
        )
        for event in seed["events"]
        for dated in event["source_dates"]
    ]
    return anchors


def _cited(text: str, passages: list[dict[str, Any]]) -> list[str]:
    """Return the normalised text of each passage, checking its checksum and its ends."""
    normalised = normalise(text)
    cited = []
    for passage in passages:
        start, end = passage["start"], passage["end"]
        assert 0 <= start < end <= len(normalised)
        # Whole words: normalised text has single spaces, so a space on either side means
        # the passage neither starts nor ends inside a word, nor on a space.
        assert start == 0 or normalised[start - 1] == " ", f"{start}:{end} starts in a word"
        assert end == len(normalised) or normalised[end] == " ", f"{start}:{end} ends in a word"
        exact = normalised[start:end]
        assert passage_checksum(exact) == passage["checksum"], f"{start}:{end} is not the passage"
        cited.append(exact)
    return cited


def _assert_holds(who: str, cited: list[str], words: tuple[str, ...]) -> None:
    for word in words:
        assert any(word in exact for exact in cited), f"{who}: no passage holds {word!r}"
    for exact in cited:
        assert any(word in exact for word in words), f"{who}: a passage holds none of {words}"


def test_the_seed_names_each_document_by_its_length_and_fingerprint(
    seed: dict[str, Any], seed_texts: dict[str, str]
) -> None:
    assert seed["version"] == 2
    for assessment in seed["assessments"]:
        document = assessment["document"]
        assert document["name"] == assessment["source"]
        assert document["format"] == "text"
        text = seed_texts[document["name"]]
        assert document["characters"] == len(normalise(text))
        assert document["fingerprint"] == fingerprint(text)


def test_attaching_the_seed_texts_puts_every_claim_on_the_passage_it_paraphrases(
    seed: dict[str, Any], seed_texts: dict[str, str]
) -> None:
    claims = {
        claim["id"]: (assessment["document"]["name"], claim["passages"])
        for assessment in seed["assessments"]
        for claim in assessment["claims"]
    }
    assert claims.keys() == CLAIM_WORDS.keys()
    for claim_id, (name, passages) in claims.items():
        _assert_holds(claim_id, _cited(seed_texts[name], passages), CLAIM_WORDS[claim_id])


def test_each_source_date_points_at_the_sentence_that_gives_the_date(
    seed: dict[str, Any], seed_texts: dict[str, str]
) -> None:
    documents = _documents(seed)
    found = {}
    for event in seed["events"]:
        for dated in event["source_dates"]:
            key = (event["id"], dated["source"])
            found[key] = _cited(seed_texts[documents[dated["source"]]], dated["passages"])
    assert found.keys() == SOURCE_DATE_WORDS.keys()
    for key, cited in found.items():
        assert len(cited) == 1, f"{key}: one sentence gives the date"
        _assert_holds(" from ".join(key), cited, SOURCE_DATE_WORDS[key])


def test_every_seed_claim_and_source_date_is_anchored(seed: dict[str, Any]) -> None:
    claims = [claim for assessment in seed["assessments"] for claim in assessment["claims"]]
    source_dates = [dated for event in seed["events"] for dated in event["source_dates"]]
    assert len(claims) == 36
    assert len(source_dates) == len(SOURCE_DATE_WORDS) == 7
    unanchored = [who for who, _, passages in _anchors(seed) if not passages]
    assert unanchored == []


def test_the_keywords_are_a_word_or_two_never_a_quote() -> None:
    words = [w for table in (CLAIM_WORDS, SOURCE_DATE_WORDS) for ws in table.values() for w in ws]
    assert [word for word in words if not 1 <= len(word.split()) <= 2] == []


@pytest.mark.parametrize("copy", COPIES.values(), ids=COPIES.keys())
def test_a_copy_with_other_line_breaks_keeps_every_anchor(
    seed: dict[str, Any], seed_texts: dict[str, str], copy: Callable[[str], str]
) -> None:
    copies = {name: copy(text) for name, text in seed_texts.items()}
    assert all(copies[name] != seed_texts[name] for name in copies)
    for assessment in seed["assessments"]:
        document = assessment["document"]
        assert fingerprint(copies[document["name"]]) == document["fingerprint"]
    for _, name, passages in _anchors(seed):
        assert len(_cited(copies[name], passages)) == len(passages)
