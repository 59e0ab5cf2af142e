"""Reconnecting and retyping a relation change the store, and undo puts it back."""

from __future__ import annotations

import pytest

from argline.io.transfer import export_text
from argline.model.entities import Relation, RelationType
from argline.ops.errors import EditRefused
from argline.ops.queries import load_relations
from argline.ops.relation_changes import ReconnectRelation, RetypeRelation
from argline.ops.running import run
from argline.store import Store


def _relation(store: Store, relation_id: str) -> Relation:
    with store.reading() as session:
        return next(r for r in load_relations(session) if r.id == relation_id)


def _round_trip(store: Store, operation) -> None:
    before = export_text(store)
    inverse = run(store, operation).inverse
    assert export_text(store) != before
    run(store, inverse)
    assert export_text(store) == before


def test_reconnecting_the_target_of_a_support(seeded_store: Store) -> None:
    run(seeded_store, ReconnectRelation("r-ch-06", target="ch-main"))
    assert _relation(seeded_store, "r-ch-06").target == "ch-main"
    _round_trip(seeded_store, ReconnectRelation("r-ch-01", target="ch-value-putin"))


def test_reconnecting_the_source_keeps_undercuts_on_the_relation(seeded_store: Store) -> None:
    run(seeded_store, ReconnectRelation("r-ch-02", source="ch-pro-russian-image"))
    assert _relation(seeded_store, "r-ch-02").source == "ch-pro-russian-image"
    assert _relation(seeded_store, "r-ch-03").target == "r-ch-02"


def test_reconnecting_an_undercut_to_another_relation(seeded_store: Store) -> None:
    _round_trip(seeded_store, ReconnectRelation("r-ch-03", target="r-ch-10"))


def test_a_claim_cannot_be_reconnected_to_itself(seeded_store: Store) -> None:
    before = export_text(seeded_store)
    with pytest.raises(EditRefused, match="itself"):
        run(seeded_store, ReconnectRelation("r-ch-01", target="ch-prior-hostility"))
    assert export_text(seeded_store) == before


def test_an_undercut_cannot_come_round_to_itself(seeded_store: Store) -> None:
    from argline.ops.relation_edits import AddRelation

    run(seeded_store, AddRelation(Relation("u2", "ch-main", "r-ch-03", RelationType.UNDERCUT)))
    with pytest.raises(EditRefused, match="itself"):
        run(seeded_store, ReconnectRelation("r-ch-03", target="u2"))


def test_retyping_a_support_into_an_attack_and_back(seeded_store: Store) -> None:
    _round_trip(seeded_store, RetypeRelation("r-ch-01", RelationType.ATTACK))
    with pytest.raises(EditRefused, match="undercut"):
        run(seeded_store, RetypeRelation("r-ch-03", RelationType.SUPPORT))
    with pytest.raises(EditRefused, match="undercut"):
        run(seeded_store, RetypeRelation("r-ch-01", RelationType.UNDERCUT))
