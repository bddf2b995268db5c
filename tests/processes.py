"""Real `conflict-facts` processes for the concurrency and crash tests: servers and commands."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2

CLI = str(Path(sys.executable).with_name("conflict-facts"))
WAIT = 60  # seconds a server may take to start or stop on a busy machine


def run(url: str, *args: str, timeout: float | None = None) -> str:
    """Run `conflict-facts ARGS…` on the database at `url`; return what it printed. Past
    `timeout` seconds the command is killed and subprocess.TimeoutExpired raised."""
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [CLI, *args], env=env, check=True, capture_output=True, text=True, timeout=timeout
    )
    return done.stdout.strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(
    url: str, log: Path, workers: int = 1, **settings: str
) -> tuple[subprocess.Popen[bytes], str]:
    """Start `conflict-facts serve` on the database at `url`, with the environment `settings`
    too, logging to `log`; return the process and its base URL once it answers `/readyz`."""
    port = free_port()
    with log.open("ab") as output:
        process = subprocess.Popen(
            [CLI, "serve", "--port", str(port), "--workers", str(workers)],
            env={**os.environ, **settings, "DATABASE_URL": url},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(encoding="utf-8")
        try:
            if httpx2.get(f"{base}/readyz", timeout=WAIT).status_code == 200:
                return process, base
        except httpx2.TransportError:  # not listening yet
            pass
        time.sleep(0.2)
    stop(process)
    raise AssertionError(f"the server did not get ready in {WAIT} s:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started by start(): Ctrl-C, then SIGKILL to its group if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=WAIT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextmanager
def serving(url: str, log: Path, workers: int = 1, **settings: str) -> Iterator[str]:
    """Serve the database at `url` (see start()) for the block; yield the base URL."""
    process, base = start(url, log, workers, **settings)
    try:
        yield base
    finally:
        stop(process)
