"""Linked reasons: a relation's co-premises, which support or attack only together

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every relation of an older file has one premise, its source: the table starts empty.
    op.create_table(
        "relation_premises",
        sa.Column("relation_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_relation_premises_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["relation_id"],
            ["relations.id"],
            name=op.f("fk_relation_premises_relation_id_relations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("relation_id", "ordinal", name=op.f("pk_relation_premises")),
    )
    op.create_index(
        op.f("ix_relation_premises_claim_id"), "relation_premises", ["claim_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_relation_premises_claim_id"), table_name="relation_premises")
    op.drop_table("relation_premises")
