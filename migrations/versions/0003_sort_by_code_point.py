"""Text that lists sort by compares by code point on PostgreSQL too, whatever the database's
locale: ids, actor and place names, and the ids a source relays (the "C" collation).

SQLite already compares text by code point, so there is nothing to do there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
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


def _collate(collation: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # A trigger on `UPDATE OF id` (the search index's, migration 0002) pins the column's type:
    # set such triggers aside while the columns change, then create them again as they were.
    triggers = bind.execute(
        sa.text(
            "SELECT tgname, tgrelid::regclass::text, pg_get_triggerdef(oid) FROM pg_trigger"
            " WHERE NOT tgisinternal AND tgrelid::regclass::text = ANY(:tables) ORDER BY tgname"
        ),
        {"tables": sorted({table for table, _, _ in SORTABLE})},
    ).all()
    for name, table, _ in triggers:
        op.execute(f'DROP TRIGGER "{name}" ON {table}')
    for table, column, length in SORTABLE:
        op.alter_column(
            table,
            column,
            type_=sa.String(length, collation=collation),
            existing_type=sa.String(length),
        )
    for _, _, definition in triggers:
        op.execute(definition)


def upgrade() -> None:
    _collate("C")


def downgrade() -> None:
    _collate("default")
