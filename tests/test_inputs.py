"""Valid-looking input that made the server fail (500) or break its contract, as an outside
review found it: each is now a clear 4xx, or a success."""

import base64
import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app import bundles
from app.bundles import Bundle
from app.models import EventCreate
from app.search import snippet_html
from tests.conftest import load
from tests.hostile import hostile_bundle
from tests.test_exports import rows
from tests.test_limits import write_key
from tests.test_problems import problem


def cursor(*key: Any) -> str:
    """Return a cursor as the API encodes one, holding `key`."""
    raw = json.dumps(list(key), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.fixture
def curator(fresh_url: str, client_for: Callable[..., TestClient]) -> TestClient:
    """A client bearing a write key, of an app on a database of its own."""
    token = write_key(fresh_url, "reviewer")
    return client_for(fresh_url, headers={"Authorization": f"Bearer {token}"})


SOURCE = {
    "id": "dates-source",
    "title": "Dates",
    "publisher": "Test",
    "kind": "report",
    "text": "The ceasefire held for the whole year and beyond.",
}


def event(id: str, **fields: Any) -> dict[str, Any]:
    quote = {"source_id": "dates-source", "quote": "The ceasefire held"}
    return {
        "id": id,
        "title": id,
        "summary": "A test event.",
        "type": "ceasefire_agreement",
        "status": "occurred",
        "citations": [quote],
        **fields,
    }


@pytest.mark.parametrize("seq", [2**31, 2**63, 2**64])
@pytest.mark.parametrize("path", ["/v1/changes?since=", "/v1/events/{id}/history?cursor="])
def test_a_cursor_beyond_its_column_is_422(client: TestClient, path: str, seq: int) -> None:
    """A forged `["seq", 2**63, ""]` cursor was a 500 (PostgreSQL's from 2**31)."""
    event_id = client.get("/v1/events?limit=1").json()["data"][0]["id"]
    url = path.format(id=event_id) + cursor("seq", seq, "")
    response = client.get(url)
    assert response.status_code == 422
    assert problem(response)["errors"] == [
        {"location": "query", "name": "cursor", "detail": "Not a cursor this API issued."}
    ]
    # The largest key the column holds is a cursor like any other: past the end, no more.
    largest = client.get(path.format(id=event_id) + cursor("seq", 2**31 - 1, ""))
    assert largest.status_code == 200
    assert largest.json()["data"] == []


@pytest.mark.parametrize(
    ("start", "end", "precision"),
    [
        ("9999-12-01", "9999-12-31", "month"),
        ("0001-01-01", "9999-12-31", "year"),
        ("9999-12-31", "9999-12-31", "day"),
    ],
)
def test_spans_at_the_calendars_ends_are_stored(
    curator: TestClient, start: str, end: str, precision: str
) -> None:
    """An event spanning December 9999 (month) or 0001–9999 (year) was a 500: OverflowError
    adding a day to 9999-12-31, on POST and on PATCH."""
    dated = {"start_date": start, "end_date": end, "date_precision": precision}
    bundle = {"sources": [SOURCE], "events": [event("far-event", **dated)]}
    assert curator.post("/v1/bundles", json=bundle).status_code == 201
    stored = curator.get("/v1/events/far-event").json()
    assert (stored["start_date"], stored["end_date"]) == (start, end)
    undated = {"start_date": None, "end_date": None, "date_precision": None}
    bundle = {"sources": [SOURCE], "events": [event("later-event", status="ongoing", **undated)]}
    assert curator.post("/v1/bundles", json=bundle).status_code == 201
    patched = curator.patch("/v1/events/later-event", json={**dated, "reason": "Dated."})
    assert patched.status_code == 200, patched.text
    assert patched.json()["end_date"] == end


def test_a_span_ending_before_a_month_ends_is_still_refused(curator: TestClient) -> None:
    dated = {"start_date": "9999-11-01", "end_date": "9999-12-30", "date_precision": "month"}
    bundle = {"sources": [SOURCE], "events": [event("short-event", **dated)]}
    response = curator.post("/v1/bundles", json=bundle)
    assert response.status_code == 422
    assert "ends on the last day of a month" in problem(response)["errors"][0]["detail"]


@pytest.mark.slow
def test_a_parent_chain_deeper_than_the_stack_is_loaded(curator: TestClient) -> None:
    """A chain of 1,200 events listed child first was a 500 (RecursionError)."""
    count = 1200
    chain = [event(f"link-{n}", parent_id=f"link-{n - 1}" if n else None) for n in range(count)]
    chain.reverse()
    response = curator.post("/v1/bundles", json={"sources": [SOURCE], "events": chain})
    assert response.status_code == 201, response.text[:500]
    assert len(response.json()["inserted"]) == count + 1  # and the source
    assert curator.get("/v1/events/link-1199").json()["parent_id"] == "link-1198"


@pytest.mark.parametrize("order", ["parent first", "child first"])
def test_the_parent_checks_are_linear(order: str) -> None:
    """A chain of 4,999 events (the most a bundle holds) listed parent first took 6.3 s to
    check, holding the write lock: each event walked its whole chain. Each walks it once now;
    a chain ten times longer is checked in well under a second."""
    count = 50_000
    chain = [
        EventCreate.model_validate(event(f"link-{n}", parent_id=f"link-{n - 1}" if n else None))
        for n in range(count)
    ]
    if order == "child first":
        chain.reverse()
    bundle = Bundle(events=chain)
    began = time.process_time()
    assert bundles._parent_cycles(bundle) == []
    ordered = [e.id for _, e in bundles._parents_first(chain)]
    seconds = time.process_time() - began
    print(f"{count} events, {order}: {seconds:.2f} s of CPU")
    assert ordered == [f"link-{n}" for n in range(count)]
    assert seconds < 2  # quadratic, it would be minutes


def test_every_event_running_into_a_cycle_is_refused(curator: TestClient) -> None:
    events = [
        event("loop-a", parent_id="loop-b"),
        event("loop-b", parent_id="loop-a"),
        event("into-loop", parent_id="loop-a"),
        event("free", parent_id=None),
    ]
    response = curator.post("/v1/bundles", json={"sources": [SOURCE], "events": events})
    assert response.status_code == 422
    assert [(e["name"], e["record_id"], e["detail"]) for e in problem(response)["errors"]] == [
        ("/events/0/parent_id", "loop-a", f"{ITSELF}: loop-a → loop-b → loop-a"),
        ("/events/1/parent_id", "loop-b", f"{ITSELF}: loop-b → loop-a → loop-b"),
        ("/events/2/parent_id", "into-loop", f"{INTO}: loop-a → loop-b → loop-a"),
    ]


ITSELF = "parent_id makes the event part of itself"
INTO = "parent_id runs into a cycle"


def stored_chain(curator: TestClient, count: int) -> None:
    """Store the chain link-0 ← link-1 ← … ← link-{count - 1} (each the parent of the next)."""
    chain = [event(f"link-{n}", parent_id=f"link-{n - 1}" if n else None) for n in range(count)]
    response = curator.post("/v1/bundles", json={"sources": [SOURCE], "events": chain})
    assert response.status_code == 201, response.text[:500]


def test_a_patch_closing_a_cycle_through_stored_events_is_422(curator: TestClient) -> None:
    """Only cycles within a bundle were refused: a PATCH making a stored event the child of
    its own descendant was stored, and every chain through it went round for ever."""
    stored_chain(curator, 4)
    before = curator.get("/v1/events/link-0")
    response = curator.patch(
        "/v1/events/link-0", json={"parent_id": "link-3", "reason": "Part of the last."}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert problem(response)["errors"] == [
        {
            "location": "body",
            "name": "/parent_id",
            "detail": f"{ITSELF}: link-0 → link-3 → link-2 → link-1 → link-0",
            "record_id": "link-0",
        }
    ]
    after = curator.get("/v1/events/link-0")
    assert (after.json()["parent_id"], after.headers["etag"]) == (None, before.headers["etag"])
    # A parent that is not a descendant is fine.
    curator.post("/v1/bundles", json={"sources": [SOURCE], "events": [event("root")]})
    moved = curator.patch("/v1/events/link-0", json={"parent_id": "root", "reason": "Moved."})
    assert moved.status_code == 200, moved.text
    assert moved.json()["parent_id"] == "root"


def test_a_bundle_closing_a_cycle_through_stored_events_is_422(curator: TestClient) -> None:
    """A bundle that changes stored events is checked through the stored chains too."""
    stored_chain(curator, 3)
    events = [event("link-0", parent_id="newcomer"), event("newcomer", parent_id="link-2")]
    response = curator.post("/v1/bundles", json={"sources": [SOURCE], "events": events})
    assert response.status_code == 422
    assert [(e["name"], e["detail"]) for e in problem(response)["errors"]] == [
        ("/events/0/parent_id", f"{ITSELF}: link-0 → newcomer → link-2 → link-1 → link-0"),
        ("/events/1/parent_id", f"{ITSELF}: newcomer → link-2 → link-1 → link-0 → newcomer"),
    ]
    assert curator.get("/v1/events/newcomer").status_code == 404


@pytest.mark.slow
def test_a_cycle_through_a_long_stored_chain_is_422(curator: TestClient) -> None:
    """The check walks the stored ancestors one by one, without recursion, and names a long
    cycle by its first events and a count."""
    count = 1200
    stored_chain(curator, count)
    response = curator.patch(
        "/v1/events/link-0", json={"parent_id": f"link-{count - 1}", "reason": "Round."}
    )
    assert response.status_code == 422
    (error,) = problem(response)["errors"]
    shown = " → ".join(f"link-{n}" for n in (0, 1199, 1198, 1197, 1196, 1195))
    assert error["detail"] == f"{ITSELF}: {shown} → … ({count - 6} more) → link-0"


def test_csv_defuses_every_element_of_a_list_cell(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    """Aliases ["Baku", "=cmd|' /C calc'!A0"] were exported as `Baku;=cmd|' /C calc'!A0`."""
    bundle = hostile_bundle()
    bundle.actors[0].aliases = ["Baku", "=cmd|' /C calc'!A0", "@SUM(1)"]
    bundle.events[0].actors[0].role = "-2+3"
    load(fresh_url, bundle)
    client = client_for(fresh_url)
    (actor,) = rows(client.get("/v1/actors?format=csv").text)
    assert actor["aliases"] == "Baku;'=cmd|' /C calc'!A0;'@SUM(1)"
    (row,) = rows(client.get("/v1/events?format=csv").text)
    assert row["roles"] == "'-2+3"


def test_stored_marker_characters_never_become_marks() -> None:
    """On SQLite, U+E000 and U+E001 stored around a word came out as a <mark> in snippets."""
    assert snippet_html("the \ue000forged\ue001 word") == "the \ue000forged\ue001 word"


def test_stored_marker_characters_are_text_in_search(
    fresh_url: str, client_for: Callable[..., TestClient]
) -> None:
    bundle = hostile_bundle()
    bundle.sources[0].text += " The \ue000forged\ue001 ceasefire."
    load(fresh_url, bundle)
    client = client_for(fresh_url)
    hits = client.get("/v1/search", params={"q": "ceasefire"}).json()["data"]
    (hit,) = [hit for hit in hits if hit["type"] == "source"]
    assert "<mark>forged</mark>" not in hit["snippet"]
    assert hit["snippet"].count("<mark>") == 1
    assert "ceasefire</mark>" in hit["snippet"]


def test_a_refused_cors_preflight_is_a_problem(client: TestClient) -> None:
    """A refused CORS preflight answered `400 text/plain`."""
    response = client.options(
        "/v1/events",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "DELETE"},
    )
    assert response.status_code == 400
    assert response.headers["cache-control"] == "no-store"
    assert problem(response) == {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": "This cross-origin request is not allowed: its method.",
        "instance": "/v1/events",
    }
    allowed = client.options(
        "/v1/events",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert allowed.status_code == 200


@pytest.mark.parametrize("chunked", [False, True])
def test_a_read_with_a_body_is_413_however_it_is_sent(client: TestClient, chunked: bool) -> None:
    """A chunked 3 MB body on GET /v1/events answered 200, where the same body with a
    Content-Length was a 413."""
    body = b"x" * 3_000_000
    content = iter([body[:1_000_000], body[1_000_000:]]) if chunked else body
    response = client.request("GET", "/v1/events", content=content)
    assert ("content-length" in response.request.headers) is not chunked
    assert response.status_code == 413
    assert response.headers["connection"] == "close"
    if not chunked:
        assert problem(response)["detail"] == "A request body holds at most 2097152 bytes (2 MiB)."
    else:
        assert problem(response)["detail"] == "A GET request takes no content."
    small = client.request("GET", "/v1/events", content=iter([b"x"]))
    assert problem(small)["status"] == 413
    # A method no route answers at the path is a 405 whatever it carries.
    elsewhere = client.request("GET", "/v1/bundles", content=b"{}")
    assert elsewhere.status_code == 405
    assert elsewhere.headers["connection"] == "close"
