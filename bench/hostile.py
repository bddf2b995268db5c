"""Measure what holding hostile clients costs, and what bulk files cost, on a real server.

    .venv/bin/python bench/hostile.py [--events 20000]

Prints, for docs/limits.md and docs/exports.md:
- the read path under `wrk` with the guarded protocol (`conflict-facts serve`) and with
  uvicorn's own httptools protocol (`uvicorn --http httptools`), same app, same database;
- the server's CPU for the first `/v1/dump` and `/v1/events?format=csv` at a data version
  (the build) and for each one after it (sending the file);
- the SQLite write-ahead log while two dumps are left unread and 20 bundles are written.

Every request goes to a server on 127.0.0.1 that this script starts and stops.
"""

import argparse
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLI = str(BIN / "conflict-facts")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(command: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx2.get(f"{base}/readyz").status_code == 200:
                return process, base
        except httpx2.TransportError:
            pass
        time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def descendants(pid: int) -> list[int]:
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
        children = [int(c) for task in tasks for c in (task / "children").read_text().split()]
    except FileNotFoundError:
        return []
    return [grandchild for child in children for grandchild in [child, *descendants(child)]]


def stat(pid: int) -> list[str]:
    """Return the fields of /proc/<pid>/stat after the command's name (empty if it ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return []


def cpu(pid: int) -> float:
    """Return the CPU seconds of process `pid` and every process below it, the bulk files'
    builders included (those that ended count in their parent's figures)."""
    ticks = 0
    for each in (pid, *descendants(pid)):
        fields = stat(each)
        ticks += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def builders(pid: int) -> list[int]:
    """Return the processes below `pid` building bulk files: those at nice 10 (app.bulk)."""
    return [each for each in descendants(pid) if stat(each)[16:17] == ["10"]]


def fetch(url: str) -> int:
    """Return the size of the answer to GET `url`, waiting out a bulk file's build (503)."""
    while True:
        response = httpx2.get(url, timeout=600)
        if response.status_code != 503:
            response.raise_for_status()
            return len(response.content)
        time.sleep(float(response.headers.get("Retry-After", "1")))


def reads_under_attack(base: str, pid: int) -> None:
    """Open 32 slow anonymous writes and 32 unread first requests of the dump (which start its
    build), then time `GET /v1/events?limit=7` for as long as the build runs."""
    host, port = base.removeprefix("http://").split(":")
    held = []
    for _ in range(32):
        sock = socket.create_connection((host, int(port)))
        sock.sendall(
            b"POST /v1/bundles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100000\r\n\r\n{"
        )
        held.append(sock)
    for _ in range(32):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect((host, int(port)))
        sock.sendall(b"GET /v1/dump HTTP/1.1\r\nHost: x\r\n\r\n")
        held.append(sock)
    began = time.monotonic()
    while not builders(pid) and time.monotonic() - began < 30:
        time.sleep(0.05)
    seconds = []
    while builders(pid) and time.monotonic() - began < 600:
        start = time.monotonic()
        response = httpx2.get(f"{base}/v1/events?limit=7", timeout=30)
        seconds.append((time.monotonic() - start, response.status_code))
        time.sleep(0.2)
    for sock in held:
        sock.close()
    times = sorted(t for t, _ in seconds)
    statuses = sorted({status for _, status in seconds})
    if not times:
        print("64 slow or stalled connections: the dump was built before a read could be timed")
        return
    took = time.monotonic() - began
    print(
        f"64 slow or stalled connections, during the dump's first build ({took:.0f} s):"
        f" {len(times)} reads of /v1/events?limit=7, statuses {statuses},"
        f" median {times[len(times) // 2]:.3f} s, slowest {times[-1]:.3f} s,"
        f" {sum(t >= 1 for t in times)} of 1 s or more; load average {os.getloadavg()[0]:.1f}"
    )


def wrk(base: str, seconds: int, pid: int) -> tuple[float, float]:
    """Return requests a second and the server's CPU milliseconds per request under
    `wrk -t2 -c16` on one page of events (CPU per request is steadier on a busy machine)."""
    before = cpu(pid)
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", f"{base}/v1/events?limit=7"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    spent = cpu(pid) - before
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    count = re.search(r"(\d+) requests in", output)
    if rate is None or count is None:
        raise SystemExit(output)
    return float(rate.group(1)), spent * 1000 / int(count.group(1))


def bundle(number: int) -> bytes:
    text = f"Report {number}: the ministers met again for talks."
    return json.dumps(
        {
            "sources": [
                {
                    "id": f"wal-{number}",
                    "title": "T",
                    "publisher": "P",
                    "kind": "report",
                    "text": text,
                }
            ],
            "events": [
                {
                    "id": f"wal-event-{number}",
                    "title": "Talks",
                    "summary": "They met.",
                    "type": "diplomatic_meeting",
                    "status": "ongoing",
                    "citations": [{"source_id": f"wal-{number}", "quote": "the ministers met"}],
                }
            ],
        }
    ).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3, help="wrk runs per protocol")
    parser.add_argument("--read-path-only", action="store_true")
    parser.add_argument(
        "--database",
        type=Path,
        help="a SQLite file `synth` filled, used instead of making one (20 bundles are written"
        " to it; its bulk files are removed first)",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hostile-bench-"))
    try:
        database = args.database.resolve() if args.database else work / "bench.db"
        url = f"sqlite:///{database}"
        env = {"DATABASE_URL": url, "WRITE_RATE_LIMIT": "0"}
        env["BULK_DIR"] = str(work / "bulk")
        subprocess.run([CLI, "migrate"], env={**os.environ, **env}, check=True)
        if not args.database:
            subprocess.run(
                [CLI, "synth", "--events", str(args.events)], env={**os.environ, **env}, check=True
            )
        token = subprocess.run(
            [CLI, "keys", "create", "--name", "bench"],
            env={**os.environ, **env},
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        with sqlite3.connect(database) as connection:
            (events,) = connection.execute("SELECT count(*) FROM event").fetchone()
        print(f"database: {events} events (synth), SQLite; load average {os.getloadavg()[0]:.1f}")

        # The read path: the guarded protocol against uvicorn's own, `wrk -t2 -c16`, in turns
        # (a busy machine's noise falls on both alike).
        if shutil.which("wrk"):
            uvicorn = [str(BIN / "uvicorn"), "app.main:create_app", "--factory"]
            plain = [*uvicorn, "--http", "httptools", "--no-access-log"]
            servers = {
                "guarded": start([CLI, "serve"], env),
                "uvicorn httptools": start(plain, env),
            }
            runs: dict[str, list[tuple[float, float]]] = {name: [] for name in servers}
            try:
                for server, base in servers.values():
                    wrk(base, 1, server.pid)  # warm up
                for _ in range(args.runs):
                    for name, (server, base) in servers.items():
                        runs[name].append(wrk(base, args.seconds, server.pid))
            finally:
                for server, _ in servers.values():
                    server.terminate()
                    server.wait()
            for name, figures in runs.items():
                cpu_ms = sorted(ms for _, ms in figures)
                rates = ", ".join(f"{rate:.0f}" for rate, _ in figures)
                print(
                    f"read path, {name}: median {cpu_ms[len(cpu_ms) // 2]:.2f} ms CPU per request"
                    f" (runs: {', '.join(f'{ms:.2f}' for _, ms in figures)}); requests/s {rates}"
                )
        if args.read_path_only:
            return

        server, base = start([CLI, "serve"], env)
        try:
            reads_under_attack(base, server.pid)
            shutil.rmtree(work / "bulk")  # the builds below are first builds again
            for path in ("/v1/dump", "/v1/events?format=csv"):
                before = cpu(server.pid)
                began = time.monotonic()
                size = fetch(base + path)
                build = cpu(server.pid) - before, time.monotonic() - began
                before = cpu(server.pid)
                for _ in range(10):
                    fetch(base + path)
                each = (cpu(server.pid) - before) / 10
                print(
                    f"{path}: {size / 1e6:.1f} MB; first request (build) {build[0]:.2f} s CPU,"
                    f" {build[1]:.2f} s wall; each after it {each * 1000:.0f} ms CPU"
                )

            # Exports made per request stop at 1,000 records: their worst case.
            for path in ("/v1/events?format=jsonld", "/v1/events?format=csv&sort=id"):
                before = cpu(server.pid)
                for _ in range(3):
                    size = fetch(base + path)
                each = (cpu(server.pid) - before) / 3
                print(f"{path}: {size / 1e6:.1f} MB, 1,000 records; {each:.2f} s CPU each")

            # Two dumps left unread while 20 bundles are written: the log must not grow.
            wal = Path(f"{database}-wal")
            stalled = []
            for _ in range(2):
                sock = socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])))
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                sock.sendall(b"GET /v1/dump HTTP/1.1\r\nHost: x\r\n\r\n")
                stalled.append(sock)
            size_before = wal.stat().st_size if wal.exists() else 0
            for number in range(20):
                httpx2.post(
                    f"{base}/v1/bundles",
                    content=bundle(number),
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/json",
                    },
                ).raise_for_status()
            size_after = wal.stat().st_size if wal.exists() else 0
            # A checkpoint copies the log back and truncates it, unless a reader still needs
            # an older snapshot than the newest write: then it is "busy" and the log stays.
            with sqlite3.connect(database) as connection:
                busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            truncated = wal.stat().st_size if wal.exists() else 0
            print(
                f"WAL with two unread dumps and 20 writes: {size_before / 1e6:.1f} MB before,"
                f" {size_after / 1e6:.1f} MB after; a checkpoint then was"
                f" {'blocked' if busy else 'not blocked'}, leaving {truncated / 1e6:.1f} MB"
            )
            for sock in stalled:
                sock.close()
        finally:
            server.terminate()
            server.wait()
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
