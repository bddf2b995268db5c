"""Crash safety: `kill -9` of the command line or of the server in the middle of loading a bundle
leaves the state before or after it, and the server starts again and serves."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml
from sqlalchemy import text

from app.db import make_engine
from tests.conftest import drop, migrated
from tests.processes import run, serving, start
from tests.synthetic import bundle

FACTS = 200
CLI = [str(Path(sys.executable).with_name("conflict-facts"))]


def counts(path: Path) -> tuple[int, int, int]:
    """Return the numbers of events, figures and statements, after SQLite's own checks pass."""
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        return tuple(  # type: ignore[return-value]
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in ("event", "figure", "statement")
        )


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.only_on("sqlite", reason="checks the SQLite file with its own tools")
def test_kill_9_during_a_cli_load_leaves_before_or_after(tmp_path: Path) -> None:
    data = json.loads(bundle(FACTS).model_dump_json())
    big = tmp_path / "big.yaml"
    big.write_text(yaml.safe_dump(data), encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": migrated(tmp_path / "facts.db")}

    def ingest() -> float:
        """Run the whole ingest; return how long it took."""
        started = time.monotonic()
        subprocess.run([*CLI, "ingest", str(big)], env=env, check=True, capture_output=True)
        return time.monotonic() - started

    whole = ingest()
    assert counts(tmp_path / "facts.db") == (FACTS, FACTS, FACTS)

    killed = 0
    for trial in range(6):
        path = tmp_path / f"trial-{trial}.db"
        env["DATABASE_URL"] = migrated(path)
        process = subprocess.Popen([*CLI, "ingest", str(big)], env=env, stdout=subprocess.DEVNULL)
        time.sleep(whole * (trial + 1) / 8)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
        assert counts(path) in {(0, 0, 0), (FACTS, FACTS, FACTS)}, f"trial {trial}"
        # And the next run, on the database the crash left, finishes the job. The machine's
        # load varies, so the kills aim at fractions of the fastest run seen yet.
        whole = min(whole, ingest())
        assert counts(path) == (FACTS, FACTS, FACTS)
    assert killed >= 2, "the trials must really kill the loader mid-way"


SERVED = 700
"""Events, figures and statements in the bundle POSTed to a server that is killed: 0.67 MB."""

FRACTIONS = (0.15, 0.3, 0.5, None)
"""When each trial kills the server: at these fractions of the time a whole ingest takes, and
(None) just after the answer has come."""


def served_counts(url: str) -> tuple[int, ...]:
    """Return the numbers of sources, events, figures, statements and revisions."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return tuple(
                connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608
                for table in ("source", "event", "figure", "statement", "revision")
            )
    finally:
        engine.dispose()


def post_in_background(base: str, token: str, body: bytes) -> tuple[threading.Thread, list[Any]]:
    """Start POSTing `body` to /v1/bundles; the list gets the answer or the exception."""
    outcome: list[Any] = []
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Idempotency-Key": "big-bundle",
    }

    def post() -> None:
        try:
            outcome.append(
                httpx2.post(f"{base}/v1/bundles", content=body, headers=headers, timeout=300)
            )
        except httpx2.TransportError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=post)
    thread.start()
    return thread, outcome


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_kill_9_of_the_server_during_an_ingest_leaves_before_or_after(tmp_path: Path) -> None:
    body = bundle(SERVED).model_dump_json().encode()
    after = (1, SERVED, SERVED, SERVED, 3 * SERVED + 1 + 3 + 2)  # and 3 actors, 2 places

    url = migrated(tmp_path / "whole.db")
    token = run(url, "keys", "create", "--name", "loader")
    with serving(url, tmp_path / "whole.log") as base:
        started = time.monotonic()
        thread, outcome = post_in_background(base, token, body)
        thread.join()
        whole = time.monotonic() - started
    assert outcome[0].status_code == 201, outcome[0].text
    assert served_counts(url) == after
    drop(url)

    killed, states = 0, []
    for trial, fraction in enumerate(FRACTIONS):
        url = migrated(tmp_path / f"trial-{trial}.db")
        token = run(url, "keys", "create", "--name", "loader")
        log = tmp_path / f"trial-{trial}.log"
        process, base = start(url, log)
        thread, outcome = post_in_background(base, token, body)
        if fraction is None:
            thread.join()
        else:
            time.sleep(whole * fraction)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        thread.join()
        killed += isinstance(outcome[0], httpx2.TransportError)
        state = served_counts(url)
        assert state in {(0, 0, 0, 0, 0), after}, f"trial {trial}"
        states.append("after" if state == after else "before")
        if url.startswith("sqlite"):
            counts(tmp_path / f"trial-{trial}.db")  # SQLite's own checks
        # The server starts again on what the crash left and serves; the client's retry with
        # the same key finishes the job, or answers again what was already done.
        with serving(url, log) as base:
            assert httpx2.get(f"{base}/readyz").status_code == 200
            started = time.monotonic()
            thread, outcome = post_in_background(base, token, body)
            thread.join()
            assert outcome[0].status_code == 201, outcome[0].text
            if state != after:  # the machine's load varies: aim at the fastest ingest seen
                whole = min(whole, time.monotonic() - started)
            replayed = outcome[0].headers.get("idempotent-replayed") == "true"
            assert replayed == (state == after), f"trial {trial}"
            assert httpx2.get(f"{base}/v1/events/event-000").status_code == 200
        assert served_counts(url) == after
        drop(url)
    print(
        f"\nserver kill -9: {len(states)} trials, {killed} mid-request, {whole:.1f} s the fastest"
    )
    print(f"states: {states}")
    assert killed >= 2, "most trials must really kill the server mid-way"
    assert states[-1] == "after"
