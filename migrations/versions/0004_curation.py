"""Curation: retractions on facts, the revision history (the change feed) and curator API keys.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FACTS = ("event", "figure", "statement")


def upgrade() -> None:
    # Plain ALTER TABLE, never a batch rebuild of the table, which on SQLite would drop the
    # search index's triggers on it (migration 0002).
    for table in FACTS:
        op.add_column(table, sa.Column("retracted_at", sa.DateTime(timezone=True)))
        op.add_column(table, sa.Column("retraction_reason", sa.Text()))
        op.add_column(table, sa.Column("retracted_by", sa.String()))
    op.create_table(
        "revision",
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("record_id", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        # Also the index that finds a record's history.
        sa.UniqueConstraint("kind", "record_id", "number", name="uq_revision_kind"),
    )
    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("prefix", sa.String(), nullable=False, index=True),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("name", name="uq_api_key_name"),
    )


def downgrade() -> None:
    op.drop_table("api_key")
    op.drop_table("revision")
    for table in FACTS:
        # SQLite (3.35 and later) and PostgreSQL both drop a column in place.
        for column in ("retracted_by", "retraction_reason", "retracted_at"):
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
