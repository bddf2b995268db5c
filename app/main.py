"""The application factory."""

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import auth, caching, idempotency, logs, openapi, problems, security, serving
from app.bulk import BulkFiles, directory_for
from app.db import make_engine
from app.limits import Admission, RateLimits, Slots
from app.routers import (
    actors,
    bundles,
    changes,
    dump,
    embed,
    events,
    explorer,
    figures,
    health,
    places,
    schemas,
    search,
    sources,
    statements,
    timeline,
    vocabularies,
)
from app.settings import Settings

STATIC = Path(__file__).with_name("static")
"""The explorer's script and style sheet."""

DESCRIPTION = """
What happened, how many, who said what — and where exactly does it say so?

conflict-facts serves **events**, **figures** (quantities with the source's own hedge, such as
"more than 6,500") and **statements** (who said what) about the Armenia–Azerbaijan conflict,
linked to **actors**, **places** and **sources**. Every fact carries citations: `start`/`end`
offsets (Unicode code points) into a stored source text, where `text[start:end] == exact`.
Fetch the text from `/v1/sources/{id}/text` to verify any of them.

Lists are cursor-paginated (`next_cursor`, and an RFC 8288 `Link` header). They also export as
CSV, GeoJSON (events, places) and JSON-LD, chosen by `?format=` or `Accept`; an export without
`limit` sends every matching record (a whole list as a file built once per data version; with
filters, 1,000 at a time). `/v1/dump` sends every record as NDJSON, a file with `Range`.
`/v1/search` finds events, figures, statements and sources by their words, best match first.
Errors are RFC 9457 `application/problem+json`, whatever was asked for.
"""

TAGS = [
    {"name": "events", "description": "What happened: dated, placed, with the actors' roles."},
    {
        "name": "timeline",
        "description": "Events in date order, as precise as they are known, with their facts.",
    },
    {"name": "figures", "description": "How many: quantities with the source's own qualifier."},
    {"name": "statements", "description": "Who said what, and who reported it."},
    {"name": "sources", "description": "Where it is said: articles, reports and their texts."},
    {"name": "actors", "description": "People, states, bodies and organisations."},
    {"name": "places", "description": "Where events happen, with WGS 84 coordinates."},
    {"name": "embeds", "description": "HTML cards of one fact for other sites, and oEmbed."},
    {
        "name": "search",
        "description": "Full-text search over events, figures, statements and sources.",
    },
    {
        "name": "exports",
        "description": "Every record at once, as NDJSON. Lists also export as CSV, GeoJSON"
        " and JSON-LD: `?format=` or the `Accept` header.",
    },
    {"name": "bundles", "description": "Adding facts: a source and the facts it supports."},
    {"name": "changes", "description": "Every change in commit order, to mirror the data."},
    {"name": "health", "description": "Liveness and readiness probes."},
]


def allowed_methods(app: Starlette, scope: Scope) -> list[str]:
    """Return every method some route of `app` answers at the path of `scope`, sorted, with
    HEAD wherever GET is.

    Starlette's 405 names only the first route matching the path, so `/v1/events/{id}` would
    name GET but not the PATCH route beside it (RFC 9110 §15.5.6 asks for all of them).
    """
    methods: set[str] = set()
    for route in iter_route_contexts(app.routes):
        if route.methods and route.matches(scope)[0] is not Match.NONE:
            methods |= route.methods
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


class HeadAsGet:
    """Answer HEAD like GET without the body (RFC 9110 §9.3.2), which FastAPI routes don't,
    and name in the `Allow` header of a 405 every method the path takes, HEAD included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"

        async def send_as_head(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                methods = allowed_methods(scope["app"], scope)
                if methods:
                    MutableHeaders(raw=message["headers"])["allow"] = ", ".join(methods)
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"} if head else scope, receive, send_as_head)


class ProblemCORS(CORSMiddleware):
    """Starlette's CORS middleware, refusing a preflight with a problem+json 400, as every
    error is answered, instead of its plain text."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "OPTIONS":
            headers = Headers(scope=scope)
            if "origin" in headers and "access-control-request-method" in headers:
                response = self.preflight_response(request_headers=headers)
                if response.status_code == 400:
                    refused = bytes(response.body).decode().removeprefix("Disallowed CORS ")
                    detail = f"This cross-origin request is not allowed: its {refused}."
                    kept = {
                        name: value
                        for name, value in response.headers.items()
                        if name.startswith("access-control-") or name == "vary"
                    }
                    kept["Cache-Control"] = "no-store"
                    request = Request(scope)
                    response = problems.problem(request, 400, detail, headers=kept)
                await response(scope, receive, send)
                return
        await super().__call__(scope, receive, send)


CORS: dict[str, Any] = {
    "allow_origins": ["*"],
    "allow_methods": ["GET", "HEAD", "OPTIONS"],
    "allow_headers": ["If-None-Match", "X-Request-ID"],
    "allow_credentials": False,
    "expose_headers": ["ETag", "Link", "X-Request-ID", "Retry-After"],
    "max_age": 86400,
}
"""Any site may read the API from a browser; no credentials are sent cross-origin."""


def operation_id(route: APIRoute) -> str:
    """Return the camelCase operationId for a handler: `list_events` → `listEvents`."""
    first, *rest = route.name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def rate_limit_prefix(settings: Settings) -> str:
    """Return the prefix of this deployment's counts in a shared rate-limit store: one per
    database, so that deployments sharing a Redis count apart."""
    digest = hashlib.blake2b(settings.database_url.encode(), digest_size=8).hexdigest()
    return f"conflict-facts:{digest}"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Return a new, independent conflict-facts app using `settings` (else the environment)."""
    settings = settings or Settings()
    engine = make_engine(settings.database_url, settings.query_timeout_ms, settings.max_concurrency)
    files = BulkFiles(engine, directory_for(settings.database_url, settings.bulk_dir))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        files.close()
        engine.dispose()

    app = FastAPIOffline(
        title="conflict-facts",
        version="0.1.0",
        summary="Verifiable facts about an armed conflict, cited to the character.",
        description=DESCRIPTION,
        license_info={"name": "MIT", "identifier": "MIT"},
        contact={"name": "conflict-facts maintainers"},
        openapi_tags=TAGS,
        generate_unique_id_function=operation_id,
        lifespan=lifespan,
        # No OpenTelemetry is set up: looking for its providers on every request costs a
        # tenth of a stored answer (app.serving).
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.slots = Slots(settings.max_concurrency)
    app.state.bulk = files
    app.state.rate_limits = RateLimits(settings.rate_limit_storage, rate_limit_prefix(settings))
    problems.install(app)
    idempotency.install(app)
    routers = [events.router, timeline.router, figures.router, figures.summary_router]
    routers += [m.router for m in (statements, sources, actors, places, search, dump, embed)]
    for router in (*routers, bundles.router, vocabularies.router, schemas.router, changes.router):
        # Any request may be too large or shed under load, and any query may time out.
        app.include_router(router, responses=problems.responses(413, 414, 500, 503))
    # The probes are never shed; /readyz documents its own 503.
    app.include_router(health.router, responses=problems.responses(413, 414, 500))
    app.include_router(explorer.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    openapi.install(app)
    # Added innermost first. Admission (sizes, keys, bodies, slots) sits inside everything else,
    # so that its refusals carry the security headers, request id, CORS and `Cache-Control:
    # no-store` like any error; the request id and CORS wrap everything, the security headers of
    # a HEAD are those of its GET, and the ETag is computed on the GET body that HEAD shares.
    app.add_middleware(
        Admission,
        slots=app.state.slots,
        check_key=auth.check_key,
        body_timeout=settings.body_timeout,
    )
    app.add_middleware(security.SecurityHeaders)
    app.add_middleware(caching.ConditionalGet)
    app.add_middleware(HeadAsGet)
    # Outside ConditionalGet, so that an answer to a request bearing a key is never cached.
    app.add_middleware(auth.PrivateWhenAuthenticated)
    app.add_middleware(ProblemCORS, **CORS)
    app.add_middleware(
        CorrelationIdMiddleware, header_name="X-Request-ID", validator=logs.is_request_id
    )
    # The commonest read, answered from its stored rendering before any of the layers above.
    cors = CORSMiddleware(app, **CORS)  # its headers, the same as the middleware's
    lists = {"events": events.LIST}
    app.add_middleware(
        serving.StoredReads, engine=engine, slots=app.state.slots, cors=cors, lists=lists
    )
    # Outermost of all: the access line times every layer and carries the answer's request id.
    app.add_middleware(logs.RequestLog)
    return app
