"""Lanes keep their marks: each lane's symbol and colour are stored with it

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# What schema 0002 drew, written out here so that later palettes cannot change it: the
# lanes in alphabetical order, the unsorted one last, each with the symbol and colour of
# its place in that order.
_UNSORTED_LANE = "No category"
_SYMBOLS = ("circle", "square", "diamond", "triangle", "inverted", "hexagon", "star")
_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")


def upgrade() -> None:
    lanes = op.create_table(
        "lanes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("symbol", sa.String(length=20), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lanes")),
        sa.UniqueConstraint("name", name=op.f("uq_lanes_name")),
    )
    categories = op.get_bind().execute(sa.text("SELECT DISTINCT category FROM events")).scalars()
    names = sorted(
        {category or _UNSORTED_LANE for category in categories},
        key=lambda name: (name == _UNSORTED_LANE, name.casefold()),
    )
    # Nothing changes on screen: each lane keeps the mark it was drawn with.
    op.bulk_insert(
        lanes,
        [
            {
                "name": name,
                "symbol": _SYMBOLS[place % len(_SYMBOLS)],
                "colour": _COLOURS[place % len(_COLOURS)],
                "version": 1,
            }
            for place, name in enumerate(names)
        ],
    )


def downgrade() -> None:
    op.drop_table("lanes")
