"""Bounded cost per request: sizes, deadlines on bodies, work slots, rate limits.

Every request passes `Admission`, ASGI middleware around the routes, before any handler
runs: it refuses what is too large at once, checks a write's key before reading its body,
reads a body under a deadline without holding a work slot, and then gives the request one of
the process's `Slots` for as long as its answer is being computed. Rate limits are a
dependency of the routes they protect.
"""

import asyncio
import functools
import ipaddress
import logging
import math
import time
from collections.abc import Awaitable, Callable, Mapping

from fastapi import HTTPException, Request
from fastapi.routing import iter_route_contexts
from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import problems

log = logging.getLogger(__name__)

MAX_BODY = 2 * 1024 * 1024
"""Largest request body accepted; larger ones are answered 413."""

MAX_QUERY_BYTES = 4096
"""Longest query string accepted, percent-encoded; longer ones are answered 414."""

MIN_BODY_RATE = 64 * 1024
"""Bytes a second a body must average after its first BODY_TIMEOUT seconds."""

RATE_WINDOW_SECONDS = 60
"""Rate limits count requests in fixed windows of this length, from a bucket's first."""

PROBES = frozenset({"/healthz", "/readyz"})
"""Probes answer even under overload: load balancers need them to tell overload from death."""

READS = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods that take no content; every other method of this API writes, with a key."""


class Slots:
    """The work slots of one process: requests whose answers are being computed.

    One event loop per process: no other task runs between a check and a change of the count.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.busy = 0
        self.bodies = 0  # request bodies being read, which hold no slot

    def take(self) -> bool:
        """Take a slot and return True, or return False when all are busy."""
        if self.busy >= self.limit:
            return False
        self.busy += 1
        return True

    def give_back(self) -> None:
        self.busy -= 1


class Slot:
    """One request's slot, given back once however many times `give_back` is called.

    Admission puts it in the request's scope (`scope["state"]["slot"]`), so that a handler's
    answer that goes on to wait (a bulk file being built) can give it back first.
    """

    def __init__(self, slots: Slots) -> None:
        self.slots = slots
        self.held = True

    def give_back(self) -> None:
        if self.held:
            self.held = False
            self.slots.give_back()


KeyCheck = Callable[[Scope], str]
"""Returns the name of the curator key a request's headers bear; raises HTTPException."""


class Admission:
    """Admit a request to the app, refusing early what would cost more than its share:

    - a query string over MAX_QUERY_BYTES (414), a body declared over MAX_BODY (413), and a
      body on a read (GET, HEAD or OPTIONS: 413, since a read takes none);
    - a write without a valid key (`check_key`: 401, 403, 429), before its body is read;
    - a body not wholly arrived within `body_timeout` seconds plus one per MIN_BODY_RATE bytes
      (408), or growing past MAX_BODY as it streams (413). Bodies are read before the request
      takes a slot, at most `slots.limit` at a time;
    - a request finding every slot busy (503 with Retry-After at once, not queued).

    The slot is given back once the handler has its whole answer (a response with a
    Content-Length): sending it to a slow reader holds no slot. Probes take no slot. An answer
    sent before the request's body was read closes the connection, so that nothing the
    client goes on sending is read.
    """

    def __init__(
        self, app: ASGIApp, slots: Slots, check_key: KeyCheck, body_timeout: float
    ) -> None:
        self.app = app
        self.slots = slots
        self.check_key = check_key
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        has_body = "transfer-encoding" in headers or declared not in ("", "0")
        # Closes the connection after an answer given before the body was read.
        send_unread = _closing(send) if has_body else send
        refuse = functools.partial(_refuse, scope, receive, send_unread)
        if len(scope["query_string"]) > MAX_QUERY_BYTES:
            await refuse(414, f"The query string is longer than {MAX_QUERY_BYTES} bytes.")
            return
        if declared.isdigit() and int(declared) > MAX_BODY:
            await refuse(413, _too_large())
            return
        if has_body and scope["method"] in READS and _routed(scope):
            # (Unrouted, it is answered 404 or 405 as any other request, its body unread.)
            await refuse(413, f"A {scope['method']} request takes no content.")
            return
        if scope["path"].removeprefix(scope.get("root_path", "")) in PROBES:
            await self.app(scope, receive, send_unread)
            return
        if scope["method"] not in READS and _routed(scope):
            if not self.slots.take():
                await refuse(503, _busy(), {"Retry-After": problems.RETRY_AFTER})
                return
            try:
                name = await run_in_threadpool(self.check_key, scope)
            except HTTPException as exc:
                await refuse(exc.status_code, exc.detail, exc.headers)
                return
            finally:
                self.slots.give_back()
            scope.setdefault("state", {})["curator"] = name
            if has_body:
                body = await self._read_body(receive, refuse)
                if body is None:
                    return
                receive = _replaying(body, receive)
            await self._work(scope, receive, send)
            return
        await self._work(scope, receive, send_unread)

    async def _read_body(
        self, receive: Receive, refuse: Callable[..., Awaitable[None]]
    ) -> bytes | None:
        """Return the whole body, or None once it was refused (or the client left)."""
        if self.slots.bodies >= self.slots.limit:
            await refuse(503, _busy(), {"Retry-After": problems.RETRY_AFTER})
            return None
        self.slots.bodies += 1
        try:
            return await self._receive_body(receive, refuse)
        finally:
            self.slots.bodies -= 1

    async def _receive_body(
        self, receive: Receive, refuse: Callable[..., Awaitable[None]]
    ) -> bytes | None:
        began = time.monotonic()
        chunks: list[bytes] = []
        received = 0
        while True:
            # The deadline moves out as the body arrives: a minimum average rate.
            left = began + self.body_timeout + received / MIN_BODY_RATE - time.monotonic()
            try:
                message = await asyncio.wait_for(receive(), max(left, 0))
            except TimeoutError:
                detail = (
                    f"The request body did not arrive in time: {self.body_timeout:g} s, and"
                    f" one more per {MIN_BODY_RATE // 1024} KiB."
                )
                await refuse(408, detail)
                return None
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > MAX_BODY:
                await refuse(413, _too_large())
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _work(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app in a slot, given back when its whole answer is known; or answer 503."""
        if not self.slots.take():
            await _refuse(scope, receive, send, 503, _busy(), {"Retry-After": problems.RETRY_AFTER})
            return
        slot = Slot(self.slots)
        scope.setdefault("state", {})["slot"] = slot

        async def send_releasing(message: Message) -> None:
            start = message["type"] == "http.response.start"
            if start and b"content-length" in dict(message["headers"]):
                slot.give_back()
            await send(message)

        try:
            await self.app(scope, receive, send_releasing)
        finally:
            slot.give_back()


def _routed(scope: Scope) -> bool:
    """Return whether a route of the app answers this request's method at its path."""
    method = scope["method"]
    return any(
        route.methods and method in route.methods and route.matches(scope)[0] is Match.FULL
        for route in iter_route_contexts(scope["app"].routes)
    )


def _closing(send: Send) -> Send:
    """Return `send` adding `Connection: close` to the answer: for a request whose body is
    left unread."""

    async def send_closing(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message)["connection"] = "close"
        await send(message)

    return send_closing


def _replaying(body: bytes, receive: Receive) -> Receive:
    """Return a `receive` giving the app `body` whole, then what the client sends next (its
    disconnection)."""
    given = False

    async def receive_replayed() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive_replayed


def _too_large() -> str:
    return f"A request body holds at most {MAX_BODY} bytes (2 MiB)."


def _busy() -> str:
    return "The server is at capacity; retry shortly."


async def _refuse(
    scope: Scope,
    receive: Receive,
    send: Send,
    status: int,
    detail: str,
    headers: Mapping[str, str] | None = None,
) -> None:
    response = problems.problem(Request(scope), status, detail, headers=headers)
    await response(scope, receive, send)


class RateLimits:
    """The rate limits of one app: fixed one-minute windows per bucket, counted in the
    `limits` library's storage at `uri`.

    `memory://` (the default) counts in the process, so N worker processes allow N times a
    limit; `redis://host:port/db` counts in Redis, shared by every process and machine that
    uses it, under `prefix`. A bucket's count expires with its window, so the state is bounded
    by the clients seen in one minute. When the storage cannot be reached the request is let
    through, and the failure logged: the limits protect the API, they must not stop it.
    """

    def __init__(self, uri: str, prefix: str) -> None:
        options = {"key_prefix": prefix} if uri.startswith(("redis", "rediss")) else {}
        self.storage = storage_from_string(uri, **options)
        self.limiter = FixedWindowRateLimiter(self.storage)
        self.logged = 0.0

    def hit(self, bucket: str, limit: int) -> None:
        """Count one request against `bucket`. Raises HTTPException 429 beyond `limit` a minute."""
        item = RateLimitItemPerMinute(limit)
        try:
            allowed = self.limiter.hit(item, bucket)
            reset = self.limiter.get_window_stats(item, bucket).reset_time if not allowed else 0
        except Exception:  # the storage's own errors (redis.ConnectionError, …)
            if time.monotonic() - self.logged > RATE_WINDOW_SECONDS:  # once a minute at most
                self.logged = time.monotonic()
                log.exception("rate limits cannot be counted; requests are let through")
            return
        if not allowed:
            retry_after = max(1, math.ceil(reset - time.time()))
            raise HTTPException(
                429,
                f"More than {limit} requests a minute; retry in {retry_after} s.",
                headers={"Retry-After": str(retry_after)},
            )


def client_address(request: Request) -> str:
    """Return the address a client is limited by: its IP address, or its IPv6 /64 network,
    since one host may hold a whole /64. Proxy headers name it only from TRUSTED_PROXIES
    (app.server); behind a proxy not trusted, every client is the proxy."""
    host = request.client.host if request.client else "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return host


class RateLimited:
    """A dependency allowing each client `setting` (a Settings field; 0 for no limit) requests
    per minute; with `only_with`, it counts only the requests carrying that query parameter.

    Raises HTTPException 429 with Retry-After, the seconds left in the window, beyond the limit.
    """

    def __init__(self, name: str, setting: str, only_with: str | None = None) -> None:
        self.name = name
        self.setting = setting
        self.only_with = only_with

    def __call__(self, request: Request) -> None:
        limit: int = getattr(request.app.state.settings, self.setting)
        # Query parameter names are decoded first: `%71=` is `q=`.
        if not limit or (self.only_with and self.only_with not in request.query_params):
            return
        rate_limits: RateLimits = request.app.state.rate_limits
        rate_limits.hit(f"{self.name}:{client_address(request)}", limit)


SEARCHES = RateLimited("search", "search_rate_limit", only_with="q")
"""Searches, by `/v1/search` or `q` on a list, share one limit per client."""
