"""Retracted ids: a partial index per fact table of the rows with `retracted_at` set.

Search leaves retracted facts out of its hits: with these, it reads the few retracted ids
once per search instead of looking up the fact behind every match.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FACTS = ("event", "figure", "statement")
RETRACTED = "retracted_at IS NOT NULL"


def upgrade() -> None:
    for table in FACTS:
        where = sa.text(RETRACTED)
        op.create_index(
            f"ix_{table}_retracted", table, ["id"], sqlite_where=where, postgresql_where=where
        )


def downgrade() -> None:
    for table in FACTS:
        op.drop_index(f"ix_{table}_retracted", table)
