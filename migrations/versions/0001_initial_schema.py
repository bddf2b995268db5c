"""Initial schema: sources and their texts, actors, places, events, figures, statements and
the citations that tie every fact to the exact characters of a source text.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column[str]:
    return sa.Column("id", sa.String(), primary_key=True)


def _fk(name: str, table: str, *, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(name, sa.String(), sa.ForeignKey(f"{table}.id"), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "source",
        _id(),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("publisher", sa.String(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("published_on", sa.Date()),
        sa.Column("url", sa.String()),
        sa.Column("language", sa.String()),
        sa.Column("text_sha256", sa.String()),
        sa.Column("text_length", sa.Integer()),
    )
    op.create_table(
        "source_text",
        sa.Column("source_id", sa.String(), sa.ForeignKey("source.id"), primary_key=True),
        sa.Column("content", sa.Text(), nullable=False),
    )
    op.create_table(
        "source_cite",
        sa.Column("source_id", sa.String(), sa.ForeignKey("source.id"), primary_key=True),
        sa.Column("cited_id", sa.String(), sa.ForeignKey("source.id"), primary_key=True),
    )
    op.create_table(
        "actor",
        _id(),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.String()),
        sa.Column("country", sa.String(2), index=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
    )
    op.create_table(
        "place",
        _id(),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("country", sa.String(2), index=True),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
    )
    op.create_table(
        "event",
        _id(),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False, index=True),
        sa.Column("start_date", sa.Date(), index=True),
        sa.Column("end_date", sa.Date()),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("date_note", sa.String()),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        _fk("parent_id", "event"),
        _fk("place_id", "place"),
    )
    op.create_index("ix_event_parent_id", "event", ["parent_id"])
    op.create_index("ix_event_place_id", "event", ["place_id"])
    op.create_table(
        "event_actor",
        sa.Column("event_id", sa.String(), sa.ForeignKey("event.id"), primary_key=True),
        sa.Column("actor_id", sa.String(), sa.ForeignKey("actor.id"), primary_key=True),
        sa.Column("role", sa.String(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_event_actor_actor_id", "event_actor", ["actor_id"])
    op.create_table(
        "figure",
        _id(),
        sa.Column("metric", sa.String(), nullable=False, index=True),
        sa.Column("value", sa.Float(), nullable=False, index=True),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("scope", sa.String()),
        _fk("event_id", "event"),
        _fk("claimed_by", "actor"),
    )
    op.create_index("ix_figure_event_id", "figure", ["event_id"])
    op.create_index("ix_figure_claimed_by", "figure", ["claimed_by"])
    op.create_table(
        "statement",
        _id(),
        _fk("speaker", "actor", nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("said_on", sa.Date(), index=True),
        _fk("event_id", "event"),
        _fk("reported_by", "actor"),
    )
    op.create_index("ix_statement_speaker", "statement", ["speaker"])
    op.create_index("ix_statement_event_id", "statement", ["event_id"])
    op.create_table(
        "citation",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("event_id", "event"),
        _fk("figure_id", "figure"),
        _fk("statement_id", "statement"),
        sa.Column("position", sa.Integer(), nullable=False),
        _fk("source_id", "source", nullable=False),
        sa.Column("exact", sa.Text(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        sa.Column("suffix", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("via", sa.JSON(), nullable=False),
        # A citation belongs to exactly one fact.
        sa.CheckConstraint(
            "CASE WHEN event_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN figure_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN statement_id IS NULL THEN 0 ELSE 1 END = 1",
            name="one_fact",
        ),
        sa.CheckConstraint('"start" >= 0 AND "end" > "start"', name="span"),
    )
    for column in ("event_id", "figure_id", "statement_id", "source_id"):
        op.create_index(f"ix_citation_{column}", "citation", [column])


def downgrade() -> None:
    for table in (
        "citation",
        "statement",
        "figure",
        "event_actor",
        "event",
        "place",
        "actor",
        "source_cite",
        "source_text",
        "source",
    ):
        op.drop_table(table)
