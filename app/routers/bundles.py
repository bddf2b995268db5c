"""`/v1/bundles`: ingest a bundle, a source and the facts it supports, over HTTP."""

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from app import bundles, problems
from app.auth import CuratorDep
from app.bundles import Bundle, Summary
from app.idempotency import IdempotencyDep
from app.writes import WriteDep

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml")
"""Media types of a YAML bundle; anything else is read as JSON."""


class YAMLRequest(Request):
    """A request with a YAML body, which FastAPI reads as the JSON value it denotes."""

    def __init__(self, request: Request) -> None:
        # FastAPI reads `json()` only for a JSON media type.
        headers = [(k, v) for k, v in request.scope["headers"] if k != b"content-type"]
        scope = {**request.scope, "headers": [*headers, (b"content-type", b"application/json")]}
        super().__init__(scope, request.receive)

    async def json(self) -> Any:
        """Return the body's value. Raises ProblemException (422) for a body that is not
        YAML without aliases, UnicodeDecodeError for one that is not UTF-8."""
        if not hasattr(self, "_json"):
            self._json = await run_in_threadpool(_parse, await self.body())
        return self._json


def _parse(body: bytes) -> Any:
    # A body that is not UTF-8 raises UnicodeDecodeError: FastAPI's 400, as for JSON.
    try:
        return bundles.parse_yaml(body.decode("utf-8"), aliases=False)
    except bundles.BundleError as exc:
        raise _problems(exc.problems) from exc


def _problems(found: list[bundles.Problem]) -> problems.ProblemException:
    return problems.invalid(
        [
            problems.ProblemError(
                location="body", name=p.pointer, detail=p.message, record_id=p.fact_id, line=p.line
            )
            for p in found
        ]
    )


async def _with_lines(
    request: Request, found: list[problems.ProblemError]
) -> list[problems.ProblemError]:
    """Return `found`, each body problem with the line of the YAML body its pointer leads to."""
    if all(error.line or error.location != "body" for error in found):
        return found  # the body did not parse: its one problem has its line
    lines = await run_in_threadpool(bundles.yaml_lines, (await request.body()).decode("utf-8"))
    return [
        error.model_copy(update={"line": lines(error.name)}) if error.location == "body" else error
        for error in found
    ]


class BundleRoute(APIRoute):
    """A route that takes a bundle as JSON or YAML; a YAML body's problems carry their line."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route_handler(request: Request) -> Response:
            media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media_type not in YAML_TYPES:
                return await handler(request)
            request = YAMLRequest(request)
            try:
                return await handler(request)
            except RequestValidationError as exc:
                found = problems.validation_errors(exc)
                raise problems.invalid(await _with_lines(request, found)) from exc
            except problems.ProblemException as exc:
                if exc.status_code == 422 and exc.errors:
                    exc.errors = await _with_lines(request, exc.errors)
                raise

        return route_handler


router = APIRouter(prefix="/v1/bundles", tags=["bundles"], route_class=BundleRoute)


@router.post(
    "",
    summary="Ingest a bundle",
    status_code=201,
    openapi_extra={
        "requestBody": {
            "content": {
                media_type: {"schema": {"$ref": "#/components/schemas/Bundle"}}
                for media_type in ("application/json", "application/yaml")
            }
        }
    },
    responses={
        200: {"model": Summary, "description": "Nothing changed, or a dry run"},
        # 400: a body that is not even text (not UTF-8), refused before it is read as JSON.
        **problems.responses(400, 401, 403, 409, 413, 422, 429),
    },
)
def create_bundle(
    bundle: Bundle,
    curator: CuratorDep,
    write: WriteDep,
    idempotency: IdempotencyDep,
    response: Response,
    dry_run: Annotated[
        bool, Query(description="Check and report what would change, but write nothing.")
    ] = False,
    override: Annotated[
        bool,
        Query(
            description="Set back fields corrected since the bundle was ingested (otherwise a "
            "409); each revision's reason says what it overrode."
        ),
    ] = False,
) -> Summary:
    """Check a bundle whole and write it in one transaction, or nothing; records a revision
    for every record it inserts or changes (201), and changes nothing when it holds nothing
    new (200)."""
    try:
        summary = bundles.load(write, bundle, "POST /v1/bundles", by=curator, override=override)
    except bundles.ConflictError as exc:
        raise conflict(exc) from exc
    except bundles.BundleError as exc:
        raise _problems(exc.problems) from exc
    summary.dry_run = dry_run
    response.status_code = 200 if dry_run or not (summary.inserted or summary.updated) else 201
    if dry_run:
        write.rollback()
    else:
        idempotency.remember(response.status_code, summary.model_dump_json().encode(), {})
        write.commit()
    return summary


def conflict(exc: bundles.ConflictError) -> problems.ProblemException:
    """Return the 409 naming every corrected field the bundle would set back."""
    records = len({c.record_id for c in exc.conflicts})
    fields = ", ".join(f"{c.record_id}.{c.field}" for c in exc.conflicts)
    detail = (
        f"The bundle would undo {len(exc.conflicts)} correction"
        f"{'s' if len(exc.conflicts) > 1 else ''} to {records} record"
        f"{'s' if records > 1 else ''} made since it was ingested ({fields}); see `conflicts`. "
        "Update the bundle to the corrected values, or send it with `override=true`."
    )
    return problems.ProblemException(
        409,
        detail,
        conflicts=[
            problems.ProblemConflict(
                name=c.pointer,
                record_id=c.record_id,
                field=c.field,
                stored=c.stored,
                bundle=c.bundle,
                changed_by=c.by,
                changed_at=c.at,
                changed_in=c.origin.value,
                reason=c.reason,
            )
            for c in exc.conflicts
        ],
    )
