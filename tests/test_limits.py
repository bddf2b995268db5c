"""Bounded cost per request: page size, query-string and body sizes, time budget, rate limits."""

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import Request
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from app import kinds, rendering
from app.auth import create_key
from app.db import make_engine
from app.limits import MAX_BODY, MAX_QUERY_BYTES, RATE_WINDOW_SECONDS
from app.models import ApiKeyScope
from app.writes import writing
from tests.conftest import dump, migrated, problem

LISTS = ["/v1/events", "/v1/figures", "/v1/statements", "/v1/sources", "/v1/actors", "/v1/places"]

BULK_ACTORS = 300_000


@pytest.mark.parametrize("path", LISTS)
def test_limit_above_100_is_422(client: TestClient, path: str) -> None:
    assert client.get(path, params={"limit": 100}).status_code == 200
    response = client.get(path, params={"limit": 101})
    assert response.status_code == 422
    assert problem(response)["errors"] == [
        {
            "location": "query",
            "name": "limit",
            "detail": "Input should be less than or equal to 100",
        }
    ]


def test_long_query_string_is_414(client: TestClient) -> None:
    query = "type=mediation&actor="
    at_limit = "/v1/events?" + query + "a" * (MAX_QUERY_BYTES - len(query))
    assert client.get(at_limit).status_code == 422  # the slug is too long, but it was read
    response = client.get(at_limit + "a")
    assert response.status_code == 414
    assert problem(response) == {
        "type": "about:blank",
        "title": "URI Too Long",
        "status": 414,
        "detail": "The query string is longer than 4096 bytes.",
        "instance": "/v1/events",
    }


def body_limit_client(client_for: Callable[..., TestClient], url: str) -> TestClient:
    """Return a client of an app with one more route, which reads the body it is sent; the
    client bears a write key, as every write needs one."""
    token = write_key(url, "body-reader")
    test_client = client_for(url, headers={"Authorization": f"Bearer {token}"})

    async def count_body(request: Request) -> dict[str, int]:
        return {"bytes": len(await request.body())}

    test_client.app.add_api_route("/test-body", count_body, methods=["POST"])  # type: ignore[attr-defined]
    return test_client


def test_body_over_2_mib_is_413(client_for: Callable[..., TestClient], fresh_url: str) -> None:
    test_client = body_limit_client(client_for, fresh_url)
    assert test_client.post("/test-body", content=b"x" * MAX_BODY).json() == {"bytes": MAX_BODY}
    too_large = {
        "type": "about:blank",
        "title": "Content Too Large",
        "status": 413,
        "detail": "A request body holds at most 2097152 bytes (2 MiB).",
        "instance": "/test-body",
    }
    declared = test_client.post("/test-body", content=b"x" * (MAX_BODY + 1))
    assert declared.status_code == 413
    assert problem(declared) == too_large

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it arrives
        for _ in range(3):
            yield b"x" * (1024 * 1024)

    streamed = test_client.post("/test-body", content=chunks())
    assert "content-length" not in streamed.request.headers
    assert streamed.status_code == 413
    assert problem(streamed) == too_large


def test_readiness_reports_saturation(
    client_for: Callable[..., TestClient], seeded_url: str
) -> None:
    """With every slot busy, /readyz answers 503 so that a load balancer sends requests
    elsewhere; the other requests are shed with 503 at once."""
    test_client = client_for(seeded_url, settings={"max_concurrency": 1})
    release = threading.Event()

    def hold() -> dict[str, bool]:
        return {"released": release.wait(timeout=30)}

    test_client.app.add_api_route("/test-hold", hold)  # type: ignore[attr-defined]
    holder = threading.Thread(target=test_client.get, args=("/test-hold",))
    holder.start()
    try:
        deadline = time.monotonic() + 10
        while test_client.get("/readyz").status_code == 200:
            assert time.monotonic() < deadline, "the held request never took its slot"
            time.sleep(0.05)
        busy = test_client.get("/readyz")
        assert busy.status_code == 503
        assert busy.headers["retry-after"] == "1"
        assert problem(busy)["detail"] == "At capacity: 1 of 1 requests in flight."
        assert test_client.get("/v1/events").status_code == 503
    finally:
        release.set()
        holder.join()
    assert test_client.get("/readyz").json()["in_flight"] == 0


def test_body_limit_applies_to_every_route(client: TestClient) -> None:
    response = client.request("GET", "/v1/events", content=b"x" * (MAX_BODY + 1))
    assert response.status_code == 413
    assert problem(response)["instance"] == "/v1/events"


@pytest.fixture(scope="module")
def big_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database of 300,000 actors, so that looking through them takes far more than a
    millisecond."""
    path = tmp_path_factory.mktemp("big") / "big.db"
    url = migrated(path)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO actor (id, name, kind, title, country, aliases)"
            " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " SELECT printf('bulk-%06d', i), printf('Actor %06d', i * 7919 % 300007),"
            " 'organization', NULL, NULL, '[]' FROM n",
            (BULK_ACTORS,),
        )
    connection.close()
    # Written behind the app's back: render the two actors the tests read.
    engine = make_engine(url)
    with writing(engine) as write:
        first = write.session.execute(text("SELECT id FROM actor ORDER BY name LIMIT 1")).scalar()
        rendering.render(write.session.connection(), kinds.ACTORS, ["bulk-000001", str(first)])
    engine.dispose()
    return url


@pytest.mark.only_on("sqlite", reason="fills the file with sqlite3; it tests the progress handler")
def test_query_past_its_time_budget_is_503(
    big_url: str, client_for: Callable[..., TestClient]
) -> None:
    hurried = client_for(big_url, settings={"query_timeout_ms": 1})
    # No actor is a person: the walk along the names' index reads all of them.
    response = hurried.get("/v1/actors", params={"kind": "person", "sort": "name", "limit": 1})
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert problem(response) == {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "The database did not answer within the time budget of 1 ms.",
        "instance": "/v1/actors",
    }
    # The interrupted connection went back to the pool and serves the next request; a lookup
    # by primary key runs too few instructions for the budget to be checked at all.
    assert hurried.get("/v1/actors/bulk-000001").json()["id"] == "bulk-000001"

    patient = client_for(big_url)  # the default budget
    response = patient.get("/v1/actors", params={"sort": "name", "limit": 1})
    assert response.status_code == 200
    first = min(f"Actor {i * 7919 % 300007:06d}" for i in range(1, BULK_ACTORS + 1))
    assert [actor["name"] for actor in response.json()["data"]] == [first]


def within_one_window(attempt: Callable[[], None]) -> None:
    """Run `attempt`, again if a rate-limit window ended while it ran: then its counts started
    over midway, so neither its passing nor its failing proved anything."""
    for _ in range(2):
        window = time.time() // RATE_WINDOW_SECONDS
        try:
            attempt()
        except AssertionError:
            if time.time() // RATE_WINDOW_SECONDS == window:
                raise
            continue
        if time.time() // RATE_WINDOW_SECONDS == window:
            return
    raise AssertionError("two windows ended during two attempts")


def test_searches_are_rate_limited_with_429(
    tmp_path: Path, client_for: Callable[..., TestClient]
) -> None:
    """`/v1/search` and `q` on the lists share one limit; lists without `q` are not counted."""

    def attempt() -> None:
        url = migrated(tmp_path / f"{time.time()}.db")
        test_client = client_for(url, settings={"search_rate_limit": 3})
        searches = ["/v1/search?q=talks", "/v1/events?q=talks", "/v1/timeline?q=talks"]
        assert [test_client.get(path).status_code for path in searches] == [200, 200, 200]
        assert test_client.get("/v1/events").status_code == 200  # no `q`: not a search
        response = test_client.get("/v1/statements?q=talks")
        assert response.status_code == 429
        retry_after = int(response.headers["retry-after"])
        assert 1 <= retry_after <= RATE_WINDOW_SECONDS
        assert problem(response) == {
            "type": "about:blank",
            "title": "Too Many Requests",
            "status": 429,
            "detail": f"More than 3 requests a minute; retry in {retry_after} s.",
            "instance": "/v1/statements",
        }
        assert test_client.get("/v1/search?q=talks").status_code == 429

    within_one_window(attempt)


REDIS = "redis://127.0.0.1:6379/0"
"""The local Redis server (.ci/run starts it if it is not running)."""


def test_rate_limit_is_shared_through_redis(
    tmp_path: Path, client_for: Callable[..., TestClient]
) -> None:
    """Two apps on one database count against one limit in Redis, as two worker processes or
    machines do; in memory (the default) each counts its own."""

    def attempt() -> None:
        url = migrated(tmp_path / f"{time.time()}.db")
        settings = {"search_rate_limit": 3, "rate_limit_storage": REDIS}
        first, second = (client_for(url, settings=settings) for _ in range(2))
        search = "/v1/search?q=talks"
        assert [first.get(search).status_code for _ in range(2)] == [200, 200]
        assert [second.get(search).status_code for _ in range(2)] == [200, 429]
        assert first.get(search).status_code == 429
        apart = [client_for(url, settings={"search_rate_limit": 3}) for _ in range(2)]
        assert [client.get(search).status_code for client in apart for _ in range(3)] == [200] * 6

    within_one_window(attempt)


def test_a_counted_search_writes_nothing(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    """A GET never writes: the counts live outside the database."""
    engine = make_engine(fresh_url)
    before = dump(engine)
    limited = client_for(fresh_url, settings={"search_rate_limit": 2})
    statuses = [limited.get("/v1/search", params={"q": "talks"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert dump(engine) == before
    engine.dispose()


def test_a_percent_encoded_q_is_counted(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    """`%71` is `q`: parameter names are decoded before a limit counts them, kept answers
    included."""
    limited = client_for(fresh_url, settings={"search_rate_limit": 2})
    statuses = [limited.get("/v1/search?%71=talks").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@pytest.fixture(scope="module")
def crowded_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database of 50,000 events that all hold the same words, each found by search."""
    path = tmp_path_factory.mktemp("crowded") / "crowded.db"
    url = migrated(path)
    engine = make_engine(url)
    with engine.begin() as connection:  # SQL both SQLite and PostgreSQL run
        connection.execute(
            text(
                "INSERT INTO event (id, title, summary, type, status)"
                " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)"
                " SELECT 'crowd-' || i, 'Talks between the ministers on peace',"
                " 'Meeting ' || i || ' of the ministers on borders and peace.',"
                " 'mediation', 'ongoing' FROM n"
            )
        )
    engine.dispose()
    return url


def test_pathological_search_is_503_within_its_budget(
    crowded_url: str, client_for: Callable[..., TestClient]
) -> None:
    """Every word in every record: ranking 50,000 hits runs past a 1 ms budget, and stops
    (SQLite's progress handler, PostgreSQL's statement_timeout)."""
    q = "talks ministers peace borders meeting"
    hurried = client_for(crowded_url, settings={"query_timeout_ms": 1})
    response = hurried.get("/v1/search", params={"q": q})
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert problem(response) == {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "The database did not answer within the time budget of 1 ms.",
        "instance": "/v1/search",
    }
    patient = client_for(crowded_url)  # the default budget
    response = patient.get("/v1/search", params={"q": q, "limit": 1})
    assert response.status_code == 200
    assert response.json()["data"][0]["type"] == "event"


def write_key(url: str, name: str) -> str:
    """Return the token of a new write key named `name` in the database at `url`."""
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        token = create_key(session, name, ApiKeyScope.write)
    engine.dispose()
    return token


def test_writes_are_rate_limited_per_key(
    tmp_path: Path, client_for: Callable[..., TestClient]
) -> None:
    def attempt() -> None:
        url = migrated(tmp_path / f"{time.time()}.db")
        alice, bob = (f"Bearer {write_key(url, name)}" for name in ("alice", "bob"))
        test_client = client_for(url, settings={"write_rate_limit": 2})

        def post(token: str) -> int:
            response = test_client.post("/v1/bundles", json={}, headers={"Authorization": token})
            return response.status_code

        assert [post(alice) for _ in range(3)] == [200, 200, 429]
        assert post(bob) == 200  # each key has its own count
        response = test_client.post("/v1/bundles", json={}, headers={"Authorization": alice})
        assert response.headers["retry-after"]
        assert problem(response)["detail"].startswith("More than 2 requests a minute")

    within_one_window(attempt)
