"""The one error shape: RFC 9457 problem details for every 4xx and 5xx."""

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app import migrations
from tests.conftest import problem, unreachable


def test_unknown_record_is_404(client: TestClient) -> None:
    response = client.get("/v1/events/no-such-event")
    assert response.status_code == 404
    assert problem(response) == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "No event with id 'no-such-event'.",
        "instance": "/v1/events/no-such-event",
    }


def test_unknown_path_is_404(client: TestClient) -> None:
    response = client.get("/v2/events")
    assert response.status_code == 404
    assert problem(response) == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "Not Found",
        "instance": "/v2/events",
    }


def test_source_without_text_is_404(client: TestClient) -> None:
    response = client.get("/v1/sources/afp-tbilisi-talks-report/text")
    assert response.status_code == 404
    assert problem(response)["detail"] == "Source 'afp-tbilisi-talks-report' has no stored text."


def test_wrong_method_is_405_with_allow(client: TestClient) -> None:
    response = client.post("/v1/events", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert problem(response) == {
        "type": "about:blank",
        "title": "Method Not Allowed",
        "status": 405,
        "detail": "Method Not Allowed",
        "instance": "/v1/events",
    }


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/v1/events/tbilisi-foreign-ministers-talks-2022", "GET, HEAD, PATCH"),
        ("DELETE", "/v1/figures/no-such-figure", "GET, HEAD, PATCH"),
        ("PUT", "/v1/statements/no-such-statement", "GET, HEAD, PATCH"),
        ("DELETE", "/v1/events", "GET, HEAD"),
        ("GET", "/v1/bundles", "POST"),
        ("HEAD", "/v1/bundles", "POST"),
        ("GET", "/v1/events/no-such-event/retract", "POST"),
        ("POST", "/openapi.json", "GET, HEAD"),
    ],
)
def test_405_allows_every_method_of_the_path(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow


def test_every_invalid_parameter_is_listed(client: TestClient) -> None:
    response = client.get(
        "/v1/events",
        params={
            "limit": 0,
            "sort": "title",
            "type": ["diplomatic_meeting", "war"],
            "colour": "red",
        },
    )
    assert response.status_code == 422
    body = problem(response)
    assert body["status"] == 422
    assert body["title"] == "Unprocessable Content"
    assert body["instance"] == "/v1/events"
    assert body["detail"] == "4 invalid inputs; see `errors`."
    errors = body["errors"]
    assert isinstance(errors, list)
    assert [(e["location"], e["name"]) for e in errors] == [
        ("query", "limit"),
        ("query", "sort"),
        ("query", "type"),
        ("query", "colour"),
    ]
    assert errors[0]["detail"] == "Input should be greater than or equal to 1"
    assert errors[3]["detail"] == "Extra inputs are not permitted"


def test_reversed_range_is_422(client: TestClient) -> None:
    response = client.get("/v1/events", params={"from": "2022-08-01", "to": "2022-07-01"})
    assert response.status_code == 422
    body = problem(response)
    assert body["detail"] == "1 invalid input; see `errors`."
    assert body["errors"] == [
        {"location": "query", "name": "to", "detail": "`to` is before `from`"}
    ]


def test_bad_cursor_is_422(client: TestClient) -> None:
    response = client.get("/v1/events", params={"cursor": "not-a-cursor"})
    assert response.status_code == 422
    assert problem(response)["errors"] == [
        {"location": "query", "name": "cursor", "detail": "Not a cursor this API issued."}
    ]


def test_server_error_is_500_without_details(
    tmp_path: Path, client_for: Callable[..., TestClient]
) -> None:
    # Every query fails inside the server.
    broken = client_for(unreachable(tmp_path), raise_server_exceptions=False)
    response = broken.get("/v1/events")
    assert response.status_code == 500
    assert problem(response) == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "The server failed to answer; the error has been logged.",
        "instance": "/v1/events",
    }


def test_unready_database_is_503(
    tmp_path: Path, empty_url: str, client_for: Callable[..., TestClient]
) -> None:
    never_migrated = client_for(empty_url)
    response = never_migrated.get("/readyz")
    assert response.status_code == 503
    assert problem(response) == {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": f"The database is at revision None, not {migrations.head()!r}.",
        "instance": "/readyz",
    }
    response = client_for(unreachable(tmp_path)).get("/readyz")
    assert response.status_code == 503
    assert problem(response)["detail"] == "The database is unreachable."


@pytest.mark.parametrize(
    ("path", "params", "name", "detail"),
    [
        ("/v1/events", {"to": "0"}, "to", "Expected a date as YYYY-MM-DD"),
        (
            "/v1/statements",
            {"from": "2022-07-16T00:00:00"},
            "from",
            "Expected a date as YYYY-MM-DD",
        ),
        (
            "/v1/events",
            {"from": "2022-02-30"},
            "from",
            "Input should be a valid date or datetime, day value is outside expected range",
        ),
        ("/v1/figures", {"min_value": "NaN"}, "min_value", "Input should be a finite number"),
        ("/v1/figures", {"max_value": "inf"}, "max_value", "Input should be a finite number"),
        ("/v1/figures", {"metric": ""}, "metric", "String should have at least 1 character"),
        (
            "/v1/events",
            {"limit": ""},
            "limit",
            "Input should be a valid integer, unable to parse string as an integer",
        ),
        (
            "/v1/events",
            {"country": "Georgia"},
            "country",
            "String should match pattern '^[A-Za-z]{2}$'",
        ),
        ("/v1/events", {"actor": "x" * 101}, "actor", "String should have at most 100 characters"),
        (
            "/v1/events",
            {"cursor": "x" * 2049},
            "cursor",
            "String should have at most 2048 characters",
        ),
        # PostgreSQL cannot store or compare a NUL, so no free-text filter takes one.
        (
            "/v1/sources",
            {"publisher": "Press\x00TV"},
            "publisher",
            "Must not contain a NUL character",
        ),
        ("/v1/figures", {"metric": "\x00"}, "metric", "Must not contain a NUL character"),
        (
            "/v1/statements",
            {"from": "2022-08-01", "to": "2022-07-01"},
            "to",
            "`to` is before `from`",
        ),
    ],
)
def test_hostile_query_values_are_422(
    client: TestClient, path: str, params: dict[str, str], name: str, detail: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert problem(response)["errors"] == [{"location": "query", "name": name, "detail": detail}]


def test_instance_is_the_path_as_sent(client: TestClient) -> None:
    response = client.get("/v1/events/%2F%00")
    assert response.status_code == 404
    assert problem(response)["instance"] == "/v1/events/%2F%00"


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    get = client.get("/v1/events/tbilisi-foreign-ministers-talks-2022")
    head = client.head("/v1/events/tbilisi-foreign-ministers-talks-2022")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert client.head("/v1/events/nope").status_code == 404
