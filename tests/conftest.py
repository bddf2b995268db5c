"""Fixtures: real databases built by the real migrations, the real seed, the real app.

The suite runs on SQLite files. With `TEST_DATABASE_URL` set to a PostgreSQL server URL
(`postgresql+psycopg://postgres@127.0.0.1:5432/postgres`), it runs on PostgreSQL instead: every
database is a throwaway one on that server, named after the URL's database, this process and a
counter, and dropped when the session ends.

This is the one module of fixtures and helpers that test files share; no test file imports
from another. Larger helpers of one purpose live beside it: processes.py (real servers and
commands), synthetic.py and hostile.py (made-up bundles), fuzz_hooks.py, evaluate_draft.py.
Each xdist worker is its own process with its own databases and free ports.
"""

import itertools
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
from httpx2 import Response
from sqlalchemy import Engine, NullPool, create_engine, make_url, select, text
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel
from typer.testing import CliRunner

from app import bundles, create_app, migrations
from app.bundles import Bundle
from app.cli import cli
from app.db import make_engine
from app.settings import Settings
from app.writes import writing

# The suite searches and writes far more than 60 times a minute: rate limits are off, except
# in the tests of the limits, which set their own.
os.environ["SEARCH_RATE_LIMIT"] = "0"
os.environ["WRITE_RATE_LIMIT"] = "0"


class Server:
    """Throwaway databases on the PostgreSQL server at `url`: made on demand, dropped by close()."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.prefix = f"{self.url.database}_{os.getpid()}"
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.counter = itertools.count(1)
        self.names: list[str] = []
        self.template: str | None = None

    def check(self) -> None:
        """Stop the whole run, saying what to do, when the server cannot be reached."""
        try:
            with self.admin.connect():
                pass
        except OperationalError as exc:
            pytest.exit(
                f"Cannot reach the PostgreSQL server at TEST_DATABASE_URL={self.url}:\n{exc}\n"
                "Start it, point TEST_DATABASE_URL at another one (`make test POSTGRES=URL`), "
                "or unset it to test on SQLite only (`make test POSTGRES=`).",
                returncode=2,
            )

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def _execute(self, statement: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(statement))

    def create(self, template: str | None = None) -> str:
        """Return the URL of a new database: a copy of `template`, else an empty one.

        Empty databases sort text under ICU's en-US rules ("a" before "B"), not by code
        point, so that the suite shows the app's order does not depend on the database's.
        """
        name = f"{self.prefix}_{next(self.counter)}"
        assert len(name) <= 63, f"database name {name!r} is too long for PostgreSQL"
        self.names.append(name)
        quote = self.admin.dialect.identifier_preparer.quote
        if template is None:
            source = "template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
        else:
            source = quote(template)
        self._execute(f"CREATE DATABASE {quote(name)} TEMPLATE {source}")
        return self.url_of(name)

    def migrated(self) -> str:
        """Return the URL of a new database at the newest migration.

        The migrations run once, on a template database; each new database is a copy of it.
        """
        if self.template is None:
            url = self.create()
            migrations.upgrade(url)
            self.template = make_url(url).database
        return self.create(self.template)

    def drop(self, url: str) -> None:
        """Drop the database at `url`, cutting off whoever is still connected."""
        name = make_url(url).database
        assert name in self.names, f"{name!r} is not a throwaway database of this run"
        self.names.remove(name)
        quote = self.admin.dialect.identifier_preparer.quote
        self._execute(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")

    def close(self) -> None:
        """Drop every database this run made, the template last."""
        for name in sorted(self.names, key=lambda name: name == self.template):
            self.drop(self.url_of(name))
        self.admin.dispose()


SERVER = Server(os.environ["TEST_DATABASE_URL"]) if os.environ.get("TEST_DATABASE_URL") else None
BACKEND = SERVER.url.get_backend_name() if SERVER else "sqlite"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip the tests marked `only_on(backend, reason=…)` in a run on another backend."""
    for item in items:
        for marker in item.iter_markers("only_on"):
            if BACKEND not in marker.args:
                why = marker.kwargs["reason"]
                item.add_marker(pytest.mark.skip(reason=f"only on {marker.args[0]}: {why}"))


@pytest.fixture(scope="session", autouse=True)
def _server() -> Iterator[None]:
    """On PostgreSQL: check the server first, and drop every database made at the end."""
    if SERVER is None:
        yield
        return
    SERVER.check()
    yield
    SERVER.close()


def migrated(path: Path) -> str:
    """Return the URL of a new database migrated to head: a SQLite file at `path`, or a
    throwaway PostgreSQL database."""
    if SERVER is not None:
        return SERVER.migrated()
    url = f"sqlite:///{path}"
    migrations.upgrade(url)
    return url


def empty(path: Path) -> str:
    """Return the URL of a new database that was never migrated (a SQLite file at `path`)."""
    return SERVER.create() if SERVER is not None else f"sqlite:///{path}"


def unreachable(path: Path) -> str:
    """Return a database URL that cannot be opened; `path` must be a directory."""
    if SERVER is not None:
        return SERVER.url_of(f"{SERVER.prefix}_missing")
    return f"sqlite:///{path}"  # a directory is no database


def drop(url: str) -> None:
    """Drop a database made by migrated() or empty() before the session ends (PostgreSQL)."""
    if SERVER is not None:
        SERVER.drop(url)


def load(url: str, *items: Path | Bundle) -> None:
    """Load bundle files or Bundle objects into the database at `url`, in one transaction."""
    engine = make_engine(url)
    try:
        with writing(engine) as write:
            for item in items:
                if isinstance(item, Path):
                    bundles.load_files(write, [item], by="cli:tests")
                else:
                    bundles.load(write, item, "<test bundle>", by="cli:tests")
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


COMPETING = Path(__file__).resolve().parent / "data" / "competing_claims.yaml"
"""A made-up second source with two more claims of the deaths in the seed's 2020 war."""


@pytest.fixture(scope="session")
def rivals_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database holding the seed and COMPETING; tests using it must not write to it."""
    url = migrated(tmp_path_factory.mktemp("rivals") / "rivals.db")
    load(url, *bundles.SEED, COMPETING)
    return url


@pytest.fixture(scope="session")
def client(seeded_url: str) -> Iterator[TestClient]:
    """A client of the app serving the seed."""
    with TestClient(create_app(Settings(database_url=seeded_url))) as client:
        yield client


@pytest.fixture
def fresh_url(tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database of this test's own."""
    url = migrated(tmp_path / "fresh.db")
    yield url
    drop(url)


@pytest.fixture
def empty_url(tmp_path: Path) -> Iterator[str]:
    """A database of this test's own that was never migrated."""
    url = empty(tmp_path / "empty.db")
    yield url
    drop(url)


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
        # A busy machine (parallel workers, other jobs) may take a while to start a server.
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, "the server exited"
            try:
                with urllib.request.urlopen(f"{base}/healthz"):  # noqa: S310
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start within 60 s") from None
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def execute(url: str, sql: str, **params: Any) -> Any:
    """Run one SQL statement on the database at `url`, committed; return its rows, if any."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(sql), params)
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


def problem(response: Response, status: int | None = None) -> dict[str, Any]:
    """Return the body of a problem+json response, checking its `status` if given."""
    if status is not None:
        assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    return body


# --- curation: a seeded database of a test's own, an app serving it, curator keys ------------

WAR = "nagorno-karabakh-war-2020"
DEATHS = "/v1/figures/war-2020-deaths"
JSON = {"Content-Type": "application/json"}

# A made-up report (not real reporting) whose ten facts all quote it.
TEXT = (
    "Synthetic report for tests. The two delegations met in Geneva on 3 March. "
    "They met again in Vienna on 10 March. Observers counted more than 6,000 deaths in the war. "
    "Some 300 prisoners were exchanged. About 40 villages were damaged. "
    "Nearly 2,000 families returned. “We will keep talking,” the envoy said. "
    "The envoy called the talks useful. The observers said the count was incomplete."
)


def cite(quote: str) -> list[dict[str, Any]]:
    return [{"source_id": "synthetic-report", "quote": quote}]


def report(**changes: Any) -> dict[str, Any]:
    """Return a bundle, as JSON, of one synthetic source and ten facts citing it."""
    event = {"summary": "Synthetic.", "type": "diplomatic_meeting", "status": "occurred"}
    day = {"date_precision": "day", "place_id": None}
    figure = {"unit": "people", "event_id": WAR, "claimed_by": None}
    data: dict[str, Any] = {
        "sources": [
            {
                "id": "synthetic-report",
                "title": "Synthetic report (not real reporting)",
                "publisher": "conflict-facts tests",
                "kind": "report",
                "text": TEXT,
            }
        ],
        "actors": [{"id": "synthetic-envoy", "name": "Envoy", "kind": "person"}],
        "events": [
            event
            | day
            | {
                "id": "geneva-talks",
                "title": "Talks in Geneva",
                "start_date": "2023-03-03",
                "end_date": "2023-03-03",
                "citations": cite("The two delegations met in Geneva on 3 March"),
            },
            event
            | day
            | {
                "id": "vienna-talks",
                "title": "Talks in Vienna",
                "start_date": "2023-03-10",
                "end_date": "2023-03-10",
                "parent_id": None,
                "citations": cite("They met again in Vienna on 10 March"),
            },
            event
            | {
                "id": "prisoner-exchange",
                "title": "Prisoner exchange",
                "type": "mediation",
                "citations": cite("Some 300 prisoners were exchanged"),
            },
        ],
        "figures": [
            figure
            | {
                "id": "war-2020-deaths-observers",
                "metric": "deaths",
                "value": 6000,
                "qualifier": "more_than",
                "citations": cite("counted more than 6,000 deaths in the war"),
            },
            figure
            | {
                "id": "prisoners-exchanged",
                "metric": "prisoners_exchanged",
                "value": 300,
                "qualifier": "approximately",
                "event_id": "prisoner-exchange",
                "citations": cite("Some 300 prisoners"),
            },
            figure
            | {
                "id": "villages-damaged",
                "metric": "villages_damaged",
                "value": 40,
                "unit": "villages",
                "qualifier": "approximately",
                "citations": cite("About 40 villages were damaged"),
            },
            figure
            | {
                "id": "families-returned",
                "metric": "families_returned",
                "value": 2000,
                "unit": "families",
                "qualifier": "nearly",
                "citations": cite("Nearly 2,000 families returned"),
            },
        ],
        "statements": [
            {
                "id": "envoy-keep-talking",
                "speaker": "synthetic-envoy",
                "kind": "direct_quote",
                "text": "We will keep talking,",
                "event_id": "vienna-talks",
                "citations": cite('"We will keep talking," the envoy said'),
            },
            {
                "id": "envoy-talks-useful",
                "speaker": "synthetic-envoy",
                "kind": "paraphrase",
                "text": "The envoy described the talks as useful.",
                "event_id": "vienna-talks",
                "citations": cite("The envoy called the talks useful"),
            },
            {
                "id": "observers-count-incomplete",
                "speaker": "synthetic-envoy",
                "kind": "paraphrase",
                "text": "The observers said their count was incomplete.",
                "citations": cite("the count was incomplete"),
            },
        ],
    }
    return data | changes


def keys(url: str, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    """Run `conflict-facts keys ARGS…` on the database at `url`; return what it printed."""
    monkeypatch.setenv("DATABASE_URL", url)
    result = CliRunner().invoke(cli, ["keys", *args])
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


class Curation:
    """A seeded database of a test's own, an app serving it, and curator keys."""

    def __init__(self, url: str, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
        self.url, self.client, self.monkeypatch = url, client, monkeypatch
        self.token = keys(url, monkeypatch, "create", "--name", "alice")
        self.auth = {"Authorization": f"Bearer {self.token}"}

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        engine = make_engine(self.url)
        try:
            return dump(engine)
        finally:
            engine.dispose()

    def post(self, path: str, body: Any, **headers: str) -> Response:
        return self.client.post(path, json=body, headers=self.auth | headers)

    def patch(self, path: str, body: Any, **headers: str) -> Response:
        return self.client.patch(path, json=body, headers=self.auth | headers)


@pytest.fixture
def curation(
    fresh_url: str, client_for: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> Curation:
    load(fresh_url, *bundles.SEED)
    return Curation(fresh_url, client_for(fresh_url), monkeypatch)
