"""The lean path (app.serving.StoredReads) answers exactly what the FastAPI route answers:
the same status, headers and bytes, for every kind, whatever the request carries."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.types import ASGIApp, Receive, Scope, Send

from app import create_app, kinds
from app.serving import StoredReads
from app.settings import Settings
from tests.conftest import execute

REQUEST_ID = {"X-Request-ID": "trace-0001"}
ORIGIN = {"Origin": "https://example.org"}


class Passed:
    """The app behind the lean path, counting the requests it passes on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.count = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.count += 1
        await self.app(scope, receive, send)


def lean_app(url: str) -> tuple[FastAPI, Passed]:
    """Return the app, and what counts the requests its lean path passes on."""
    app = create_app(Settings(database_url=url))
    app.middleware_stack = app.build_middleware_stack()
    layer: Any = app.middleware_stack
    while not isinstance(layer, StoredReads):
        layer = layer.app
    layer.app = passed = Passed(layer.app)
    return app, passed


def route_app(url: str) -> FastAPI:
    """Return the app without its lean path: every request answered by the FastAPI route."""
    app = create_app(Settings(database_url=url))
    app.user_middleware = [m for m in app.user_middleware if m.cls is not StoredReads]
    return app


@pytest.fixture(scope="module", params=["", "/facts"], ids=["root", "root-path"])
def clients(seeded_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    lean, passed = lean_app(seeded_url)
    options = {"root_path": request.param}
    with TestClient(lean, **options) as fast, TestClient(route_app(seeded_url), **options) as full:
        yield fast, full, passed


def answer(response: Any) -> tuple[int, list[tuple[str, str]], bytes]:
    """Return the status, every header in order (but a new request id's value) and bytes."""
    given = "x-request-id" in response.request.headers
    headers = [
        (name, value if name != "x-request-id" or given else "new")
        for name, value in response.headers.multi_items()
    ]
    return response.status_code, headers, response.content


def ids(url: str, kind: kinds.Kind) -> list[str]:
    """Return up to three ids of `kind` in the database at `url`."""
    table = kind.table.__tablename__
    return [row.id for row in execute(url, f"SELECT id FROM {table} ORDER BY id LIMIT 3")]  # noqa: S608


@pytest.mark.parametrize("kind", kinds.KINDS, ids=lambda kind: kind.name)
def test_the_lean_path_answers_as_the_route(
    seeded_url: str, clients: tuple[TestClient, TestClient, Passed], kind: kinds.Kind
) -> None:
    fast, full, passed = clients
    for id in ids(seeded_url, kind):
        path = f"/v1/{kind.name}/{id}"
        tag = full.get(path).headers["etag"]
        cases = [
            {},
            ORIGIN,
            REQUEST_ID,
            ORIGIN | REQUEST_ID,
            {"If-None-Match": tag},
            {"If-None-Match": f'"other", W/{tag}'} | ORIGIN,
            {"If-None-Match": '"other"'} | ORIGIN | REQUEST_ID,
        ]
        for headers in cases:
            before = passed.count
            lean, route = fast.get(path, headers=headers), full.get(path, headers=headers)
            assert passed.count == before, f"{path} {headers} was passed on"
            assert lean.status_code == (
                304
                if "If-None-Match" in headers
                and "other" not in headers["If-None-Match"].split(",")[-1]
                else 200
            )
            assert answer(lean) == answer(route), (path, headers)


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/v1/events/no-such-event", ORIGIN),  # 404
        ("/v1/events/tbilisi-foreign-ministers-talks-2022?include_retracted=true", {}),
        ("/v1/figures/summary", {}),
        ("/v1/sources/presstv-armenia-azerbaijan-talks/text", {}),
        ("/v1/events/tbilisi-foreign-ministers-talks-2022", {"X-Request-ID": "not ok"}),
        ("/v1/events/tbilisi-foreign-ministers-talks-2022", {"Authorization": "Bearer x"}),
        ("/v1/events/tbilisi-foreign-ministers-talks-2022", {"Content-Length": "2"}),
        ("/v1/nothing/here", {}),
    ],
)
def test_what_the_lean_path_does_not_answer_is_the_route_s(
    clients: tuple[TestClient, TestClient, Passed], path: str, headers: dict[str, str]
) -> None:
    fast, full, passed = clients
    before = passed.count
    body = b"{}" if "Content-Length" in headers else None
    lean = fast.request("GET", path, headers=headers, content=body)
    route = full.request("GET", path, headers=headers, content=body)
    assert passed.count == before + 1
    status, lean_headers, content = answer(lean)
    # A new request id of the app's own, where the one sent is not fit to echo.
    assert (status, content) == answer(route)[::2]
    assert [name for name, _ in lean_headers] == [name for name, _ in answer(route)[1]]


def test_a_head_is_answered_by_the_route(clients: tuple[TestClient, TestClient, Passed]) -> None:
    fast, full, passed = clients
    before = passed.count
    path = "/v1/places/" + fast.get("/v1/places?limit=1").json()["data"][0]["id"]
    assert answer(fast.head(path)) == answer(full.head(path))
    assert passed.count == before + 2  # the list and the HEAD


LIST_PATHS = [
    "/v1/events",
    "/v1/events?limit=2",
    "/v1/events?limit=3&sort=-start_date",
    "/v1/events?sort=end_date&limit=4",
    "/v1/events?sort=-id",
    "/v1/events?from=2020-11-15&to=2022-05-01&sort=-start_date",
    "/v1/events?from=2022-03-01",
    "/v1/events?to=2020-12-31&limit=1",
    "/v1/events?type=diplomatic_meeting&type=mediation",
    "/v1/events?status=ongoing&include_retracted=true",
    "/v1/events?actor=armenia&limit=2",
    "/v1/events?place=brussels",
    "/v1/events?country=GE",
    "/v1/events?country=be&limit=1",  # as the route reads it
    "/v1/events?format=json",  # left to the route (an export's parameter)
]


def pages(client: TestClient, path: str, headers: dict[str, str]) -> Iterator[str]:
    """Yield `path` and the path of every page after it, following `next_cursor`."""
    while True:
        yield path
        cursor = client.get(path, headers=headers).json()["next_cursor"]
        if cursor is None:
            return
        path = f"{path.split('&cursor=')[0]}{'&' if '?' in path else '?'}cursor={cursor}"


@pytest.mark.parametrize("first", LIST_PATHS)
def test_the_lean_path_answers_lists_as_the_route(
    clients: tuple[TestClient, TestClient, Passed], first: str
) -> None:
    fast, full, passed = clients
    left = "format=" in first
    walked = list(pages(full, first, {}))
    assert len(walked) > 1 or "limit" not in first  # the cursor pages are compared too
    for path in walked:
        tag = full.get(path).headers["etag"]
        cases = [
            {},
            ORIGIN,
            ORIGIN | REQUEST_ID,
            {"Accept": "*/*"} | ORIGIN,
            {"If-None-Match": tag} | ORIGIN,
            {"If-None-Match": '"other"'} | REQUEST_ID,
        ]
        for headers in cases:
            before = passed.count
            lean, route = fast.get(path, headers=headers), full.get(path, headers=headers)
            assert passed.count == before + left, f"{path} {headers}"
            assert lean.status_code == (304 if headers.get("If-None-Match") == tag else 200)
            assert answer(lean) == answer(route), (path, headers)


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/v1/events?q=talks", {}),  # a search: counted against its rate limit
        ("/v1/events?format=csv", ORIGIN),
        ("/v1/events", {"Accept": "text/csv"}),
        ("/v1/events", {"Accept": "application/geo+json"}),
        ("/v1/events", {"Accept": "text/nothing"}),  # 406
        ("/v1/events?limit=2&limit=3", {}),
        ("/v1/events?type=", {}),
        ("/v1/events?limit=0", {}),  # 422
        ("/v1/events?sort=place", {}),  # 422
        ("/v1/events?from=2022-05-01&to=2022-01-01", {}),  # 422
        ("/v1/events?colour=red", {}),  # 422
        ("/v1/events?cursor=bm90LWEtY3Vyc29y", {}),  # 422
        ("/v1/events?actor=nobody%00", {}),
        ("/v1/events?limit=2", {"Authorization": "Bearer x"}),
    ],
)
def test_what_the_lean_path_leaves_in_lists_is_the_route_s(
    clients: tuple[TestClient, TestClient, Passed], path: str, headers: dict[str, str]
) -> None:
    fast, full, passed = clients
    before = passed.count
    lean, route = fast.get(path, headers=headers), full.get(path, headers=headers)
    assert passed.count == before + 1
    status, lean_headers, content = answer(lean)
    assert (status, content) == answer(route)[::2]
    assert [name for name, _ in lean_headers] == [name for name, _ in answer(route)[1]]
