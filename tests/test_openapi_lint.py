"""The OpenAPI document lints clean under Redocly's `recommended` and Spectral's `spectral:oas`.

Both linters are npm packages pinned in package-lock.json; `make install` puts them in
node_modules/ (`npm ci`). They run offline: no telemetry, no update check.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / "node_modules" / ".bin"
OFFLINE = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}


@pytest.fixture(scope="module")
def document(client: TestClient, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The served OpenAPI document, in a file."""
    path = tmp_path_factory.mktemp("openapi") / "openapi.json"
    path.write_text(client.get("/openapi.json").text, encoding="utf-8")
    return path


def lint(tool: str, *args: str) -> str:
    """Run a linter from node_modules/; return what it printed on stdout."""
    executable = BIN / tool
    assert executable.exists(), f"{executable} is missing: run `make install` (npm ci)"
    done = subprocess.run(
        [str(executable), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **OFFLINE},
        timeout=120,
        check=False,
    )
    assert done.stdout, done.stderr
    return done.stdout


def test_redocly_recommended_finds_nothing(document: Path) -> None:
    report = json.loads(lint("redocly", "lint", "--format", "json", str(document)))
    problems = [(p["ruleId"], p["message"]) for p in report["problems"]]
    assert report["totals"] == {"errors": 0, "warnings": 0, "ignored": 0}, problems


def test_spectral_oas_finds_nothing(document: Path) -> None:
    report = json.loads(lint("spectral", "lint", "--format", "json", "--quiet", str(document)))
    # Severities: 0 error, 1 warning, 2 information, 3 hint.
    assert [(r["code"], r["message"], r["path"]) for r in report] == []
