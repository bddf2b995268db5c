"""`/healthz` and `/readyz`: probes for process managers and load balancers."""

from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError

from app import migrations, problems, rendering

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(Health):
    revision: str
    in_flight: int = Field(description="Requests being computed now in this process.")
    capacity: int = Field(description="Requests it computes at once (`MAX_CONCURRENCY`).")


@router.get("/healthz", summary="Liveness")
def get_health() -> Health:
    """Answer 200 while the process is up; it does not touch the database."""
    return Health()


@router.get("/readyz", summary="Readiness", responses=problems.responses(503))
def get_readiness(request: Request) -> Readiness:
    """Answer 200 when the database is reachable, migrated to the head revision and rendered
    by this code, and the process has a free slot for a request; else 503, so that a load
    balancer sends requests elsewhere."""
    slots = request.app.state.slots
    if slots.busy >= slots.limit:
        detail = f"At capacity: {slots.busy} of {slots.limit} requests in flight."
        raise HTTPException(503, detail, headers={"Retry-After": problems.RETRY_AFTER})
    engine = request.app.state.engine
    try:
        revision = migrations.current(engine)
        if revision == migrations.head():
            with engine.connect() as connection:
                rendered_by = rendering.stored_fingerprint(connection)
    except SQLAlchemyError as exc:
        raise HTTPException(503, "The database is unreachable.") from exc
    if revision != migrations.head():
        raise HTTPException(
            503, f"The database is at revision {revision!r}, not {migrations.head()!r}."
        )
    if rendered_by != rendering.fingerprint():
        detail = "The stored renderings were made by other code: run `conflict-facts migrate`."
        raise HTTPException(503, detail)
    return Readiness(revision=revision, in_flight=slots.busy, capacity=slots.limit)
