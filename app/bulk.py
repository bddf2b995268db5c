"""Bulk files: `/v1/dump` and the whole-list CSV and GeoJSON exports, each built once per data
version and then served as a file, as large open data sets publish theirs.

Streaming every record to each client that asks cost seconds of CPU per request, and a client
that stopped reading kept a read transaction open for as long as it stayed connected. A file
is built in one read transaction of its own by a process of its own, at a lower priority, so
that a build of minutes on a large database takes no time from the server's own requests; every
request for it then costs what sending a file costs, with a strong ETag, `Range` and `If-Range`.

The files live in one directory (BULK_DIR) that every worker of a deployment shares: a lock on
each file name there lets one process build a file while the others wait for it, so a file
is built once per data version, not once per worker. A request waiting for a build holds no
work slot (app.limits); past BUILD_WAIT it is answered with the previous version's file, or
503 and `Retry-After` if there is none yet. A write during a build only means the next request
builds again.
"""

import asyncio
import fcntl
import hashlib
import json
import logging
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import BinaryIO, Protocol

from fastapi import Request
from sqlalchemy import Engine, make_url
from sqlmodel import Session
from starlette.datastructures import Headers
from starlette.responses import (
    FileResponse,
    MalformedRangeHeader,
    RangeNotSatisfiable,
    Response,
)
from starlette.types import Receive, Scope, Send

from app import changes, problems
from app.changes import Version
from app.db import in_memory, make_engine
from app.models.revisions import as_utc


class Output(Protocol):
    """Where a bulk file's bytes are written."""

    def write(self, data: bytes, /) -> int: ...


Writer = Callable[[Session, Output], None]
"""Writes a file's content from a session whose transaction is one snapshot of the data. It is
run in another process: a module's function, or a `functools.partial` of one with plain
values, so that it can be handed over by name."""

log = logging.getLogger("conflict_facts.bulk")

LAG = 4
"""After a build of over a second, the file is served for LAG times as long again before a
write makes the next request build a new one."""

KEPT_VERSIONS = 2
"""Versions of each file kept on disk: the newest and the one before, which a download that
began just before a build may still be sending."""

BUILD_WAIT = 10.0
"""Seconds a request waits for a build before it is answered without it: with the previous
version's file if there is one, else 503 and `Retry-After`."""

BUILDS = 2
"""Files a process builds at once (each build one process, on one core)."""

NICENESS = 10
"""How much lower than the server's the priority of a build's process is (os.nice)."""

PRELOAD = ["app.routers.dump", "app.pagination"]
"""What the process that starts builds imports once, so that each build starts at once: the
modules whose writers the bulk files use."""


def _digest(name: str, version: Version) -> str:
    return hashlib.blake2b(f"{name} {version}".encode(), digest_size=12).hexdigest()


def tag(name: str, version: Version) -> str:
    """Return the strong ETag of file `name` at data version `version`."""
    return f'"{_digest(name, version)}"'


def directory_for(database_url: str, bulk_dir: str = "") -> Path | None:
    """Return the directory of the bulk files of the database at `database_url`: `bulk_dir`
    if given; else beside a SQLite file (`<file>-bulk`), or for PostgreSQL one in the system's
    temporary directory named after the URL, which every worker finds. None for an in-memory
    database, which no other process can read: its files are built in the server's process."""
    if bulk_dir:
        return Path(bulk_dir)
    url = make_url(database_url)
    if in_memory(url):
        return None
    if url.get_backend_name() == "sqlite" and url.database:
        return Path(url.database).resolve().with_name(Path(url.database).name + "-bulk")
    digest = hashlib.blake2b(database_url.encode(), digest_size=8).hexdigest()
    return Path(tempfile.gettempdir()) / f"conflict-facts-bulk-{digest}"


@dataclass(frozen=True)
class Built:
    """A built file: the data version it holds, where it is, when its build ended (seconds
    since the epoch) and how long it took."""

    version: Version
    path: Path
    finished: float = 0.0
    seconds: float = 0.0

    @property
    def etag(self) -> str:
        """The file's strong ETag, `tag(name, version)`: its name begins with the digest."""
        return f'"{self.path.name.split("-", 1)[0]}"'

    def fresh_enough(self) -> bool:
        """Return whether the file may still be served after a write: for a while after a
        build of over a second (LAG times its length), so that builds take at most a fifth of
        the builder's time however often curators write."""
        return self.seconds > 1 and time.time() < self.finished + LAG * self.seconds


def _seq(built: Built | None) -> int:
    return -1 if built is None or built.version is None else built.version[0]


def read(path: Path) -> Built | None:
    """Return the built file at `path`, from its `.json` companion (written before the file
    itself appears); None if it is not there, or is being removed."""
    try:
        fields = json.loads(path.with_name(path.name + ".json").read_text())
    except (OSError, ValueError):
        return None
    if not path.exists():
        return None
    version = None if fields["seq"] is None else (fields["seq"], _time(fields["time"]))
    return Built(version, path, fields["finished"], fields["seconds"])


def built_versions(directory: Path, name: str) -> list[Built]:
    """Return the built versions of file `name` in `directory`, the last built first."""
    found = (read(about.with_suffix("")) for about in directory.glob(f"*-{name}.json"))
    return sorted((b for b in found if b is not None), key=lambda b: -b.finished)


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def build(engine: Engine, directory: Path, name: str, write: Writer) -> tuple[str, bool]:
    """Write file `name` into `directory` from one snapshot of the data, unless it is there at
    that snapshot's version already; remove all but the newest KEPT_VERSIONS. Returns the
    file's name in `directory` and whether it was written now. One process at a time builds a
    name: the others wait on its lock."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / f"{name}.lock").open("ab") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or the process ends
        began = time.monotonic()
        with Session(engine) as session:
            if engine.dialect.name == "postgresql":
                # One snapshot for every statement of the build, as SQLite's transaction is.
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            version = changes.newest(session)
            path = directory / f"{_digest(name, version)}-{name}"
            wrote = not path.exists()
            if wrote:
                partial = path.with_name(path.name + ".partial")
                with partial.open("wb") as out:
                    write(session, _Yielding(out))
                seconds = time.monotonic() - began
                about = {
                    "seq": None if version is None else version[0],
                    "time": None if version is None else version[1].isoformat(),
                    "finished": time.time(),
                    "seconds": seconds,
                }
                path.with_name(path.name + ".json").write_text(json.dumps(about))
                os.replace(partial, path)
        older = sorted(
            (p for p in directory.glob(f"*-{name}") if p != path),
            key=lambda p: p.stat().st_mtime,
        )
        for stale in older[: max(0, len(older) - (KEPT_VERSIONS - 1))]:
            stale.with_name(stale.name + ".json").unlink(missing_ok=True)
            stale.unlink(missing_ok=True)
    return path.name, wrote


def _build_in_child(
    database_url: str, directory: str, name: str, write: Writer, report: Connection
) -> None:
    """Run `build` in a process of its own, at a lower priority; send what it returns."""
    os.nice(NICENESS)
    engine = make_engine(database_url)
    try:
        report.send(build(engine, Path(directory), name, write))
    finally:
        engine.dispose()


class StillBuildingError(Exception):
    """The file is being built and no version of it is there yet."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


@dataclass
class BulkFiles:
    """The bulk files of one app, in `directory` (None: a temporary one of this process's own,
    removed by `close`, for an in-memory database; then builds run on a thread of it)."""

    engine: Engine
    directory: Path | None = None
    builder: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(BUILDS, thread_name_prefix="bulk")
    )
    building: dict[str, "asyncio.Future[Built]"] = field(default_factory=dict)
    processes: set[multiprocessing.process.BaseProcess] = field(default_factory=set)
    temporary: Path | None = None

    def response(
        self,
        request: Request,
        session: Session,
        name: str,
        media_type: str,
        write: Writer,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """Return the answer serving file `name` (also its download name) at the data version
        `session` reads, built by `write` if it is not yet: a 304 when `If-None-Match` names
        it. Extra `headers` go on the answer."""
        version = changes.newest(session)
        etag = tag(name, version)
        if_none_match = request.headers.get("if-none-match", "")
        if etag in (candidate.strip() for candidate in if_none_match.split(",")):
            return Response(status_code=304, headers={"ETag": etag, **(headers or {})})
        return BulkResponse(self, name, version, media_type, write, headers or {})

    def _directory(self) -> Path:
        if self.directory is not None:
            return self.directory
        if self.temporary is None:
            self.temporary = Path(tempfile.mkdtemp(prefix="conflict-facts-bulk-"))
        return self.temporary

    async def ready(self, name: str, version: Version, write: Writer) -> Built:
        """Return file `name` at `version` or newer, building it if needed (one build of a file
        at a time per process, shared by every request waiting for it; one at a time per
        directory). Past BUILD_WAIT, returns the newest version there is instead; raises
        StillBuildingError if there is none."""
        deadline = time.monotonic() + BUILD_WAIT
        wanted = tag(name, version)
        found = await asyncio.to_thread(built_versions, self._directory(), name)
        for built in found:
            if built.etag == wanted:
                return built
        # The last one built (not the highest `seq`: a restored database goes back).
        last = found[0] if found else None
        if last is not None and last.fresh_enough():
            return last
        while True:
            pending = self.building.get(name) or self._start(name, write)
            try:
                done = await asyncio.wait_for(
                    asyncio.shield(pending), max(deadline - time.monotonic(), 0)
                )
            except TimeoutError:
                if last is not None:
                    return last  # the previous version, while this one is built
                raise StillBuildingError(round(BUILD_WAIT)) from None
            if done.etag == wanted or _seq(done) > (-1 if version is None else version[0]):
                return done
            # That build read the data before `version` was written: build again.
            last = done
            if self.building.get(name) is pending:
                del self.building[name]

    def _start(self, name: str, write: Writer) -> "asyncio.Future[Built]":
        """Start building file `name`; return the build.

        Awaited shielded: a client that leaves does not cancel a build others wait for.
        """
        pending = asyncio.get_running_loop().run_in_executor(self.builder, self._build, name, write)
        self.building[name] = pending

        def done(finished: "asyncio.Future[Built]") -> None:
            if self.building.get(name) is finished:
                self.building.pop(name)

        pending.add_done_callback(done)
        return pending

    def _build(self, name: str, write: Writer) -> Built:
        """Build file `name` (in another process, unless the database is in memory); return
        the newest version there is once it is done."""
        directory = self._directory()
        began = time.monotonic()
        if self.directory is None:
            file, wrote = build(self.engine, directory, name, write)
        else:
            file, wrote = self._build_elsewhere(name, write)
        built = read(directory / file)
        if built is None:
            raise RuntimeError(f"{name} was removed as soon as it was built")
        if wrote:
            seconds = time.monotonic() - began
            log.info("built %s (data version %s) in %.1f s", name, _seq(built), seconds)
        return built

    def _build_elsewhere(self, name: str, write: Writer) -> tuple[str, bool]:
        """Run `build` in a process of its own; return what it returns."""
        context = multiprocessing.get_context("forkserver")
        # The server that forks the builds imports these once; a build then starts at once.
        context.set_forkserver_preload(PRELOAD)
        receiving, sending = context.Pipe(duplex=False)
        url = self.engine.url.render_as_string(hide_password=False)
        assert self.directory is not None  # noqa: S101 - only called with a directory
        process = context.Process(
            target=_build_in_child,
            args=(url, str(self.directory), name, write, sending),
            name=f"conflict-facts build {name}",
            daemon=True,
        )
        process.start()
        self.processes.add(process)
        sending.close()
        try:
            file, wrote = receiving.recv()
        except EOFError:  # it ended without a word: it failed, or was stopped
            process.join()
            raise RuntimeError(f"building {name} ended with code {process.exitcode}") from None
        finally:
            receiving.close()
        process.join()
        self.processes.discard(process)
        return str(file), bool(wrote)

    def close(self) -> None:
        """Stop every build; remove the files if they were this process's own."""
        for process in list(self.processes):
            process.terminate()
        self.builder.shutdown(wait=True, cancel_futures=True)
        if self.temporary is not None:
            for path in self.temporary.iterdir():
                path.unlink(missing_ok=True)
            self.temporary.rmdir()


class _Yielding:
    """A binary file that lets the process's other threads run every YIELD_EVERY seconds.

    For a build in the server's own process (an in-memory database): a build is Python code
    holding the interpreter lock, and the event loop would wait for it in turns of 5 ms, many
    times per request. A short sleep hands the lock over for good.
    """

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.since = time.monotonic()

    def write(self, data: bytes) -> int:
        written = self.out.write(data)
        if time.monotonic() - self.since > YIELD_EVERY:
            time.sleep(YIELD_FOR)
            self.since = time.monotonic()
        return written


YIELD_EVERY = 0.02
YIELD_FOR = 0.002


class BulkResponse(Response):
    """Serves a bulk file once it is built: waits for the build without a work slot, then
    sends the file (FileResponse), with `Range` and `If-Range` on its strong ETag."""

    def __init__(
        self,
        files: BulkFiles,
        name: str,
        version: Version,
        media_type: str,
        write: Writer,
        headers: dict[str, str],
    ) -> None:
        super().__init__(media_type=media_type)
        self.files = files
        self.name = name
        self.version = version
        self.write = write
        self.extra = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        slot = scope.get("state", {}).get("slot")
        if slot is not None:
            slot.give_back()  # waiting for a build, or for the client to read, is no work
        try:
            built = await self.files.ready(self.name, self.version, self.write)
        except StillBuildingError as exc:
            detail = f"The file is being built; retry in {exc.retry_after} s."
            headers = {"Retry-After": str(exc.retry_after)}
            await _problem(scope, receive, send, 503, detail, headers)
            return
        except Exception:
            log.exception("building %s failed", self.name)
            detail = "The file could not be built; retry shortly."
            await _problem(scope, receive, send, 503, detail, {"Retry-After": "5"})
            return
        size = built.path.stat().st_size
        range_problem = _range_problem(Headers(scope=scope).get("range"), size)
        if range_problem is not None:
            status, detail, headers = range_problem
            await _problem(scope, receive, send, status, detail, headers)
            return
        headers = {**self.extra, "ETag": built.etag}
        if built.version is not None:
            headers["Last-Modified"] = format_datetime(as_utc(built.version[1]), usegmt=True)
        response = FileResponse(
            built.path, media_type=self.media_type, headers=headers, filename=self.name
        )
        await response(scope, receive, send)


def _range_problem(value: str | None, size: int) -> tuple[int, str, dict[str, str]] | None:
    """Return the refusal of a `Range` header FileResponse would answer in plain text: 400
    for a malformed one, 416 for one beyond the file; None when it is fine or absent."""
    if value is None:
        return None
    try:
        FileResponse._parse_range_header(value, size)
    except RangeNotSatisfiable:
        detail = f"The range is beyond the file's {size} bytes."
        return 416, detail, {"Content-Range": f"bytes */{size}"}
    except MalformedRangeHeader:
        return 400, f"Not a byte range: {value[:100]!r}.", {}
    return None


async def _problem(
    scope: Scope,
    receive: Receive,
    send: Send,
    status: int,
    detail: str,
    headers: dict[str, str] | None = None,
) -> None:
    response = problems.problem(Request(scope), status, detail, headers=headers)
    await response(scope, receive, send)
