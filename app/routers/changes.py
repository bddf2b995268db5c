"""`/v1/changes`: every insert, update and retraction, in commit order, to mirror the data."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from app import corrections, problems
from app.db import SessionDep
from app.models import RevisionPublic
from app.pagination import Page

router = APIRouter(prefix="/v1/changes", tags=["changes"])


class ChangeQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    since: str | None = Field(
        None,
        max_length=2048,
        description="`next_cursor` of the previous page; omit it to start from the beginning.",
    )
    limit: int = Field(25, ge=1, le=100, description="Revisions per page.")


class ChangePage(Page[RevisionPublic]):
    """A page of the change feed."""

    next_cursor: str = Field(
        description="Pass as `since` to continue; present even on the last page, to poll with."
    )


@router.get("", summary="List changes", responses=problems.responses(422))
def list_changes(
    query: Annotated[ChangeQuery, Query()],
    session: SessionDep,
    request: Request,
    response: Response,
) -> ChangePage:
    """List every revision of every record after `since`, in commit order.

    Replaying them from the start, keeping each record's latest `record`, rebuilds the current
    data exactly. A `Link: rel="next"` header says there is more; without it you are up to
    date, and the same `next_cursor` returns what is committed next.
    """
    data, cursor, _ = corrections.revisions(
        session, request, response, after=query.since, limit=query.limit
    )
    return ChangePage(data=data, next_cursor=cursor)
