"""What Argline exports, Argline imports (issue 21, item 4).

Hypothesis makes stores (events, eras, assessments with claims placed anywhere a float
can say, supports, attacks, undercuts, links) by importing generated exchange files,
some with a position no float can hold (1e400: refused, as nothing else generated is).
Each store's export, imported into a fresh store, gives a store whose export is the same.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argline.io.errors import ImportRefused
from argline.io.transfer import export_text, import_bytes
from argline.store import Store

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TEXT = st.text(max_size=12)
TITLE = TEXT.filter(str.strip)
DATES = st.sampled_from(["1867", "1867-03", "1867-03-30", "1867~", "186X", "-0044", "1890?"])
LATER = st.sampled_from(["1900", "1991-12-26", "2024-02"])
# A number JSON can write but no float holds: drawn as this text (longer than any TEXT),
# written into the file as 1e400.
HUGE = "a number past any float"
NUMBER = (
    st.floats(allow_nan=False, allow_infinity=False)
    | st.integers(-(10**15), 10**15)
    | st.just(HUGE)
)


@st.composite
def exchange_files(draw: st.DrawFn) -> dict[str, Any]:
    """Return an exchange file Argline imports, of a few items of each kind."""
    events = [
        {
            "id": f"e{n}",
            "title": draw(TITLE),
            "start": draw(DATES),
            "end": draw(st.none() | LATER),
            "description": draw(TEXT),
            "category": draw(st.sampled_from(["", "law", "war"])),
            "attributes": draw(st.dictionaries(st.sampled_from(["a", "b.c"]), TEXT, max_size=2)),
        }
        for n in range(draw(st.integers(0, 3)))
    ]
    eras = [
        {"id": f"era{n}", "title": draw(TITLE), "start": draw(DATES), "end": draw(LATER)}
        for n in range(draw(st.integers(0, 2)))
    ]
    claims = [f"c{n}" for n in range(draw(st.integers(0, 6)))]
    assessments = [
        {
            "id": f"a{n}",
            "title": draw(TITLE),
            "kind": draw(st.sampled_from(["forecast", "retrospective", "other"])),
            "published": draw(st.none() | DATES),
            "claims": [],
        }
        for n in range(draw(st.integers(1, 2)))
    ]
    for claim in claims:
        position = draw(st.none() | st.fixed_dictionaries({"x": NUMBER, "y": NUMBER}))
        draw(st.sampled_from(assessments))["claims"].append(
            {
                "id": claim,
                "title": draw(st.none() | TEXT),
                "text": draw(TITLE),
                "role": draw(st.sampled_from(["main", "reason", "objection"])),
                "position": position,
                "placed_by_hand": draw(st.booleans()) if position else False,
                "assumption": draw(st.none() | st.sampled_from(["accepted", "rejected"])),
            }
        )
    return {
        "format": "argline",
        "version": 3,
        "title": draw(TEXT),
        "events": events,
        "eras": eras,
        "assessments": assessments,
        "relations": draw(_relations(claims)),
        "claim_events": [
            {"claim": claim, "event": event["id"]}
            for claim in claims
            for event in events
            if draw(st.integers(0, 3)) == 0
        ],
    }


@st.composite
def _relations(draw: st.DrawFn, claims: list[str]) -> list[dict[str, str]]:
    """Return supports and attacks between distinct claims, one a pair, and undercuts."""
    relations: list[dict[str, str]] = []
    if len(claims) < 2:
        return relations
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(claims), st.sampled_from(claims)).filter(
                lambda pair: pair[0] != pair[1]
            ),
            unique=True,
            max_size=5,
        )
    )
    for source, target in pairs:
        relations.append(
            {
                "id": f"r{len(relations)}",
                "from": source,
                "to": target,
                "type": draw(st.sampled_from(["support", "attack"])),
            }
        )
        if draw(st.integers(0, 3)) == 0:
            relations.append(
                {
                    "id": f"r{len(relations)}",
                    "from": draw(st.sampled_from(claims)),
                    "to": draw(st.sampled_from(relations))["id"],
                    "type": "undercut",
                }
            )
    return relations


def _imported(folder: Path, name: str, data: bytes) -> str:
    """Return the export of a new store made by importing ``data``."""
    store = Store.open(folder / name)
    try:
        import_bytes(store, data, name=f"{name}.argline.json")
        return export_text(store)
    finally:
        store.close()


@SETTINGS
@given(exchange_files())
def test_what_argline_exports_argline_imports_into_a_fresh_store_unchanged(
    document: dict[str, Any],
) -> None:
    text = json.dumps(document)
    huge = f'"{HUGE}"' in text
    data = text.replace(f'"{HUGE}"', "1e400").encode()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if huge:  # the one thing generated that Argline refuses
            with pytest.raises(ImportRefused, match="too large to hold"):
                _imported(folder, "made", data)
            return
        exported = _imported(folder, "made", data)
        assert _imported(folder, "fresh", exported.encode()) == exported
