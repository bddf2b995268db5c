"""`/healthz` and `/readyz`: probes for process managers and load balancers."""

from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from app import migrations, problems

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(Health):
    revision: str


@router.get("/healthz", summary="Liveness")
def get_health() -> Health:
    """Answer 200 while the process is up; it does not touch the database."""
    return Health()


@router.get("/readyz", summary="Readiness", responses=problems.responses(503))
def get_readiness(request: Request) -> Readiness:
    """Answer 200 when the database is reachable and migrated to the head revision, else 503."""
    try:
        revision = migrations.current(request.app.state.engine)
    except SQLAlchemyError as exc:
        raise HTTPException(503, "The database is unreachable.") from exc
    if revision != migrations.head():
        raise HTTPException(
            503, f"The database is at revision {revision!r}, not {migrations.head()!r}."
        )
    return Readiness(revision=revision)
