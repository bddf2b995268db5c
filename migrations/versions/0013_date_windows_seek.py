"""Date windows seek: the longest span of any event is kept, and the start-date index covers
the window's checks.

A date window (`/v1/events?from=…`) selects events overlapping it: an event with an end date
overlaps it only if it starts at most the longest span before `from`, so that walk is a
bounded range of the start-date index; the ongoing events (no end date) starting earlier are
walked on an index of their own. `event_span` holds the longest span, in days (one row;
app.rendering keeps it). The start-date index also holds the end date, place and retraction
of each event, which the walk checks, so that it reads the index alone.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ONGOING = "end_date IS NULL"


def upgrade() -> None:
    op.create_table(
        "event_span",
        sa.Column("longest_days", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("longest_days"),
    )
    # SQLite stores dates as ISO text; PostgreSQL subtracts dates into days.
    if op.get_bind().dialect.name == "sqlite":
        span = "CAST(julianday(end_date) - julianday(start_date) AS INTEGER)"
    else:
        span = "end_date - start_date"
    op.execute(
        f"INSERT INTO event_span (longest_days) SELECT coalesce(max({span}), 0) FROM event"
        " WHERE end_date IS NOT NULL AND start_date IS NOT NULL"
    )
    op.drop_index("ix_event_start_date_id", "event")
    op.create_index(
        "ix_event_start_date_id",
        "event",
        ["start_date", "id", "end_date", "place_id", "retracted_at"],
    )
    where = sa.text(ONGOING)
    op.create_index(
        "ix_event_ongoing_start_date_id",
        "event",
        ["end_date", "start_date", "id", "place_id", "retracted_at"],
        sqlite_where=where,
        postgresql_where=where,
    )


def downgrade() -> None:
    op.drop_index("ix_event_ongoing_start_date_id", "event")
    op.drop_index("ix_event_start_date_id", "event")
    op.create_index("ix_event_start_date_id", "event", ["start_date", "id"])
    op.drop_table("event_span")
