"""`/v1/figures`: quantities with the source's own qualifier, and who claims them."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from sqlmodel import SQLModel, col, select
from starlette.convertors import Convertor, register_url_convertor

from app import corrections, exports, problems
from app.corrections import HistoryQuery, IncludeRetracted, RevisionPage, WriteDep
from app.db import SessionDep, get_or_404, selectin
from app.models import (
    ActorPublic,
    Event,
    Figure,
    FigureDetail,
    FigurePublic,
    FigureUpdate,
    Number,
    Qualifier,
    RecordKind,
    RetractionCreate,
    Slug,
)
from app.models.common import no_nul
from app.pagination import ListQuery, Page, PagerDep, ordered
from app.search import SearchDep, SearchText

router = APIRouter(prefix="/v1/figures", tags=["figures"])


class FigureId(Convertor[str]):
    """A figure id in a path: any segment but `summary`. OpenAPI gives a concrete path
    precedence over a template, so `/v1/figures/summary` answers only what it documents
    (GET) and a PATCH to it is a 405, not a correction of a figure named "summary"."""

    regex = "(?!summary$)[^/]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("figure_id", FigureId())

DETAIL = (selectin(Figure.citations), selectin(Figure.event), selectin(Figure.claimed_by_actor))


Metric = Annotated[str, StringConstraints(min_length=1, max_length=100), AfterValidator(no_nul)]


class FigureQuery(ListQuery):
    q: SearchText | None = Field(
        None, description="Figures holding every one of these words, as `/v1/search` finds them."
    )
    sort: Literal["value", "-value", "id", "-id"] = Field("id", description="`-` for descending.")
    metric: list[Metric] = Field([], description="Any of these metrics (repeatable).")
    qualifier: list[Qualifier] = Field([], description="Any of these qualifiers (repeatable).")
    event: Slug | None = Field(None, description="Figures about this event.")
    claimed_by: Slug | None = Field(None, description="Figures this actor claims.")
    min_value: float | None = Field(
        None, allow_inf_nan=False, description="Figures whose value is at least this."
    )
    max_value: float | None = Field(
        None, allow_inf_nan=False, description="Figures whose value is at most this."
    )

    include_retracted: bool = Field(False, description="Also list retracted figures.")

    _values_ordered = ordered("min_value", "max_value", "`max_value` is below `min_value`")


class FigurePage(Page[FigurePublic]):
    """A page of figures."""


@router.get(
    "",
    summary="List figures",
    response_model=FigurePage,
    responses={**problems.responses(422, 429), **exports.responses(Figure)},
)
def list_figures(
    query: Annotated[FigureQuery, Query()], search: SearchDep, pager: PagerDep
) -> FigurePage | Response:
    """List figures with their qualifier, bounds, claimant and citations."""
    statement = select(Figure).options(selectin(Figure.citations))
    if not query.include_retracted:
        statement = statement.where(col(Figure.retracted_at).is_(None))
    if query.q:
        statement = statement.where(col(Figure.id).in_(search.ids("figure", query.q)))
    if query.metric:
        statement = statement.where(col(Figure.metric).in_(query.metric))
    if query.qualifier:
        statement = statement.where(col(Figure.qualifier).in_(query.qualifier))
    if query.event:
        statement = statement.where(Figure.event_id == query.event)
    if query.claimed_by:
        statement = statement.where(Figure.claimed_by == query.claimed_by)
    if query.min_value is not None:
        statement = statement.where(Figure.value >= query.min_value)
    if query.max_value is not None:
        statement = statement.where(Figure.value <= query.max_value)
    return pager.page(statement, query, FigurePage)


class SummaryQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    metric: Metric = Field(description="What is counted, e.g. `deaths`.")
    event: Slug = Field(description="The event counted.")


class FigureClaim(FigurePublic):
    """One source's figure, with who claims it and where it is said."""

    claimed_by_actor: ActorPublic | None
    sources: list[str] = Field(description="Ids of the sources its citations quote.")


class Range(SQLModel):
    low: Number | None = Field(
        description="The least any claim allows: the smallest lower bound; null when some "
        'claim sets none ("nearly 4,000", "approximately 300").'
    )
    high: Number | None = Field(
        description="The most any claim allows: the largest upper bound; null when some claim "
        'sets none ("more than 6,500").'
    )


class FigureSummary(SQLModel):
    """Every live claim about one quantity of one event, side by side, and what they span."""

    metric: str
    event_id: str
    claims: list[FigureClaim] = Field(description="By value, then id.")
    values: Range = Field(description="The smallest and largest value stated, hedges aside.")
    range: Range = Field(description="What the claims' words allow together.")


@router.get("/summary", summary="Compare figures", responses=problems.responses(404, 422))
def get_figure_summary(
    query: Annotated[SummaryQuery, Query()], session: SessionDep
) -> FigureSummary:
    """Get every live figure for one metric and event, from every source, and their range."""
    get_or_404(session, Event, query.event)
    rows = session.exec(
        select(Figure)
        .options(selectin(Figure.citations), selectin(Figure.claimed_by_actor))
        .where(
            Figure.metric == query.metric,
            Figure.event_id == query.event,
            col(Figure.retracted_at).is_(None),
        )
        .order_by(col(Figure.value), col(Figure.id))
    ).all()
    claims = [
        FigureClaim.model_validate(
            FigurePublic.model_validate(row).model_dump()
            | {
                "claimed_by_actor": row.claimed_by_actor,
                "sources": list(dict.fromkeys(c.source_id for c in row.citations)),
            }
        )
        for row in rows
    ]
    values = [c.value for c in claims]
    lows = [c.lower_bound for c in claims if c.lower_bound is not None]
    highs = [c.upper_bound for c in claims if c.upper_bound is not None]
    unbounded = len(claims) > len(lows), len(claims) > len(highs)
    return FigureSummary(
        metric=query.metric,
        event_id=query.event,
        claims=claims,
        values=Range(low=min(values, default=None), high=max(values, default=None)),
        range=Range(
            low=None if unbounded[0] else min(lows, default=None),
            high=None if unbounded[1] else max(highs, default=None),
        ),
    )


@router.get("/{id:figure_id}", summary="Get a figure", responses=problems.responses(404, 410, 422))
def get_figure(
    id: str, session: SessionDep, include_retracted: IncludeRetracted = False
) -> FigureDetail:
    """Get one figure with its citations, the event it counts and the actor claiming it.

    A retracted figure answers 410 with the reason, unless `include_retracted=true`.
    """
    figure = get_or_404(session, Figure, id, *DETAIL)
    corrections.ensure_live(RecordKind.figures, figure, include_retracted)
    return FigureDetail.model_validate(figure)


@router.patch("/{id:figure_id}", summary="Correct a figure", responses=corrections.WRITE_PROBLEMS)
def update_figure(id: str, update: FigureUpdate, write: WriteDep) -> FigureDetail:
    """Change curated fields of a figure, checked as an ingest is; records a revision."""
    return write.correct(
        RecordKind.figures, id, update, lambda retracted: get_figure(id, write.session, retracted)
    )


@router.post(
    "/{id}/retract",
    summary="Retract a figure",
    responses=corrections.WRITE_PROBLEMS,
)
def retract_figure(id: str, retraction: RetractionCreate, write: WriteDep) -> FigureDetail:
    """Retract a figure: it leaves the lists and answers 410 with the reason."""
    return write.retract(
        RecordKind.figures,
        id,
        retraction.reason,
        lambda retracted: get_figure(id, write.session, retracted),
    )


@router.get(
    "/{id}/history", summary="List a figure's revisions", responses=problems.responses(404, 422)
)
def list_figure_history(
    id: str,
    query: Annotated[HistoryQuery, Query()],
    session: SessionDep,
    request: Request,
    response: Response,
) -> RevisionPage:
    """List every revision of a figure, oldest first: who, when, what changed and why."""
    return corrections.history(session, request, response, RecordKind.figures, Figure, id, query)
