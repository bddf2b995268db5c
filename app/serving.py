"""Serving: every GET of a record or a page of records answers stored renderings
(app.rendering); nothing is rendered, and nothing written, to answer a read.

A detail is one primary-key read of its stored bytes and ETag; a page of a list is one keyset
query joined to its records' stored items (app.pagination). The routes are the contract; the
commonest read, a plain `GET /v1/{kind}/{id}`, is also answered before them by `StoredReads`,
a lean ASGI layer that answers the same bytes and headers at a thirtieth of the cost.
"""

import asyncio
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, get_origin
from urllib.parse import parse_qsl
from uuid import uuid4

from fastapi import HTTPException, Response
from pydantic import ValidationError
from sqlalchemy import Connection, Engine, bindparam, select
from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar
from starlette.datastructures import URL, Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import kinds, problems, rendering
from app.caching import cache_control, matches
from app.db import get_or_404
from app.kinds import Kind
from app.limits import Slots
from app.logs import is_request_id
from app.models import Retractable
from app.pagination import Below, ListQuery, next_link, stored_page
from app.rendering import RENDERED
from app.security import JSON_HEADERS

JSON = "application/json"
JSON_TYPE = JSON.encode()

STORED = select(RENDERED.c.body, RENDERED.c.etag).where(
    RENDERED.c.kind == bindparam("kind"), RENDERED.c.id == bindparam("id")
)
"""The one query of a stored rendering, built once: building it per request costs more than
running it."""


def stored(connection: Connection, variant: str, id: str) -> tuple[bytes, str] | None:
    """Return the body and ETag of the `variant` rendering (`event.detail`) of record `id`."""
    row = connection.execute(STORED, {"kind": variant, "id": id}).first()
    return None if row is None else (row.body, row.etag)


def ensure_live(kind: Kind, row: Retractable, include_retracted: bool = False) -> None:
    """Raise the 410 problem, with the retraction, for a retracted `row` (unless asked to
    include retracted records)."""
    retraction = row.retraction
    if retraction is not None and not include_retracted:
        record_id = getattr(row, "id")  # noqa: B009 - SQLModel types `id` per table
        detail = (
            f"{kind.singular.capitalize()} {record_id!r} was retracted: {retraction.reason} "
            "(`?include_retracted=true` shows it)."
        )
        raise problems.ProblemException(410, detail, retraction=retraction)


def detail(session: Session, kind: Kind, id: str, include_retracted: bool = False) -> Response:
    """Return the stored answer to `GET /v1/{kind}/{id}`, with its ETag.

    Raises HTTPException 404 when there is no such record, and the 410 problem for a
    retracted fact unless `include_retracted`.
    """
    connection = session.connection()
    variants = [rendering.detail(kind)]
    if include_retracted and kind.fact:
        variants.insert(0, rendering.everything(kind))
    for variant in variants:
        found = None if "\x00" in id else stored(connection, variant, id)
        if found is not None:
            return Response(found[0], media_type=JSON, headers={"ETag": found[1]})
    row = get_or_404(session, kind.table, id)
    if isinstance(row, Retractable):
        ensure_live(kind, row)
    detail = f"{kind.singular} {id!r} has no stored rendering: run `conflict-facts render`."
    raise HTTPException(500, detail)


# --- the lean path --------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredList:
    """A list the lean path also answers: its kind, its route's query model, and the function
    of the route that selects its rows (a statement, and what it knows of the rows sorting
    low; see app.pagination.Below)."""

    kind: Kind
    model: type[ListQuery]
    select: Callable[[Session, Any], tuple[SelectOfScalar[Any], Below | None]]
    repeatable: frozenset[str] = field(init=False)
    names: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        fields = self.model.model_fields
        names = {name: info.alias or name for name, info in fields.items()}
        lists = {names[n] for n, info in fields.items() if get_origin(info.annotation) is list}
        object.__setattr__(self, "repeatable", frozenset(lists))
        object.__setattr__(self, "names", frozenset(names.values()))

    def query(self, query_string: bytes) -> ListQuery | None:
        """Return the query a plain JSON page of this list is asked with, as the route reads
        it; None for anything else (a search, a format, a parameter given twice or empty, an
        invalid one), which the route answers."""
        params: dict[str, Any] = {}
        # As Starlette reads a query string.
        for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
            if not value or name not in self.names or name in LEFT_TO_THE_ROUTE:
                return None
            if name in self.repeatable:
                params.setdefault(name, []).append(value)
            elif name in params:
                return None
            else:
                params[name] = value
        try:
            return self.model.model_validate(params)
        except ValidationError:
            return None


LEFT_TO_THE_ROUTE = frozenset({"q", "format"})
"""List parameters the lean path leaves to the route: a search counts against a rate limit, and
a format may be an export."""

JSON_ACCEPTED = frozenset({b"", b"*/*", b"application/json"})
"""`Accept` values for which a list answers JSON without weighing anything (app.exports)."""

DETAILS: dict[str, str] = {kind.name: rendering.detail(kind) for kind in kinds.KINDS}
"""The stored rendering a plain `GET /v1/{kind}/{id}` answers, by the kind's URL name."""

STORED_TAG = "SELECT etag FROM rendered WHERE kind = {mark} AND id = {mark}"
STORED_BODY = "SELECT body, etag FROM rendered WHERE kind = {mark} AND id = {mark}"

PASS = frozenset({b"authorization", b"transfer-encoding", b"range"})
"""Request headers with which the full path answers: a curator's answer is private, a body is
refused, a range is the full path's to judge."""


class StoredReads:
    """ASGI middleware answering the commonest read, `GET /v1/{kind}/{id}` with no query, from
    the stored rendering: one primary-key read, and for a matching `If-None-Match` a 304 from
    the stored ETag alone, without reading the body.

    FastAPI's route stays the contract: this answers only what it would answer 200 or 304, with
    the same status, headers and bytes (tests/test_serving.py compares every kind, with and
    without `Origin`, `X-Request-ID`, `If-None-Match` and a root path), and passes every other
    request on: a query, a HEAD, credentials, a body, a record not stored (404, 410), a request
    id the app would replace, a database error. What it skips is the routing, validation,
    dependency injection, the thread pool and eight layers of middleware, which cost four
    times the read (docs/performance.md). It holds one of the process's work slots (app.limits)
    while it reads, and passes the request on, to be refused there, when none is free.

    SQLite is read on the event loop, on a connection of this process's own: one row by its
    key takes microseconds and WAL readers never wait for the writer, less than handing it to
    a thread. PostgreSQL is read in a thread, each with a connection of its own.
    """

    def __init__(
        self,
        app: ASGIApp,
        engine: Engine,
        slots: Slots,
        cors: CORSMiddleware,
        lists: dict[str, StoredList] | None = None,
    ) -> None:
        self.app = app
        self.lists = lists or {}
        self.engine = engine
        self.slots = slots
        self.cors = cors
        self.inline = engine.dialect.name == "sqlite"
        mark = "?" if self.inline else "%s"
        self.tag_query = STORED_TAG.format(mark=mark)
        self.body_query = STORED_BODY.format(mark=mark)
        self.local = threading.local()
        self.connections: list[Any] = []
        self.threads = ThreadPoolExecutor(4, thread_name_prefix="stored-reads")
        weakref.finalize(self, self.close)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        # The path as the router sees it: under a root path, without it (and `path` may hold
        # it or not: an app mounted in another, or behind a proxy's `--root-path`).
        path: str = scope["path"]
        root: str = scope.get("root_path", "")
        if root and path.startswith(root + "/"):
            path = path[len(root) :]
        parts = path.split("/")
        listing = self.lists.get(parts[2]) if len(parts) == 3 and parts[1] == "v1" else None
        variant = None
        if listing is None and not scope["query_string"] and len(parts) == 4 and parts[1] == "v1":
            variant = DETAILS.get(parts[2])
        if (listing is None and variant is None) or "\x00" in path:
            await self.app(scope, receive, send)
            return
        if variant is not None and not parts[3]:
            await self.app(scope, receive, send)
            return
        origin = request_id = if_none_match = None
        accept = b""
        for name, value in scope["headers"]:
            if name == b"origin":
                origin = value if origin is None else origin
            elif name == b"x-request-id":
                request_id = value if request_id is None else request_id
            elif name == b"if-none-match":
                if_none_match = value if if_none_match is None else if_none_match
            elif name == b"accept":
                accept = value.strip().lower() if not accept else b"?"
            elif name in PASS or (name == b"content-length" and value != b"0"):
                await self.app(scope, receive, send)
                return
        if request_id is not None and not is_request_id(request_id.decode("latin-1")):
            await self.app(scope, receive, send)  # replaced, and logged, by the app
            return
        query = None
        if listing is not None:
            query = listing.query(scope["query_string"]) if accept in JSON_ACCEPTED else None
            if query is None:
                await self.app(scope, receive, send)
                return
        if not self.slots.take():
            await self.app(scope, receive, send)  # refused there, as every request is
            return
        found: tuple[bytes | None, bytes] | None
        link = None
        try:
            if listing is not None and query is not None:
                found, link = await self.page(listing, query, scope, if_none_match)
            else:
                found = await self.read(str(variant), parts[3], if_none_match)
        except Exception:  # the full path answers what is wrong, as a problem
            found = None
        finally:
            self.slots.give_back()
        if found is None:
            await self.app(scope, receive, send)
            return
        body, tag = found
        caching = (b"cache-control", cache_control(path, 200).encode())
        if listing is not None:
            start = [(b"vary", b"Accept")]
            if link is not None:
                start.append((b"link", link.encode("latin-1")))
            if body is None:  # app.caching.ConditionalGet's 304 keeps these
                start = [start[0], caching, (b"etag", tag)]
            else:  # as the route's Response, then app.security and app.caching, set them
                length = (b"content-length", b"%d" % len(body))
                start += [length, (b"content-type", JSON_TYPE), *JSON_HEADERS, caching]
                start.append((b"etag", tag))
        elif body is None:  # as app.caching.ConditionalGet answers a match
            start = [(b"etag", tag), caching]
        else:  # as the route's Response, then app.security and app.caching, set them
            length = (b"content-length", b"%d" % len(body))
            start = [(b"etag", tag), length, (b"content-type", JSON_TYPE), *JSON_HEADERS, caching]

        async def send_with_request_id(message: Message) -> None:
            # Last, as CorrelationIdMiddleware, outermost, adds it; a new one as it makes them.
            message["headers"].append((b"x-request-id", request_id or uuid4().hex.encode()))
            await send(message)

        # The CORS headers, by the very code of the app's CORS middleware.
        origins = Headers(raw=[(b"origin", origin)] if origin is not None else [])
        message = {"type": "http.response.start", "status": 304 if body is None else 200}
        await self.cors.send(message | {"headers": start}, send_with_request_id, origins)
        await send({"type": "http.response.body", "body": body or b""})

    async def page(
        self, listing: StoredList, query: ListQuery, scope: Scope, if_none_match: bytes | None
    ) -> tuple[tuple[bytes | None, bytes], str | None]:
        """Return the page of `listing` that `query` asks for and its ETag, the body None if
        `if_none_match` matches the ETag, and the `Link` of the next page (None on the last).
        Raises what the route would answer as a problem (a cursor not issued, a timeout).

        Read in a thread, on either backend: a page may walk many rows (up to the query
        timeout), and the event loop must go on serving meanwhile."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.threads, self._page, listing, query, scope, if_none_match
        )

    def _page(
        self, listing: StoredList, query: ListQuery, scope: Scope, if_none_match: bytes | None
    ) -> tuple[tuple[bytes | None, bytes], str | None]:
        with Session(self.engine) as session:
            statement, below = listing.select(session, query)
            variants = [rendering.item(listing.kind)]
            body, next_cursor = stored_page(session, statement, query, variants, below=below)
        link = None if next_cursor is None else next_link(URL(scope=scope), next_cursor)
        tag = rendering.etag(body)
        if if_none_match is not None and matches(if_none_match.decode("latin-1"), tag):
            return (None, tag.encode()), link
        return (body, tag.encode()), link

    async def read(
        self, variant: str, id: str, if_none_match: bytes | None
    ) -> tuple[bytes | None, bytes] | None:
        """Return the stored body and ETag of the `variant` rendering of `id`, the body None if
        `if_none_match` matches the ETag; or None if there is no such rendering."""
        if self.inline:
            return self._read(variant, id, if_none_match)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.threads, self._read, variant, id, if_none_match)

    def _read(
        self, variant: str, id: str, if_none_match: bytes | None
    ) -> tuple[bytes | None, bytes] | None:
        connection = self._connection()
        cursor = connection.cursor()
        try:
            if if_none_match is not None:
                cursor.execute(self.tag_query, (variant, id))
                row = cursor.fetchone()
                if row is None:
                    return None
                tag: str = row[0]
                if matches(if_none_match.decode("latin-1"), tag):
                    return None, tag.encode()
            cursor.execute(self.body_query, (variant, id))
            row = cursor.fetchone()
        except Exception:
            self._forget(connection)  # a broken connection is opened again by the next read
            raise
        finally:
            cursor.close()
        return None if row is None else (bytes(row[0]), row[1].encode())

    def _connection(self) -> Any:
        """Return this thread's connection to the database, opened on first use."""
        connection: Any = getattr(self.local, "connection", None)
        if connection is None:
            # Out of the pool for good, opened as the engine opens any connection.
            connection = self.engine.raw_connection()
            connection.detach()
            if not self.inline:
                connection.dbapi_connection.autocommit = True  # each read sees the newest
            self.local.connection = connection
            self.connections.append(connection)
        return connection

    def _forget(self, connection: Any) -> None:
        self.local.connection = None
        with suppress(ValueError):
            self.connections.remove(connection)
        with suppress(Exception):
            connection.close()

    def close(self) -> None:
        """Close every connection this layer opened, and its threads."""
        self.threads.shutdown(wait=False)
        for connection in list(self.connections):
            with suppress(Exception):
                connection.close()
        self.connections.clear()
