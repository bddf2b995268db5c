"""Pre-rendered JSON: byte for byte what the full path answers, and current after every write."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from app import bundles
from app.bundles import Bundle
from app.cli import cli
from app.db import make_engine
from tests import synthetic
from tests.conftest import load

Answers = dict[str, tuple[bytes, str]]


def execute(url: str, sql: str, **params: Any) -> Any:
    """Run one SQL statement on the database at `url`, committed; return its rows, if any."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(sql), params)
            return result.all() if result.returns_rows else None
    finally:
        engine.dispose()


def details(client: TestClient) -> Answers:
    """Return the body and ETag of every event's detail, by id."""
    ids = [event["id"] for event in walk(client, "/v1/events?sort=id&limit=100")[0]]
    answers = {}
    for id in ids:
        response = client.get(f"/v1/events/{id}")
        assert response.status_code == 200, response.text
        answers[id] = (response.content, response.headers["etag"])
    return answers


def walk(client: TestClient, path: str) -> tuple[list[dict[str, Any]], list[tuple[bytes, str]]]:
    """Return every record of the list at `path`, and each page's (body, Link header)."""
    records, pages = [], []
    while path:
        response = client.get(path)
        assert response.status_code == 200, response.text
        pages.append((response.content, response.headers.get("link", "")))
        records += response.json()["data"]
        path = response.headers.get("link", "").removeprefix("<").split(">")[0]
    return records, pages


@pytest.fixture
def seeded(fresh_url: str) -> str:
    load(fresh_url, *bundles.SEED)
    return fresh_url


def test_loading_renders_every_event_twice(seeded: str) -> None:
    counts = execute(seeded, "SELECT kind, count(body) FROM rendered GROUP BY kind ORDER BY kind")
    events = execute(seeded, "SELECT count(*) FROM event")[0][0]
    assert [tuple(row) for row in counts] == [("event.detail", events), ("event.public", events)]


def test_stored_answers_are_what_the_full_path_answers(
    seeded: str, client_for: Callable[..., TestClient]
) -> None:
    client = client_for(seeded)
    stored = details(client)
    lists = [walk(client, f"/v1/events?sort={sort}&limit=3")[1] for sort in ("id", "-start_date")]
    # Without stored renderings every answer takes the full path: FastAPI's own rendering.
    execute(seeded, "DELETE FROM rendered")
    assert details(client) == stored
    assert [walk(client, f"/v1/events?sort={s}&limit=3")[1] for s in ("id", "-start_date")] == lists
    # The full path stored what it answered, and the stored answers are the same again.
    assert execute(seeded, "SELECT count(*) FROM rendered WHERE body IS NULL")[0][0] == 0
    assert details(client) == stored


def test_stored_answers_are_served_as_stored(
    seeded: str, client_for: Callable[..., TestClient]
) -> None:
    client = client_for(seeded)
    event_id = "tbilisi-foreign-ministers-talks-2022"
    execute(
        seeded,
        "UPDATE rendered SET body = :body, etag = '\"x\"' WHERE kind = 'event.detail' AND id = :id",
        body=b'{"stored":true}',
        id=event_id,
    )
    response = client.get(f"/v1/events/{event_id}")
    assert (response.json(), response.headers["etag"]) == ({"stored": True}, '"x"')
    assert client.get(f"/v1/events/{event_id}", headers={"If-None-Match": '"x"'}).status_code == 304


def test_a_write_rerenders_exactly_the_events_embedding_what_changed(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    original = synthetic.bundle(12)
    load(fresh_url, original)
    client = client_for(fresh_url)
    before = details(client)

    data = original.model_dump()
    data["figures"][3]["value"] = 999  # figure-003 belongs to event-003
    data["actors"][1]["name"] = "Actor One, renamed"  # a participant of events 1, 4, 7, 10
    data["events"][5]["title"] = "Event 5, retitled"
    load(fresh_url, Bundle.model_validate(data))
    after = details(client)

    changed = {id for id in before if before[id] != after[id]}
    assert changed == {"event-001", "event-003", "event-004", "event-005", "event-007", "event-010"}
    figure = client.get("/v1/events/event-003").json()["figures"][0]
    assert (figure["id"], figure["value"]) == ("figure-003", 999)
    assert client.get("/v1/events/event-004").json()["actors"][0]["actor"]["name"] == (
        "Actor One, renamed"
    )
    # What was re-rendered is again exactly what the full path answers.
    execute(fresh_url, "DELETE FROM rendered")
    assert details(client) == after


def test_a_new_part_rerenders_its_parent(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    original = synthetic.bundle(3)
    load(fresh_url, original)
    client = client_for(fresh_url)
    assert client.get("/v1/events/event-000").json()["parts"] == []
    data = original.model_dump()
    data["events"][2]["parent_id"] = "event-000"
    load(fresh_url, Bundle.model_validate(data))
    assert [part["id"] for part in client.get("/v1/events/event-000").json()["parts"]] == [
        "event-002"
    ]


def test_render_command_renders_rows_written_without_the_app(
    seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = execute(seeded, "SELECT kind, id, body, etag FROM rendered ORDER BY kind, id")
    execute(seeded, "DELETE FROM rendered")
    monkeypatch.setenv("DATABASE_URL", seeded)
    result = CliRunner().invoke(cli, ["render"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"rendered {len(before)} records\n"
    assert execute(seeded, "SELECT kind, id, body, etag FROM rendered ORDER BY kind, id") == before
