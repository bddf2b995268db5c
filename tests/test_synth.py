"""`conflict-facts synth`: made-up data at scale that the API serves and whose citations verify."""

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.db import make_engine
from app.models import EventType, Qualifier, SQLModel
from tests.conftest import dump, migrated

EVENTS = 300
TABLES = ("actor", "place", "source", "event", "figure", "statement")
"""The tables of records, each with a history."""


def synth(url: str, *options: str) -> Any:
    return CliRunner().invoke(cli, ["synth", "--database-url", url, *options])


@pytest.fixture(scope="module")
def synth_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database holding 300 synthetic events (seed 7); tests using it must not write to it."""
    url = migrated(tmp_path_factory.mktemp("synth") / "synth.db")
    result = synth(url, "--events", str(EVENTS), "--seed", "7")
    assert result.exit_code == 0, result.output
    assert f"{EVENTS} event" in result.output
    return url


def every(client: TestClient, path: str) -> Iterator[dict[str, Any]]:
    """Yield every record of a list, following `next_cursor` to the end."""
    url = f"{path}?limit=100"
    while True:
        page = client.get(url).json()
        yield from page["data"]
        if page["next_cursor"] is None:
            return
        url = f"{path}?limit=100&cursor={page['next_cursor']}"


def test_lists_page_through_every_record(
    synth_url: str, client_for: Callable[..., TestClient]
) -> None:
    client = client_for(synth_url)
    events = list(every(client, "/v1/events"))
    assert len(events) == len({event["id"] for event in events}) == EVENTS
    assert {event["type"] for event in events} == set(EventType)
    assert len({event["place"]["country"] for event in events}) >= 20
    dated = [event["start_date"] for event in events if event["start_date"]]
    assert dated == sorted(dated)
    assert dated[0] >= "1995-01-01"
    assert dated[-1] <= "2025-03-01"
    assert any(event["parent_id"] for event in events)
    figures = list(every(client, "/v1/figures"))
    assert {figure["qualifier"] for figure in figures} == set(Qualifier)
    assert any(figure["claimed_by"] for figure in figures)
    statements = list(every(client, "/v1/statements"))
    assert {statement["kind"] for statement in statements} == {"direct_quote", "paraphrase"}
    detail = client.get(f"/v1/events/{figures[0]['event_id']}").json()
    assert figures[0]["id"] in [figure["id"] for figure in detail["figures"]]


def test_every_citation_verifies_against_its_source_text(
    synth_url: str, client_for: Callable[..., TestClient]
) -> None:
    client = client_for(synth_url)
    texts: dict[str, str] = {}
    checked = 0
    for path in ("/v1/events", "/v1/figures", "/v1/statements"):
        for fact in every(client, path):
            assert fact["citations"], fact["id"]
            for citation in fact["citations"]:
                source = citation["source_id"]
                if source not in texts:
                    response = client.get(f"/v1/sources/{source}/text")
                    assert response.status_code == 200, source
                    texts[source] = response.content.decode()
                text, start, end = texts[source], citation["start"], citation["end"]
                assert text[start:end] == citation["exact"], fact["id"]
                assert text[max(0, start - 32) : start] == citation["prefix"], fact["id"]
                assert text[end : end + 32] == citation["suffix"], fact["id"]
                for via in citation["via"]:
                    assert client.get(f"/v1/sources/{via}").status_code == 200
                checked += 1
            if fact.get("kind") == "direct_quote":
                assert f"\u201c{fact['text']}\u201d" in fact["citations"][0]["exact"]
    assert checked > 3 * EVENTS
    # Offsets count code points: some texts hold characters beyond ASCII.
    assert any(not text.isascii() for text in texts.values())


@pytest.mark.only_on("sqlite", reason="checks the SQLite file with its own tools")
def test_foreign_keys_hold(synth_url: str) -> None:
    with sqlite3.connect(synth_url.removeprefix("sqlite:///")) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_the_same_seed_makes_the_same_data(synth_url: str, tmp_path: Path) -> None:
    again = migrated(tmp_path / "again.db")
    other = migrated(tmp_path / "other.db")
    assert synth(again, "--events", str(EVENTS), "--seed", "7").exit_code == 0
    assert synth(other, "--events", str(EVENTS), "--seed", "8").exit_code == 0
    states = []
    for url in (synth_url, again, other):
        engine = make_engine(url)
        state = dump(engine)
        # Every record's first revision, with the moment it was loaded.
        at = SQLModel.metadata.tables["revision"].columns.keys().index("at")
        state["revision"] = [row[:at] + row[at + 1 :] for row in state["revision"]]
        states.append(state)
        engine.dispose()
    assert states[0] == states[1]
    assert len(states[0]["revision"]) == sum(len(states[0][table]) for table in TABLES)
    assert len(states[0]["rendered"]) > 2 * len(states[0]["revision"])
    assert states[0]["event"] != states[2]["event"]
    assert len(states[2]["event"]) == EVENTS


def test_refuses_a_database_that_holds_data(synth_url: str, fresh_url: str) -> None:
    assert synth(fresh_url, "--events", "5").exit_code == 0
    engine = make_engine(fresh_url)
    before = dump(engine)
    result = synth(fresh_url, "--events", "5", "--seed", "2")
    assert result.exit_code == 1
    assert "already holds data" in result.output
    assert dump(engine) == before
    engine.dispose()


def test_refuses_an_unmigrated_database(tmp_path: Path) -> None:
    result = synth(f"sqlite:///{tmp_path / 'empty.db'}", "--events", "5")
    assert result.exit_code == 1
    assert "conflict-facts migrate" in result.output
