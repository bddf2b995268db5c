"""`/v1/figures`: quantities with the source's own qualifier, and who claims them."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import AfterValidator, Field, StringConstraints
from sqlmodel import col, select

from app import exports, problems
from app.db import SessionDep, get_or_404, selectin
from app.models import Figure, FigureDetail, FigurePublic, Qualifier, Slug
from app.models.common import no_nul
from app.pagination import ListQuery, Page, PagerDep, ordered

router = APIRouter(prefix="/v1/figures", tags=["figures"])

DETAIL = (selectin(Figure.citations), selectin(Figure.event), selectin(Figure.claimed_by_actor))


class FigureQuery(ListQuery):
    sort: Literal["value", "-value", "id", "-id"] = Field("id", description="`-` for descending.")
    metric: list[
        Annotated[str, StringConstraints(min_length=1, max_length=100), AfterValidator(no_nul)]
    ] = Field([], description="Any of these metrics (repeatable).")
    qualifier: list[Qualifier] = Field([], description="Any of these qualifiers (repeatable).")
    event: Slug | None = Field(None, description="Figures about this event.")
    claimed_by: Slug | None = Field(None, description="Figures this actor claims.")
    min_value: float | None = Field(
        None, allow_inf_nan=False, description="Figures whose value is at least this."
    )
    max_value: float | None = Field(
        None, allow_inf_nan=False, description="Figures whose value is at most this."
    )

    _values_ordered = ordered("min_value", "max_value", "`max_value` is below `min_value`")


class FigurePage(Page[FigurePublic]):
    """A page of figures."""


@router.get(
    "",
    summary="List figures",
    response_model=FigurePage,
    responses={**problems.responses(422), **exports.responses(Figure)},
)
def list_figures(query: Annotated[FigureQuery, Query()], pager: PagerDep) -> FigurePage | Response:
    """List figures with their qualifier, bounds, claimant and citations."""
    statement = select(Figure).options(selectin(Figure.citations))
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


@router.get("/{id}", summary="Get a figure", responses=problems.responses(404))
def get_figure(id: str, session: SessionDep) -> FigureDetail:
    """Get one figure with its citations, the event it counts and the actor claiming it."""
    return FigureDetail.model_validate(get_or_404(session, Figure, id, *DETAIL))
