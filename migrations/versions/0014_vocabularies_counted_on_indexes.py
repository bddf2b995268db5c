"""Vocabularies are counted on indexes: figures' units and qualifiers, and roles.

`/v1/vocabularies` (and a bundle's dry run) counts the values in use by live records. At a
million events, grouping the rows of `figure` and `event_actor` (with a look-up of each
role's event) took 10-17 s; every count now reads an index alone, and the few retracted
records are subtracted through their partial indexes (migration 0008).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_figure_unit", "figure", ["unit"])
    op.create_index("ix_figure_qualifier", "figure", ["qualifier"])
    op.create_index("ix_event_actor_role", "event_actor", ["role"])


def downgrade() -> None:
    op.drop_index("ix_event_actor_role", "event_actor")
    op.drop_index("ix_figure_qualifier", "figure")
    op.drop_index("ix_figure_unit", "figure")
