"""Text that lists sort by compares by code point on PostgreSQL too, whatever the database's
locale: ids, actor and place names, and the ids a source relays (the "C" collation).

SQLite already compares text by code point, so there is nothing to do there.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, length)
SORTABLE = [
    ("source", "id", None),
    ("source_cite", "source_id", None),
    ("source_cite", "cited_id", None),
    ("actor", "id", None),
    ("actor", "name", 300),
    ("place", "id", None),
    ("place", "name", 300),
    ("event", "id", None),
    ("figure", "id", None),
    ("statement", "id", None),
]


def _collate(collation: str | None) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, length in SORTABLE:
        op.alter_column(
            table,
            column,
            type_=sa.String(length, collation=collation),
            existing_type=sa.String(length),
        )


def upgrade() -> None:
    _collate("C")


def downgrade() -> None:
    _collate("default")
