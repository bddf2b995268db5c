"""Renderings of every kind of record, made when it is written (app/rendering.py).

Every stored rendering has a body and an ETag: a record that answers no 200 has none. The
renderings of migration 0006 (events only, filled on first read) are dropped; `rendered_with`
names the code that made the ones the database holds, and `conflict-facts migrate` renders
every record again when that is not the code migrating (app/migrations.py).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DELETE FROM rendered")
    with op.batch_alter_table("rendered") as batch:
        batch.alter_column("kind", existing_type=sa.String(16), type_=sa.String(32))
        batch.alter_column("body", existing_type=sa.LargeBinary(), nullable=False)
        batch.alter_column("etag", existing_type=sa.String(), nullable=False)
    if op.get_bind().dialect.name == "postgresql":
        # Served as stored: kept out of line but uncompressed, so a read never inflates it.
        op.execute("ALTER TABLE rendered ALTER COLUMN body SET STORAGE EXTERNAL")
    op.create_table(
        "rendered_with",
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_rendered_with"),
    )


def downgrade() -> None:
    op.drop_table("rendered_with")
    op.execute("DELETE FROM rendered")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE rendered ALTER COLUMN body SET STORAGE EXTENDED")
    with op.batch_alter_table("rendered") as batch:
        batch.alter_column("kind", existing_type=sa.String(32), type_=sa.String(16))
        batch.alter_column("body", existing_type=sa.LargeBinary(), nullable=True)
        batch.alter_column("etag", existing_type=sa.String(), nullable=True)
