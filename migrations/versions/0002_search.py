"""Full-text search: one `search_document` row per event, figure, statement and source,
kept in sync with the records by triggers, and indexed for each dialect.

- SQLite: `search_document` has an INTEGER PRIMARY KEY (`docid`), which VACUUM never
  renumbers, unlike the implicit rowids of the record tables; the FTS5 table `search_fts` is an
  external-content index of it, synced by triggers on `search_document`.
- PostgreSQL: `search_document.document` is a generated `tsvector` (title weighted A, body B)
  with a GIN index, in the text search configuration `search_english`: `english` (Snowball
  stemming) without its stop words, so that every word counts, as in SQLite.

Triggers on the record tables write `search_document` in both dialects. A later migration
that rebuilds one of those tables (Alembic's batch mode on SQLite) drops its triggers and must
create them again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# kind: (table, title, body, the columns they are made of), as SQL on a row named `{row}`.
# A statement has no title: its text is its body. A source's body is its stored text.
DOCUMENTS = {
    "event": ("event", "{row}.title", "{row}.summary", "id, title, summary"),
    "figure": (
        "figure",
        "replace({row}.metric, '_', ' ') || coalesce(': ' || {row}.scope, '')",
        "replace({row}.qualifier, '_', ' ') || ' ' || {row}.unit",
        "id, metric, scope, qualifier, unit",
    ),
    "statement": ("statement", "''", "{row}.text", "id, text"),
    "source": (
        "source",
        "{row}.title",
        "coalesce((SELECT content FROM source_text WHERE source_id = {row}.id), '')",
        "id, title",
    ),
}

# The stored text of a source, as of now (the triggers run after the change).
SOURCE_BODY = "coalesce((SELECT content FROM source_text WHERE source_id = search_document.id), '')"


def _document_sql(kind: str, row: str) -> tuple[str, str, str]:
    """Return the (table, title, body) SQL of `kind`'s documents for the row named `row`."""
    table, title, body, _ = DOCUMENTS[kind]
    return table, title.format(row=row), body.format(row=row)


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        _postgresql_configuration()
        key = [sa.PrimaryKeyConstraint("kind", "id", name="pk_search_document")]
        document = sa.Column(
            "document",
            # Generated columns need immutable expressions: the config is spelled out.
            TSVECTOR(),
            sa.Computed(
                "setweight(to_tsvector('search_english'::regconfig, title), 'A')"
                " || setweight(to_tsvector('search_english'::regconfig, body), 'B')",
                persisted=True,
            ),
            nullable=False,
        )
        extra: list[sa.SchemaItem] = [*key, document]
    else:
        extra = [
            sa.Column("docid", sa.Integer(), primary_key=True),
            sa.UniqueConstraint("kind", "id", name="uq_search_document_kind"),
        ]
    op.create_table(
        "search_document",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        *extra,
    )
    if postgresql:
        op.create_index(
            "ix_search_document_document",
            "search_document",
            ["document"],
            postgresql_using="gin",
        )
        _postgresql_triggers()
    else:
        _sqlite_index()
    for kind in DOCUMENTS:
        table, title, body = _document_sql(kind, kind)
        op.execute(
            f"INSERT INTO search_document (kind, id, title, body)"
            f" SELECT '{kind}', {table}.id, {title}, {body} FROM {table}"
        )
    if not postgresql:
        _sqlite_record_triggers()


def _postgresql_configuration() -> None:
    """Create `search_english`: the `english` configuration, its stemmer without stop words."""
    op.execute(
        "CREATE TEXT SEARCH DICTIONARY search_english (TEMPLATE = snowball, LANGUAGE = english)"
    )
    op.execute("CREATE TEXT SEARCH CONFIGURATION search_english (COPY = english)")
    op.execute(
        "ALTER TEXT SEARCH CONFIGURATION search_english ALTER MAPPING REPLACE english_stem"
        " WITH search_english"
    )


def _sqlite_index() -> None:
    """Create the FTS5 index of `search_document` and the triggers that keep it in sync."""
    # Porter stemming, like PostgreSQL's `english` configuration: "talks" finds "talk".
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, body,"
        " content='search_document', content_rowid='docid',"
        " tokenize='porter unicode61 remove_diacritics 2')"
    )
    add = "INSERT INTO search_fts (rowid, title, body) VALUES (new.docid, new.title, new.body);"
    remove = (
        "INSERT INTO search_fts (search_fts, rowid, title, body)"
        " VALUES ('delete', old.docid, old.title, old.body);"
    )
    for operation, actions in (("INSERT", add), ("DELETE", remove), ("UPDATE", remove + add)):
        op.execute(
            f"CREATE TRIGGER search_document_{operation.lower()} AFTER {operation}"
            f" ON search_document BEGIN {actions} END"
        )


def _sqlite_record_triggers() -> None:
    """Create the triggers that write a record's changes to `search_document`."""
    for kind, (table, _, _, columns) in DOCUMENTS.items():
        _, title, body = _document_sql(kind, "new")
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
    for operation, ids in (
        ("INSERT", "new.source_id"),
        ("UPDATE OF source_id, content", "old.source_id, new.source_id"),
        ("DELETE", "old.source_id"),
    ):
        name = f"search_source_text_{operation.split()[0].lower()}"
        op.execute(
            f"CREATE TRIGGER {name} AFTER {operation} ON source_text BEGIN"
            f" UPDATE search_document SET body = {SOURCE_BODY}"
            f" WHERE kind = 'source' AND id IN ({ids}); END"
        )


def _postgresql_triggers() -> None:
    """Create the trigger functions that write a record's changes to `search_document`."""
    for kind, (table, _, _, columns) in DOCUMENTS.items():
        _, title, body = _document_sql(kind, "new")
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
    # OLD is NULL on INSERT and NEW on DELETE, which IN (…) ignores.
    op.execute(
        f"""
        CREATE FUNCTION search_source_text() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE search_document SET body = {SOURCE_BODY}
            WHERE kind = 'source' AND id IN (old.source_id, new.source_id);
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER search_source_text AFTER INSERT OR UPDATE OF source_id, content"
        " OR DELETE ON source_text FOR EACH ROW EXECUTE FUNCTION search_source_text()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        tables = {kind: table for kind, (table, *_) in DOCUMENTS.items()}
        for name, table in {**tables, "source_text": "source_text"}.items():
            op.execute(f"DROP TRIGGER search_{name} ON {table}")
            op.execute(f"DROP FUNCTION search_{name}()")
    else:
        for name in (*DOCUMENTS, "source_text"):
            for operation in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER search_{name}_{operation}")
        op.execute("DROP TABLE search_fts")
    # Dropping the table drops its own triggers and index.
    op.drop_table("search_document")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TEXT SEARCH CONFIGURATION search_english")
        op.execute("DROP TEXT SEARCH DICTIONARY search_english")
