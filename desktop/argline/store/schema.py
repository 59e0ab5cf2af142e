"""The database schema: SQLAlchemy 2 typed tables for events, eras, assessments and claims.

Dates are stored twice: as EDTF text (the truth, with its precision) and as the axis
values of the interval they cover (derived, indexed, so the timeline can find what
is visible without parsing). ``key`` is the exchange-format id; integer primary keys
never leave the store. ``version`` counts edits, so that a later team mode can refuse
a change made on top of someone else's.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, synonym

from argline.store.timeline_changes import COUNTING_SQLITE

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class StoreInfo(Base):
    """Key–value facts about the store as a whole (its title)."""

    __tablename__ = "store_info"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class EventRow(Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(200), default="", index=True)
    start: Mapped[str] = mapped_column(String(40))
    end: Mapped[str | None] = mapped_column(String(40))
    axis_start: Mapped[float] = mapped_column(Float, index=True)
    axis_end: Mapped[float] = mapped_column(Float, index=True)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class LaneRow(Base):
    """A lane (the events of one category) and the mark it is drawn with, kept as lanes come
    and go. ``name`` is the lane's as the timeline shows it (model.lanes.lane_name)."""

    __tablename__ = "lanes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    symbol: Mapped[str] = mapped_column(String(20))
    colour: Mapped[str] = mapped_column(String(7))
    version: Mapped[int] = mapped_column(Integer, default=1)
    # A lane's name is its id, as an event's key is (ops.versions reads every row's key).
    key: Mapped[str] = synonym("name")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class SourceDateRow(Base):
    __tablename__ = "source_dates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(Text)
    date: Mapped[str] = mapped_column(String(40))
    locator: Mapped[str] = mapped_column(Text, default="")
    passages: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default="[]")


class EraRow(Base):
    __tablename__ = "eras"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text)
    start: Mapped[str] = mapped_column(String(40))
    end: Mapped[str] = mapped_column(String(40))
    axis_start: Mapped[float] = mapped_column(Float)
    axis_end: Mapped[float] = mapped_column(Float)


class AssessmentRow(Base):
    __tablename__ = "assessments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(Text, default="")
    outlet: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20), default="other")
    source: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        CheckConstraint("kind IN ('forecast', 'retrospective', 'other')", name="kind"),
    )


class DocumentRow(Base):
    """An assessment's source document: its text once attached, and what it is.

    Kept apart from the assessment's row so that the reads of every window do not carry
    the text. ``fingerprint`` is the SHA-256 of the normalised text (model.passages).
    """

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), unique=True
    )
    name: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(20))
    fingerprint: Mapped[str] = mapped_column(String(64))
    characters: Mapped[int] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    pages: Mapped[list[int]] = mapped_column(JSON, default=list)
    details: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)

    __table_args__ = (
        CheckConstraint("format IN ('text', 'markdown', 'html', 'pdf')", name="format"),
    )


class ClaimRow(Base):
    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    locator: Mapped[str] = mapped_column(Text, default="")
    x: Mapped[float | None] = mapped_column(Float)
    y: Mapped[float | None] = mapped_column(Float)
    placed_by_hand: Mapped[bool] = mapped_column(default=False)
    assumption: Mapped[str | None] = mapped_column(String(20))
    # The passages the claim cites, as W3C selectors (model.passages.passage_record): a
    # value of the claim, read and written with it, as Hypothesis keeps its selectors.
    passages: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default="[]")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        CheckConstraint(
            "role IN ('main', 'reason', 'objection', 'rebuttal', 'conclusion')", name="role"
        ),
        CheckConstraint("assumption IS NULL OR assumption IN ('accepted', 'rejected')", "assumed"),
    )


class RelationRow(Base):
    """A support or attack between claims, or an undercut aimed at another relation."""

    __tablename__ = "relations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(20))
    source_claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    target_claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), index=True
    )
    target_relation_id: Mapped[int | None] = mapped_column(
        ForeignKey("relations.id", ondelete="CASCADE"), index=True
    )

    __table_args__ = (
        CheckConstraint("type IN ('support', 'attack', 'undercut')", name="type"),
        CheckConstraint(
            "(type = 'undercut' AND target_relation_id IS NOT NULL AND target_claim_id IS NULL)"
            " OR (type <> 'undercut' AND target_claim_id IS NOT NULL"
            " AND target_relation_id IS NULL)",
            name="one_target",
        ),
    )


class RelationPremiseRow(Base):
    """A co-premise of a linked reason: with the relation's source, it supports or attacks
    only together with the others (``ordinal`` 1, 2… after the source)."""

    __tablename__ = "relation_premises"
    relation_id: Mapped[int] = mapped_column(
        ForeignKey("relations.id", ondelete="CASCADE"), primary_key=True
    )
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)


class ClaimEventRow(Base):
    """The claim rests on the event."""

    __tablename__ = "claim_events"
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )

    __table_args__ = (Index("ix_claim_events_event_id", "event_id"),)


class TimelineChangesRow(Base):
    """A count of changes to what the timeline packs (argline.ops.timeline_pack): a pack
    made at the count that stands now holds the events as they are.

    The one row exists on files alone, where triggers count every insert, delete and
    change of a packed column; a server's store has no row, counts nothing and reads its
    events' rows (counting there would make every writer wait on one row). Apart from
    the pack, so that counting a change never rewrites it.
    """

    __tablename__ = "timeline_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    changes: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)


class TimelinePackRow(Base):
    """The timeline's columns packed, and the count of changes they were read at."""

    __tablename__ = "timeline_pack"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    made_at: Mapped[int] = mapped_column(Integer)
    columns: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)


@event.listens_for(TimelineChangesRow.__table__, "after_create")
def _count_changes_on_a_file(_table: object, connection: Connection, **_: object) -> None:
    if connection.dialect.name == "sqlite":
        for statement in COUNTING_SQLITE:
            connection.exec_driver_sql(statement)
