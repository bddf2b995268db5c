"""Bounded cost per request: body and query-string sizes, requests in flight, rate limits.

The sizes and the concurrency limit are ASGI middleware, so they hold for every route; rate
limits are a dependency of the routes they protect, counted in the database so that every
worker process of one deployment shares them.
"""

import time
from typing import Any

from fastapi import HTTPException, Request
from sqlalchemy import case
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import problems
from app.models import RateLimit

MAX_BODY = 2 * 1024 * 1024
"""Largest request body accepted; larger ones are answered 413."""

MAX_QUERY_BYTES = 4096
"""Longest query string accepted, percent-encoded; longer ones are answered 414."""

RATE_WINDOW_SECONDS = 60
"""Rate limits count requests in fixed windows of this length."""

UNSHED_PATHS = frozenset({"/healthz", "/readyz"})
"""Probes answer even under overload: load balancers need them to tell overload from death."""


class RequestLimits:
    """Refuse a query string over MAX_QUERY_BYTES (414) and a body over MAX_BODY (413).

    The body is checked by its Content-Length and again as it streams in, since a chunked
    body declares no length. (FastAPI's own `max_body_size` answers a declared oversize in
    plain text, whatever the app answers, so it cannot give a problem+json.)
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope["query_string"]) > MAX_QUERY_BYTES:
            detail = f"The query string is longer than {MAX_QUERY_BYTES} bytes."
            await _refuse(scope, receive, send, 414, detail)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > MAX_BODY:
            await _refuse(scope, receive, send, 413, _too_large())
            return
        received = 0

        async def receive_bounded() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > MAX_BODY:
                # Raised inside the app, where the problem handlers render it.
                raise HTTPException(413, _too_large())
            return message

        await self.app(scope, receive_bounded, send)


def _too_large() -> str:
    return f"A request body holds at most {MAX_BODY} bytes (2 MiB)."


class ConcurrencyLimit:
    """Answer 503 with Retry-After at once when `limit` requests are already in flight.

    Refusing early keeps latency bounded for the requests being served, instead of queueing
    without bound. The count is per process: N worker processes serve N × `limit`.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "").removeprefix(scope.get("root_path", ""))
        if scope["type"] != "http" or path in UNSHED_PATHS:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            detail = "The server is at capacity; retry shortly."
            await _refuse(scope, receive, send, 503, detail, {"Retry-After": problems.RETRY_AFTER})
            return
        # One event loop per process: no other task runs between the check and the increment.
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


async def _refuse(
    scope: Scope,
    receive: Receive,
    send: Send,
    status: int,
    detail: str,
    headers: dict[str, str] | None = None,
) -> None:
    response = problems.problem(Request(scope), status, detail, headers=headers)
    await response(scope, receive, send)


class RateLimited:
    """A dependency allowing each client `setting` (a Settings field; 0 for no limit) requests
    per minute; with `only_with`, it counts only the requests carrying that query parameter.

    The client is its IP address (run uvicorn with `--proxy-headers` behind a proxy). Raises
    HTTPException 429 with Retry-After, the seconds left in the window, beyond the limit.
    """

    def __init__(self, name: str, setting: str, only_with: str | None = None) -> None:
        self.name = name
        self.setting = setting
        self.only_with = only_with

    def __call__(self, request: Request) -> None:
        limit: int = getattr(request.app.state.settings, self.setting)
        if not limit or (self.only_with and self.only_with not in request.query_params):
            return
        client = request.client.host if request.client else "unknown"
        hit(request, f"{self.name}:{client}", limit)


def hit(request: Request, bucket: str, limit: int) -> None:
    """Count one request against `bucket`. Raises HTTPException 429 beyond `limit` a minute.

    One UPSERT in its own transaction, so it holds no lock during the request and counts
    even requests that fail; every process of a deployment shares the count.
    """
    now = time.time()
    window = int(now // RATE_WINDOW_SECONDS * RATE_WINDOW_SECONDS)
    engine = request.app.state.engine
    insert: Any = sqlite_insert if engine.dialect.name == "sqlite" else postgresql_insert
    statement = (
        insert(RateLimit)
        .values(bucket=bucket, window_start=window, count=1)
        .on_conflict_do_update(
            index_elements=["bucket"],
            set_={
                "window_start": window,
                "count": case(
                    (RateLimit.window_start == window, RateLimit.count + 1),  # type: ignore[arg-type]
                    else_=1,
                ),
            },
        )
        .returning(RateLimit.count)
    )
    with engine.begin() as connection:
        count: int = connection.execute(statement).scalar_one()
    if count > limit:
        retry_after = max(1, round(window + RATE_WINDOW_SECONDS - now))
        raise HTTPException(
            429,
            f"More than {limit} requests a minute; retry in {retry_after} s.",
            headers={"Retry-After": str(retry_after)},
        )


SEARCHES = RateLimited("search", "search_rate_limit", only_with="q")
"""Searches, by `/v1/search` or `q` on a list, share one limit per client."""
