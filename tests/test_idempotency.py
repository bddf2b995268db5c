"""`Idempotency-Key` on the writes: a retried write is answered again and written once."""

import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import update
from sqlmodel import Session

from app import bundles
from app.changes import now
from app.db import make_engine
from app.models import IdempotentRequest
from tests.conftest import DEATHS, Curation, keys, load, problem, report

KEYS = "/v1/bundles"


@pytest.fixture
def curation(
    fresh_url: str, client_for: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> Curation:
    load(fresh_url, *bundles.SEED)
    return Curation(fresh_url, client_for(fresh_url), monkeypatch)


def revisions(curation: Curation, path: str) -> list[tuple[int, str]]:
    history = curation.client.get(f"{path}/history").json()["data"]
    return [(r["number"], r["op"]) for r in history]


def replayed(response: Response, original: Response) -> None:
    """Check `response` is `original` answered again from memory."""
    assert response.status_code == original.status_code
    assert response.json() == original.json()
    assert response.headers["idempotent-replayed"] == "true"
    assert response.headers.get("etag") == original.headers.get("etag")
    assert "idempotent-replayed" not in original.headers


def test_a_retried_bundle_is_answered_again_and_written_once(curation: Curation) -> None:
    first = curation.post(KEYS, report(), **{"Idempotency-Key": "bundle-1"})
    assert first.status_code == 201
    state = curation.dump()
    again = curation.post(KEYS, report(), **{"Idempotency-Key": "bundle-1"})
    replayed(again, first)
    # Without the key, the same bundle is ingested again: 200, nothing new.
    assert curation.post(KEYS, report()).status_code == 200
    state.pop("idempotency_key")
    after = curation.dump()
    after.pop("idempotency_key")
    assert after == state
    assert revisions(curation, "/v1/figures/villages-damaged") == [(1, "insert")]


def test_a_retried_correction_is_not_applied_twice(curation: Curation) -> None:
    first = curation.patch(DEATHS, {"scope": "first", "reason": "r"}, **{"Idempotency-Key": "a"})
    assert first.status_code == 200
    second = curation.patch(DEATHS, {"scope": "second", "reason": "r"}, **{"Idempotency-Key": "b"})
    assert second.status_code == 200
    # The retry of the first answers what the first answered, and does not undo the second.
    replayed(
        curation.patch(DEATHS, {"scope": "first", "reason": "r"}, **{"Idempotency-Key": "a"}), first
    )
    assert curation.client.get(DEATHS).json()["scope"] == "second"
    assert revisions(curation, DEATHS) == [(1, "insert"), (2, "update"), (3, "update")]


def test_a_retried_retraction_is_answered_again_not_gone(curation: Curation) -> None:
    key = {"Idempotency-Key": "retract-deaths"}
    first = curation.post(f"{DEATHS}/retract", {"reason": "Doubtful."}, **key)
    assert first.status_code == 200
    replayed(curation.post(f"{DEATHS}/retract", {"reason": "Doubtful."}, **key), first)
    assert revisions(curation, DEATHS) == [(1, "insert"), (2, "retract")]


def test_a_key_reused_for_another_request_is_422(curation: Curation) -> None:
    key = {"Idempotency-Key": "reused"}
    assert curation.patch(DEATHS, {"scope": "first", "reason": "r"}, **key).status_code == 200
    for response in (
        curation.patch(DEATHS, {"scope": "other", "reason": "r"}, **key),
        curation.post(f"{DEATHS}/retract", {"reason": "r"}, **key),
        curation.post(KEYS, report(), **key),
    ):
        assert problem(response, 422) == {
            "type": "about:blank",
            "title": "Unprocessable Content",
            "status": 422,
            "detail": "This Idempotency-Key was already used for another request; "
            "send each new write with a new key.",
            "instance": response.request.url.path,
        }
    assert revisions(curation, DEATHS) == [(1, "insert"), (2, "update")]


def test_keys_belong_to_one_curator_key(curation: Curation) -> None:
    bob = {
        "Authorization": f"Bearer {keys(curation.url, curation.monkeypatch, 'create', '--name', 'bob')}"
    }
    key = {"Idempotency-Key": "shared"}
    assert curation.patch(DEATHS, {"scope": "alice's", "reason": "r"}, **key).status_code == 200
    response = curation.client.patch(
        DEATHS, json={"scope": "bob's", "reason": "r"}, headers=bob | key
    )
    assert response.status_code == 200
    assert "idempotent-replayed" not in response.headers
    assert response.json()["scope"] == "bob's"


@pytest.mark.parametrize("key", ["", "x" * 256, "with space", "naïve"])
def test_a_malformed_key_is_422(curation: Curation, key: str) -> None:
    response = curation.client.patch(
        DEATHS,
        json={"scope": "s", "reason": "r"},
        headers={**curation.auth, "Idempotency-Key": key.encode()},
    )
    body = problem(response, 422)
    assert [(e["location"], e["name"]) for e in body["errors"]] == [("header", "Idempotency-Key")]
    assert revisions(curation, DEATHS) == [(1, "insert")]


def test_a_key_of_255_visible_characters_is_accepted(curation: Curation) -> None:
    key = {"Idempotency-Key": '"' + "~!" * 126 + '"'}
    assert curation.patch(DEATHS, {"scope": "s", "reason": "r"}, **key).status_code == 200


def test_failures_and_dry_runs_are_not_remembered(curation: Curation) -> None:
    key = {"Idempotency-Key": "k"}
    assert curation.patch(DEATHS, {"qualifier": "bogus", "reason": "r"}, **key).status_code == 422
    dry = curation.client.post(
        KEYS, params={"dry_run": True}, json=report(), headers=curation.auth | key
    )
    assert dry.status_code == 200
    # Nothing was written under the key, so it is still free for a real write.
    assert curation.patch(DEATHS, {"scope": "s", "reason": "r"}, **key).status_code == 200


def test_keys_expire_after_24_hours(curation: Curation) -> None:
    key = {"Idempotency-Key": "old"}
    assert curation.patch(DEATHS, {"scope": "first", "reason": "r"}, **key).status_code == 200
    engine = make_engine(curation.url)
    try:
        with Session(engine) as session:
            old = now() - timedelta(hours=24, seconds=1)
            session.execute(update(IdempotentRequest).values(created_at=old))
            session.commit()
    finally:
        engine.dispose()
    response = curation.patch(DEATHS, {"scope": "second", "reason": "r"}, **key)
    assert response.status_code == 200
    assert "idempotent-replayed" not in response.headers
    assert [row[1] for row in curation.dump()["idempotency_key"]] == ["old"]


@pytest.mark.serial  # four writers at once, each within the time budget
def test_twins_sent_at_once_are_written_once(curation: Curation) -> None:
    answers: list[Response] = []

    def send() -> None:
        answers.append(curation.post(KEYS, report(), **{"Idempotency-Key": "twin"}))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in answers) == [201] * 4
    assert sorted(r.headers.get("idempotent-replayed", "") for r in answers) == ["", *["true"] * 3]
    assert revisions(curation, "/v1/figures/villages-damaged") == [(1, "insert")]


@pytest.mark.only_on("sqlite", reason="holds SQLite's write lock from outside the server")
def test_a_write_that_cannot_get_the_lock_is_503_and_retryable(curation: Curation) -> None:
    path = curation.url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        response = curation.patch(DEATHS, {"scope": "s", "reason": "r"}, **{"Idempotency-Key": "k"})
        other.execute("ROLLBACK")
    body = problem(response, 503)
    assert body["detail"] == "The database did not answer within the time budget of 1500 ms."
    assert response.headers["retry-after"] == "1"
    assert (
        curation.patch(
            DEATHS, {"scope": "s", "reason": "r"}, **{"Idempotency-Key": "k"}
        ).status_code
        == 200
    )
