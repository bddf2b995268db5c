"""Conditional GETs: entity tags (a stored rendering's, app.rendering, or a hash of the body)
and 304 Not Modified."""

import hashlib

from fastapi import Request, Response
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.changes import Version
from app.rendering import etag


def streamed_etag(request: Request, version: Version, media_type: str) -> str:
    """Return the weak entity tag of a streamed answer to `request` in `media_type`, when the
    data is at `version` (app.changes.newest).

    Hashing a stream's bytes would mean holding all of them before sending the first. The data
    version moves with every write, so the tag changes whenever the answer may have, and at
    worst when it did not; weak, because it vouches for the content, not for the bytes.
    """
    asked = f"{version} {media_type} {request.url.path}?{request.url.query}"
    return 'W/"' + hashlib.blake2b(asked.encode(), digest_size=16).hexdigest() + '"'


def not_modified(request: Request, tag: str) -> Response | None:
    """Return a 304 answer when the request's `If-None-Match` matches `tag`, else None.

    A streamed answer checks this before it starts, so a match costs no query beyond the tag's.
    """
    if_none_match = request.headers.get("if-none-match")
    if if_none_match and matches(if_none_match, tag):
        return Response(status_code=304, headers={"ETag": tag})
    return None


def matches(if_none_match: str, tag: str) -> bool:
    """Return whether an If-None-Match value matches `tag` by weak comparison (RFC 9110)."""
    if if_none_match.strip() == "*":
        return True
    opaque = tag.removeprefix("W/")
    return any(
        candidate.strip().removeprefix("W/") == opaque for candidate in if_none_match.split(",")
    )


def cache_control(path: str, status: int) -> str:
    """Return the Cache-Control for a GET answer.

    Data changes when curators write, so caches must revalidate every time (`no-cache`); the
    ETag makes that cheap. Stored source texts never change once stored, so they are immutable.
    Errors and probes describe a moment, not a resource, so nobody stores them.
    """
    if status >= 400 or path in ("/healthz", "/readyz"):
        return "no-store"
    if path.startswith("/v1/sources/") and path.endswith("/text"):
        return "public, max-age=31536000, immutable"
    return "public, no-cache"


class ConditionalGet:
    """Give every GET answer an ETag and a Cache-Control, and answer a matching
    `If-None-Match` with 304 Not Modified and no body (RFC 9110 §13.1.2).

    A JSON or HTML answer is hashed whole, so its ETag changes exactly when its bytes do.
    A streamed answer (one without a Content-Length: exports, the dump) passes as it comes,
    with the weak ETag its handler set from the data version (`streamed_etag`).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = scope["path"].removeprefix(scope.get("root_path", ""))
        if_none_match = Headers(scope=scope).get("if-none-match")
        start: Message = {}  # the response start, held back until the ETag is known
        chunks: list[bytes] = []
        passing = suppressed = False

        async def send_conditionally(message: Message) -> None:
            nonlocal start, passing, suppressed
            if message["type"] == "http.response.start":
                start = message
                headers = MutableHeaders(scope=message)
                status = message["status"]
                headers.setdefault("cache-control", cache_control(path, status))
                if status != 200 or "etag" in headers or "content-length" not in headers:
                    passing = True
                    tag = headers.get("etag")
                    if status == 200 and tag and if_none_match and matches(if_none_match, tag):
                        suppressed = True
                        await _not_modified(message, send)
                        return
                    await send(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            if passing:
                if not suppressed:
                    await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            tag = etag(body)
            headers = MutableHeaders(scope=start)
            headers["etag"] = tag
            if if_none_match and matches(if_none_match, tag):
                await _not_modified(start, send)
                return
            await send(start)
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, send_conditionally)


async def _not_modified(start: Message, send: Send) -> None:
    """Send a 304 carrying the validators and caching headers of `start`, and no body."""
    # RFC 9110 §15.4.5: a 304 carries the headers a 200 would have about caching, no content.
    keep = {b"etag", b"cache-control", b"vary", b"content-location", b"expires", b"date"}
    headers = [(name, value) for name, value in start["headers"] if name.lower() in keep]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
