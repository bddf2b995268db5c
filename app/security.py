"""Security headers for every response, and the Content-Security-Policy of each HTML page.

Set here and only here. No page runs an inline script that could carry data: the explorer
loads one script from the app itself, cards have no script at all, and the docs pages' own
inline bootstrap script is allowed by its hash.
"""

import base64
import hashlib
import re
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TEMPLATES = Path(__file__).with_name("templates")

STATIC = Path(__file__).with_name("static")

CARD_STYLE = (TEMPLATES / "card.css").read_text(encoding="utf-8") + (
    STATIC / "chart.css"
).read_text(encoding="utf-8")
"""The style sheet inlined in every embed card (with the explorer's chart styles), allowed by
its hash and by nothing else."""


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


_LOCKED = "base-uri 'none'; form-action 'none'"

EXPLORER = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    f"connect-src 'self'; {_LOCKED}; frame-ancestors 'none'"
)
"""Every HTML page but cards and docs: the app's own script and styles, never framed."""

CARD = f"default-src 'none'; style-src {_hash(CARD_STYLE)}; {_LOCKED}; frame-ancestors *"
"""Embed cards: no script at all, the one inline style sheet, framed by any site."""

# Swagger UI and ReDoc set styles from script, ReDoc runs a worker from a blob: URL, and
# Swagger UI shows data: images; their inline bootstrap script is added by hash.
DOCS = (
    "default-src 'none'; script-src 'self'{scripts}; style-src 'self' 'unsafe-inline'; "
    f"img-src 'self' data:; connect-src 'self'; worker-src blob:; {_LOCKED}; "
    "frame-ancestors 'none'"
)
DOCS_PAGES = ("/docs", "/docs/oauth2-redirect", "/redoc")

_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def policy(path: str, body: bytes = b"") -> str:
    """Return the Content-Security-Policy for the HTML page at `path` (relative to the app).

    `body` is the page, read only for the docs pages, whose inline scripts (no data, only
    the app's own settings) are allowed by their hashes.
    """
    if path.startswith("/embed/"):
        return CARD
    if path in DOCS_PAGES:
        hashes = "".join(f" {_hash(m.decode())}" for m in _INLINE_SCRIPT.findall(body))
        return DOCS.format(scripts=hashes)
    return EXPLORER


JSON_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
"""What every answer carries, whatever it is."""


class SecurityHeaders:
    """Send `nosniff` and `Referrer-Policy` on every response, and on HTML pages a
    Content-Security-Policy and, unless the page is an embed card, `X-Frame-Options: DENY`
    for browsers that predate `frame-ancestors`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Mounted under a prefix, or behind a proxy's root_path, `path` still holds it.
        root, path = scope.get("root_path", ""), scope["path"]
        if root and path.startswith(root):
            path = path[len(root) :] or "/"
        held: list[Message] = []

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in JSON_HEADERS:
                    headers[name.decode()] = value.decode()
                if not headers.get("content-type", "").startswith("text/html"):
                    await send(message)
                elif path in DOCS_PAGES:
                    held.append(message)  # its policy depends on the body
                else:
                    _html_headers(headers, policy(path))
                    await send(message)
                return
            if held and message["type"] == "http.response.body":
                held.append(message)
                if message.get("more_body"):
                    return
                start, *parts = held
                body = b"".join(part.get("body", b"") for part in parts)
                _html_headers(MutableHeaders(scope=start), policy(path, body))
                held.clear()
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _html_headers(headers: MutableHeaders, csp: str) -> None:
    headers["Content-Security-Policy"] = csp
    if csp is not CARD:
        headers["X-Frame-Options"] = "DENY"
