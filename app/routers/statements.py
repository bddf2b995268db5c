"""`/v1/statements`: who said what, and who reported it."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import Field
from sqlmodel import col, select

from app import corrections, exports, problems
from app.corrections import HistoryQuery, IncludeRetracted, RevisionPage, WriteDep
from app.db import SessionDep, get_or_404, selectin
from app.models import (
    RecordKind,
    RetractionCreate,
    Slug,
    Statement,
    StatementDetail,
    StatementKind,
    StatementPublic,
    StatementUpdate,
)
from app.models.common import IsoDate
from app.pagination import ListQuery, Page, PagerDep, ordered
from app.search import SearchDep, SearchText

router = APIRouter(prefix="/v1/statements", tags=["statements"])

DETAIL = (
    selectin(Statement.citations),
    selectin(Statement.event),
    selectin(Statement.speaker_actor),
    selectin(Statement.reported_by_actor),
)


class StatementQuery(ListQuery):
    q: SearchText | None = Field(
        None, description="Statements holding every one of these words, as `/v1/search` finds them."
    )
    sort: Literal["said_on", "-said_on", "id", "-id"] = Field(
        "said_on", description="`-` for descending. Undated statements come last."
    )
    speaker: Slug | None = Field(None, description="Statements by this actor.")
    event: Slug | None = Field(None, description="Statements about this event.")
    kind: list[StatementKind] = Field([], description="Any of these kinds (repeatable).")
    from_: IsoDate | None = Field(None, alias="from", description="Said on or after this day.")
    to: IsoDate | None = Field(None, description="Said on or before this day.")
    include_retracted: bool = Field(False, description="Also list retracted statements.")

    _dates_ordered = ordered("from_", "to", "`to` is before `from`")


class StatementPage(Page[StatementPublic]):
    """A page of statements."""


@router.get(
    "",
    summary="List statements",
    response_model=StatementPage,
    responses={**problems.responses(422, 429), **exports.responses(Statement)},
)
def list_statements(
    query: Annotated[StatementQuery, Query()], search: SearchDep, pager: PagerDep
) -> StatementPage | Response:
    """List statements with their speaker, reporter and citations, by date said."""
    statement = select(Statement).options(selectin(Statement.citations))
    if not query.include_retracted:
        statement = statement.where(col(Statement.retracted_at).is_(None))
    if query.q:
        statement = statement.where(col(Statement.id).in_(search.ids("statement", query.q)))
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


@router.get("/{id}", summary="Get a statement", responses=problems.responses(404, 410, 422))
def get_statement(
    id: str, session: SessionDep, include_retracted: IncludeRetracted = False
) -> StatementDetail:
    """Get one statement with its citations, event, speaker and reporter.

    A retracted statement answers 410 with the reason, unless `include_retracted=true`.
    """
    row = get_or_404(session, Statement, id, *DETAIL)
    corrections.ensure_live(RecordKind.statements, row, include_retracted)
    return StatementDetail.model_validate(row)


@router.patch(
    "/{id}",
    summary="Correct a statement",
    responses=corrections.WRITE_PROBLEMS,
)
def update_statement(id: str, update: StatementUpdate, write: WriteDep) -> StatementDetail:
    """Change curated fields of a statement, checked as an ingest is; records a revision."""
    return write.correct(
        RecordKind.statements,
        id,
        update,
        lambda retracted: get_statement(id, write.session, retracted),
    )


@router.post(
    "/{id}/retract",
    summary="Retract a statement",
    responses=corrections.WRITE_PROBLEMS,
)
def retract_statement(id: str, retraction: RetractionCreate, write: WriteDep) -> StatementDetail:
    """Retract a statement: it leaves the lists and answers 410 with the reason."""
    return write.retract(
        RecordKind.statements,
        id,
        retraction.reason,
        lambda retracted: get_statement(id, write.session, retracted),
    )


@router.get(
    "/{id}/history",
    summary="List a statement's revisions",
    responses=problems.responses(404, 422),
)
def list_statement_history(
    id: str,
    query: Annotated[HistoryQuery, Query()],
    session: SessionDep,
    request: Request,
    response: Response,
) -> RevisionPage:
    """List every revision of a statement, oldest first: who, when, what changed and why."""
    return corrections.history(
        session, request, response, RecordKind.statements, Statement, id, query
    )
