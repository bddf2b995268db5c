"""`/v1/statements`: who said what, and who reported it."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import Field
from sqlmodel import col, select

from app import corrections, exports, kinds, problems, serving
from app.corrections import CorrectionDep, HistoryQuery, IncludeRetracted, RevisionPage
from app.db import SessionDep
from app.models import (
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
    responses={**problems.responses(422, 429), **exports.responses(kinds.STATEMENTS.export)},
)
def list_statements(
    query: Annotated[StatementQuery, Query()], search: SearchDep, pager: PagerDep
) -> Response:
    """List statements with their speaker, reporter and citations, by date said."""
    statement = select(Statement)
    if not query.include_retracted:
        statement = statement.where(col(Statement.retracted_at).is_(None))
    if query.q:
        statement = statement.where(col(Statement.id).in_(search.ids(kinds.STATEMENTS, query.q)))
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
    return pager.page(statement, query)


@router.get(
    "/{id}",
    summary="Get a statement",
    response_model=StatementDetail,
    responses=problems.responses(404, 410, 422),
)
def get_statement(
    id: str, session: SessionDep, include_retracted: IncludeRetracted = False
) -> Response:
    """Get one statement with its citations, event, speaker and reporter.

    A retracted statement answers 410 with the reason, unless `include_retracted=true`.
    """
    return serving.detail(session, kinds.STATEMENTS, id, include_retracted)


@router.patch(
    "/{id}",
    summary="Correct a statement",
    response_model=StatementDetail,
    responses=corrections.WRITE_PROBLEMS,
)
def update_statement(id: str, update: StatementUpdate, correction: CorrectionDep) -> Response:
    """Change curated fields of a statement, checked as an ingest is; records a revision."""
    return correction.correct(kinds.STATEMENTS, id, update)


@router.post(
    "/{id}/retract",
    summary="Retract a statement",
    response_model=StatementDetail,
    responses=corrections.WRITE_PROBLEMS,
)
def retract_statement(id: str, retraction: RetractionCreate, correction: CorrectionDep) -> Response:
    """Retract a statement: it leaves the lists and answers 410 with the reason."""
    return correction.retract(kinds.STATEMENTS, id, retraction.reason)


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
    return corrections.history(session, request, response, kinds.STATEMENTS, id, query)
