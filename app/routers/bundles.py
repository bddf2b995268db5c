"""`/v1/bundles`: ingest a bundle, a source and the facts it supports, over HTTP."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from app import bundles, problems
from app.auth import CuratorDep
from app.bundles import Bundle, Summary
from app.idempotency import IdempotencyDep
from app.writes import WriteDep

router = APIRouter(prefix="/v1/bundles", tags=["bundles"])


@router.post(
    "",
    summary="Ingest a bundle",
    status_code=201,
    responses={
        200: {"model": Summary, "description": "Nothing changed, or a dry run"},
        # 400: a body that is not even text (not UTF-8), refused before it is read as JSON.
        **problems.responses(400, 401, 403, 413, 422, 429),
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
) -> Summary:
    """Check a bundle whole and write it in one transaction, or nothing; records a revision
    for every record it inserts or changes (201), and changes nothing when it holds nothing
    new (200)."""
    try:
        summary = bundles.load(write, bundle, "POST /v1/bundles", by=curator)
    except bundles.BundleError as exc:
        raise problems.invalid(
            [
                problems.ProblemError(
                    location="body", name=p.pointer, detail=p.message, record_id=p.fact_id
                )
                for p in exc.problems
            ]
        ) from exc
    summary.dry_run = dry_run
    response.status_code = 200 if dry_run or not (summary.inserted or summary.updated) else 201
    if dry_run:
        write.rollback()
    else:
        idempotency.remember(response.status_code, summary.model_dump_json().encode(), {})
        write.commit()
    return summary
