"""The read path: (sort column, id) indexes for keyset pages, and pre-rendered details.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, sort column): every sort a list offers, walked by (column, id).
KEYSETS = [
    ("event", "start_date"),
    ("event", "end_date"),
    ("statement", "said_on"),
    ("source", "published_on"),
    ("figure", "value"),
    ("actor", "name"),
    ("place", "name"),
]


def upgrade() -> None:
    for table, column in KEYSETS:
        op.create_index(f"ix_{table}_{column}_id", table, [column, "id"])
    # Filled on every write and, for rows written before this table existed, on first read
    # (or all at once by `conflict-facts render`): see app/rendered.py.
    op.create_table(
        "rendered",
        sa.Column("kind", sa.String(16), primary_key=True),
        # The collation of the ids it is joined to (migration 0003): PostgreSQL refuses to
        # compare text of two different collations.
        sa.Column(
            "id",
            sa.String().with_variant(sa.String(collation="C"), "postgresql"),
            primary_key=True,
        ),
        sa.Column("body", sa.LargeBinary()),
        sa.Column("etag", sa.String()),
    )


def downgrade() -> None:
    op.drop_table("rendered")
    for table, column in KEYSETS:
        op.drop_index(f"ix_{table}_{column}_id", table)
