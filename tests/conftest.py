"""Fixtures: real SQLite files built by the real migrations, the real seed, the real app."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlmodel import Session, SQLModel

from app import bundles, create_app, migrations
from app.bundles import Bundle
from app.db import make_engine
from app.settings import Settings

# Rate limits count in the database, and the suite searches one shared database far more
# than 60 times a minute: off, except in the tests of the limits, which set their own.
os.environ["SEARCH_RATE_LIMIT"] = "0"


def migrated(path: Path) -> str:
    """Return the URL of a new SQLite database at `path`, migrated to head."""
    url = f"sqlite:///{path}"
    migrations.upgrade(url)
    return url


def load(url: str, *items: Path | Bundle) -> None:
    """Load bundle files or Bundle objects into the database at `url`, in one transaction."""
    engine = make_engine(url)
    try:
        with Session(engine) as session, session.begin():
            for item in items:
                if isinstance(item, Path):
                    bundles.load_files(session, [item])
                else:
                    bundles.load(session, item, "<test bundle>")
    finally:
        engine.dispose()


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of every table, in primary-key order: the database's whole state."""
    state = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            rows = connection.execute(select(table).order_by(*table.primary_key.columns))
            state[table.name] = [tuple(row) for row in rows]
    return state


@pytest.fixture(scope="session")
def seeded_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database holding exactly the seed; tests using it must not write to it."""
    url = migrated(tmp_path_factory.mktemp("seed") / "seed.db")
    load(url, *bundles.SEED)
    return url


@pytest.fixture(scope="session")
def client(seeded_url: str) -> Iterator[TestClient]:
    """A client of the app serving the seed."""
    with TestClient(create_app(Settings(database_url=seeded_url))) as client:
        yield client


@pytest.fixture
def fresh_url(tmp_path: Path) -> str:
    """A migrated, empty database of this test's own."""
    return migrated(tmp_path / "fresh.db")


@pytest.fixture
def client_for() -> Iterator[Callable[..., TestClient]]:
    """Make clients of apps on other databases; closed after the test."""
    clients: list[TestClient] = []

    def make(url: str, *, settings: dict[str, Any] | None = None, **options: Any) -> TestClient:
        """Return a client of an app on `url` with other `settings`, given `options`."""
        app = create_app(Settings(database_url=url, **(settings or {})))
        test_client = TestClient(app, **options)
        clients.append(test_client.__enter__())
        return test_client

    yield make
    for test_client in clients:
        test_client.__exit__(None, None, None)


@contextmanager
def serving(url: str, **settings: str) -> Iterator[str]:
    """Run the real server (uvicorn, one process) on `url` with `settings`; yield its base URL.

    The server listens on a free loopback port and is stopped on exit.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": url, **{k.upper(): v for k, v in settings.items()}}
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"]
    command += ["--port", str(port), "--no-access-log"]
    server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{base}/healthz"):  # noqa: S310
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start within 10 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
