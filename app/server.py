"""The server `conflict-facts serve` runs: uvicorn with its httptools parser, held to limits on
the request head and to deadlines on clients that stall.

uvicorn's httptools protocol bounds neither the size of a request head nor its number of
headers, and gives a client that sends a head slowly, or stops reading its answer, all the
time it wants. `GuardedHttpTools` is that protocol with those bounds added at the socket,
before any byte reaches the parser or the app; deadlines on a request's body are the app's
(app.limits), where a refusal can be an ordinary problem+json answer.
"""

import asyncio
import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

import httptools
import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app import problems
from app.settings import Settings

MAX_HEAD_BYTES = 64 * 1024
"""Longest request line and headers together; a longer head is answered 431 and closed."""

MAX_HEADERS = 100
"""Most header fields in one request; more are answered 431 and closed."""

KEEP_ALIVE_TIMEOUT = 5
"""Seconds an idle keep-alive connection is kept open between requests (uvicorn's default)."""


@dataclass(frozen=True)
class Deadlines:
    head: float
    """Seconds a connection has to send a whole request head, from when it opens or its
    previous answer was sent; a partial head is then answered 408, an idle connection closed."""
    send: float
    """Seconds a client may leave a full send buffer unread before its connection is dropped.
    The buffer resumes once the client has read 48 KiB of it: at 30 s, a client reading less
    than about 1.6 KiB/s is dropped too."""


log = logging.getLogger("uvicorn.error")


class HeadRefused(httptools.HttpParserError):
    """Raised from a parser callback to stop reading a head that breaks a limit.

    A subclass of the parser's own error, so that uvicorn stops parsing and answers;
    `GuardedHttpTools.send_400_response` gives the answer its status.
    """


class GuardedHttpTools(HttpToolsProtocol):
    """uvicorn's httptools protocol with MAX_HEAD_BYTES, MAX_HEADERS and `deadlines` enforced.

    The head is counted as bytes arrive, before the parser sees them: httptools joins the
    pieces of a long header line by concatenation, which costs time quadratic in its length.
    """

    def __init__(self, *args: Any, deadlines: Deadlines, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadlines = deadlines

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.head_bytes = 0
        self.header_count = 0
        self.reading_head = True
        self.heads = 0  # heads read whole on this connection
        self.refusal: tuple[int, str] | None = None
        self.head_timer: asyncio.TimerHandle | None = None
        self.send_timer: asyncio.TimerHandle | None = None
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        for timer in (self.head_timer, self.send_timer):
            if timer is not None:
                timer.cancel()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if not self.reading_head:
            super().data_received(data)
            return
        room = MAX_HEAD_BYTES - self.head_bytes
        if len(data) <= room:
            self.head_bytes += len(data)
            super().data_received(data)
            return
        # Feed only what the head may still take: if it ends there, the rest is its body.
        self.head_bytes = MAX_HEAD_BYTES
        heads = self.heads
        super().data_received(data[:room])
        if self.transport.is_closing():
            return
        if self.heads == heads:
            detail = f"The request line and headers are longer than {MAX_HEAD_BYTES} bytes."
            self._refuse(431, detail)
            return
        super().data_received(data[room:])

    # Parser callbacks

    def on_header(self, name: bytes, value: bytes) -> None:
        self.header_count += 1
        if self.header_count > MAX_HEADERS:
            self.refusal = (431, f"A request has at most {MAX_HEADERS} header fields.")
            raise HeadRefused(self.refusal[1])
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self.reading_head = False
        self.heads += 1
        if self.head_timer is not None:
            self.head_timer.cancel()
            self.head_timer = None
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        # What comes next is the head of the next request on this connection.
        self.reading_head = True
        self.head_bytes = 0
        self.header_count = 0

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_head_timer()

    # Flow control

    def pause_writing(self) -> None:
        super().pause_writing()
        if self.send_timer is None:
            self.send_timer = self.loop.call_later(self.deadlines.send, self._send_timed_out)

    def resume_writing(self) -> None:
        super().resume_writing()
        if self.send_timer is not None:
            self.send_timer.cancel()
            self.send_timer = None

    # Refusals

    def send_400_response(self, msg: str) -> None:
        status, detail = self.refusal or (400, "The request is not valid HTTP/1.1.")
        self._refuse(status, detail)

    def _arm_head_timer(self) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
        self.head_timer = self.loop.call_later(self.deadlines.head, self._head_timed_out)

    def _head_timed_out(self) -> None:
        self.head_timer = None
        if not self.reading_head or self.transport.is_closing():
            return
        if self.head_bytes:
            self._refuse(408, f"The request head did not arrive within {self.deadlines.head:g} s.")
        else:
            self.transport.close()  # idle: nothing to answer

    def _send_timed_out(self) -> None:
        self.send_timer = None
        log.info("%s left its answer unread for %g s: dropped", self._peer(), self.deadlines.send)
        # Abort, not close: closing would wait to flush what the client does not read.
        self.transport.abort()

    def _refuse(self, status: int, detail: str) -> None:
        """Answer `status` with a problem+json body, then close the connection."""
        body = problems.body(status, detail, instance=_path(getattr(self, "url", b"")))
        head = [
            f"HTTP/1.1 {status} {problems.phrase(status)}",
            f"content-type: {problems.PROBLEM_JSON}",
            f"content-length: {len(body)}",
            "cache-control: no-store",
            "connection: close",
        ]
        self.transport.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        self.transport.close()
        if status != 400:
            log.info("%s: %d %s", self._peer(), status, detail)

    def _peer(self) -> str:
        return f"{self.client[0]}:{self.client[1]}" if self.client else "a client"


def _path(url: bytes) -> str:
    """Return the path of a request target read so far, or "" if there is none yet."""
    path = url.split(b"?", 1)[0]
    return path.decode("latin-1") if path.startswith(b"/") else ""


def config(settings: Settings, **options: Any) -> dict[str, Any]:
    """Return uvicorn's options for serving the app with `settings`, and `options` added."""
    trusted = settings.trusted_proxies.strip()
    return {
        "factory": True,
        "http": partial(
            GuardedHttpTools,
            deadlines=Deadlines(head=settings.head_timeout, send=settings.send_timeout),
        ),
        "timeout_keep_alive": KEEP_ALIVE_TIMEOUT,
        # uvicorn trusts X-Forwarded-For from 127.0.0.1 unless told otherwise, which would let
        # any local client, or one behind a local proxy, spoof its address: off unless set.
        "proxy_headers": bool(trusted),
        "forwarded_allow_ips": trusted or "",
        **options,
    }


def run(settings: Settings, **options: Any) -> None:
    """Serve the app with uvicorn (see `config`); `options` are uvicorn's (host, port, …)."""
    uvicorn.run("app.main:create_app", **config(settings, **options))
