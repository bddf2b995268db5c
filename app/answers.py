"""Whole answers to plain reads, kept per process and replayed while the data is unchanged.

The data is read far more than written, and most reads are the same few URLs. Answering one
takes FastAPI's routing and validation, a query, serialisation and hashing for the ETag;
replaying a kept answer takes one indexed read of the data version. Every write appends a
revision in its own transaction (app.changes), so the newest revision's `seq` and time name
the data exactly: a kept answer is replayed only while they are unchanged, on every worker.
(Data loaded by `conflict-facts synth`, for benchmarks only, writes no revisions: restart the
servers after loading it.)

Only plain reads are kept: a GET or HEAD under /v1/ with no body, no credentials, no
`Origin`, no `If-None-Match` and no `X-Request-ID` (those change the answer's headers; they
take the full path), and no search words (`q`) while searches are rate limited, since the
limit counts every request. An answer is kept only if it is a 200 of known length (not
streamed) up to MAX_ANSWER, so errors and exports always take the full path.
"""

import asyncio
import weakref
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from random import getrandbits
from typing import Any
from urllib.parse import parse_qsl

from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import changes
from app.db import in_memory

MAX_BYTES = 32 * 1024 * 1024
"""The most answer bytes a process keeps; the least recently used go first."""

MAX_ANSWER = 1024 * 1024
"""The largest answer kept: a bigger one is rare and would push out many small ones."""

BYPASS = frozenset(
    {
        *(b"authorization", b"origin", b"if-none-match", b"x-request-id", b"transfer-encoding"),
        b"range",
    }
)
"""Request headers with which the full path answers: their answers' headers differ, the
request has a body, which the full path refuses (a read takes none), or asks for a part."""

REQUEST_ID = b"x-request-id"
"""Made afresh for each replayed answer, as CorrelationIdMiddleware does."""


@dataclass(frozen=True)
class Answer:
    version: Any
    headers: list[tuple[bytes, bytes]]
    body: bytes


class DataVersion:
    """Reads the data version on a connection of its own, one read at a time.

    SQLite is read on the event loop: one row by its key takes microseconds and never waits
    for the writer (WAL), less than handing it to a thread. PostgreSQL answers over the
    network, so it is read in a thread of its own, on a connection that stays open: a pooled
    connection would add a ping per checkout, and waiting for one could wait for requests
    that need the event loop to finish.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.inline = engine.dialect.name == "sqlite"
        self.usable = not in_memory(engine.url)
        # Compiled once, for the driver's own connection (see `_read`).
        compiled = changes.NEWEST.compile(
            dialect=engine.dialect, compile_kwargs={"literal_binds": True}
        )
        self.query = str(compiled)
        self.connection: Any = None
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="data-version")
        self.next: asyncio.Future[Any] | None = None
        self.reader: asyncio.Task[None] | None = None

    def _read(self) -> Any:
        if self.connection is None:
            # Out of the pool for good, opened as the engine opens any connection.
            self.connection = self.engine.raw_connection()
            self.connection.detach()
            if not self.inline:
                self.connection.dbapi_connection.autocommit = True  # each read sees the newest
            # Closed with this object, even where no lifespan runs (an app mounted in another).
            weakref.finalize(self, self.connection.close)
        try:
            cursor = self.connection.cursor()
            cursor.execute(self.query)
            row = cursor.fetchone()
            cursor.close()
        except Exception:
            self.close()  # a broken connection is opened again by the next read
            raise
        return None if row is None else tuple(row)

    async def read(self) -> Any:
        """Return the `seq` and time of the newest revision (app.changes.NEWEST; None if
        none): the data version. Raises the driver's error if the database is not there."""
        if self.inline:
            return self._read()
        # Requests waiting together share the next read: each needs a read that starts after
        # it arrived (so that it sees every write committed before), and one read serves all
        # of them, one network round trip for many requests.
        if self.next is None:
            self.next = asyncio.get_running_loop().create_future()
            if self.reader is None or self.reader.done():
                self.reader = asyncio.create_task(self._read_for_waiters())
        return await asyncio.shield(self.next)

    async def _read_for_waiters(self) -> None:
        """Read the version for the requests waiting, again while more arrive meanwhile."""
        loop = asyncio.get_running_loop()
        while self.next is not None:
            waiting, self.next = self.next, None  # later arrivals wait for the next read
            try:
                waiting.set_result(await loop.run_in_executor(self.thread, self._read))
            except Exception as exc:
                waiting.set_exception(exc)

    def close(self) -> None:
        """Close the connection, if open; the next read opens another."""
        connection, self.connection = self.connection, None
        if connection is not None:
            connection.close()


class KeptAnswers:
    """ASGI middleware keeping and replaying whole answers to plain reads (see the module)."""

    def __init__(
        self,
        app: ASGIApp,
        version: DataVersion,
        max_bytes: int = MAX_BYTES,
        searches_limited: bool = True,
    ) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self.searches_limited = searches_limited
        self.kept: OrderedDict[tuple[bytes, ...], Answer] = OrderedDict()
        self.size = 0

    def key(self, scope: Scope) -> tuple[bytes, ...] | None:
        """Return the key of a plain read's answer, or None if `scope` is not one."""
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return None
        root = scope.get("root_path", "")
        if not scope["path"].removeprefix(root).startswith("/v1/"):
            return None
        query: bytes = scope["query_string"]
        # Names are decoded before they are judged: `%71=` is `q=`.
        named = b"q=" in query or b"%" in query
        searching = named and "q" in dict(parse_qsl(query.decode("latin-1")))
        if searching and self.searches_limited:
            return None
        accept = host = b""
        for name, value in scope["headers"]:
            if name in BYPASS or (name == b"content-length" and value != b"0"):
                return None
            if name == b"accept":
                accept = value  # lists are also CSV, GeoJSON and JSON-LD, by Accept
            elif name == b"host":
                host = value  # links in an answer are absolute
        server = repr(scope.get("server")).encode()  # the host when no Host header names it
        path = scope["path"].encode()
        return (scope["scheme"].encode(), host, server, root.encode(), path, query, accept)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self.key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        try:
            version = await self.version.read()
        except Exception:  # the full path answers what is wrong, as a problem
            await self.app(scope, receive, send)
            return
        kept = self.kept.get(key)
        if kept is not None and kept.version == version:
            self.kept.move_to_end(key)
            await replay(kept, scope["method"] == "HEAD", send)
            return
        if scope["method"] == "HEAD":
            await self.app(scope, receive, send)
            return
        start: Message = {}
        chunks: list[bytes] | None = None  # the body of an answer worth keeping

        async def send_and_keep(message: Message) -> None:
            nonlocal start, chunks
            if message["type"] == "http.response.start":
                start = message
                if message["status"] == 200:
                    length = dict(message["headers"]).get(b"content-length", b"")
                    if length.isdigit() and int(length) <= MAX_ANSWER:
                        chunks = []
            elif message["type"] == "http.response.body" and chunks is not None:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self.keep(key, version, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, send_and_keep)

    def keep(self, key: tuple[bytes, ...], version: Any, start: Message, body: bytes) -> None:
        """Keep the answer that `start` and `body` make, at `version`."""
        headers = [(name, value) for name, value in start["headers"] if name != REQUEST_ID]
        old = self.kept.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self.kept[key] = Answer(version, headers, body)
        self.size += len(body)
        while self.size > self.max_bytes:
            _, dropped = self.kept.popitem(last=False)
            self.size -= len(dropped.body)


async def replay(answer: Answer, head: bool, send: Send) -> None:
    """Send a kept answer again, with a new request id; without its body for a HEAD."""
    # 32 hex digits, as CorrelationIdMiddleware's ids; an id need not be unguessable, and a
    # system call for random bytes took a twentieth of the replay.
    headers = [*answer.headers, (REQUEST_ID, b"%032x" % getrandbits(128))]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else answer.body})
