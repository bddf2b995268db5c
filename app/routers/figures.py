"""`/v1/figures`: quantities with the source's own qualifier, and who claims them."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from sqlmodel import SQLModel, col, select

from app import corrections, exports, kinds, problems, serving
from app.corrections import CorrectionDep, HistoryQuery, IncludeRetracted, RevisionPage
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
    RetractionCreate,
    Slug,
)
from app.models.common import no_nul
from app.pagination import ListQuery, Page, PagerDep, ordered
from app.search import SearchDep, SearchText

router = APIRouter(prefix="/v1/figures", tags=["figures"])
summary_router = APIRouter(prefix="/v1/figure-summary", tags=["figures"])


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
    responses={**problems.responses(422, 429), **exports.responses(kinds.FIGURES.export)},
)
def list_figures(
    query: Annotated[FigureQuery, Query()], search: SearchDep, pager: PagerDep
) -> Response:
    """List figures with their qualifier, bounds, claimant and citations."""
    statement = select(Figure)
    if not query.include_retracted:
        statement = statement.where(col(Figure.retracted_at).is_(None))
    if query.q:
        statement = statement.where(col(Figure.id).in_(search.ids(kinds.FIGURES, query.q)))
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
    return pager.page(statement, query)


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


@summary_router.get("", summary="Compare figures", responses=problems.responses(404, 422))
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


@router.get(
    "/{id}",
    summary="Get a figure",
    response_model=FigureDetail,
    responses=problems.responses(404, 410, 422),
)
def get_figure(
    id: str, request: Request, session: SessionDep, include_retracted: IncludeRetracted = False
) -> Response:
    """Get one figure with its citations, the event it counts and the actor claiming it.

    A retracted figure answers 410 with the reason, unless `include_retracted=true`.
    """
    if id == "summary" and {"metric", "event"} & set(request.query_params):
        # The comparison's old URL; a figure may be named `summary`, and takes no `metric`.
        url = request.url_for("get_figure_summary").replace(query=request.url.query)
        return RedirectResponse(str(url), status_code=308)
    return serving.detail(session, kinds.FIGURES, id, include_retracted)


@router.patch(
    "/{id}",
    summary="Correct a figure",
    response_model=FigureDetail,
    responses=corrections.WRITE_PROBLEMS,
)
def update_figure(id: str, update: FigureUpdate, correction: CorrectionDep) -> Response:
    """Change curated fields of a figure, checked as an ingest is; records a revision."""
    return correction.correct(kinds.FIGURES, id, update)


@router.post(
    "/{id}/retract",
    summary="Retract a figure",
    response_model=FigureDetail,
    responses=corrections.WRITE_PROBLEMS,
)
def retract_figure(id: str, retraction: RetractionCreate, correction: CorrectionDep) -> Response:
    """Retract a figure: it leaves the lists and answers 410 with the reason."""
    return correction.retract(kinds.FIGURES, id, retraction.reason)


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
    return corrections.history(session, request, response, kinds.FIGURES, id, query)
