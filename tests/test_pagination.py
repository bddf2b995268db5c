"""Cursor pagination: every record exactly once, in order, in both directions."""

import base64
import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.models import ActorCreate, ActorKind
from tests import synthetic
from tests.conftest import Curation, cite, load, migrated, report

COUNT = 160
SEED_MEDIATION = "eu-mediation-armenia-azerbaijan"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = migrated(tmp_path_factory.mktemp("many") / "many.db")
    load(url, synthetic.bundle(COUNT))
    return url


def expected_order(records: list[dict[str, Any]], sort: str) -> list[str]:
    """Sort as the API promises: by the field, nulls last either way, then by id."""
    field = sort.lstrip("-")
    descending = sort.startswith("-")
    present = [r for r in records if r[field] is not None]
    missing = [r for r in records if r[field] is None]
    present.sort(key=lambda r: (r[field], r["id"]), reverse=descending)
    missing.sort(key=lambda r: r["id"], reverse=descending)
    return [r["id"] for r in present + missing]


def walk(client: TestClient, path: str, **params: Any) -> tuple[list[dict[str, Any]], int]:
    """Return every record of `path` by following cursors, and the number of pages."""
    records: list[dict[str, Any]] = []
    pages = 0
    while True:
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        pages += 1
        records += page["data"]
        if page["next_cursor"] is None:
            assert "link" not in response.headers
            return records, pages
        link = response.headers["link"]
        assert link.endswith('>; rel="next"')
        assert f"cursor={page['next_cursor']}" in link
        params = {**params, "cursor": page["next_cursor"]}


@pytest.mark.parametrize(
    ("path", "sort"),
    [
        ("/v1/events", "start_date"),
        ("/v1/events", "-start_date"),
        ("/v1/events", "end_date"),
        ("/v1/events", "-end_date"),
        ("/v1/events", "id"),
        ("/v1/events", "-id"),
        ("/v1/figures", "value"),
        ("/v1/figures", "-value"),
        ("/v1/statements", "said_on"),
        ("/v1/statements", "-said_on"),
    ],
)
@pytest.mark.parametrize("limit", [1, 7, 100])
def test_every_record_exactly_once_in_order(
    many: str, client_for: Callable[..., TestClient], path: str, sort: str, limit: int
) -> None:
    client = client_for(many)
    records, pages = walk(client, path, sort=sort, limit=limit)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) == COUNT
    assert ids == expected_order(records, sort)
    assert pages == -(-COUNT // limit)  # the last full page already knows it is the last


def test_filters_apply_on_every_page(many: str, client_for: Callable[..., TestClient]) -> None:
    client = client_for(many)
    records, _ = walk(client, "/v1/events", type="mediation", sort="-start_date", limit=4)
    assert len(records) == len(range(2, COUNT, 3))
    assert {r["type"] for r in records} == {"mediation"}


def test_cursor_is_tied_to_its_sort(many: str, client_for: Callable[..., TestClient]) -> None:
    client = client_for(many)
    cursor = client.get("/v1/figures", params={"sort": "value", "limit": 5}).json()["next_cursor"]
    response = client.get("/v1/figures", params={"sort": "-value", "cursor": cursor})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "location": "query",
            "name": "cursor",
            "detail": "This cursor was made for sort='value', not '-value'.",
        }
    ]


def forged(*parts: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("path", "sort", "cursor"),
    [
        ("/v1/events", "id", forged("id", {"a": 1}, "x")),
        ("/v1/actors", "name", forged("name", [], "x")),
        ("/v1/events", "id", forged("id", 10**19, "x")),
        ("/v1/events", "id", forged("id", 5, "x")),
        ("/v1/figures", "value", forged("value", 10**400, "x")),
        ("/v1/figures", "value", forged("value", True, "x")),
        ("/v1/figures", "value", forged("value", "10", "x")),
        ("/v1/events", "start_date", forged("start_date", 1.5, "x")),
        ("/v1/events", "start_date", forged("start_date", "2020-09-01", None)),
        ("/v1/events", "start_date", forged("start_date", "2020-09-01")),
        ("/v1/figures", "value", base64.urlsafe_b64encode(b'["value",NaN,"x"]').decode()),
        ("/v1/events", "id", "WyJpZCIsImEiLCJ4Il0!!!"),
        ("/v1/actors", "name", forged("name", "a\x00", "x")),
        ("/v1/events", "id", forged("id", "a", "\ud800")),
        ("/v1/figures", "value", forged("value", None, "x")),  # never null, so never issued
    ],
)
def test_forged_cursors_are_422(
    many: str, client_for: Callable[..., TestClient], path: str, sort: str, cursor: str
) -> None:
    response = client_for(many).get(path, params={"sort": sort, "cursor": cursor})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"location": "query", "name": "cursor", "detail": "Not a cursor this API issued."}
    ]


def test_cursors_for_long_names_in_any_script_still_work(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    # The longest names a bundle may give (300 letters), in Armenian script (2 bytes a letter).
    names = ["Ա" * 300, "Բ" * 300, "Գ" * 300]
    bundle = synthetic.bundle(3)
    bundle.actors = [
        ActorCreate(id=f"synthetic-actor-{n}", name=name, kind=ActorKind.person)
        for n, name in enumerate(names)
    ]
    load(fresh_url, bundle)
    records, pages = walk(client_for(fresh_url), "/v1/actors", sort="-name", limit=1)
    assert [r["name"] for r in records] == names[::-1]
    assert pages == 3


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Beta", "Zed", "_gamma", "alpha", "Émile"]),
        ("-name", ["Émile", "alpha", "_gamma", "Zed", "Beta"]),
    ],
)
def test_names_sort_by_code_point_whatever_the_database_locale(
    fresh_url: str, client_for: Callable[..., TestClient], sort: str, expected: list[str]
) -> None:
    # Under en-US rules, as in the PostgreSQL test databases, "_gamma" would come first and
    # "alpha" before "Beta".
    bundle = synthetic.bundle(3)
    bundle.actors = [
        ActorCreate(id=f"synthetic-actor-{n}", name=name, kind=ActorKind.person)
        for n, name in enumerate(["alpha", "Beta", "_gamma", "Émile", "Zed"])
    ]
    load(fresh_url, bundle)
    records, pages = walk(client_for(fresh_url), "/v1/actors", sort=sort, limit=2)
    assert [r["name"] for r in records] == expected
    assert pages == 3


def test_date_windows_find_events_of_every_span(curation: Curation) -> None:
    """`from`/`to` select the events overlapping the window, whatever their span: one that
    began years before it, an ongoing one, and one whose span a correction lengthened after
    it was stored, on every page and in both orders."""
    day = {"summary": "Synthetic.", "type": "mediation", "date_precision": "day"}

    def event(id: str, start: str, end: str | None) -> dict[str, Any]:
        status = {"status": "ongoing"} if end is None else {"status": "occurred"}
        dates = {"start_date": start, "end_date": end}
        return day | status | dates | {"id": id, "title": id, "citations": cite("Some 300")}

    bundle = report(
        events=[
            event("in-window", "2023-03-03", "2023-03-03"),
            event("ended-before", "2023-01-10", "2023-02-28"),
            event("began-years-before", "2019-01-05", "2023-03-01"),
            event("ongoing-since-2001", "2001-05-01", None),
            event("lengthened-later", "2010-06-01", "2010-06-02"),
            event("starts-after", "2023-04-01", "2023-04-02"),
        ],
        figures=[],
        statements=[],
    )
    assert curation.post("/v1/bundles", bundle).status_code == 201, bundle
    window = {"from": "2023-03-01", "to": "2023-03-31", "type": "mediation"}

    def listed(path: str, sort: str) -> list[str]:
        ids, cursor = [], None
        while True:  # one event a page: every page turns on a cursor
            params = window | {"sort": sort, "limit": 1} | ({"cursor": cursor} if cursor else {})
            page = curation.client.get(path, params=params).json()
            ids += [record["id"] for record in page["data"]]
            if not (cursor := page["next_cursor"]):
                return ids

    # The seed's mediation, ongoing since 2022, is in the window too.
    expected = ["ongoing-since-2001", "began-years-before", SEED_MEDIATION, "in-window"]
    for path in ("/v1/events", "/v1/timeline"):
        assert listed(path, "start_date") == expected
        assert listed(path, "-start_date") == expected[::-1]
    stretch = {"end_date": "2023-03-02", "reason": "The talks went on."}
    assert curation.patch("/v1/events/lengthened-later", stretch).status_code == 200
    expected.insert(1, "lengthened-later")
    for path in ("/v1/events", "/v1/timeline"):
        assert listed(path, "start_date") == expected
        assert listed(path, "-start_date") == expected[::-1]
    assert [r["id"] for r in curation.client.get("/v1/events", params=window).json()["data"]] == (
        expected
    )
