"""`/v1/actors`: people, states, government bodies, organisations, armed groups and media."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import Field
from sqlmodel import col, select

from app import exports, kinds, problems, serving
from app.db import SessionDep
from app.models import Actor, ActorKind, ActorPublic, Country
from app.models.common import NameQuery, name_pattern
from app.pagination import ListQuery, Page, PagerDep

router = APIRouter(prefix="/v1/actors", tags=["actors"])


class ActorQuery(ListQuery):
    q: NameQuery | None = Field(
        None,
        description="Part of a name or alias, ignoring case and accents (`sapiro` finds Šapiro).",
    )
    sort: Literal["name", "-name", "id", "-id"] = Field("id", description="`-` for descending.")
    kind: list[ActorKind] = Field([], description="Any of these kinds (repeatable).")
    country: Country = Field(None, description="Actors of this country (ISO code).")


class ActorPage(Page[ActorPublic]):
    """A page of actors."""


@router.get(
    "",
    summary="List actors",
    response_model=ActorPage,
    responses={**problems.responses(422), **exports.responses(kinds.ACTORS.export)},
)
def list_actors(query: Annotated[ActorQuery, Query()], pager: PagerDep) -> Response:
    """List people, states, government bodies, organisations, armed groups and media."""
    statement = select(Actor)
    if query.q:
        statement = statement.where(col(Actor.folded).like(name_pattern(query.q), escape="\\"))
    if query.kind:
        statement = statement.where(col(Actor.kind).in_(query.kind))
    if query.country:
        statement = statement.where(Actor.country == query.country)
    return pager.page(statement, query)


@router.get(
    "/{id}",
    summary="Get an actor",
    response_model=ActorPublic,
    responses=problems.responses(404),
)
def get_actor(id: str, session: SessionDep) -> Response:
    """Get one actor with its title, country and the aliases the sources use for it."""
    return serving.detail(session, kinds.ACTORS, id)
