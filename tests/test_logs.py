"""The server's log: one line per request and each error with its traceback, both with the
request id the client got, as text or JSON lines; never a key, a header or a bundle body."""

import json
from pathlib import Path
from typing import Any

import httpx2
import pytest
from sqlalchemy import text

from app import bundles
from app.db import make_engine
from tests.conftest import load
from tests.processes import run, serving

pytestmark = pytest.mark.slow  # real servers, started and stopped

MARKER = "Unlogged-words-of-a-bundle"
BUNDLE = {
    "sources": [
        {
            "id": "log-test-report",
            "title": f"{MARKER} (a made-up report, not real reporting)",
            "publisher": "conflict-facts tests",
            "kind": "report",
            "text": f"A made-up text for the tests: {MARKER}.",
        }
    ]
}


def rename(url: str, table: str) -> None:
    """Rename `table` away, so that the next request reading it fails unexpectedly (a 500)."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"ALTER TABLE {table} RENAME TO {table}_gone"))
    finally:
        engine.dispose()


def exchange(url: str, log: Path, log_format: str) -> list[httpx2.Response]:
    """Serve `url`, logging to `log`: a read, a write with a key, a write and a read that fail."""
    token = run(url, "keys", "create", "--name", "ops")
    auth = {"Authorization": f"Bearer {token}"}
    with serving(url, log, LOG_FORMAT=log_format, WRITE_RATE_LIMIT="0") as base:
        read = httpx2.get(f"{base}/v1/events?limit=1")
        write = httpx2.post(f"{base}/v1/bundles", json=BUNDLE, headers=auth)
        rename(url, "source_text")  # the next write's INSERT of the text fails
        failed_write = httpx2.post(
            f"{base}/v1/bundles",
            json={"sources": [{**BUNDLE["sources"][0], "id": "another"}]},
            headers=auth,
        )
        rename(url, "actor")
        failed_read = httpx2.get(f"{base}/v1/actors", headers={"X-Request-ID": "report-1234"})
    assert [r.status_code for r in (read, write, failed_write, failed_read)] == [200, 201, 500, 500]
    assert failed_read.headers["x-request-id"] == "report-1234"
    log_text = log.read_text(encoding="utf-8")
    for secret in (token, MARKER, "Bearer", "uthorization"):
        assert secret not in log_text, secret
    return [read, write, failed_write, failed_read]


@pytest.fixture
def seeded(fresh_url: str) -> str:
    load(fresh_url, *bundles.SEED)
    return fresh_url


def test_json_lines_log_each_request_and_error_with_its_request_id(
    seeded: str, tmp_path: Path
) -> None:
    log = tmp_path / "server.log"
    responses = exchange(seeded, log, "json")
    lines: list[dict[str, Any]] = [json.loads(line) for line in log.read_text().splitlines()]
    access = [line for line in lines if line["name"] == "conflict_facts.access"]
    assert {line["path"] for line in access[:1]} == {"/readyz"}  # how serving() waits for it
    access = [line for line in access if line["path"] != "/readyz"]
    errors = [line for line in lines if line["name"] == "conflict_facts.errors"]
    assert [(a["method"], a["path"], a["status"], a["request_id"]) for a in access] == [
        (
            r.request.method,
            r.request.url.raw_path.decode(),
            r.status_code,
            r.headers["x-request-id"],
        )
        for r in responses
    ]
    assert all(a["levelname"] == "INFO" and a["duration_ms"] >= 0 for a in access)
    assert [(e["levelname"], e["request_id"], e.get("status")) for e in errors] == [
        ("ERROR", responses[2].headers["x-request-id"], 500),
        ("ERROR", "report-1234", 500),
    ]
    write_error, read_error = (e["exc_info"] for e in errors)
    assert write_error.startswith("Traceback")
    assert "source_text" in write_error
    assert "parameters hidden" in write_error  # the bundle's text is not repeated
    assert read_error.startswith("Traceback")
    assert "actor" in read_error
    # uvicorn's own lines are JSON too, and it does not log the errors a second time.
    assert not [line for line in lines if "Exception in ASGI application" in line["message"]]


def test_text_lines_carry_the_request_id(seeded: str, tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    responses = exchange(seeded, log, "text")
    log_text = log.read_text()
    assert '"GET /v1/events?limit=1" 200 ' in log_text
    for response in responses:
        request_id = response.headers["x-request-id"]
        assert f"(request id {request_id})" in log_text
    assert "GET /v1/actors failed (request id report-1234)\nTraceback" in log_text
