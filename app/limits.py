"""Request size limits: a request body holds at most 2 MiB."""

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import problems

MAX_BODY = 2 * 1024 * 1024
"""The largest request body accepted, in bytes; a larger one is refused with 413."""


class BodyLimit:
    """Refuse a request body over MAX_BODY bytes with a 413 problem, before the app reads it.

    The body is read ahead (at most MAX_BODY bytes are ever held), so a body sent without a
    Content-Length, in chunks, is bounded too.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        too_large = declared.isdigit() and int(declared) > MAX_BODY
        chunks: list[bytes] = []
        size = 0
        more = not too_large
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            more = message.get("more_body", False)
            too_large = size > MAX_BODY
            if too_large:
                break
        if too_large:
            detail = f"A request body holds at most {MAX_BODY} bytes (2 MiB)."
            await problems.problem(Request(scope), 413, detail)(scope, receive, send)
            return
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)
