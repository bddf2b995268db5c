"""Actors and places are searched: `/v1/search` finds them by name, alias, title and country.

Each actor and place gets a `search_document` row (migration 0002), kept in step by triggers
on `actor` and `place` and filled here for the records already stored.

- An actor's title is its name; its body its aliases, its title ("Foreign Minister of
  Armenia") and its country code. A place's title is its name; its body its country code.
- Both bodies end with the folded names (migration 0011: case-folded, without accents) when
  they differ from the names in lower case, so that "susa" finds Şuşa on PostgreSQL too, whose
  `search_english` configuration keeps accents (SQLite's tokenizer drops most of them already,
  but not "ø" or "ł", which folding also maps).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# kind: (table, title, body, the columns they are made of), as SQL on a row named `{row}`.
# `{aliases}` is the row's aliases joined by ", ", `{lower_aliases}` each alias in lower case
# after a newline: JSON is read differently by each dialect (see _sql()).
DOCUMENTS = {
    "actor": (
        "actor",
        "{row}.name",
        "{aliases} || {nl} || coalesce({row}.title, '') || {nl} || coalesce({row}.country, '')"
        " || CASE WHEN {row}.folded = lower({row}.name) || {lower_aliases} THEN ''"
        " ELSE {nl} || {row}.folded END",
        "id, name, title, country, aliases, folded",
    ),
    "place": (
        "place",
        "{row}.name",
        "coalesce({row}.country, '')"
        " || CASE WHEN {row}.folded = lower({row}.name) THEN '' ELSE {nl} || {row}.folded END",
        "id, name, country, folded",
    ),
}


def _sql(kind: str, row: str, postgresql: bool) -> tuple[str, str, str, str]:
    """Return the (table, title, body, columns) SQL of `kind`'s documents for the row `row`."""
    table, title, body, columns = DOCUMENTS[kind]
    if postgresql:
        elements = f"json_array_elements_text({row}.aliases) WITH ORDINALITY AS alias(value, n)"
        aliases = f"(SELECT string_agg(value, ', ' ORDER BY n) FROM {elements})"
        lower = f"(SELECT string_agg(chr(10) || lower(value), '' ORDER BY n) FROM {elements})"
        newline = "chr(10)"
    else:
        aliases = f"(SELECT group_concat(value, ', ') FROM json_each({row}.aliases))"
        lower = f"(SELECT group_concat(char(10) || lower(value), '') FROM json_each({row}.aliases))"
        newline = "char(10)"
    values = {
        "row": row,
        "nl": newline,
        "aliases": f"coalesce({aliases}, '')",
        "lower_aliases": f"coalesce({lower}, '')",
    }
    return table, title.format(**values), body.format(**values), columns


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for kind in DOCUMENTS:
        table, title, body, _ = _sql(kind, kind, postgresql)
        op.execute(
            f"INSERT INTO search_document (kind, id, title, body)"
            f" SELECT '{kind}', {table}.id, {title}, {body} FROM {table}"
        )
        if postgresql:
            _postgresql_trigger(kind)
        else:
            _sqlite_triggers(kind)


def _sqlite_triggers(kind: str) -> None:
    """Create the triggers that write a `kind` record's changes to `search_document`."""
    table, title, body, columns = _sql(kind, "new", postgresql=False)
    actions = {
        "INSERT": f"INSERT INTO search_document (kind, id, title, body)"
        f" VALUES ('{kind}', new.id, {title}, {body});",
        f"UPDATE OF {columns}": f"UPDATE search_document"
        f" SET id = new.id, title = {title}, body = {body}"
        f" WHERE kind = '{kind}' AND id = old.id;",
        "DELETE": f"DELETE FROM search_document WHERE kind = '{kind}' AND id = old.id;",
    }
    for operation, action in actions.items():
        name = f"search_{kind}_{operation.split()[0].lower()}"
        op.execute(f"CREATE TRIGGER {name} AFTER {operation} ON {table} BEGIN {action} END")


def _postgresql_trigger(kind: str) -> None:
    """Create the trigger function that writes a `kind` record's changes to `search_document`."""
    table, title, body, columns = _sql(kind, "new", postgresql=True)
    op.execute(
        f"""
        CREATE FUNCTION search_{kind}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO search_document (kind, id, title, body)
                VALUES ('{kind}', new.id, {title}, {body});
            ELSIF TG_OP = 'UPDATE' THEN
                UPDATE search_document SET id = new.id, title = {title}, body = {body}
                WHERE kind = '{kind}' AND id = old.id;
            ELSE
                DELETE FROM search_document WHERE kind = '{kind}' AND id = old.id;
            END IF;
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        f"CREATE TRIGGER search_{kind} AFTER INSERT OR UPDATE OF {columns} OR DELETE"
        f" ON {table} FOR EACH ROW EXECUTE FUNCTION search_{kind}()"
    )


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for kind, (table, *_) in DOCUMENTS.items():
        if postgresql:
            op.execute(f"DROP TRIGGER search_{kind} ON {table}")
            op.execute(f"DROP FUNCTION search_{kind}()")
        else:
            for operation in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER search_{kind}_{operation}")
        # On SQLite, the triggers of migration 0002 take each row out of the FTS5 index too.
        op.execute(f"DELETE FROM search_document WHERE kind = '{kind}'")
