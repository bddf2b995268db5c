"""Many users: `conflict-facts serve --workers 2`, two processes answering on one port."""

import json
import os
import signal
import socket
import subprocess
import sysconfig
import time
from collections.abc import Iterator
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

CLI = Path(sysconfig.get_path("scripts")) / "conflict-facts"
WAIT = 60  # seconds a step may take on a busy machine before the test gives up


def descendants(pid: int) -> list[int]:
    """Return the ids of the processes below `pid` (none if it has just ended)."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
        children = [int(c) for task in tasks for c in (task / "children").read_text().split()]
    except FileNotFoundError:
        return []
    return [grandchild for child in children for grandchild in [child, *descendants(child)]]


def open_files(pid: int) -> set[str]:
    """Return what the file descriptors of process `pid` point at, e.g. "socket:[1234]"."""
    targets: set[str] = set()
    try:
        descriptors = list(Path(f"/proc/{pid}/fd").iterdir())
    except FileNotFoundError:  # it has just ended
        return targets
    for descriptor in descriptors:
        try:
            targets.add(os.readlink(descriptor))
        except FileNotFoundError:  # closed meanwhile
            continue
    return targets


def holder(connection: HTTPConnection, port: int, pids: list[int]) -> int:
    """Return which of `pids` holds the server end of `connection` to `port` (Linux's /proc)."""
    client_port = connection.sock.getsockname()[1]
    sockets: set[str] = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], fields[9]
        if int(local.split(":")[1], 16) == port and int(remote.split(":")[1], 16) == client_port:
            sockets.add(f"socket:[{inode}]")
    for pid in pids:
        if open_files(pid) & sockets:
            return pid
    raise AssertionError(f"no process among {pids} holds the connection from port {client_port}")


@pytest.fixture
def server(seeded_url: str, tmp_path: Path) -> Iterator[tuple[int, int]]:
    """Serve the seed with two workers; yield (the server's process id, its port)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [CLI, "serve", "--port", str(port), "--workers", "2"],
            env={**os.environ, "DATABASE_URL": seeded_url},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process.pid, port
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        print(log.read_text(encoding="utf-8"))  # shown when the test fails


def get_from_another_worker(
    server: tuple[int, int], path: str, last: int | None
) -> tuple[int, Any]:
    """Return (worker, JSON body) of a GET of `path` answered by a worker other than `last`.

    Each try is a new connection; the kernel hands it to whichever worker accepts first.
    """
    pid, port = server
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        connection = HTTPConnection("127.0.0.1", port, timeout=WAIT)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
        except ConnectionRefusedError:  # not listening yet
            time.sleep(0.2)
            continue
        try:
            assert response.status == 200, body
            worker = holder(connection, port, descendants(pid))
        finally:
            connection.close()
        if worker != last:
            return worker, json.loads(body)
        time.sleep(0.2)  # leave the CPU to a worker that is still starting
    raise AssertionError(f"no worker other than {last} answered {path} in {WAIT} s")


@pytest.mark.slow
def test_any_worker_continues_a_list_that_another_began(
    server: tuple[int, int], client: TestClient
) -> None:
    expected = client.get("/v1/events", params={"sort": "-start_date", "limit": 100}).json()
    path = "/v1/events?sort=-start_date&limit=3"
    workers, records, last = [], [], None
    while path:
        last, page = get_from_another_worker(server, path, last)
        workers.append(last)
        records += page["data"]
        cursor = page["next_cursor"]
        path = f"/v1/events?sort=-start_date&limit=3&cursor={cursor}" if cursor else ""
    assert records == expected["data"]
    assert len(workers) == 4
    assert len(set(workers)) == 2  # the pages alternate between the two workers
