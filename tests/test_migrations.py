"""Alembic owns the schema: up from empty, no drift from the models, down and up again."""

from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from app import migrations
from app.db import make_engine
from app.models import SQLModel


def test_upgrade_check_downgrade_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'migrations.db'}"
    config = migrations.alembic_config(url)
    engine = make_engine(url)

    command.upgrade(config, "head")
    assert migrations.current(engine) == migrations.head() == "0005"
    tables = set(inspect(engine).get_table_names())
    assert tables == set(SQLModel.metadata.tables) | {"alembic_version"}
    command.check(config)  # raises if the models and the migrated schema differ

    command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    assert migrations.current(engine) is None

    command.upgrade(config, "head")
    assert migrations.current(engine) == "0005"
    command.check(config)
    engine.dispose()
