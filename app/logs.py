"""Logs an operator can use: one line per request, and each error with its traceback, both
carrying the request id the client was given (`X-Request-ID`).

Nothing here configures logging on import. `conflict-facts serve` hands `config()` to uvicorn,
which applies it in every worker; an app served otherwise (mounted in another app, under a
plain `uvicorn` command, in the tests) logs wherever its host's logging sends these loggers.
A line never holds a header or a body, so no key, no `Authorization` header, no bundle.
"""

import logging
import re
import time
from typing import Any, Literal

from starlette.types import ASGIApp, Message, Receive, Scope, Send

ACCESS = logging.getLogger("conflict_facts.access")
"""One INFO line per request: method, path, status, duration and request id."""

ERRORS = logging.getLogger("conflict_facts.errors")
"""One ERROR line per failed request, with its traceback and request id."""

LogFormat = Literal["text", "json"]

TEXT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"


def is_request_id(value: str) -> bool:
    """Return whether a client's `X-Request-ID` is fit to echo: 1–128 visible ASCII characters.

    Any tracing scheme's ids pass (not only UUIDs); anything else is replaced by a new id.
    """
    return re.fullmatch(r"[\x21-\x7e]{1,128}", value) is not None


def config(log_format: LogFormat) -> dict[str, Any]:
    """Return the `logging.config.dictConfig` dict for a server: these loggers and uvicorn's
    own (start-up, shutdown, its errors) to stderr, as text or as JSON lines; uvicorn's access
    log is left out, since `RequestLog` writes one with the request id."""
    formatter: dict[str, Any] = (
        {"()": "pythonjsonlogger.json.JsonFormatter", "fmt": JSON_FIELDS, "timestamp": False}
        if log_format == "json"
        else {"format": TEXT}
    )
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "default",
        "stream": "ext://sys.stderr",
    }
    logger = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": formatter},
        "handlers": {"default": handler},
        "loggers": {
            "conflict_facts": logger,
            "uvicorn": logger,
            "uvicorn.access": {"level": "WARNING"},
        },
    }


class RequestLog:
    """Log each HTTP request once it is answered.

    It sits outermost, so the request id is the one in the answer, whichever layer set it (a
    replayed answer gets a new one), and the duration covers every layer. The app's own
    failures are logged by app.problems.Unexpected, inside, where the request id is known;
    one that escapes even the outer middleware is logged here before it goes on.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        answer: dict[str, Any] = {}

        async def send_noting(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
                answer["headers"] = message.get("headers", ())  # read only if logged
            await send(message)

        try:
            await self.app(scope, receive, send_noting)
        except Exception:
            fields = _fields(scope, answer, began)
            ERRORS.exception(
                "%s %s failed (request id %s)",
                fields["method"],
                fields["path"],
                fields["request_id"],
                extra=fields,
            )
            raise
        finally:
            if ACCESS.isEnabledFor(logging.INFO):
                fields = _fields(scope, answer, began)
                ACCESS.info(
                    '%s "%s %s" %s %.1f ms (request id %s)',
                    fields["client"],
                    fields["method"],
                    fields["path"],
                    fields["status"],
                    fields["duration_ms"],
                    fields["request_id"],
                    extra=fields,
                )


def _fields(scope: Scope, answer: dict[str, Any], began: float) -> dict[str, Any]:
    """Return what is logged of a request: never a header but the answer's request id."""
    query = scope.get("query_string", b"")
    client = scope.get("client")
    request_id = next(
        (value for name, value in answer.get("headers", ()) if name.lower() == b"x-request-id"),
        None,
    )
    return {
        "method": scope["method"],
        "path": scope["path"] + (f"?{query.decode('latin-1')}" if query else ""),
        "status": answer.get("status"),
        "duration_ms": round((time.perf_counter() - began) * 1000, 1),
        "request_id": request_id.decode("latin-1") if request_id else None,
        "client": client[0] if client else None,
    }
