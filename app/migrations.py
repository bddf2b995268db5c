"""Alembic, driven from code: the CLI and the tests migrate through these functions."""

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app import rendering, writes
from app.db import make_engine

MIGRATIONS = Path(__file__).with_name("data") / "migrations"
"""The Alembic scripts: in a checkout, the top-level migrations/ (see app/data/)."""


def alembic_config(database_url: str) -> Config:
    """Return an Alembic config for the repository's migrations against `database_url`."""
    config = Config(attributes={"database_url": database_url})
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Migrate the database at `database_url` up to `revision`. At the head revision, render
    every record again when the stored renderings were made by code that renders otherwise
    (app.rendering): a new field, a new order."""
    command.upgrade(alembic_config(database_url), revision)
    if revision != "head":
        return
    # Here, not in a migration: a migration is frozen, how this code renders is not.
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            current = rendering.stored_fingerprint(connection)
        if current != rendering.fingerprint():
            with writes.writing(engine) as write:
                rendering.render_all(write.session.connection())
    finally:
        engine.dispose()


@cache
def head() -> str | None:
    """Return the newest revision in the migrations folder."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current(engine: Engine) -> str | None:
    """Return the revision the database is at, or None when it was never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
