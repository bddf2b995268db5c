"""Crash safety: `kill -9` in the middle of loading a bundle leaves the state before or after it."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
import yaml

from tests.conftest import migrated
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
