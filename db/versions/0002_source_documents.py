"""Source documents of assessments, and the passages claims and source dates cite

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("characters", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("pages", sa.JSON(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "format IN ('text', 'markdown', 'html', 'pdf')", name=op.f("ck_documents_format")
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_documents_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("assessment_id", name=op.f("uq_documents_assessment_id")),
    )
    # Every claim and source date of an earlier schema cites no passage yet.
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("passages", sa.JSON(), nullable=False, server_default="[]"))
    with op.batch_alter_table("source_dates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("passages", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("source_dates", schema=None) as batch_op:
        batch_op.drop_column("passages")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_column("passages")
    op.drop_table("documents")
