"""`/v1/statements`: who said what, and who reported it."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import Field
from sqlmodel import col, select

from app import exports, problems
from app.db import SessionDep, get_or_404, selectin
from app.models import Slug, Statement, StatementDetail, StatementKind, StatementPublic
from app.pagination import IsoDate, ListQuery, Page, PagerDep, ordered

router = APIRouter(prefix="/v1/statements", tags=["statements"])

DETAIL = (
    selectin(Statement.citations),
    selectin(Statement.event),
    selectin(Statement.speaker_actor),
    selectin(Statement.reported_by_actor),
)


class StatementQuery(ListQuery):
    sort: Literal["said_on", "-said_on", "id", "-id"] = Field(
        "said_on", description="`-` for descending. Undated statements come last."
    )
    speaker: Slug | None = Field(None, description="Statements by this actor.")
    event: Slug | None = Field(None, description="Statements about this event.")
    kind: list[StatementKind] = Field([], description="Any of these kinds (repeatable).")
    from_: IsoDate | None = Field(None, alias="from", description="Said on or after this day.")
    to: IsoDate | None = Field(None, description="Said on or before this day.")

    _dates_ordered = ordered("from_", "to", "`to` is before `from`")


class StatementPage(Page[StatementPublic]):
    """A page of statements."""


@router.get(
    "",
    summary="List statements",
    response_model=StatementPage,
    responses={**problems.responses(422), **exports.responses(Statement)},
)
def list_statements(
    query: Annotated[StatementQuery, Query()], pager: PagerDep
) -> StatementPage | Response:
    """List statements with their speaker, reporter and citations, by date said."""
    statement = select(Statement).options(selectin(Statement.citations))
    if query.speaker:
        statement = statement.where(Statement.speaker == query.speaker)
    if query.event:
        statement = statement.where(Statement.event_id == query.event)
    if query.kind:
        statement = statement.where(col(Statement.kind).in_(query.kind))
    if query.from_:
        statement = statement.where(col(Statement.said_on) >= query.from_)
    if query.to:
        statement = statement.where(col(Statement.said_on) <= query.to)
    return pager.page(statement, query, StatementPage)


@router.get("/{id}", summary="Get a statement", responses=problems.responses(404))
def get_statement(id: str, session: SessionDep) -> StatementDetail:
    """Get one statement with its citations, event, speaker and reporter."""
    return StatementDetail.model_validate(get_or_404(session, Statement, id, *DETAIL))
