"""Bulk files: `/v1/dump` and the whole-list CSV and GeoJSON exports, each built once per data
version and then served as a file, as large open data sets publish theirs.

Streaming every record to each client that asks cost seconds of CPU per request, and a client
that stopped reading kept a read transaction open for as long as it stayed connected. A file
is built by one thread of the process, at most one file at a time, in one read transaction
of its own; every request for it then costs what sending a file costs, with a strong ETag,
`Range` and `If-Range`. A request waiting for a build holds no work slot (app.limits), and a
write during a build only means the next request builds again.
"""

import asyncio
import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.utils import format_datetime
from pathlib import Path
from typing import BinaryIO, Protocol

from fastapi import Request
from sqlalchemy import Engine
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
from app.models.revisions import as_utc


class Output(Protocol):
    """Where a bulk file's bytes are written."""

    def write(self, data: bytes, /) -> int: ...


Writer = Callable[[Session, Output], None]
"""Writes a file's content from a session whose transaction is one snapshot of the data."""

log = logging.getLogger(__name__)

LAG = 4
"""After a build of over a second, the file is served for LAG times as long again before a
write makes the next request build a new one."""

KEPT_VERSIONS = 2
"""Versions of each file kept on disk: the newest and the one before, which a download that
began just before a build may still be opening."""


def _digest(name: str, version: Version) -> str:
    return hashlib.blake2b(f"{name} {version}".encode(), digest_size=12).hexdigest()


def tag(name: str, version: Version) -> str:
    """Return the strong ETag of file `name` at data version `version`."""
    return f'"{_digest(name, version)}"'


@dataclass(frozen=True)
class Built:
    """A built file: the data version it holds, where it is, when its build ended and how
    long it took."""

    version: Version
    path: Path
    finished: float = 0.0  # time.monotonic()
    seconds: float = 0.0

    def fresh_enough(self) -> bool:
        """Return whether the file may still be served after a write: for a while after a
        build of over a second (LAG times its length), so that builds take at most a fifth of
        the builder's time however often curators write."""
        return self.seconds > 1 and time.monotonic() < self.finished + LAG * self.seconds


@dataclass
class BulkFiles:
    """The bulk files of one app, in a temporary directory of its own (removed by `close`)."""

    engine: Engine
    directory: Path | None = None  # made by the first build
    builder: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="bulk")
    )
    files: dict[str, Built] = field(default_factory=dict)
    building: dict[str, "asyncio.Future[Built]"] = field(default_factory=dict)

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

    async def ready(self, name: str, version: Version, write: Writer) -> Built:
        """Return file `name` at `version` or newer, building it if needed (one build of a file
        at a time, shared by every request waiting for it)."""
        built = self.files.get(name)
        if built is not None and (built.version == version or built.fresh_enough()):
            return built
        pending = self.building.get(name)
        if pending is not None:
            built = await asyncio.shield(pending)
            if built.version == version:
                return built
            # That build began before `version` was read, and may hold older data.
        return await asyncio.shield(self._start(name, write))

    def _start(self, name: str, write: Writer) -> "asyncio.Future[Built]":
        """Start building file `name` unless a build of it began meanwhile; return the build.

        Awaited shielded: a client that leaves does not cancel a build others wait for.
        """
        pending = self.building.get(name)
        if pending is None:
            pending = asyncio.get_running_loop().run_in_executor(
                self.builder, self._build, name, write
            )
            self.building[name] = pending

            def done(finished: "asyncio.Future[Built]") -> None:
                self.building.pop(name, None)
                if not finished.cancelled() and finished.exception() is None:
                    self.files[name] = finished.result()

            pending.add_done_callback(done)
        return pending

    def _build(self, name: str, write: Writer) -> Built:
        """Write file `name` from one snapshot of the data; return it with its version."""
        began = time.monotonic()
        with Session(self.engine) as session:
            if self.engine.dialect.name == "postgresql":
                # One snapshot for every statement of the build, as SQLite's transaction is.
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            version = changes.newest(session)
            if self.directory is None:
                self.directory = Path(tempfile.mkdtemp(prefix="conflict-facts-bulk-"))
            path = self.directory / f"{_digest(name, version)}-{name}"
            if not path.exists():
                partial = path.with_name(path.name + ".partial")
                with partial.open("wb") as out:
                    write(session, _Yielding(out))
                os.replace(partial, path)
        older = sorted(
            (p for p in self.directory.glob(f"*-{name}") if p != path),
            key=lambda p: p.stat().st_mtime,
        )
        for stale in older[: max(0, len(older) - (KEPT_VERSIONS - 1))]:
            stale.unlink(missing_ok=True)
        finished = time.monotonic()
        return Built(version, path, finished, finished - began)

    def close(self) -> None:
        """Stop building and remove every file."""
        self.builder.shutdown(wait=True, cancel_futures=True)
        if self.directory is not None:
            for path in self.directory.iterdir():
                path.unlink(missing_ok=True)
            self.directory.rmdir()


class _Yielding:
    """A binary file that lets the process's other threads run every YIELD_EVERY seconds.

    A build is Python code holding the interpreter lock; the event loop would wait for it in
    turns of 5 ms, many times per request. A short sleep hands the lock over for good.
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
        headers = {**self.extra, "ETag": tag(self.name, built.version)}
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
