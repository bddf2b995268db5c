"""Ingest never undoes a correction, and names are looked up folded.

`revision.origin` says what made each revision (an ingest, a correction, a retraction), so
that an ingest can tell the fields a curator corrected since a bundle last set them. Earlier
revisions get it from what they are: a retraction from its op, an ingest from its reason
("ingest of …") or from being an insert, anything else is a correction.

`actor.folded` and `place.folded` hold the names (and an actor's aliases) case-folded and
without accents, one per line, for `q` on `/v1/actors` and `/v1/places`: the same on SQLite
and PostgreSQL, filled when a record is written.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

import json
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The folding as of this revision (app.models.common.fold), copied rather than imported: a
# migration is a record of one moment, and the app's code may change after it.
UNDECOMPOSED = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)


def folded_names(name: str, aliases: Sequence[str]) -> str:
    """Return `name` and `aliases` case-folded and without accents, one per line."""
    folded = []
    for text in (name, *aliases):
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        bare = "".join(char for char in decomposed if not unicodedata.combining(char))
        folded.append(bare.translate(UNDECOMPOSED))
    return "\n".join(folded)


def upgrade() -> None:
    op.add_column("revision", sa.Column("origin", sa.String(16), nullable=True))
    op.execute(
        "UPDATE revision SET origin = CASE"
        " WHEN op = 'retract' THEN 'retraction'"
        " WHEN op = 'insert' OR reason LIKE 'ingest of %' THEN 'ingest'"
        " ELSE 'correction' END"
    )
    for table in ("actor", "place"):
        op.add_column(table, sa.Column("folded", sa.Text(), server_default="", nullable=False))
    connection = op.get_bind()
    for table, names in (("actor", "name, aliases"), ("place", "name, NULL")):
        rows = connection.execute(sa.text(f"SELECT id, {names} FROM {table}")).all()
        updates = []
        for id, name, aliases in rows:
            listed = aliases if isinstance(aliases, list) else json.loads(aliases or "[]")
            updates.append({"id": id, "folded": folded_names(name, listed)})
        if updates:
            statement = sa.text(f"UPDATE {table} SET folded = :folded WHERE id = :id")
            connection.execute(statement, updates)


def downgrade() -> None:
    for table in ("actor", "place"):
        op.drop_column(table, "folded")
    op.drop_column("revision", "origin")
