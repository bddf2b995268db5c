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
