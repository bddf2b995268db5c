"""Schemathesis against the real server: every check, a fixed seed, zero failures."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session

from app import bundles
from app.auth import create_key
from app.db import make_engine
from app.models import ApiKeyScope
from tests.conftest import load, migrated, serving

ARTIFACTS = Path(__file__).parent / "artifacts"
HOOKS = Path(__file__).with_name("fuzz_hooks.py")

SEED = 1
MAX_EXAMPLES = 30
"""Cases per operation and phase: about a minute in CI. A release runs more (see docs/limits.md)."""


@pytest.mark.slow
@pytest.mark.timeout(900)  # about two minutes alone, more beside other tests
def test_schemathesis_finds_no_failure(tmp_path: Path) -> None:
    url = migrated(tmp_path / "fuzz.db")  # its own database: fuzzing writes
    load(url, *bundles.SEED)
    engine = make_engine(url)
    with Session(engine) as session, session.begin():  # the writes are fuzzed too
        token = create_key(session, "fuzzer", ApiKeyScope.write)
    engine.dispose()
    report = ARTIFACTS / "schemathesis.json"
    # Rate limits (off in the suite) would turn most generated searches into 429s.
    with serving(url) as base:
        command = [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            f"{base}/openapi.json",
            "--checks=all",
            f"--header=Authorization: Bearer {token}",
            f"--seed={SEED}",
            f"--max-examples={MAX_EXAMPLES}",
            "--workers=1",
            # Hypothesis's too_slow health check times data generation by the clock, so a busy
            # machine (parallel tests, other jobs) fails it; it says nothing about the API.
            "--suppress-health-check=too_slow",
            "--report=json",
            f"--report-json-path={report}",
        ]
        env = {**os.environ, "SCHEMATHESIS_HOOKS": str(HOOKS)}
        run = subprocess.run(
            command, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False
        )
    (ARTIFACTS / "schemathesis.txt").write_text(run.stdout)  # every failure, to reproduce it
    summary = json.loads(report.read_text())
    assert run.returncode == 0, run.stdout[-5000:]
    assert summary["complete"], summary["stop_reason"]
    assert summary["operations"]["tested"] == summary["operations"]["total"]
    assert summary["failures"] == []
    assert summary["errors"] == []
    assert summary["test_cases"]["with_failures"] == 0
