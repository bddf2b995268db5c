"""`/v1/events`: what happened, when, where and who took part."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import Field
from sqlmodel import col, or_, select

from app import exports, problems
from app.db import SessionDep, get_or_404, selectin
from app.models import (
    Country,
    Event,
    EventActor,
    EventDetail,
    EventPublic,
    EventStatus,
    EventType,
    Figure,
    Place,
    Slug,
    Statement,
)
from app.pagination import IsoDate, ListQuery, Page, PagerDep, ordered

router = APIRouter(prefix="/v1/events", tags=["events"])

LOAD = (
    selectin(Event.place),
    selectin(Event.actors, EventActor.actor),
    selectin(Event.citations),
)
DETAIL = (
    *LOAD,
    selectin(Event.parts),
    selectin(Event.figures, Figure.citations),
    selectin(Event.statements, Statement.citations),
)


class EventQuery(ListQuery):
    sort: Literal["start_date", "-start_date", "end_date", "-end_date", "id", "-id"] = Field(
        "start_date", description="Sort field; `-` for descending. Undated events come last."
    )
    type: list[EventType] = Field([], description="Any of these types (repeatable).")
    status: list[EventStatus] = Field([], description="Any of these statuses (repeatable).")
    actor: Slug | None = Field(None, description="Events in which this actor has a role.")
    place: Slug | None = Field(None, description="Events at this place.")
    country: Country = Field(None, description="Events at a place in this country (ISO code).")
    from_: IsoDate | None = Field(
        None, alias="from", description="Events still going on or ending on/after this day."
    )
    to: IsoDate | None = Field(None, description="Events starting on or before this day.")

    _dates_ordered = ordered("from_", "to", "`to` is before `from`")


class EventPage(Page[EventPublic]):
    """A page of events."""


@router.get(
    "",
    summary="List events",
    response_model=EventPage,
    responses={**problems.responses(422), **exports.responses(Event)},
)
def list_events(query: Annotated[EventQuery, Query()], pager: PagerDep) -> EventPage | Response:
    """List events with their place, actors and citations, by date.

    `from`/`to` select by overlap with the event's whole span, so an event dated
    "April 2022" (month precision) matches `from=2022-04-15`.
    """
    statement = select(Event).options(*LOAD)
    if query.type:
        statement = statement.where(col(Event.type).in_(query.type))
    if query.status:
        statement = statement.where(col(Event.status).in_(query.status))
    if query.actor:
        statement = statement.where(col(Event.actors).any(col(EventActor.actor_id) == query.actor))
    if query.place:
        statement = statement.where(Event.place_id == query.place)
    if query.country:
        statement = statement.where(col(Event.place).has(col(Place.country) == query.country))
    if query.from_:
        statement = statement.where(
            col(Event.start_date).is_not(None),
            or_(col(Event.end_date) >= query.from_, col(Event.end_date).is_(None)),
        )
    if query.to:
        statement = statement.where(col(Event.start_date) <= query.to)
    return pager.page(statement, query, EventPage)


@router.get("/{id}", summary="Get an event", responses=problems.responses(404))
def get_event(id: str, session: SessionDep) -> EventDetail:
    """Get one event with its place, actors, parts, citations, figures and statements."""
    return EventDetail.model_validate(get_or_404(session, Event, id, *DETAIL))
