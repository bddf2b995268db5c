"""`/v1/events`: what happened, when, where and who took part."""

from collections.abc import Collection
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from pydantic import Field
from sqlalchemy import ColumnElement
from sqlmodel import Session, col, or_, select

from app import exports, problems, rendered
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


def matching(query: EventQuery) -> list[ColumnElement[bool]]:
    """Return the conditions selecting the events that `query`'s filters ask for."""
    conditions: list[ColumnElement[bool]] = []
    if query.type:
        conditions.append(col(Event.type).in_(query.type))
    if query.status:
        conditions.append(col(Event.status).in_(query.status))
    if query.actor:
        conditions.append(col(Event.actors).any(col(EventActor.actor_id) == query.actor))
    if query.place:
        conditions.append(col(Event.place_id) == query.place)
    if query.country:
        conditions.append(col(Event.place).has(col(Place.country) == query.country))
    if query.from_:
        conditions.append(col(Event.start_date).is_not(None))
        conditions.append(or_(col(Event.end_date) >= query.from_, col(Event.end_date).is_(None)))
    if query.to:
        conditions.append(col(Event.start_date) <= query.to)
    return conditions


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
    statement = select(Event).options(*LOAD).where(*matching(query))
    return pager.page(statement, query, EventPage, stored="event.public")


def load_details(session: Session, ids: Collection[str]) -> list[tuple[str, EventDetail]]:
    """Return (id, detail) for each of the events `ids` that exists: what `get_event` serves."""
    statement = select(Event).where(col(Event.id).in_(ids)).options(*DETAIL)
    return [(event.id, EventDetail.model_validate(event)) for event in session.exec(statement)]


def load_items(session: Session, ids: Collection[str]) -> list[tuple[str, EventPublic]]:
    """Return (id, item) for each of the events `ids` that exists: what `list_events` lists."""
    statement = select(Event).where(col(Event.id).in_(ids)).options(*LOAD)
    return [(event.id, EventPublic.model_validate(event)) for event in session.exec(statement)]


rendered.register("event.detail", Event, load_details)
rendered.register("event.public", Event, load_items)


@router.get(
    "/{id}",
    summary="Get an event",
    response_model=EventDetail,
    responses=problems.responses(404),
)
def get_event(id: str, session: SessionDep) -> EventDetail | Response:
    """Get one event with its place, actors, parts, citations, figures and statements."""
    stored = rendered.response(session, "event.detail", id)
    if stored is not None:
        return stored
    detail = EventDetail.model_validate(get_or_404(session, Event, id, *DETAIL))
    rendered.fill(session, "event.detail", [(id, detail)])
    return detail
