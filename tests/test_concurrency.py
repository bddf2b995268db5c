"""No write lost: 16 curators writing at once through real servers, with retries and replays.

Each of WRITERS threads sends WRITES writes (new one-event bundles and corrections of its own
event, alternately), each under its own `Idempotency-Key`, retried with the same key after a
broken connection or a 503, and every tenth one sent again after it succeeded. Then every
acknowledged write must be in the database exactly once, nothing else, and the database sound.

`LOAD_WRITES=200` gives the full run docs/limits.md reports (16 × 200); the suite runs 16 × 50.
"""

import os
import sqlite3
import threading
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import pytest
from sqlmodel import Session, col, select

from app.db import make_engine
from app.models import Event, IdempotentRequest, Revision, Source
from tests.conftest import BACKEND
from tests.processes import run, serving

WRITERS = 16
WRITES = int(os.environ.get("LOAD_WRITES", "50"))
ATTEMPTS = 20
TEXT = "Load test report (not real reporting): the delegations met."


def writer_event(writer: int) -> str:
    return f"load-w{writer:02}-event"


def small_bundle(writer: int, n: int) -> dict[str, Any]:
    """Return a new bundle: one source and one event citing it, both with new ids."""
    source = f"load-w{writer:02}-{n:03}"
    return {
        "sources": [
            {
                "id": source,
                "title": "Load test source (not real reporting)",
                "publisher": "conflict-facts tests",
                "kind": "report",
                "text": f"{TEXT} Report {writer}/{n}.",
            }
        ],
        "events": [meeting(f"{source}-meeting", f"Meeting {writer}/{n}", source)],
    }


def meeting(id: str, title: str, source: str) -> dict[str, Any]:
    citation = {"source_id": source, "quote": "the delegations met"}
    return {
        "id": id,
        "title": title,
        "summary": "Synthetic.",
        "type": "diplomatic_meeting",
        "status": "occurred",
        "citations": [citation],
    }


@dataclass
class Tally:
    """What the clients saw, shared by their threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter[int] = field(default_factory=Counter)
    connection_errors: int = 0
    replays: int = 0
    bundles: set[str] = field(default_factory=set)  # acknowledged bundles' source ids
    titles: dict[int, list[str]] = field(default_factory=dict)  # acknowledged corrections
    unacknowledged: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)  # of every error answer


def send(
    client: httpx2.Client, tally: Tally, method: str, path: str, body: Any, key: str
) -> httpx2.Response | None:
    """Send a write until it is answered other than 503/409 or a broken connection; return
    the answer, or None if it never was."""
    for _ in range(ATTEMPTS):
        try:
            response = client.request(method, path, json=body, headers={"Idempotency-Key": key})
        except httpx2.TransportError:
            with tally.lock:
                tally.connection_errors += 1
            continue
        with tally.lock:
            tally.statuses[response.status_code] += 1
            if response.headers.get("idempotent-replayed") == "true":
                tally.replays += 1
            if response.status_code >= 400:
                tally.bodies.append(response.text)
        if response.status_code not in (409, 503):
            return response
        time.sleep(float(response.headers.get("retry-after", "1")))
    return None


def write(base: str, token: str, writer: int, tally: Tally) -> None:
    """Send this writer's WRITES writes, recording what was acknowledged."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx2.Client(base_url=base, headers=headers, timeout=120) as client:
        for n in range(WRITES):
            key = f"w{writer:02}-op{n:03}"
            if n % 2 == 0:
                method, path = "POST", "/v1/bundles"
                body: dict[str, Any] = small_bundle(writer, n)
            else:
                method, path = "PATCH", f"/v1/events/{writer_event(writer)}"
                body = {"title": f"Writer {writer} edit {n}", "reason": "load test"}
            sends = 2 if n % 10 == 9 else 1  # every tenth write is sent again after success
            answers = [send(client, tally, method, path, body, key) for _ in range(sends)]
            acknowledged = answers[0] is not None and answers[0].status_code in (200, 201)
            with tally.lock:
                if not acknowledged:
                    tally.unacknowledged.append(key)
                elif method == "POST":
                    tally.bundles.add(body["sources"][0]["id"])
                else:
                    tally.titles.setdefault(writer, []).append(body["title"])


@dataclass
class Stored:
    """What the database holds of the load test's records."""

    sources: set[str]
    events: set[str]
    inserts: Counter[tuple[str, str]]
    titles: dict[int, list[str]]
    remembered: int


def stored(url: str) -> Stored:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            load = "load-w%"
            revisions = session.exec(
                select(Revision)
                .where(col(Revision.record_id).like(load))
                .order_by(col(Revision.seq))
            ).all()
            titles: dict[int, list[str]] = {}
            for revision in revisions:
                if revision.op == "update":
                    writer = int(revision.record_id[len("load-w") :][:2])
                    titles.setdefault(writer, []).append(revision.record["title"])
            return Stored(
                sources=set(session.exec(select(Source.id).where(col(Source.id).like(load)))),
                events=set(session.exec(select(Event.id).where(col(Event.id).like(load)))),
                inserts=Counter((r.kind, r.record_id) for r in revisions if r.op == "insert"),
                titles=titles,
                remembered=len(session.exec(select(IdempotentRequest.key)).all()),
            )
    finally:
        engine.dispose()


def check_sqlite(url: str) -> None:
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.slow
@pytest.mark.serial  # 16 writers against the time budget
@pytest.mark.timeout(600)
@pytest.mark.parametrize("workers", [1, 2])
def test_no_acknowledged_write_is_lost(fresh_url: str, tmp_path: Path, workers: int) -> None:
    token = run(fresh_url, "keys", "create", "--name", "loader")
    log = tmp_path / "server.log"
    tally = Tally()
    # One curator key writes all of it: no rate limit on writes here.
    with serving(fresh_url, log, workers, WRITE_RATE_LIMIT="0") as base:
        base_bundle = {
            "sources": [
                {
                    "id": "load-w99-base",
                    "title": "Load test source (not real reporting)",
                    "publisher": "conflict-facts tests",
                    "kind": "report",
                    "text": TEXT,
                }
            ],
            "events": [
                meeting(writer_event(w), f"Writer {w}", "load-w99-base") for w in range(WRITERS)
            ],
        }
        auth = {"Authorization": f"Bearer {token}"}
        created = httpx2.post(f"{base}/v1/bundles", json=base_bundle, headers=auth, timeout=120)
        assert created.status_code == 201, created.text
        started = time.monotonic()
        threads = [
            threading.Thread(target=write, args=(base, token, w, tally)) for w in range(WRITERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    logged = log.read_text(encoding="utf-8")

    data = stored(fresh_url)
    acknowledged = len(tally.bundles) + sum(len(t) for t in tally.titles.values())
    bundles_present = {s for s in tally.bundles if s in data.sources}
    edits_present = sum(
        min(Counter(titles)[t], 1) for w, titles in data.titles.items() for t in tally.titles[w]
    )
    print(
        f"\n{BACKEND}, {workers} worker(s), {WRITERS}×{WRITES} writes in {elapsed:.1f} s: "
        f"acknowledged {acknowledged}, present {len(bundles_present) + edits_present}, "
        f"lost {acknowledged - len(bundles_present) - edits_present}, "
        f"unacknowledged {len(tally.unacknowledged)}, replayed {tally.replays}, "
        f"statuses {dict(sorted(tally.statuses.items()))}, "
        f"connection errors {tally.connection_errors}"
    )
    assert tally.unacknowledged == []
    assert acknowledged == WRITERS * WRITES
    assert not [s for s in tally.statuses if s >= 500 and s != 503], tally.bodies
    assert tally.replays >= WRITERS * (WRITES // 10)
    assert "database is locked" not in logged
    assert "Traceback" not in logged
    assert not any("database is locked" in body for body in tally.bodies)
    # Every acknowledged bundle is there, inserted once; nothing else is there, not even half.
    assert data.sources == tally.bundles | {"load-w99-base"}
    assert data.events == {f"{s}-meeting" for s in tally.bundles} | {
        writer_event(w) for w in range(WRITERS)
    }
    assert set(data.inserts.values()) == {1}
    assert len(data.inserts) == len(data.sources) + len(data.events)
    # Every acknowledged correction was applied once, in the order it was acknowledged.
    assert data.titles == tally.titles
    assert data.remembered == acknowledged  # each write remembered once, with its answer
    if BACKEND == "sqlite":
        check_sqlite(fresh_url)
