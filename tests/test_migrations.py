"""Alembic owns the schema: up from empty, no drift from the models, down and up again."""

from collections.abc import Callable
from typing import Any

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, inspect

from app import bundles, migrations
from app.bundles import Bundle
from app.db import make_engine
from app.models import SQLModel
from tests.conftest import execute, load

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


def test_actors_and_places_enter_and_leave_the_search_index(
    empty_url: str, client_for: Callable[..., TestClient]
) -> None:
    """Migration 0012 indexes the actors and places already stored, and its triggers the ones
    written after; its downgrade takes them all out again."""
    config = migrations.alembic_config(empty_url)
    # Loaded by this code at head (it keeps tables 0011 has not), then taken back to 0011.
    command.upgrade(config, "head")
    load(empty_url, *bundles.SEED)
    command.downgrade(config, "0011")

    def documents() -> list[tuple[str, int]]:
        query = "SELECT kind, count(*) FROM search_document GROUP BY kind ORDER BY kind"
        return [tuple(row) for row in execute(empty_url, query)]

    before = documents()
    assert [kind for kind, _ in before] == ["event", "figure", "source", "statement"]

    command.upgrade(config, "0012")
    assert documents() == sorted([*before, ("actor", 12), ("place", 4)])
    client = client_for(empty_url)
    response = client.get("/v1/search", params={"q": "Baku", "type": "actor"})
    assert response.status_code == 200, response.text
    assert [(hit["type"], hit["id"], hit["title"]) for hit in response.json()["data"]] == [
        ("actor", "azerbaijan", "Azerbaijan")
    ]
    load(
        empty_url,
        Bundle.model_validate({"places": [{"id": "oslo", "name": "Oslo", "kind": "city"}]}),
    )
    assert documents() == sorted([*before, ("actor", 12), ("place", 5)])

    command.downgrade(config, "0011")
    assert documents() == before
    execute(empty_url, "UPDATE actor SET name = 'Azerbaijan Republic' WHERE id = 'azerbaijan'")
    load(
        empty_url,
        Bundle.model_validate({"places": [{"id": "baku", "name": "Baku", "kind": "city"}]}),
    )
    assert documents() == before  # no trigger is left behind

    command.upgrade(config, "head")
    assert documents() == sorted([*before, ("actor", 12), ("place", 6)])
    query = "SELECT title FROM search_document WHERE kind = 'actor' AND id = 'azerbaijan'"
    assert execute(empty_url, query) == [("Azerbaijan Republic",)]


def test_names_stored_before_0011_are_folded_as_the_app_folds_them(empty_url: str) -> None:
    """Migration 0011 fills `folded` for the actors and places already stored, with its own
    copy of the folding: the same column the app writes."""
    config = migrations.alembic_config(empty_url)
    command.upgrade(config, "head")
    load(empty_url, *bundles.SEED)
    load(
        empty_url,
        Bundle.model_validate(
            {"places": [{"id": "lodz", "name": "Łódź", "kind": "city"}]}
            | {"actors": [{"id": "sapiro", "name": "Šapiro", "kind": "person", "aliases": ["Ø"]}]}
        ),
    )
    written = set(
        execute(empty_url, "SELECT id, folded FROM actor UNION SELECT id, folded FROM place")
    )
    assert ("lodz", "lodz") in written
    assert ("sapiro", "sapiro\no") in written
    command.downgrade(config, "0010")
    command.upgrade(config, "head")
    query = "SELECT id, folded FROM actor UNION SELECT id, folded FROM place"
    assert set(execute(empty_url, query)) == written
