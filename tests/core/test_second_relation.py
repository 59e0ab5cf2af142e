"""A second relation between the same two claims is refused, whichever road it comes by."""

from __future__ import annotations

import pytest

from argline.io.transfer import export_text
from argline.model.entities import Relation, RelationType
from argline.ops.errors import EditRefused
from argline.ops.relation_changes import ReconnectRelation
from argline.ops.relation_edits import AddRelation
from argline.ops.running import run
from argline.store import Store


def test_an_attack_over_an_existing_support_is_refused_saying_why(seeded_store: Store) -> None:
    before = export_text(seeded_store)
    attack = Relation("r-new", "ch-prior-hostility", "ch-main", RelationType.ATTACK)
    with pytest.raises(EditRefused, match="'ch-prior-hostility' already supports 'ch-main'"):
        run(seeded_store, AddRelation(attack))
    assert export_text(seeded_store) == before


def test_the_reverse_relation_is_still_allowed(seeded_store: Store) -> None:
    # Two claims may attack each other: a relation each way is not a second relation.
    run(
        seeded_store,
        AddRelation(Relation("r-back", "ch-main", "ch-prior-hostility", RelationType.ATTACK)),
    )


def test_reconnecting_onto_a_pair_already_joined_is_refused(seeded_store: Store) -> None:
    # r-ch-04 supports ch-main from ch-meeting-counts; moving r-ch-01's source there doubles it.
    with pytest.raises(EditRefused, match="already supports"):
        run(seeded_store, ReconnectRelation("r-ch-01", source="ch-meeting-counts"))
