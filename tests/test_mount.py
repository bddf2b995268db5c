"""The app embedded as a library: mounted under a prefix inside another app, every link works."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route

from app import create_app
from app.settings import Settings


@pytest.fixture(scope="module")
def host(seeded_url: str) -> Iterator[TestClient]:
    """A client of a host app that serves its own page at `/` and conflict-facts at `/facts`."""
    facts = create_app(Settings(database_url=seeded_url))
    parent = Starlette(
        routes=[
            Route("/", lambda request: PlainTextResponse("host")),
            Mount("/facts", app=facts),
        ]
    )
    with TestClient(parent) as client:
        yield client


def test_the_host_keeps_its_own_routes(host: TestClient) -> None:
    assert host.get("/").text == "host"
    assert host.get("/v1/events").status_code == 404


def test_records_and_texts(host: TestClient) -> None:
    event = host.get("/facts/v1/events/tbilisi-foreign-ministers-talks-2022")
    assert event.status_code == 200
    assert event.json()["title"]
    citation = event.json()["citations"][0]
    text = host.get(f"/facts/v1/sources/{citation['source_id']}/text").text
    assert text[citation["start"] : citation["end"]] == citation["exact"]


def test_cursor_links_stay_under_the_prefix(host: TestClient) -> None:
    seen = []
    url: str | None = "/facts/v1/events?limit=3"
    while url:
        response = host.get(url)
        assert response.status_code == 200
        seen += [event["id"] for event in response.json()["data"]]
        link = response.headers.get("link")
        if link is None:
            break
        url = link.split(";")[0].strip("<>")
        assert url.startswith("http://testserver/facts/v1/events?"), url
    assert len(seen) == len(set(seen)) == len(host.get("/facts/v1/events?limit=100").json()["data"])


def test_problems_name_the_full_path(host: TestClient) -> None:
    response = host.get("/facts/v1/events/nope")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["instance"] == "/facts/v1/events/nope"


def test_caching_headers_under_the_prefix(host: TestClient) -> None:
    text = host.get("/facts/v1/sources/presstv-armenia-azerbaijan-talks/text")
    assert text.headers["cache-control"] == "public, max-age=31536000, immutable"
    first = host.get("/facts/v1/places/tbilisi")
    again = host.get("/facts/v1/places/tbilisi", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def test_docs_load_their_schema_and_assets_under_the_prefix(host: TestClient) -> None:
    schema = host.get("/facts/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["servers"] == [{"url": "/facts"}]
    for page in ("/facts/docs", "/facts/redoc"):
        html = host.get(page).text
        assert "/facts/openapi.json" in html
        assets = [part.split('"')[0] for part in html.split('src="')[1:]]
        assert assets, page
        for asset in assets:
            assert asset.startswith("/facts/"), asset
            assert host.get(asset).status_code == 200, asset
