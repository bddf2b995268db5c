"""Kept answers: replayed exactly as the full path answers them, and never past a write."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app import bundles
from tests.conftest import execute, keys, load

EVENT = "/v1/events/tbilisi-foreign-ministers-talks-2022"
EVENTS = "/v1/events?limit=2"
FULL = {"X-Request-ID": "take-the-full-path"}
CHANGE = "UPDATE rendered SET body = :body WHERE kind = 'event.detail' AND id = :id"
"""A change behind the API's back, which writes no revision."""
"""With a request id of its own, a request is answered by the app, never replayed."""


def headers(response: Any) -> dict[str, str]:
    """Return the response's headers but the request id, which every answer has its own of."""
    return {name: value for name, value in response.headers.items() if name != "x-request-id"}


@pytest.fixture
def seeded(fresh_url: str) -> str:
    load(fresh_url, *bundles.SEED)
    return fresh_url


@pytest.mark.parametrize(
    "path",
    [
        EVENT,
        EVENTS,
        "/v1/figures?limit=1&sort=-id",
        "/v1/sources/presstv-armenia-azerbaijan-talks/text",
        "/v1/events?format=csv&limit=2",
    ],
)
def test_a_kept_answer_is_the_full_answer(client: TestClient, path: str) -> None:
    first, replayed, full = client.get(path), client.get(path), client.get(path, headers=FULL)
    assert first.status_code == replayed.status_code == full.status_code == 200
    assert replayed.content == full.content == first.content
    assert headers(replayed) == headers(full) == headers(first)
    assert replayed.headers["x-request-id"] != first.headers["x-request-id"]
    head = client.head(path)
    assert (head.status_code, head.content, headers(head)) == (200, b"", headers(full))


def test_an_answer_is_kept_until_a_write(
    seeded: str, client_for: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for(seeded)
    before = client.get(EVENT).json()
    listed = client.get(EVENTS).json()
    # A change behind the API's back writes no revision, so the kept answers stay: this shows
    # they are replayed. Every write through the API or the command line records a revision.
    changed = {"title": "Changed"}
    execute(seeded, CHANGE, body=json.dumps(changed).encode(), id=before["id"])
    assert client.get(EVENT).json() == before
    assert client.get(EVENTS).json() == listed
    assert client.get(EVENT, headers=FULL).json() == changed

    token = keys(seeded, monkeypatch, "create", "--name", "alice")
    patch = {"title": "Foreign ministers' talks in Tbilisi", "reason": "test"}
    auth = {"Authorization": f"Bearer {token}"}
    assert client.patch(EVENT, json=patch, headers=auth).status_code == 200
    assert client.get(EVENT).json()["title"] == patch["title"]
    titles = [event["title"] for event in client.get(EVENTS).json()["data"]]
    assert titles == [event["title"] for event in client.get(EVENTS, headers=FULL).json()["data"]]


def test_answers_are_kept_apart_by_host_and_format(client: TestClient) -> None:
    # The links in a page are absolute, and a list is also CSV by Accept.
    assert "next_cursor" in client.get(EVENTS).json()
    elsewhere = client.get(EVENTS, headers={"Host": "facts.example.org"})
    assert elsewhere.headers["link"].startswith("<http://facts.example.org/v1/events?")
    as_csv = client.get(EVENTS, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert client.get(EVENTS).headers["content-type"] == "application/json"


def test_no_answer_is_kept_when_turned_off(
    seeded: str, client_for: Callable[..., TestClient]
) -> None:
    client = client_for(seeded, settings={"answer_cache_mib": 0})
    client.get(EVENT)
    execute(seeded, CHANGE, body=b'{"title":"Changed"}', id=EVENT.split("/")[-1])
    assert client.get(EVENT).json()["title"] == "Changed"


def test_a_write_through_one_process_ends_the_answers_another_kept(
    seeded: str, client_for: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two apps on one database, as two worker processes are."""
    reader, writer = client_for(seeded), client_for(seeded)
    assert reader.get(EVENT).json()["summary"] == writer.get(EVENT).json()["summary"]
    reader.get(EVENTS)
    token = keys(seeded, monkeypatch, "create", "--name", "alice")
    patch = {"summary": "Corrected by another worker.", "reason": "test"}
    auth = {"Authorization": f"Bearer {token}"}
    assert writer.patch(EVENT, json=patch, headers=auth).status_code == 200
    assert reader.get(EVENT).json()["summary"] == patch["summary"]
    assert reader.get(EVENTS).content == writer.get(EVENTS, headers=FULL).content
