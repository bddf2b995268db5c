"""Rate limits leave the database: they count in memory or in Redis (app.limits), so that a
GET never writes and the count of spoofed or passing clients expires with its window.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_table("rate_limit")


def downgrade() -> None:
    op.create_table(
        "rate_limit",
        sa.Column("bucket", sa.String(), primary_key=True),
        sa.Column("window_start", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
    )
