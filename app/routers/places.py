"""`/v1/places`: where events happen."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import Field
from sqlmodel import col, select

from app import exports, kinds, problems, serving
from app.db import SessionDep
from app.models import Country, Place, PlaceKind, PlacePublic
from app.models.common import NameQuery, name_pattern
from app.pagination import GeoQuery, Page, PagerDep

router = APIRouter(prefix="/v1/places", tags=["places"])


class PlaceQuery(GeoQuery):
    q: NameQuery | None = Field(
        None, description="Part of a name, ignoring case and accents (`susa` finds Şuşa)."
    )
    sort: Literal["name", "-name", "id", "-id"] = Field("id", description="`-` for descending.")
    kind: list[PlaceKind] = Field([], description="Any of these kinds (repeatable).")
    country: Country = Field(None, description="Places in this country (ISO code).")


class PlacePage(Page[PlacePublic]):
    """A page of places."""


@router.get(
    "",
    summary="List places",
    response_model=PlacePage,
    responses={**problems.responses(422), **exports.responses(kinds.PLACES.export)},
)
def list_places(query: Annotated[PlaceQuery, Query()], pager: PagerDep) -> Response:
    """List places with their country and WGS 84 coordinates."""
    statement = select(Place)
    if query.q:
        statement = statement.where(col(Place.folded).like(name_pattern(query.q), escape="\\"))
    if query.kind:
        statement = statement.where(col(Place.kind).in_(query.kind))
    if query.country:
        statement = statement.where(col(Place.country) == query.country)
    return pager.page(statement, query)


@router.get(
    "/{id}",
    summary="Get a place",
    response_model=PlacePublic,
    responses=problems.responses(404),
)
def get_place(id: str, session: SessionDep) -> Response:
    """Get one place with its country and WGS 84 coordinates."""
    return serving.detail(session, kinds.PLACES, id)
