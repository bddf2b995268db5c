"""RFC 9457 problem details: the one error shape, built in one place."""

import difflib
from collections.abc import Mapping, Sequence
from datetime import datetime
from http import HTTPStatus
from typing import Any, Literal, cast

from asgi_correlation_id import correlation_id
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import logs
from app.db import timed_out
from app.models import (
    ActorCreate,
    CitationCreate,
    EventActorCreate,
    EventCreate,
    FigureCreate,
    PlaceCreate,
    Retraction,
    SourceCreate,
    StatementCreate,
)

PROBLEM_JSON = "application/problem+json"

RETRY_AFTER = "1"
"""Seconds a client is asked to wait after a 503: shed load and timeouts clear quickly."""


class ProblemError(BaseModel):
    """One invalid input: where it is, which one, and what is wrong with it."""

    location: Literal["query", "path", "header", "body"]
    name: str = Field(description="Parameter name, or a JSON pointer into the body.")
    detail: str
    record_id: str | None = Field(
        default=None,
        description="When the data refused it (an unknown reference, a quote not in the text),"
        " the id of the record the pointer is in.",
    )
    line: int | None = Field(
        default=None, description="In a YAML body, the line the pointer leads to."
    )


class ProblemConflict(BaseModel):
    """A field a bundle would set back: a curator corrected it (or retracted the fact) after
    an ingest last set it."""

    name: str = Field(description="JSON pointer to the field in the bundle.")
    record_id: str
    field: str
    stored: Any = Field(description="The value stored now, as the correction left it.")
    bundle: Any = Field(description="The value the bundle would set.")
    changed_by: str = Field(description="Who made the correction or retraction.")
    changed_at: datetime
    changed_in: Literal["correction", "retraction"]
    reason: str | None = Field(description="The reason the curator gave.")


class Problem(BaseModel):
    """An RFC 9457 problem detail, served as `application/problem+json`."""

    type: str = Field("about:blank", description="URI identifying the problem type.")
    title: str = Field(description="Short summary of the problem type (the HTTP reason).")
    status: int
    detail: str = Field(description="What went wrong for this request.")
    instance: str = Field(description="The path of the request that failed.")
    errors: list[ProblemError] | None = Field(
        default=None, description="Every invalid input, when the request was malformed."
    )
    retraction: Retraction | None = Field(
        default=None, description="On a 410: why, when and by whom the record was retracted."
    )
    conflicts: list[ProblemConflict] | None = Field(
        default=None,
        description="On a 409 from an ingest: every corrected field the bundle would set back.",
    )


class ProblemException(HTTPException):
    """An HTTPException that carries a problem's extension members (`errors`, `retraction`)."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: list[ProblemError] | None = None,
        retraction: Retraction | None = None,
        conflicts: list[ProblemConflict] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status, detail, headers=headers)
        self.errors = errors
        self.retraction = retraction
        self.conflicts = conflicts


def invalid(errors: list[ProblemError]) -> ProblemException:
    """Return the 422 listing every invalid input in `errors`."""
    count = f"{len(errors)} invalid input{'s' if len(errors) > 1 else ''}"
    return ProblemException(422, f"{count}; see `errors`.", errors=errors)


# RFC 9110's reason phrases where Python's differ (and change between Python versions).
_PHRASES = {413: "Content Too Large", 414: "URI Too Long", 422: "Unprocessable Content"}


def phrase(status: int) -> str:
    """Return RFC 9110's reason phrase for `status`: a problem's `title`."""
    return _PHRASES.get(status) or HTTPStatus(status).phrase


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_JSON


def problem(
    request: Request,
    status: int,
    detail: str,
    *,
    errors: list[ProblemError] | None = None,
    retraction: Retraction | None = None,
    conflicts: list[ProblemConflict] | None = None,
    headers: Mapping[str, str] | None = None,
) -> ProblemResponse:
    """Return the problem+json response for `status`, the only way errors are rendered."""
    body = Problem(
        title=phrase(status),
        status=status,
        detail=detail,
        # The path as sent, still percent-encoded, so it is always a valid URI reference.
        instance=request.scope.get("raw_path", b"").decode("latin-1") or request.url.path,
        errors=errors,
        retraction=retraction,
        conflicts=conflicts,
    )
    return ProblemResponse(
        body.model_dump(mode="json", exclude_none=True), status_code=status, headers=headers
    )


def body(status: int, detail: str, instance: str) -> bytes:
    """Return the problem+json bytes that `problem` answers, for a refusal made where there is
    no request to answer yet: by the server itself, on a request head it would not read."""
    problem = Problem(title=phrase(status), status=status, detail=detail, instance=instance)
    return bytes(ProblemResponse(problem.model_dump(mode="json", exclude_none=True)).body)


def _location_and_name(loc: tuple[int | str, ...]) -> tuple[Any, str]:
    """Split a pydantic error location into (`query`, `limit`) or (`body`, `/events/0/id`)."""
    where, *rest = loc if loc else ("body",)
    if where == "body":
        return "body", "".join(f"/{part}" for part in rest)
    # A repeated query parameter reports the item's index after the name: name the parameter.
    return where, str(rest[0]) if rest else ""


def _field_names() -> set[str]:
    """Return the name of every field a bundle's records (and their parts) may hold."""
    models: tuple[type[BaseModel], ...] = (ActorCreate, CitationCreate, EventActorCreate)
    models += (EventCreate, FigureCreate, PlaceCreate, SourceCreate, StatementCreate)
    return {name for model in models for name in model.model_fields} | {"text_file"}


def detail_of(error: Any) -> str:
    """Return what a pydantic `error` says, with a "did you mean" for a misspelled field."""
    detail = str(error["msg"])
    if error["type"] == "extra_forbidden" and error["loc"]:
        name = str(error["loc"][-1])
        close = difflib.get_close_matches(name, _field_names(), n=1, cutoff=0.8)
        if close and close[0] != name:  # a field elsewhere, not a misspelling
            detail += f" (did you mean {close[0]!r}?)"
    return detail


def pointer_of(loc: Sequence[Any], error: Any) -> str:
    """Return the JSON pointer of a pydantic `error` at `loc`: to the field a record-wide
    rule names (an event's dates), else to where pydantic found it."""
    field = (error.get("ctx") or {}).get("field")
    return "".join(f"/{part}" for part in loc) + (f"/{field}" if field else "")


def record_id_of(body: Any, loc: Sequence[Any]) -> str | None:
    """Return the id of the bundle record that `loc` (`kind`, index, …) points into, if any."""
    if len(loc) < 2 or not isinstance(body, dict):
        return None
    records, index = body.get(loc[0]), loc[1]
    if isinstance(records, list) and isinstance(index, int) and 0 <= index < len(records):
        record = records[index]
        id = record.get("id") if isinstance(record, dict) else None
        return id if isinstance(id, str) else None
    return None


def validation_errors(exc: RequestValidationError) -> list[ProblemError]:
    """Return the problems of a request FastAPI found invalid, with JSON pointers."""
    errors = []
    for error in exc.errors():
        if error["type"] == "json_invalid":  # its location holds a character offset
            _, offset = error["loc"]
            detail = f"{error['msg']} at character {offset}: {error['ctx']['error']}"
            errors.append(ProblemError(location="body", name="", detail=detail))
            continue
        location, name = _location_and_name(tuple(error["loc"]))
        if location == "body":
            loc = tuple(error["loc"])[1:]
            errors.append(
                ProblemError(
                    location="body",
                    name=pointer_of(loc, error),
                    detail=detail_of(error),
                    record_id=record_id_of(getattr(exc, "body", None), loc),
                )
            )
            continue
        errors.append(ProblemError(location=location, name=name, detail=error["msg"]))
    return errors


async def _http_exception(request: Request, exc: Exception) -> ProblemResponse:
    http_exc = cast(HTTPException, exc)
    return problem(
        request,
        http_exc.status_code,
        str(http_exc.detail),
        errors=getattr(http_exc, "errors", None),
        retraction=getattr(http_exc, "retraction", None),
        conflicts=getattr(http_exc, "conflicts", None),
        headers=http_exc.headers,
    )


async def _validation_exception(request: Request, exc: Exception) -> ProblemResponse:
    return await _http_exception(
        request, invalid(validation_errors(cast(RequestValidationError, exc)))
    )


async def _timeout(request: Request, exc: Exception) -> ProblemResponse:
    if not timed_out(cast(OperationalError, exc)):
        raise exc  # any other database failure is a 500, logged by the server
    budget = request.app.state.settings.query_timeout_ms
    detail = f"The database did not answer within the time budget of {budget} ms."
    return problem(request, 503, detail, headers={"Retry-After": RETRY_AFTER})


FAILED = "The server failed to answer; the error has been logged."


async def _unhandled_exception(request: Request, _exc: Exception) -> ProblemResponse:
    # Only a failure of an outer middleware gets here (Starlette's last resort, outside the
    # request id and headers), and app.logs.RequestLog has logged it.
    return problem(request, 500, FAILED)


class Unexpected:
    """Answer any exception the app did not expect with the 500 problem, from inside the
    middleware, so that it carries the request id, CORS and security headers like any error,
    and log it once, with its traceback and that request id (app.logs.ERRORS).

    An exception after the answer started (a streamed export) can only be logged; the
    server then closes the connection.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_noting(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_noting)
        except Exception:
            method, path, request_id = scope["method"], scope["path"], correlation_id.get()
            logs.ERRORS.exception(
                "%s %s failed (request id %s)",
                method,
                path,
                request_id,
                # The status, unless the answer had begun with another one.
                extra={"method": method, "path": path, "request_id": request_id}
                | ({} if started else {"status": 500}),
            )
            if not started:
                await problem(Request(scope), 500, FAILED)(scope, receive, send)


def install(app: FastAPI) -> None:
    """Render every error `app` raises, including unexpected ones, as problem+json."""
    app.add_exception_handler(HTTPException, _http_exception)
    app.add_exception_handler(RequestValidationError, _validation_exception)
    # A statement past its time budget is the server protecting itself: 503, not 500.
    app.add_exception_handler(OperationalError, _timeout)
    app.add_exception_handler(Exception, _unhandled_exception)
    # Innermost of the middleware, outside only the routes' own error handling.
    app.add_middleware(Unexpected)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Return OpenAPI `responses` entries documenting `statuses` with the problem schema."""
    return {status: {"model": Problem, "description": phrase(status)} for status in statuses}
