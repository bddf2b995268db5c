"""HTTP caching, cross-origin use and request ids: the headers every consumer relies on."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.bundles import Bundle
from tests.conftest import load

EVENT = "/v1/events/tbilisi-foreign-ministers-talks-2022"


def bundle(title: str) -> Bundle:
    """Return a two-event bundle whose first event is titled `title`."""
    text = "The ministers met in Tbilisi. The ministers met again in Brussels."
    event: dict[str, Any] = {
        "summary": "They met.",
        "type": "diplomatic_meeting",
        "status": "occurred",
    }
    return Bundle.model_validate(
        {
            "sources": [
                {"id": "s", "title": "T", "publisher": "P", "kind": "news_article", "text": text}
            ],
            "events": [
                event
                | {
                    "id": "a",
                    "title": title,
                    "citations": [{"source_id": "s", "quote": "met in Tbilisi"}],
                },
                event
                | {
                    "id": "b",
                    "title": "B",
                    "citations": [{"source_id": "s", "quote": "met again"}],
                },
            ],
        }
    )


@pytest.mark.parametrize(
    "path",
    [EVENT, "/v1/events", "/v1/figures?metric=deaths", "/v1/places/tbilisi", "/openapi.json"],
)
def test_a_matching_if_none_match_gets_304_without_a_body(client: TestClient, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert tag[0] == tag[-1] == '"'
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    assert again.headers["cache-control"] == first.headers["cache-control"]
    # Weak comparison, lists and `*` match too (RFC 9110 §13.1.2).
    for header in (f"W/{tag}", f'"other", {tag}', "*"):
        assert client.get(path, headers={"If-None-Match": header}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_head_carries_the_get_etag(client: TestClient) -> None:
    get = client.get(EVENT)
    head = client.head(EVENT)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert client.head(EVENT, headers={"If-None-Match": get.headers["etag"]}).status_code == 304


def test_etags_change_exactly_when_the_data_they_cover_change(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    client = client_for(fresh_url)
    paths = ["/v1/events/a", "/v1/events/b", "/v1/events", "/v1/sources/s"]

    def tags() -> dict[str, str]:
        return {path: client.get(path).headers["etag"] for path in paths}

    load(fresh_url, bundle("A"))
    before = tags()
    load(fresh_url, bundle("A"))
    assert tags() == before, "reloading the same data keeps every ETag"
    load(fresh_url, bundle("A, retitled"))
    after = tags()
    changed = {path for path in paths if after[path] != before[path]}
    assert changed == {"/v1/events/a", "/v1/events"}


def test_cache_control(client: TestClient) -> None:
    def cache_control(path: str) -> str:
        return client.get(path).headers["cache-control"]

    assert cache_control(EVENT) == "public, no-cache"
    assert cache_control("/v1/events") == "public, no-cache"
    text = "/v1/sources/presstv-armenia-azerbaijan-talks/text"
    assert cache_control(text) == "public, max-age=31536000, immutable"
    assert cache_control("/readyz") == "no-store"
    missing = client.get("/v1/events/nope")
    assert missing.status_code == 404
    assert missing.headers["cache-control"] == "no-store"
    assert "etag" not in missing.headers


def test_any_origin_may_read_without_credentials(client: TestClient) -> None:
    response = client.get(EVENT, headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    exposed = {
        h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")
    }
    assert {"etag", "link", "x-request-id", "retry-after"} <= exposed


def test_preflight_allows_reads_only(client: TestClient) -> None:
    def preflight(method: str, *headers: str) -> Any:
        request = {"Origin": "https://example.org", "Access-Control-Request-Method": method}
        if headers:
            request["Access-Control-Request-Headers"] = ", ".join(headers)
        return client.options(EVENT, headers=request)

    allowed = preflight("GET")
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "*"
    assert set(allowed.headers["access-control-allow-methods"].split(", ")) == {
        "GET",
        "HEAD",
        "OPTIONS",
    }
    assert preflight("DELETE").status_code == 400
    # A browser revalidating with its ETag, or passing its trace id, asks first.
    assert preflight("GET", "if-none-match", "x-request-id").status_code == 200
    assert preflight("GET", "authorization").status_code == 400


def test_request_ids(client: TestClient) -> None:
    generated = client.get("/healthz").headers["x-request-id"]
    assert len(generated) == 32
    assert client.get("/healthz").headers["x-request-id"] != generated
    mine = "trace-0af7651916cd43dd8448eb211c80319c"
    assert client.get("/healthz", headers={"X-Request-ID": mine}).headers["x-request-id"] == mine
    # Errors carry it too, so a report can quote it.
    assert (
        client.get("/v1/events/nope", headers={"X-Request-ID": mine}).headers["x-request-id"]
        == mine
    )
    replaced = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert replaced.headers["x-request-id"] != "bad id\twith spaces"
    assert len(replaced.headers["x-request-id"]) == 32
