"""The timeline packed: its columns kept whole, beside a count of changes that stales them

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_COUNT = "BEGIN UPDATE timeline_changes SET changes = changes + 1; END"
_PACKED = 'id, key, title, category, start, "end", axis_start, axis_end'
_TRIGGERS = ("timeline_changes_insert", "timeline_changes_delete", "timeline_changes_update")


def upgrade() -> None:
    op.create_table(
        "timeline_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_timeline_changes_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timeline_changes")),
    )
    op.create_table(
        "timeline_pack",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.Integer(), nullable=False),
        sa.Column("columns", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_timeline_pack_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timeline_pack")),
    )
    if op.get_bind().dialect.name != "sqlite":
        return  # a server's store counts nothing and keeps no pack
    op.execute("INSERT INTO timeline_changes (id, changes) VALUES (1, 0)")
    op.execute(f"CREATE TRIGGER timeline_changes_insert AFTER INSERT ON events {_COUNT}")
    op.execute(f"CREATE TRIGGER timeline_changes_delete AFTER DELETE ON events {_COUNT}")
    op.execute(
        f"CREATE TRIGGER timeline_changes_update AFTER UPDATE OF {_PACKED} ON events {_COUNT}"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in _TRIGGERS:
            op.execute(f"DROP TRIGGER {trigger}")
    op.drop_table("timeline_pack")
    op.drop_table("timeline_changes")
