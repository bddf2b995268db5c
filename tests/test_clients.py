"""Hostile clients, the way an outside review found they hurt: real sockets against a real
`conflict-facts serve` process. Every attack is bounded in count and time."""

import fcntl
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from app import bulk
from app.server import MAX_HEAD_BYTES, MAX_HEADERS
from tests.conftest import migrated
from tests.processes import run, serving, start, stop
from tests.test_limits import REDIS, write_key
from tests.test_workers import WAIT, descendants, holder

# Timing-sensitive (reads within a second under attack): alone, after the parallel part.
pytestmark = [pytest.mark.serial, pytest.mark.slow]

EVENTS = 3000
"""Events in the big database: its dump is 13 MB, three times the most a socket's send buffer
holds here (4 MiB, net.ipv4.tcp_wmem), so an unread dump keeps the server writing; 1,000 events
would make 4.5 MB, too close to that."""

BUILD_SECONDS = 900
"""How long building the big database may take, migration included: 5 to 15 s on this 2-core
machine, but once more than 180 s when other jobs loaded it."""

BIG = pytest.mark.timeout(func_only=True)
"""On the tests using `big_url`: the per-test timeout counts the test's body only, not the
build of the module's big database that the first of them waits for (BUILD_SECONDS bounds
that)."""


@pytest.fixture(scope="module")
def big_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database of EVENTS `synth` events, built once for the module, within BUILD_SECONDS."""
    began = time.monotonic()
    url = migrated(tmp_path_factory.mktemp("big") / "big.db")
    left = BUILD_SECONDS - (time.monotonic() - began)
    run(url, "synth", "--events", str(EVENTS), timeout=left)
    print(f"built the big database in {time.monotonic() - began:.1f} s")
    return url


def address(base: str) -> tuple[str, int]:
    parts = urlsplit(base)
    assert parts.hostname
    assert parts.port
    return parts.hostname, parts.port


def connect(base: str, receive_buffer: int | None = None) -> socket.socket:
    """Return a socket connected to the server; a small `receive_buffer` makes it stall early."""
    sock = socket.socket()
    if receive_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.settimeout(30)
    sock.connect(address(base))
    return sock


def answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Read one whole answer from `sock` (it must carry a Content-Length or close)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"closed before an answer: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines)}
    length = int(headers.get("content-length", -1))
    while length < 0 or len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(status_line.split()[1]), headers, body


def closed(sock: socket.socket, within: float) -> bool:
    """Return whether the server closed `sock` within `within` seconds (reading what is left)."""
    sock.settimeout(within)
    try:
        while sock.recv(65536):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        pass
    return True


def get(base: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """Return the status and body of GET `path` on a new connection."""
    connection = HTTPConnection(*address(base), timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def timed_get(base: str, path: str) -> tuple[int, float]:
    """Return the status of GET `path` on a new connection, and the seconds it took."""
    began = time.monotonic()
    status, _ = get(base, path)
    return status, time.monotonic() - began


def cpu_seconds(pid: int) -> float:
    """Return the CPU time process `pid` has used (Linux's /proc), user and system."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def sockets() -> Iterator[list[socket.socket]]:
    """Yield a list to put sockets in; every one is closed afterwards."""
    opened: list[socket.socket] = []
    with ExitStack() as stack:
        stack.callback(lambda: [sock.close() for sock in opened])
        yield opened


@BIG
def test_64_slow_or_stalled_clients_leave_reads_answering(big_url: str, tmp_path: Path) -> None:
    """Defect 1: 32 slow bodies and 32 unread dumps held every slot, so every route but
    /healthz answered 503 for as long as they stayed open."""
    with serving(big_url, tmp_path / "server.log") as base, sockets() as held:
        for _ in range(32):  # anonymous writes declaring 100,000 bytes, sending one
            sock = connect(base)
            sock.sendall(
                b"POST /v1/bundles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 100000\r\n\r\n{"
            )
            held.append(sock)
        # The dump of this data version is built by its first request (once per version, by
        # one thread: docs/exports.md); then 32 clients ask for it and never read it.
        get(base, "/v1/dump")
        for _ in range(32):  # dumps, never read
            sock = connect(base, receive_buffer=4096)
            sock.sendall(b"GET /v1/dump HTTP/1.1\r\nHost: x\r\n\r\n")
            held.append(sock)
        time.sleep(0.5)  # every one of them has reached the app
        for _ in range(5):
            status, seconds = timed_get(base, "/v1/events?limit=7")
            assert (status, seconds < 1) == (200, True), seconds
        readiness = json.loads(get(base, "/readyz")[1])
        assert readiness["in_flight"] < readiness["capacity"]
        # The writes were refused for want of a key, before their bodies, and closed.
        for sock in held[:32]:
            status, headers, _ = answer(sock)
            assert (status, headers["connection"]) == (401, "close")
            assert closed(sock, within=5)


def test_slow_heads_and_bodies_on_reads_hold_no_slot(seeded_url: str, tmp_path: Path) -> None:
    """64 heads sent a byte at a time, and 64 reads declaring a body, never answered 503 to
    anyone else; each is answered in turn: 408 when its head does not come, 413 at once."""
    settings = {"HEAD_TIMEOUT": "2"}
    with serving(seeded_url, tmp_path / "server.log", **settings) as base, sockets() as held:
        heads, bodies = [], []
        for _ in range(64):
            sock = connect(base)
            sock.sendall(b"GET /v1/events HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            heads.append(sock)
            sock = connect(base)
            sock.sendall(b"GET /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nx")
            bodies.append(sock)
        held += heads + bodies
        status, seconds = timed_get(base, "/v1/events?limit=7")
        assert (status, seconds < 1) == (200, True), seconds
        for sock in bodies:
            status, headers, body = answer(sock)
            assert (status, headers["connection"]) == (413, "close")
            assert json.loads(body)["detail"] == "A GET request takes no content."
        began = time.monotonic()
        for sock in heads:
            status, headers, body = answer(sock)
            assert status == 408
            assert headers["content-type"] == "application/problem+json"
        assert time.monotonic() - began < 5
        # An idle connection is closed without an answer.
        idle = connect(base)
        held.append(idle)
        assert closed(idle, within=5)


def test_a_100_mib_header_is_cut_off_at_64_kib(seeded_url: str, tmp_path: Path) -> None:
    """Defect 2: a 100 MiB header line was read whole (200), costing 8 s of CPU during which
    every other request waited."""
    process, base = start(seeded_url, tmp_path / "server.log")
    try:
        cpu_before = cpu_seconds(process.pid)
        sent = 0

        def send_header() -> None:
            nonlocal sent
            with connect(base) as sock:
                piece = b"a" * (1024 * 1024)
                try:
                    sock.sendall(b"GET /v1/events HTTP/1.1\r\nHost: x\r\nX-Big: ")
                    for _ in range(100):
                        sock.sendall(piece)
                        sent += len(piece)
                except OSError:  # the server closed the connection: the point
                    return

        sender = threading.Thread(target=send_header)
        sender.start()
        status, seconds = timed_get(base, "/v1/events?limit=7")
        sender.join(timeout=30)
        assert not sender.is_alive()
        assert (status, seconds < 1) == (200, True), seconds
        assert sent < 100 * 1024 * 1024, "the server read the whole header"
        assert cpu_seconds(process.pid) - cpu_before < 1.0
        # Just over the limit, an answer the client can read: 431, as problem+json.
        with connect(base) as sock:
            sock.sendall(b"GET /v1/events HTTP/1.1\r\nHost: x\r\nX-Big: ")
            sock.sendall(b"a" * MAX_HEAD_BYTES + b"\r\n\r\n")
            status, headers, body = answer(sock)
        assert (status, headers["connection"]) == (431, "close")
        detail = f"The request line and headers are longer than {MAX_HEAD_BYTES} bytes."
        assert json.loads(body) == {
            "type": "about:blank",
            "title": "Request Header Fields Too Large",
            "status": 431,
            "detail": detail,
            "instance": "/v1/events",
        }
        with connect(base) as sock:
            many = b"".join(b"X-%d: 1\r\n" % n for n in range(MAX_HEADERS))  # Host is one more
            sock.sendall(b"GET /v1/events HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n")
            status, _, body = answer(sock)
        assert status == 431
        assert json.loads(body)["detail"] == f"A request has at most {MAX_HEADERS} header fields."
        with connect(base) as sock:  # just under both limits: served
            many = b"".join(b"X-%d: 1\r\n" % n for n in range(MAX_HEADERS - 2))
            sock.sendall(b"GET /v1/events?limit=1 HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n")
            assert answer(sock)[0] == 200
    finally:
        stop(process)


@BIG
def test_a_client_that_stops_reading_is_dropped(big_url: str, tmp_path: Path) -> None:
    """Defect 1 and 4: an unread dump stayed open for as long as its client wanted."""
    with serving(big_url, tmp_path / "server.log", SEND_TIMEOUT="1") as base, sockets() as held:
        sock = connect(base, receive_buffer=4096)
        held.append(sock)
        sock.sendall(b"GET /v1/dump HTTP/1.1\r\nHost: x\r\n\r\n")
        data = sock.recv(4096)
        length = int(data.split(b"content-length: ")[1].split(b"\r\n")[0])
        assert length > 4 * 1024 * 1024  # more than the socket buffers hold
        time.sleep(4)  # reads nothing: the server gives up after SEND_TIMEOUT
        received = len(data)
        try:
            while chunk := sock.recv(1024 * 1024):
                received += len(chunk)
        except ConnectionResetError:
            pass
        assert received < length
        assert "left its answer unread for 1 s: dropped" in (tmp_path / "server.log").read_text()


def test_proxy_headers_count_only_from_trusted_proxies(seeded_url: str, tmp_path: Path) -> None:
    """Defect 3: 500 searches with varying X-Forwarded-For all answered 200 against a limit of
    60 a minute, since the server trusted the header from 127.0.0.1 by default."""
    limited = {"SEARCH_RATE_LIMIT": "3"}
    spoofed = [{"X-Forwarded-For": f"203.0.113.{n}"} for n in range(10)]
    with serving(seeded_url, tmp_path / "default.log", **limited) as base:
        statuses = [get(base, "/v1/search?q=talks", headers)[0] for headers in spoofed]
    assert statuses == [200] * 3 + [429] * 7
    trusted = {**limited, "TRUSTED_PROXIES": "127.0.0.1"}
    with serving(seeded_url, tmp_path / "trusted.log", **trusted) as base:
        statuses = [get(base, "/v1/search?q=talks", headers)[0] for headers in spoofed * 4]
    assert statuses == [200] * 30 + [429] * 10  # each address its own three


def searches_by_worker(base: str, pid: int) -> dict[int, list[int]]:
    """Send searches to the server `pid` at `base`, each on a new connection (the kernel hands
    it to whichever worker accepts first), until each of its two workers has answered six;
    return each worker's statuses in order."""
    _, port = address(base)
    answered: dict[int, list[int]] = {}
    deadline = time.monotonic() + WAIT
    while len(answered) < 2 or min(map(len, answered.values())) < 6:
        assert time.monotonic() < deadline, f"one worker answered every search: {answered}"
        connection = HTTPConnection(*address(base), timeout=30)
        try:
            connection.request("GET", "/v1/search?q=talks")
            response = connection.getresponse()
            response.read()
            worker = holder(connection, port, descendants(pid))
        finally:
            connection.close()
        answered.setdefault(worker, []).append(response.status)
    return answered


def test_two_workers_share_one_limit_through_redis(tmp_path: Path) -> None:
    """`--workers 2`: with RATE_LIMIT_STORAGE in Redis, one count for both processes; in
    memory, each process counts its own."""
    # A database of its own: the count in Redis is per database.
    url = migrated(tmp_path / "redis.db")
    limited = {"SEARCH_RATE_LIMIT": "5"}
    for storage in (REDIS, "memory://"):
        log = tmp_path / f"{storage[:5]}.log"
        process, base = start(url, log, workers=2, RATE_LIMIT_STORAGE=storage, **limited)
        try:
            answered = searches_by_worker(base, process.pid)
        finally:
            stop(process)
        allowed = [statuses.count(200) for statuses in answered.values()]
        if storage == REDIS:
            assert sum(allowed) == 5, answered  # one count for both
        else:
            assert allowed == [5, 5], answered  # each its own
        for statuses in answered.values():  # never a 200 after a 429
            assert statuses == sorted(statuses), answered


def test_a_keyed_body_that_stalls_is_408_and_waits_without_a_slot(
    fresh_url: str, tmp_path: Path
) -> None:
    """A write with a valid key gets its body read, under a deadline, outside the slots."""
    token = write_key(fresh_url, "slow-writer")
    settings = {"BODY_TIMEOUT": "1", "MAX_CONCURRENCY": "2"}
    with serving(fresh_url, tmp_path / "server.log", **settings) as base, sockets() as held:
        for _ in range(2):  # as many as there are slots, and more would get a 503
            sock = connect(base)
            sock.sendall(
                b"POST /v1/bundles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Authorization: Bearer " + token.encode() + b"\r\n"
                b"Content-Length: 100000\r\n\r\n{"
            )
            held.append(sock)
        time.sleep(0.3)
        readiness = json.loads(get(base, "/readyz")[1])
        assert readiness["in_flight"] == 0  # waiting for bodies is no work
        assert timed_get(base, "/v1/events?limit=7")[0] == 200
        began = time.monotonic()
        for sock in held:
            status, headers, body = answer(sock)
            assert (status, headers["connection"]) == (408, "close")
            assert json.loads(body)["detail"].startswith("The request body did not arrive in time")
        assert time.monotonic() - began < 5


def builds(pid: int) -> list[int]:
    """Return the processes below `pid` that build bulk files: those at the builds' lower
    priority (the 19th field of /proc/<pid>/stat is the nice value)."""
    found = []
    for child in descendants(pid):
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # it has just ended
            continue
        if int(fields[16]) == bulk.NICENESS:
            found.append(child)
    return found


BULK_PATHS = [
    "/v1/dump",
    *(f"/v1/{kind}?format=csv" for kind in ("events", "figures", "statements", "sources")),
    "/v1/events?format=geojson",
]


@BIG
def test_reads_answer_while_the_first_bulk_files_are_built(big_url: str, tmp_path: Path) -> None:
    """The first build of a bulk file ran on a thread of the server: on the large database,
    reads took 1.3–1.4 s until it ended. Builds run in processes of their own now, at a lower
    priority, and reads answer within a second while they do."""
    settings = {"BULK_DIR": str(tmp_path / "bulk")}
    process, base = start(big_url, tmp_path / "server.log", **settings)
    try:
        with sockets() as held:
            for path in BULK_PATHS:  # the first request of each file, never read
                sock = connect(base, receive_buffer=4096)
                sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                held.append(sock)
            deadline = time.monotonic() + WAIT
            while not builds(process.pid):
                assert time.monotonic() < deadline, "no build began"
                time.sleep(0.01)
            during = []
            while builds(process.pid):
                during.append(timed_get(base, "/v1/events?limit=7"))
            print(f"{len(during)} reads during the builds, the slowest {max(during)[1]:.2f} s")
            assert len(during) >= 3  # the builds took a while: the check means something
            assert all(status == 200 and seconds < 1 for status, seconds in during), during
        for path in BULK_PATHS:  # every file was built, once
            assert get(base, path)[0] == 200
        built = (tmp_path / "server.log").read_text().count("conflict_facts.bulk: built ")
        assert built == len(BULK_PATHS)
    finally:
        stop(process)


def test_workers_build_a_bulk_file_once_and_say_when_it_is_not_ready(
    seeded_url: str, tmp_path: Path
) -> None:
    """`--workers 2` share the bulk files' directory: while a file is being built (here: its
    lock is held, as a build in any process holds it), a request waits BUILD_WAIT, then is
    answered 503 with `Retry-After`; once the lock is released the file is built once, and
    both workers serve it."""
    directory = tmp_path / "bulk"
    directory.mkdir()
    log = tmp_path / "server.log"
    process, base = start(seeded_url, log, workers=2, BULK_DIR=str(directory))
    try:
        host, port = address(base)
        with (directory / "conflict-facts.ndjson.lock").open("ab") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            waiting: dict[int, HTTPConnection] = {}  # a connection to each worker
            deadline = time.monotonic() + WAIT
            while len(waiting) < 2:
                assert time.monotonic() < deadline, "one worker took every connection"
                connection = HTTPConnection(host, port, timeout=WAIT)
                connection.request("GET", "/readyz")
                connection.getresponse().read()
                worker = holder(connection, port, descendants(process.pid))
                if worker in waiting:
                    connection.close()
                else:
                    waiting[worker] = connection
            began = time.monotonic()
            for connection in waiting.values():
                connection.request("GET", "/v1/dump")
            for connection in waiting.values():
                response = connection.getresponse()
                refusal = json.loads(response.read())
                assert response.status == 503
                assert response.headers["Retry-After"] == str(round(bulk.BUILD_WAIT))
                assert refusal["detail"].startswith("The file is being built")
            assert time.monotonic() - began >= bulk.BUILD_WAIT
            assert len(builds(process.pid)) == 2  # one for each worker, waiting on the lock
        tags = set()
        for worker, connection in waiting.items():
            connection.request("GET", "/v1/dump")
            response = connection.getresponse()
            assert response.status == 200
            assert response.read().startswith(b'{"type":"actor"')
            assert holder(connection, port, descendants(process.pid)) == worker
            tags.add(response.headers["ETag"])
            connection.close()
        assert len(tags) == 1
        assert log.read_text().count("conflict_facts.bulk: built conflict-facts.ndjson") == 1
    finally:
        stop(process)
