"""Overload sheds cleanly: at 4× the concurrency limit, only 200 or 503 with Retry-After."""

import json
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import serving

ARTIFACTS = Path(__file__).parent / "artifacts"
SCRIPT = Path(__file__).with_name("status_counts.lua")
LIMIT = 4


def get_status(url: str) -> int:
    with urllib.request.urlopen(url) as response:  # noqa: S310
        status: int = response.status
        return status


@pytest.mark.slow
@pytest.mark.serial  # measures shedding under wrk's load
def test_overload_is_shed_with_503_and_the_server_recovers(seeded_url: str) -> None:
    wrk = shutil.which("wrk")
    assert wrk, "the load test needs wrk (apt-get install wrk); .ci/run installs it"
    with serving(seeded_url, max_concurrency=str(LIMIT)) as base:
        command = [wrk, "-t2", f"-c{4 * LIMIT}", "-d5s", "--timeout", "5s", "-s", str(SCRIPT)]
        load = subprocess.Popen(
            [*command, f"{base}/v1/events?limit=100"], stdout=subprocess.PIPE, text=True
        )
        probes = []
        while load.poll() is None:  # the probes are never shed
            probes.append(get_status(f"{base}/healthz"))
            time.sleep(0.2)
        output, _ = load.communicate(timeout=30)
        counts = json.loads(output.strip().splitlines()[-1])
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "overload.json").write_text(json.dumps(counts, indent=2) + "\n")

        assert set(counts["statuses"]) == {"200", "503"}, counts
        assert counts["malformed_503"] == 0, counts
        assert counts["socket_errors"] == 0, counts
        assert set(probes) == {200}
        # Afterwards it serves normally.
        assert get_status(f"{base}/v1/events?limit=100") == 200
