"""Initial schema: events, eras, assessments, claims, relations, links

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=False),
        sa.Column("published", sa.String(length=40), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('forecast', 'retrospective', 'other')", name=op.f("ck_assessments_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
        sa.UniqueConstraint("key", name=op.f("uq_assessments_key")),
    )
    op.create_table(
        "eras",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("start", sa.String(length=40), nullable=False),
        sa.Column("end", sa.String(length=40), nullable=False),
        sa.Column("axis_start", sa.Float(), nullable=False),
        sa.Column("axis_end", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eras")),
        sa.UniqueConstraint("key", name=op.f("uq_eras_key")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=200), nullable=False),
        sa.Column("start", sa.String(length=40), nullable=False),
        sa.Column("end", sa.String(length=40), nullable=True),
        sa.Column("axis_start", sa.Float(), nullable=False),
        sa.Column("axis_end", sa.Float(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("key", name=op.f("uq_events_key")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_axis_end"), ["axis_end"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_axis_start"), ["axis_start"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_category"), ["category"], unique=False)

    op.create_table(
        "store_info",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_store_info")),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.Column("x", sa.Float(), nullable=True),
        sa.Column("y", sa.Float(), nullable=True),
        sa.Column("placed_by_hand", sa.Boolean(), nullable=False),
        sa.Column("assumption", sa.String(length=20), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "assumption IS NULL OR assumption IN ('accepted', 'rejected')",
            name=op.f("ck_claims_assumed"),
        ),
        sa.CheckConstraint(
            "role IN ('main', 'reason', 'objection', 'rebuttal', 'conclusion')",
            name=op.f("ck_claims_role"),
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_claims_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint("key", name=op.f("uq_claims_key")),
    )
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_claims_assessment_id"), ["assessment_id"], unique=False
        )

    op.create_table(
        "source_dates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("date", sa.String(length=40), nullable=False),
        sa.Column("locator", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_source_dates_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_dates")),
    )
    with op.batch_alter_table("source_dates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_dates_event_id"), ["event_id"], unique=False)

    op.create_table(
        "claim_events",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_events_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_claim_events_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("claim_id", "event_id", name=op.f("pk_claim_events")),
    )
    with op.batch_alter_table("claim_events", schema=None) as batch_op:
        batch_op.create_index("ix_claim_events_event_id", ["event_id"], unique=False)

    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("source_claim_id", sa.Integer(), nullable=False),
        sa.Column("target_claim_id", sa.Integer(), nullable=True),
        sa.Column("target_relation_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(type = 'undercut' AND target_relation_id IS NOT NULL AND target_claim_id IS NULL)"
            " OR (type <> 'undercut' AND target_claim_id IS NOT NULL"
            " AND target_relation_id IS NULL)",
            name=op.f("ck_relations_one_target"),
        ),
        sa.CheckConstraint(
            "type IN ('support', 'attack', 'undercut')", name=op.f("ck_relations_type")
        ),
        sa.ForeignKeyConstraint(
            ["source_claim_id"],
            ["claims.id"],
            name=op.f("fk_relations_source_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_claim_id"],
            ["claims.id"],
            name=op.f("fk_relations_target_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_relation_id"],
            ["relations.id"],
            name=op.f("fk_relations_target_relation_id_relations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relations")),
        sa.UniqueConstraint("key", name=op.f("uq_relations_key")),
    )
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_relations_source_claim_id"), ["source_claim_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_relations_target_claim_id"), ["target_claim_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_relations_target_relation_id"), ["target_relation_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relations_target_relation_id"))
        batch_op.drop_index(batch_op.f("ix_relations_target_claim_id"))
        batch_op.drop_index(batch_op.f("ix_relations_source_claim_id"))

    op.drop_table("relations")
    with op.batch_alter_table("claim_events", schema=None) as batch_op:
        batch_op.drop_index("ix_claim_events_event_id")

    op.drop_table("claim_events")
    with op.batch_alter_table("source_dates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_dates_event_id"))

    op.drop_table("source_dates")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_assessment_id"))

    op.drop_table("claims")
    op.drop_table("store_info")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_category"))
        batch_op.drop_index(batch_op.f("ix_events_axis_start"))
        batch_op.drop_index(batch_op.f("ix_events_axis_end"))

    op.drop_table("events")
    op.drop_table("eras")
    op.drop_table("assessments")
