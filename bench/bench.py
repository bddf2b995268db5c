"""The benchmark behind `bench/run`: conflict-facts against Datasette and the stack's ceiling.

Each server runs as one uvicorn process pinned to core 0; `wrk -t1 -c16` runs pinned to core
1. Every measurement is a warm-up, then several timed repeats; the table reports the median
and the spread (lowest–highest) of the repeats. Results go to bench/results/ as JSON, a
Markdown table and a PNG plot. See docs/performance.md.
"""

import argparse
import calendar
import itertools
import json
import os
import platform
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from math import nan
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = str(Path(sys.executable).parent)
CACHE = ROOT / "bench" / ".cache"
RESULTS = ROOT / "bench" / "results"

COUNTRY = "AM"  # the busiest country of the synthetic data
FROM, TO = "2005-01-01", "2024-12-31"
PAGE = 50
DEPTH = 2000
SEARCH_TERM = "ceasefire"
ORIGIN = {"Origin": "https://example.org"}
"""What every page embedding the API sends."""
WINDOWS = [
    (f"{year}-{month:02d}-01", f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]}")
    for year in range(2010, 2018)
    for month in range(1, 13)
]
"""The filtered list's 96 date windows: every month of eight years."""
WORDS = 50
"""Different words searched for."""

# The app's `from`/`to` semantics (overlap with the event's span), for Datasette's `_where`.


def where(start: str = FROM, end: str = TO) -> str:
    """Return the app's `from`/`to` semantics (overlap with the event's span), for Datasette's
    `_where`."""
    return (
        f"place_id in (select id from place where country = '{COUNTRY}')"
        f" and start_date is not null and start_date <= '{end}'"
        f" and (end_date >= '{start}' or end_date is null)"
    )


TARGETS = {
    "detail_origin_vs_datasette": 3.0,
    "detail_vs_ceiling": 0.25,
    "detail_origin_p99_ms": 10.0,
    "conditional_vs_ceiling": 0.5,
    "list_vs_datasette": 10.0,
    "list_p99_ms": 20.0,
    "deep_vs_first": 0.9,
    "search_vs_datasette": 3.0,
    "list_q_vs_search": 0.5,
    "growth_1m_vs_10k": 1.3,
    "rss_1m_mib": 150.0,
    "postgres_vs_sqlite": 0.6,
    "mixed_reads_vs_read_only": 0.8,
    "stale_reads": 0,
}
"""The issue's targets, as ratios measured in one run."""


@dataclass
class Options:
    quick: bool
    ids: int
    """Event ids the detail cycles through."""
    main_size: int
    sizes: list[int]
    seed: int
    duration: float
    warmup: float
    repeats: int
    connections: int
    postgres: str
    out: Path
    only: set[str] | None = None
    """The parts of the run to make (`--only`); None for all of them."""

    def wanted(self, part: str) -> bool:
        return self.only is None or part in self.only

    def on_postgres(self, workload: str) -> bool:
        """Whether to measure `workload` on PostgreSQL: every one, unless `--only` names some."""
        named = (self.only or set()) & set(LABELS)
        return not named or workload in named


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- databases --------------------------------------------------------------------------


def head_revision() -> str:
    output = subprocess.run(
        [f"{BIN}/alembic", "heads"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return output.split()[0]


def sqlite_database(events: int, seed: int) -> Path:
    """Return a SQLite file of `events` synthetic events, built once per size, seed and schema."""
    path = CACHE / f"events-{events}-seed-{seed}-rev-{head_revision()}.db"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    url = f"sqlite:///{partial}"
    log(f"building {path.name}")
    began = time.perf_counter()
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([f"{BIN}/conflict-facts", "migrate"], env=env, check=True, capture_output=True)
    command = [f"{BIN}/conflict-facts", "synth", "--events", str(events), "--seed", str(seed)]
    subprocess.run(command, env=env, check=True)
    partial.rename(path)
    log(f"built {path.name} in {time.perf_counter() - began:.0f} s")
    return path


def postgres_database(url: str, events: int, seed: int) -> str:
    """Return `url` after filling that (emptied) PostgreSQL database with synthetic events."""
    import psycopg  # the postgres extra

    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
    env = {**os.environ, "DATABASE_URL": url}
    log(f"loading {events} events into PostgreSQL")
    subprocess.run([f"{BIN}/conflict-facts", "migrate"], env=env, check=True, capture_output=True)
    command = [f"{BIN}/conflict-facts", "synth", "--events", str(events), "--seed", str(seed)]
    subprocess.run(command, env=env, check=True)
    return url


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Run a throwaway PostgreSQL cluster (pinned to the server's core); yield its URL."""
    initdb = shutil.which("initdb")
    if initdb is None:
        raise RuntimeError("no initdb on PATH: install PostgreSQL or pass --postgres URL")
    workdir = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    data, port = str(workdir / "data"), free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(workdir, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_user, initdb, "-D", data, "-U", "bench", "--auth=trust", "--no-sync", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    pg_ctl = str(Path(initdb).with_name("pg_ctl"))
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
    command = [*as_user, "taskset", "-c", "0", pg_ctl, "-D", data, "-o", options, "-w"]
    subprocess.run([*command, "-l", str(workdir / "log"), "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://bench@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*command, "-m", "fast", "stop"], check=False, capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def given(url: str) -> Iterator[str]:
    """Yield the URL of a PostgreSQL database that someone else runs."""
    yield url


def sample_ids(database: Path, count: int) -> list[str]:
    """Return `count` event ids drawn, always the same, from the whole table."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM event ORDER BY id")]
    return random.Random(0).sample(ids, min(count, len(ids)))


# --- servers ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def pinned(core: int) -> list[str]:
    return ["taskset", "-c", str(core)] if (os.cpu_count() or 1) >= 2 else []


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    base: str

    def memory(self) -> dict[str, float]:
        """Return the process's resident memory now (VmRSS: RssAnon, its own, plus RssFile,
        mapped files such as a memory-mapped database) and at its peak (VmHWM), in MiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        keys = ("VmRSS", "VmHWM", "RssAnon", "RssFile")
        return {key: int(fields[key].split()[0]) / 1024 for key in keys}

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.base + path, headers=headers or {})  # noqa: S310
        try:
            # Setting up walks pages that may take long before optimisation: wait for them.
            with urllib.request.urlopen(request, timeout=600) as response:  # noqa: S310
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def json(self, path: str) -> Any:
        status, body = self.get(path)
        if status != 200:
            raise RuntimeError(f"{self.name}: GET {path} answered {status}: {body[:300]!r}")
        return json.loads(body)


@contextmanager
def serve(name: str, target: list[str], env: dict[str, str], ready: str) -> Iterator[Server]:
    """Run one uvicorn process on core 0 serving `target`; yield it once `ready` answers."""
    port = free_port()
    command = [
        *pinned(0),
        f"{BIN}/python",
        "-m",
        "uvicorn",
        *target,
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    server = Server(name, process, f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}")
            try:
                if server.get(ready)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer {ready}")
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# The API's guards are set aside for the benchmark, as Datasette's time limit is: a slow query
# is measured as slow rather than cut off, and one client may search as often as it likes.
GUARDS_OFF = {"QUERY_TIMEOUT_MS": "60000", "SEARCH_RATE_LIMIT": "0", "WRITE_RATE_LIMIT": "0"}


def app_server(database_url: str) -> Any:
    """Serve the app on `database_url`."""
    env = {"DATABASE_URL": database_url, **GUARDS_OFF}
    return serve("conflict-facts", ["app.main:create_app", "--factory"], env, "/readyz")


def datasette_server(database: Path) -> Any:
    return serve(
        "Datasette",
        ["--app-dir", str(ROOT / "bench"), "datasette_app:create_app", "--factory"],
        {"BENCH_DATASETTE_DB": str(database)},
        "/-/versions.json",
    )


def ceiling_server() -> Any:
    return serve("ceiling", ["--app-dir", str(ROOT / "bench"), "ceiling:app"], {}, "/")


# --- load -------------------------------------------------------------------------------


class TooSlowError(Exception):
    """Not one response came back during a timed run: the endpoint is too slow to measure."""


WRK_SCRIPT = """
local requests = {%s}
local i = 0
request = function()
  i = i %% #requests + 1
  local r = requests[i]
  return wrk.format(r[1], r[2], r[3], r[4])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %%d, "duration_us": %%d, "errors": %%d, "status_errors": %%d,' ..
    ' "p50_us": %%d, "p99_us": %%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
"""

Request = str | tuple[str, dict[str, str]] | tuple[str, str, dict[str, str], str]
"""A path; a path and its headers; or a method, path, headers and body."""


def _lua(text: str) -> str:
    return json.dumps(text)  # a JSON string of ASCII is a Lua string


def lua_request(request: Request) -> str:
    """Return `request` as a Lua table: method, path, headers, body."""
    if isinstance(request, str):
        method, path, headers, body = "GET", request, {}, None
    elif len(request) == 2:
        method, path, headers, body = "GET", request[0], request[1], None
    else:
        method, path, headers, body = request
    fields = ", ".join(f"[{_lua(k)}]={_lua(v)}" for k, v in headers.items())
    return f"{{{_lua(method)}, {_lua(path)}, {{{fields}}}, {_lua(body) if body else 'nil'}}}"


def path_of(request: Request) -> str:
    return request if isinstance(request, str) else request[0 if len(request) == 2 else 1]


def headers_of(request: Request) -> dict[str, str]:
    return {} if isinstance(request, str) else request[1 if len(request) == 2 else 2]


def wrk(
    options: Options, server: Server, requests: list[Request], seconds: float
) -> dict[str, float]:
    """Load `server` with `requests` in turn for `seconds`; return req/s, p50 and p99 (ms)."""
    script_text = WRK_SCRIPT % ",\n".join(lua_request(request) for request in requests)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(script_text)
        script.flush()
        command = [
            *pinned(1),
            "wrk",
            "-t1",
            f"-c{options.connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "60s",
            "-s",
            script.name,
            server.base,
        ]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    raw = json.loads(line.removeprefix("BENCH "))
    if raw["errors"] or raw["status_errors"]:
        raise RuntimeError(f"{server.name} {path_of(requests[0])}: errors under load: {raw}")
    if not raw["requests"]:
        raise TooSlowError(f"no response completed within {max(1, round(seconds))} s")
    return {
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["p50_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
    }


def measure(options: Options, server: Server, paths: list[Request]) -> dict[str, Any]:
    """Check `server` answers the first of `paths`, warm it up on them, then measure them
    `options.repeats` times.

    Only a few are asked before the timed load: the long tail is measured as it comes, each
    record read for the first time or again, as readers do.
    """
    for request in paths[:5]:
        status, body = server.get(path_of(request), headers_of(request))
        if status not in (200, 304):
            path = path_of(request)
            raise RuntimeError(f"{server.name}: GET {path} answered {status}: {body[:300]!r}")
    try:
        with suppress(TooSlowError):  # a slow endpoint may answer nothing while warming up
            wrk(options, server, paths, options.warmup)
        runs = [wrk(options, server, paths, options.duration) for _ in range(options.repeats)]
    except TooSlowError as exc:
        log(f"{server.name:15} {path_of(paths[0])[:70]:70} {exc}")
        return {"path": path_of(paths[0]), "too_slow": str(exc), "rps": 0.0}
    except RuntimeError as exc:
        log(str(exc))
        return {"path": path_of(paths[0]), "error": str(exc), "rps": 0.0}
    rps = [run["rps"] for run in runs]
    median = statistics.median(rps)
    result: dict[str, Any] = {
        "path": path_of(paths[0]),
        "headers": headers_of(paths[0]),
        "paths": len(paths),
        "bytes": len(server.get(path_of(paths[0]))[1]),
        "runs": runs,
        "rps": median,
        "rps_min": min(rps),
        "rps_max": max(rps),
        "spread_pct": 100 * (max(rps) - min(rps)) / median,
        "p50_ms": statistics.median(run["p50_ms"] for run in runs),
        "p99_ms": statistics.median(run["p99_ms"] for run in runs),
    }
    log(
        f"{server.name:15} {path_of(paths[0])[:70]:70} {median:8.0f} req/s"
        f" (±{result['spread_pct'] / 2:.0f}%) p50 {result['p50_ms']:.1f} ms"
        f" p99 {result['p99_ms']:.1f} ms"
    )
    return result


# --- the endpoints ----------------------------------------------------------------------


def list_query(**extra: str) -> str:
    params = {"country": COUNTRY, "from": FROM, "to": TO, "sort": "-start_date"}
    return urllib.parse.urlencode({**params, "limit": str(PAGE), **extra})


def search_words(database: Path) -> list[str]:
    """Return WORDS different words of the searched titles, always the same."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        titles = connection.execute(
            "SELECT title FROM search_document WHERE kind = 'event' ORDER BY docid LIMIT 5000"
        )
        words = sorted(
            {
                word.lower()
                for (title,) in titles
                for word in title.split()
                if word.isascii() and word.isalpha() and len(word) > 4
            }
        )
    return random.Random(0).sample(words, min(WORDS, len(words)))


def etags(database: Path, ids: list[str]) -> dict[str, str]:
    """Return the stored ETag of each event's detail."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT id, etag FROM rendered WHERE kind = 'event.detail'")
        wanted = set(ids)
        return {id: tag for id, tag in rows if id in wanted}


def app_paths(
    server: Server, database: Path, ids: list[str], deep: bool = True
) -> dict[str, list[Request]]:
    """Return the app's requests for each workload, following cursors to the deep page if
    `deep`."""
    first = f"/v1/events?{list_query()}"
    cursor, depth, page = None, 0, server.json(first)
    while deep and depth < DEPTH and page["next_cursor"]:
        cursor, depth = page["next_cursor"], depth + PAGE
        page = server.json(f"/v1/events?{list_query(cursor=cursor)}")
    details = [f"/v1/events/{urllib.parse.quote(i)}" for i in ids]
    tags = etags(database, ids)
    paths: dict[str, list[Request]] = {
        "detail": list(details),
        "detail_origin": [(path, ORIGIN) for path in details],
        "conditional": [
            (path, ORIGIN | {"If-None-Match": tags[id]})
            for path, id in zip(details, ids, strict=True)
            if id in tags
        ],
        "list": [
            (f"/v1/events?{list_query(**{'from': start, 'to': end})}", ORIGIN)
            for start, end in WINDOWS
        ],
        "deep": [(f"/v1/events?{list_query(cursor=cursor)}", ORIGIN)] if cursor else [],
        "search": [
            (f"/v1/search?q={word}&limit={PAGE}", ORIGIN) for word in search_words(database)
        ],
        "list_q": [
            (f"/v1/events?q={word}&limit={PAGE}", ORIGIN) for word in search_words(database)
        ],
        "hot_detail": [(details[0], ORIGIN)],
        "hot_list": [(first, ORIGIN)],
    }
    return {name: found for name, found in paths.items() if found} | {"depth": [str(depth)]}


def datasette_paths(server: Server, database: Path, ids: list[str], depth: int) -> dict[str, Any]:
    """Return Datasette's requests for each workload, equivalent to the app's."""
    db = database.stem
    table = f"/{db}/event.json"

    def params(start: str = FROM, end: str = TO) -> dict[str, str]:
        found = {"_where": where(start, end), "_sort_desc": "start_date", "_size": str(PAGE)}
        return found | {"_nocount": "1"}

    first = f"{table}?{urllib.parse.urlencode({**params(), '_shape': 'array'})}"
    token, seen = None, 0
    while seen < depth:
        page = server.json(
            f"{table}?{urllib.parse.urlencode({**params(), **({'_next': token} if token else {})})}"
        )
        token, seen = page["next"], seen + PAGE
    details = [f"/{db}/event/{urllib.parse.quote(i)}.json?_shape=array" for i in ids]
    paths: dict[str, Any] = {
        "detail": details,
        "detail_origin": [(path, ORIGIN) for path in details],
        "list": [
            (f"{table}?{urllib.parse.urlencode({**params(start, end), '_shape': 'array'})}", ORIGIN)
            for start, end in WINDOWS
        ],
        "first": first,
    }
    if token:
        deep = {**params(), "_next": token, "_shape": "array"}
        paths["deep"] = [(f"{table}?{urllib.parse.urlencode(deep)}", ORIGIN)]
    # The API's own search index, which bench/datasette_app.py points `_search` at.
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        query = "SELECT 1 FROM sqlite_master WHERE name = 'search_fts'"
        indexed = connection.execute(query).fetchone() is not None
    if indexed:
        paths["search"] = [
            (
                f"/{db}/search_document.json?"
                + urllib.parse.urlencode(
                    {"_search": word, "_size": str(PAGE), "_nocount": "1", "_shape": "array"}
                ),
                ORIGIN,
            )
            for word in search_words(database)
        ]
    return paths


def same_dates(app: Server, datasette: Server, app_path: str, datasette_path: str) -> bool:
    """Return whether both servers list events with the same dates for a list URL, that is,
    whether they answer the same query (events tying on a date may come in another order)."""
    mine = [event["start_date"] for event in app.json(app_path)["data"]]
    theirs = [row["start_date"] for row in datasette.json(datasette_path)]
    return mine == theirs


# --- the run ----------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1]
    versions = {}
    for package in ("fastapi", "starlette", "uvicorn", "sqlalchemy", "pydantic", "datasette"):
        with suppress(PackageNotFoundError):
            versions[package] = version(package)
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    return {
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory) / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "wrk": wrk_version.split("[")[0].strip(),
        "versions": versions,
    }


def run(options: Options) -> dict[str, Any]:
    result: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["bench/run", *sys.argv[1:]]),
        "machine": machine(),
        "settings": {
            "duration_s": options.duration,
            "warmup_s": options.warmup,
            "repeats": options.repeats,
            "connections": options.connections,
            "seed": options.seed,
        },
        "main_size": options.main_size,
        "endpoints": {},
        "sizes": {},
        "postgres": None,
        "notes": [],
    }
    database = sqlite_database(options.main_size, options.seed)
    ids = sample_ids(database, options.ids)

    result["ceiling"] = None
    if options.wanted("ceiling"):
        with ceiling_server() as server:
            result["ceiling"] = measure(options, server, ["/"])

    with app_server(f"sqlite:///{database}") as app, datasette_server(database) as datasette:
        mine = app_paths(app, database, ids)
        depth = int(mine.pop("depth")[0])
        theirs = datasette_paths(datasette, database, ids, depth)
        if not same_dates(app, datasette, path_of(mine["hot_list"][0]), theirs.pop("first")):
            raise RuntimeError("conflict-facts and Datasette list different events")
        deep = "deep" in mine and "deep" in theirs
        if deep and not same_dates(
            app, datasette, path_of(mine["deep"][0]), path_of(theirs["deep"][0])
        ):
            result["notes"].append(
                "Datasette's deep page starts at another date: paging with `_next` through"
                " events that tie on start_date, it skips some of them, so 2,000 items in it is"
                " further down the list. It is measured all the same."
            )
        result["depth"] = depth
        if depth < DEPTH:
            result["notes"].append(f"The deep page is {depth} items deep: the list is shorter.")
        if "search" not in mine:
            result["notes"].append("Search not measured: this version has no /v1/search.")
        elif "search" not in theirs:
            result["notes"].append("Search not compared: Datasette finds no full-text index.")
    for name in LABELS:
        if name not in mine or not options.wanted(name):
            continue
        entry: dict[str, Any] = {}
        # One server at a time, so that each has core 0 to itself.
        with app_server(f"sqlite:///{database}") as app:
            entry["conflict-facts"] = measure(options, app, mine[name])
        if name in theirs:
            with datasette_server(database) as datasette:
                entry["datasette"] = measure(options, datasette, theirs[name])
        result["endpoints"][name] = entry

    try:
        if options.wanted("mixed"):
            alone = result["endpoints"]["detail_origin"]["conflict-facts"]["rps"]
            result["mixed"] = mixed(options, database, mine["detail_origin"], alone)
    except (RuntimeError, OSError, subprocess.CalledProcessError, KeyError) as exc:
        result["notes"].append(f"The mixed run failed: {exc}")

    for size in options.sizes if options.wanted("sizes") else []:
        try:
            result["sizes"][str(size)] = measure_size(options, size)
        except (RuntimeError, OSError) as exc:
            result["notes"].append(f"{size:,} events not measured: {exc}")

    if options.postgres != "off" and options.wanted("postgres"):
        try:
            with (
                throwaway_postgres() if options.postgres == "auto" else given(options.postgres)
            ) as url:
                postgres_database(url, options.main_size, options.seed)
                with app_server(url) as app:
                    paths = app_paths(app, database, ids)
                    result["postgres"] = {
                        name: measure(options, app, paths[name])
                        for name in (
                            "detail_origin",
                            "conditional",
                            "list",
                            "deep",
                            "search",
                            "list_q",
                        )
                        if name in paths and options.on_postgres(name)
                    }
        except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
            result["notes"].append(f"PostgreSQL not measured: {exc}")
    result["ratios"] = ratios(result)
    result["load_average_after"] = [round(load, 2) for load in os.getloadavg()]
    return result


def mixed(options: Options, database: Path, reads: list[Request], alone: float) -> dict[str, Any]:
    """Return the reads/s of `reads` while PATCHes are made through the API, up to one for
    every 19 reads the server answered `alone` (5%), on a copy of `database`, and how many
    reads after an acknowledged PATCH did not show it.

    wrk sends the reads; a writer beside it corrects one event after another, each time
    reading it back at once (with `Origin` and an outdated `If-None-Match`, as a browser
    revalidating), and counts a read that does not show the write as stale. The writes are
    not in wrk's closed loop: there, the clients waiting on the one writer would measure the
    writer's queue, not the reads.
    """
    work = Path(tempfile.mkdtemp(prefix="bench-mixed-"))
    try:
        copy = work / database.name
        shutil.copyfile(database, copy)
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{copy}"}
        command = [f"{BIN}/conflict-facts", "keys", "create", "--name", "bench"]
        output = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        token = next(word for word in output.stdout.split() if word.startswith("cfk_"))
        auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        pause = 19 / alone if alone else 0.1  # at most 5% of the requests
        with app_server(f"sqlite:///{copy}") as app:
            checked = {"writes": 0, "stale": 0, "failed": 0}
            stop = threading.Event()
            checks = [path_of(read) for read in reads[-200:]]

            def write() -> None:
                for number, path in enumerate(itertools.cycle(checks)):
                    if stop.wait(pause):
                        return
                    note = f"checked {number}"
                    request = urllib.request.Request(  # noqa: S310
                        app.base + path,
                        data=json.dumps({"date_note": note, "reason": "benchmark"}).encode(),
                        headers=auth,
                        method="PATCH",
                    )
                    try:
                        with urllib.request.urlopen(request, timeout=60):  # noqa: S310
                            pass
                    except urllib.error.HTTPError:
                        checked["failed"] += 1
                        continue
                    checked["writes"] += 1
                    status, body = app.get(path, ORIGIN | {"If-None-Match": '"old"'})
                    if status != 200 or json.loads(body)["date_note"] != note:
                        checked["stale"] += 1

            writer = threading.Thread(target=write)
            writer.start()
            began = time.monotonic()
            try:
                measured = measure(options, app, reads)
            finally:
                stop.set()
                writer.join()
        seconds = time.monotonic() - began
        log(
            f"mixed: {checked['writes']} writes in {seconds:.0f} s ({checked['failed']} failed),"
            f" {checked['stale']} stale reads"
        )
        return {"reads": measured, "seconds": seconds, **checked}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure_size(options: Options, size: int) -> dict[str, Any]:
    """Return the detail and list figures and the server's memory on `size` events."""
    database = sqlite_database(size, options.seed)
    with app_server(f"sqlite:///{database}") as app:
        paths = app_paths(app, database, sample_ids(database, options.ids), deep=False)
        return {
            "detail": measure(options, app, paths["detail_origin"]),
            "list": measure(options, app, paths["list"]),
            "memory_mib": app.memory(),
            "file_mib": database.stat().st_size / 2**20,
        }


def ratios(result: dict[str, Any]) -> dict[str, float]:
    """Return the ratios the targets are set on, from the measurements that succeeded."""
    endpoints, found = result["endpoints"], {}

    def rps(entry: dict[str, Any] | None) -> float | None:
        return entry["rps"] if entry and "error" not in entry and entry["rps"] else None

    def divide(key: str, top: dict[str, Any] | None, bottom: dict[str, Any] | None) -> None:
        high, low = rps(top), rps(bottom)
        if high and low:
            found[key] = high / low

    mine = {name: entry["conflict-facts"] for name, entry in endpoints.items()}
    for name in ("detail_origin", "list", "search"):
        divide(f"{name}_vs_datasette", mine.get(name), endpoints.get(name, {}).get("datasette"))
    divide("detail_vs_ceiling", mine.get("detail_origin"), result["ceiling"])
    divide("conditional_vs_ceiling", mine.get("conditional"), result["ceiling"])
    divide("deep_vs_first", mine.get("deep"), mine.get("list"))
    divide("list_q_vs_search", mine.get("list_q"), mine.get("search"))
    for name in ("detail_origin", "list"):
        if rps(mine.get(name)):
            found[f"{name}_p99_ms"] = mine[name]["p99_ms"]
    mixed_run = result.get("mixed")
    if mixed_run and rps(mixed_run.get("reads")):
        divide("mixed_reads_vs_read_only", mixed_run["reads"], mine.get("detail_origin"))
        found["stale_reads"] = mixed_run["stale"]
    sizes = result["sizes"]
    if len(sizes) > 1:
        small, large = sizes[min(sizes, key=int)], sizes[max(sizes, key=int)]
        # How much more a request costs on the largest database than on the smallest.
        for name in ("detail", "list"):
            divide(f"growth_{name}", small[name], large[name])
        growth = [found.pop(f"growth_{name}", None) for name in ("detail", "list")]
        if None not in growth:  # both measured at both sizes
            found["growth_1m_vs_10k"] = max(g for g in growth if g is not None)
        found["rss_1m_mib"] = large["memory_mib"]["VmRSS"]
    for name, measured in (result["postgres"] or {}).items():
        divide(f"postgres_{name}", measured, mine.get(name))
    worst = [found.pop(key) for key in list(found) if key.startswith("postgres_")]
    if worst:
        found["postgres_vs_sqlite"] = min(worst)
    return found


def errors(result: dict[str, Any]) -> list[str]:
    """Return the error of every measurement that failed."""
    measured = [*filter(None, [result["ceiling"]]), *(result["postgres"] or {}).values()]
    for entry in result["endpoints"].values():
        measured += entry.values()
    for entry in result["sizes"].values():
        measured += [entry["detail"], entry["list"]]
    return [item["error"] for item in measured if "error" in item]


# --- the report -------------------------------------------------------------------------

LABELS = {
    "detail": "event detail, uniformly random ids over the whole table",
    "detail_origin": "the same with `Origin`",
    "conditional": "conditional GET, matching `If-None-Match` (304), random ids, `Origin`",
    "list": f"filtered list ({PAGE}, country + {len(WINDOWS)} monthly date windows), `Origin`",
    "deep": "the same list, a page {depth} items deep (cursor), `Origin`",
    "search": f"search, {WORDS} different words, `Origin`",
    "list_q": f"the events list with `q`, the same {WORDS} words, `Origin`",
    "hot_detail": "cache hits: one event id, replayed (no cache: the same path)",
    "hot_list": "cache hits: one list URL, replayed",
}
# (ratio, how it reads, whether higher is better)
CHECKS = [
    ("detail_origin_vs_datasette", "detail with Origin ÷ Datasette row JSON", True),
    ("detail_vs_ceiling", "detail with Origin ÷ ceiling", True),
    ("detail_origin_p99_ms", "detail with Origin p99 (ms)", False),
    ("conditional_vs_ceiling", "conditional GET (304) ÷ ceiling", True),
    ("list_vs_datasette", "filtered list ÷ Datasette", True),
    ("list_p99_ms", "filtered list p99 (ms)", False),
    ("deep_vs_first", "deep page ÷ first pages", True),
    ("search_vs_datasette", "search ÷ Datasette `_search`", True),
    ("list_q_vs_search", "events list with `q` ÷ search, the same words", True),
    ("growth_1m_vs_10k", "cost at the largest size ÷ at the smallest (detail, list)", False),
    ("rss_1m_mib", "RSS at the largest size (MiB)", False),
    ("postgres_vs_sqlite", "PostgreSQL ÷ SQLite (worst endpoint both measured)", True),
    ("mixed_reads_vs_read_only", "mixed run: reads ÷ read-only detail with Origin", True),
    ("stale_reads", "mixed run: stale reads after an acknowledged PATCH", False),
]


def cell(measured: dict[str, Any] | None) -> str:
    if measured is None:
        return "– | – | –"
    if "error" in measured:
        return "failed | – | –"
    if "too_slow" in measured:
        return f"0 ({measured['too_slow']}) | – | –"
    spread = f"{measured['rps_min']:,.0f}–{measured['rps_max']:,.0f}"
    return (
        f"{measured['rps']:,.0f} ({spread}) | {measured['p50_ms']:.1f} | {measured['p99_ms']:.1f}"
    )


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    s = result["settings"]
    lines = [
        f"Run {result['started']}: `{result['command']}`",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Linux {m['kernel']},"
        f" Python {m['python']}, SQLite {m['sqlite']}, {m['wrk']};"
        f" {', '.join(f'{k} {v}' for k, v in m['versions'].items())}."
        f" Load average before/after the run: {m['load_average'][0]:g}"
        f" / {result['load_average_after'][0]:g} (other work on the machine skews the numbers).",
        f"Each server: one uvicorn process on core 0; `wrk -t1 -c{s['connections']}` on core 1;"
        f" {s['warmup_s']:g} s warm-up, then {s['repeats']} × {s['duration_s']:g} s."
        " req/s is the median of the repeats (lowest–highest in brackets); p50/p99 in ms.",
        "",
        f"**{result['main_size']:,} events**",
        "",
        "| endpoint | conflict-facts req/s | p50 | p99 | Datasette req/s | p50 | p99 | ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, entry in result["endpoints"].items():
        mine, theirs = entry["conflict-facts"], entry.get("datasette")
        both = theirs and mine["rps"] and theirs["rps"]
        ratio = f"{mine['rps'] / theirs['rps']:.2f}×" if both else "–"
        label = LABELS[name].format(depth=result.get("depth", DEPTH))
        lines.append(f"| {label} | {cell(mine)} | {cell(theirs)} | {ratio} |")
    if result["ceiling"]:
        ceiling = cell(result["ceiling"])
        lines.append(f"| ceiling: bare Starlette, constant JSON | {ceiling} | | | | |")
    if result.get("mixed"):
        run_ = result["mixed"]
        lines.append(
            "| mixed: detail reads with `Origin`, PATCHes beside them (reads) |"
            f" {cell(run_['reads'])} | | | | {run_['writes']} writes"
            f" ({run_['writes'] / run_['seconds']:.1f}/s, {run_['failed']} failed),"
            f" {run_['stale']} stale reads |"
        )
    if result["sizes"]:
        lines += [
            "",
            "**Cost by database size** (conflict-facts; RSS after the load)",
            "",
            "| events | file MiB | detail req/s | p50 | p99 | list req/s | p50 | p99 |"
            " RSS MiB (anon + file) | peak RSS MiB |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for size, entry in result["sizes"].items():
            memory = entry["memory_mib"]
            lines.append(
                f"| {int(size):,} | {entry['file_mib']:,.0f} | {cell(entry['detail'])} |"
                f" {cell(entry['list'])} | {memory['VmRSS']:.0f} ({memory['RssAnon']:.0f} +"
                f" {memory['RssFile']:.0f}) | {memory['VmHWM']:.0f} |"
            )
    if result["postgres"]:
        lines += [
            "",
            f"**PostgreSQL** ({result['main_size']:,} events, server pinned to the app's core)",
            "",
            "| endpoint | req/s | p50 | p99 | ÷ SQLite |",
            "|---|---|---|---|---|",
        ]
        for name, measured in result["postgres"].items():
            sqlite_rps = result["endpoints"][name]["conflict-facts"]["rps"]
            label = LABELS[name].format(depth=result.get("depth", DEPTH))
            ratio = f"{measured['rps'] / sqlite_rps:.2f}×" if sqlite_rps else "–"
            lines.append(f"| {label} | {cell(measured)} | {ratio} |")
    lines += ["", "**Targets**", "", "| measure | target | measured | met |", "|---|---|---|---|"]
    for key, text, higher in CHECKS:
        target, value = TARGETS[key], result["ratios"].get(key)
        bound = f"≥ {target:g}" if higher else f"≤ {target:g}"
        if value is None:
            lines.append(f"| {text} | {bound} | not measured | |")
            continue
        met = value >= target if higher else value <= target
        lines.append(f"| {text} | {bound} | {value:.2f} | {'yes' if met else 'no'} |")
    lines += [f"\n{note}" for note in result["notes"]]
    return "\n".join(lines) + "\n"


def plot(result: dict[str, Any], path: Path) -> None:
    """Draw req/s by endpoint (conflict-facts, Datasette, ceiling) and latency by size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (bars, sizes) = plt.subplots(1, 2, figsize=(13, 5))
    names = list(result["endpoints"])
    width = 0.38
    for offset, (server, colour) in enumerate(
        (("conflict-facts", "tab:blue"), ("datasette", "tab:orange"))
    ):
        values = [result["endpoints"][n].get(server, {}).get("rps", 0) for n in names]
        low = [
            v - result["endpoints"][n].get(server, {}).get("rps_min", v)
            for n, v in zip(names, values, strict=True)
        ]
        high = [
            result["endpoints"][n].get(server, {}).get("rps_max", v) - v
            for n, v in zip(names, values, strict=True)
        ]
        positions = [i + (offset - 0.5) * width for i in range(len(names))]
        label = "conflict-facts" if server == "conflict-facts" else "Datasette"
        bars.bar(positions, values, width, yerr=[low, high], label=label, color=colour)
        for position, value in zip(positions, values, strict=True):
            if not value:  # nothing came back in a timed run
                bars.text(position, 1.2, "too slow", rotation=90, ha="center", va="bottom")
    if result["ceiling"]:
        bars.axhline(
            result["ceiling"]["rps"], color="grey", linestyle="--", label="ceiling (bare Starlette)"
        )
    bars.set_xticks(range(len(names)), names)
    bars.set_yscale("log")
    bars.set_ylim(bottom=1)
    bars.set_ylabel("requests/s, log scale (median; bars: lowest–highest)")
    bars.set_title(f"{result['main_size']:,} events, one uvicorn process, one core")
    bars.legend()
    if result["sizes"]:
        counts = [int(size) for size in result["sizes"]]
        for name, colour in (("detail", "tab:blue"), ("list", "tab:green")):
            for quantile, style in (("p50_ms", "-o"), ("p99_ms", "--o")):
                values = [result["sizes"][str(c)][name].get(quantile, nan) for c in counts]
                sizes.plot(counts, values, style, color=colour, label=f"{name} {quantile[:3]}")
        sizes.set_xscale("log")
        sizes.set_xlabel("events in the database")
        sizes.set_ylabel("latency (ms)")
        sizes.set_ylim(bottom=0)
        sizes.set_title("conflict-facts latency by database size")
        sizes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="CI smoke: tiny DB, short runs")
    parser.add_argument("--events", type=int, default=100_000, help="events in the main DB")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="sizes for cost growth")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=float, default=10, help="seconds per repeat")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of warm-up")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--postgres", default="auto", help="'auto' (a throwaway local cluster), a URL, or 'off'"
    )
    parser.add_argument("--out", type=Path, default=None, help="results folder")
    parser.add_argument(
        "--only",
        default=None,
        help="comma-separated parts to make, the rest skipped: workloads ("
        + ", ".join(LABELS)
        + "), ceiling, mixed, sizes, postgres (with workloads named, only those on PostgreSQL)",
    )
    args = parser.parse_args()
    if args.quick:
        args.events, args.sizes, args.repeats = 2000, "1000,2000", 1
        args.duration = args.warmup = 1
        args.postgres = "off" if args.postgres == "auto" else args.postgres
    options = Options(
        quick=args.quick,
        ids=200 if args.quick else 20_000,
        main_size=args.events,
        sizes=[int(size) for size in args.sizes.split(",") if size],
        seed=args.seed,
        duration=args.duration,
        warmup=args.warmup,
        repeats=args.repeats,
        connections=args.connections,
        postgres=args.postgres,
        out=args.out or (RESULTS / "quick" if args.quick else RESULTS),
        only=set(args.only.split(",")) if args.only else None,
    )
    unknown = (options.only or set()) - {*LABELS, "ceiling", "mixed", "sizes", "postgres"}
    if unknown:
        sys.exit(f"bench: --only names no part {', '.join(sorted(unknown))}")
    if shutil.which("wrk") is None:
        sys.exit("bench: wrk is missing; install it with `apt-get install wrk` (Debian).")
    result = run(options)
    options.out.mkdir(parents=True, exist_ok=True)
    (options.out / "latest.json").write_text(json.dumps(result, indent=2) + "\n")
    table = markdown(result)
    (options.out / "latest.md").write_text(table)
    plot(result, options.out / "latest.png")
    print(table)
    log(f"wrote {options.out}/latest.json, latest.md and latest.png")
    failed = errors(result)
    if failed:
        sys.exit("bench: some measurements failed:\n" + "\n".join(failed))


if __name__ == "__main__":
    main()
