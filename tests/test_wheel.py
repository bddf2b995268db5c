"""The package as a user gets it: the built wheel in a fresh virtualenv, run from elsewhere.

Migrations and the seed ship inside the wheel (app/data/), so `conflict-facts migrate`, `seed`
and `serve` work from any directory, with no checkout beside them.
"""

import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

import httpx2
import pytest

from tests.processes import free_port

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.only_on("sqlite", reason="the installed package's default store"),
    pytest.mark.timeout(600),  # installs about 120 locked packages, from pip's cache if it can
]


def test_the_wheel_migrates_seeds_and_serves_from_any_directory(tmp_path: Path) -> None:
    def run(*command: str | Path, cwd: Path = ROOT) -> str:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTHONPATH")}
    # Built from a copy of what the wheel is made of, so the build leaves nothing in the checkout.
    source = tmp_path / "source"
    for folder in ("app", "migrations", "seed"):  # app/data/ links to the other two
        skip = shutil.ignore_patterns("__pycache__")
        shutil.copytree(ROOT / folder, source / folder, symlinks=True, ignore=skip)
    for file in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / file, source / file)
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path / "dist", source)
    (wheel,) = (tmp_path / "dist").glob("conflict_facts-*.whl")
    venv.create(tmp_path / "venv", with_pip=True)
    bin_dir = tmp_path / "venv" / "bin"
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    env.pop("VIRTUAL_ENV", None)
    # The locked versions, hashes checked, then the wheel: what a deployment does.
    lock = ROOT / "requirements.lock"
    run(bin_dir / "pip", "install", "-q", "--require-hashes", "--no-deps", "-r", lock)
    run(bin_dir / "pip", "install", "-q", "--no-deps", wheel)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    imported = run(bin_dir / "python", "-c", "import app; print(app.__file__)", cwd=elsewhere)
    assert Path(imported.strip()).is_relative_to(tmp_path / "venv"), imported  # not the checkout
    run("conflict-facts", "migrate", cwd=elsewhere)
    run("conflict-facts", "seed", cwd=elsewhere)
    assert (elsewhere / "conflict-facts.db").exists()

    port = free_port()
    server = subprocess.Popen(
        ["conflict-facts", "serve", "--port", str(port)],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            assert server.poll() is None, "the server stopped"
            try:
                ready = httpx2.get(f"{base}/readyz")
                break
            except httpx2.TransportError:
                time.sleep(0.1)
        assert ready.status_code == 200, ready.text
        figure = httpx2.get(f"{base}/v1/figures/war-2020-deaths").json()
        (citation,) = figure["citations"]
        text = httpx2.get(f"{base}/v1/sources/{citation['source_id']}/text").text
        assert text[citation["start"] : citation["end"]] == citation["exact"]
        assert httpx2.get(f"{base}/openapi.json").json()["servers"] == [{"url": "/"}]
    finally:
        server.terminate()
        server.wait(timeout=30)
