"""Curation: retractions on facts, the revision history (the change feed) and curator API keys.

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FACTS = ("event", "figure", "statement")


def upgrade() -> None:
    for table in FACTS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("retracted_at", sa.DateTime(timezone=True)))
            batch.add_column(sa.Column("retraction_reason", sa.Text()))
            batch.add_column(sa.Column("retracted_by", sa.String()))
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
        with op.batch_alter_table(table) as batch:
            batch.drop_column("retracted_by")
            batch.drop_column("retraction_reason")
            batch.drop_column("retracted_at")
