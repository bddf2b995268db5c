"""Alembic environment: the schema is `app.models`' metadata.

The database is the one `app.migrations` was asked to migrate or, from the `alembic` command,
the `DATABASE_URL` setting.
"""

from alembic import context
from sqlalchemy import engine_from_config, pool

from app.models import SQLModel
from app.settings import Settings

config = context.config
url = config.attributes.get("database_url") or Settings().database_url


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Leave the full-text search tables out of `alembic check`'s comparison.

    Migration 0002 owns them, differently per dialect (an FTS5 virtual table and its shadow
    tables on SQLite, a generated tsvector column on PostgreSQL), and no model maps them.
    """
    search = name in ("search_document", "search_fts") or str(name).startswith("search_fts_")
    return not (type_ == "table" and search)


def run_migrations() -> None:
    engine = engine_from_config(
        {"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=SQLModel.metadata,
            # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
            render_as_batch=True,
            compare_type=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
