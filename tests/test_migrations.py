"""Alembic owns the schema: up from empty, no drift from the models, down and up again."""

from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, inspect

from app import migrations
from app.db import make_engine
from app.models import SQLModel

# The search index (migration 0002), which no model maps: its documents and, on SQLite, the
# FTS5 table with the shadow tables SQLite keeps for it (PostgreSQL indexes a column instead).
SEARCH_TABLES = {"search_document"}
FTS5_TABLES = {
    "search_fts",
    "search_fts_config",
    "search_fts_data",
    "search_fts_docsize",
    "search_fts_idx",
}


def collations(engine: Engine) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return each column's collation as migrated and as the models declare it.

    `alembic check` does not compare collations, and lists' order depends on them.
    """
    migrated, declared = {}, {}
    inspector = inspect(engine)
    for table in SQLModel.metadata.sorted_tables:
        for column in inspector.get_columns(table.name):
            migrated[f"{table.name}.{column['name']}"] = getattr(column["type"], "collation", None)
        for model_column in table.columns:
            model_type = model_column.type.dialect_impl(engine.dialect)
            declared[f"{table.name}.{model_column.name}"] = getattr(model_type, "collation", None)
    return migrated, declared


def test_upgrade_check_downgrade_upgrade(empty_url: str) -> None:
    config = migrations.alembic_config(empty_url)
    engine = make_engine(empty_url)

    command.upgrade(config, "head")
    assert migrations.current(engine) == migrations.head()
    tables = set(inspect(engine).get_table_names())
    search = SEARCH_TABLES | (FTS5_TABLES if engine.dialect.name == "sqlite" else set())
    assert tables == set(SQLModel.metadata.tables) | {"alembic_version"} | search
    command.check(config)  # raises if the models and the migrated schema differ
    migrated, declared = collations(engine)
    assert migrated == declared

    command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    assert migrations.current(engine) is None

    command.upgrade(config, "head")
    assert migrations.current(engine) == migrations.head()
    command.check(config)
    assert collations(engine)[0] == declared
    engine.dispose()


@pytest.mark.only_on("sqlite", reason="reads SQLite's own catalogue of triggers")
def test_curation_leaves_the_search_triggers_alone(empty_url: str) -> None:
    """Migration 0004 alters the fact tables in place: a batch rebuild would drop the search
    index's triggers on them (migration 0002)."""
    config = migrations.alembic_config(empty_url)
    engine = make_engine(empty_url)

    def triggers() -> list[str]:
        with engine.connect() as connection:
            query = "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
            return list(connection.exec_driver_sql(query).scalars())

    command.upgrade(config, "0003")
    before = triggers()
    assert "search_event_update" in before
    command.upgrade(config, "0004")
    assert triggers() == before
    command.downgrade(config, "0003")
    assert triggers() == before
    engine.dispose()
