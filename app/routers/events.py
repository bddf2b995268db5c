"""`/v1/events`: what happened, when, where and who took part."""

from collections.abc import Collection
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import Field
from sqlalchemy import ColumnElement
from sqlmodel import Session, col, or_, select

from app import corrections, exports, problems, rendered
from app.corrections import HistoryQuery, IncludeRetracted, RevisionPage, WriteDep
from app.db import SessionDep, get_or_404, selectin
from app.models import (
    Country,
    Event,
    EventActor,
    EventDetail,
    EventPublic,
    EventStatus,
    EventType,
    EventUpdate,
    Figure,
    Place,
    RecordKind,
    RetractionCreate,
    Slug,
    Statement,
)
from app.models.common import IsoDate
from app.pagination import GeoQuery, Page, PagerDep, ordered
from app.search import Search, SearchDep, SearchText

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


class EventQuery(GeoQuery):
    q: SearchText | None = Field(
        None, description="Events holding every one of these words, as `/v1/search` finds them."
    )
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
    include_retracted: bool = Field(False, description="Also list retracted events.")

    _dates_ordered = ordered("from_", "to", "`to` is before `from`")


class EventPage(Page[EventPublic]):
    """A page of events."""


def matching(query: EventQuery, search: Search) -> list[ColumnElement[bool]]:
    """Return the conditions selecting the events that `query`'s filters ask for."""
    conditions: list[ColumnElement[bool]] = []
    if not query.include_retracted:
        conditions.append(col(Event.retracted_at).is_(None))
    if query.q:
        conditions.append(col(Event.id).in_(search.ids("event", query.q)))
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
    responses={**problems.responses(422, 429), **exports.responses(Event)},
)
def list_events(
    query: Annotated[EventQuery, Query()], search: SearchDep, pager: PagerDep
) -> EventPage | Response:
    """List events with their place, actors and citations, by date.

    `from`/`to` select by overlap with the event's whole span, so an event dated
    "April 2022" (month precision) matches `from=2022-04-15`.
    """
    statement = select(Event).options(*LOAD).where(*matching(query, search))
    return pager.page(statement, query, EventPage, stored="event.public")


def _detail(event: Event, include_retracted: bool) -> EventDetail:
    """Return the detail of `event`, loaded with DETAIL: without its retracted parts, figures
    and statements unless `include_retracted`."""
    detail = EventDetail.model_validate(event)
    if not include_retracted:
        live = {part.id for part in event.parts if part.retracted_at is None}
        detail.parts = [part for part in detail.parts if part.id in live]
        detail.figures = [f for f in detail.figures if f.retraction is None]
        detail.statements = [s for s in detail.statements if s.retraction is None]
    return detail


def event_detail(session: Session, id: str, include_retracted: bool = False) -> EventDetail:
    """Return what `get_event` answers for event `id`.

    Raises HTTPException 404 if there is none, 410 if it is retracted (unless
    `include_retracted`).
    """
    event = get_or_404(session, Event, id, *DETAIL)
    corrections.ensure_live(RecordKind.events, event, include_retracted)
    return _detail(event, include_retracted)


def load_details(session: Session, ids: Collection[str]) -> list[tuple[str, EventDetail | None]]:
    """Return (id, detail) for each of the events `ids` that exists: what `get_event` answers,
    or None for a retracted event (which answers 410)."""
    statement = select(Event).where(col(Event.id).in_(ids)).options(*DETAIL)
    return [
        (event.id, None if event.retracted_at else _detail(event, False))
        for event in session.exec(statement)
    ]


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
    responses=problems.responses(404, 410, 422),
)
def get_event(
    id: str, session: SessionDep, include_retracted: IncludeRetracted = False
) -> EventDetail | Response:
    """Get one event with its place, actors, parts, citations, figures and statements.

    A retracted event answers 410 with the reason, unless `include_retracted=true`; so do
    its retracted parts, figures and statements, which are left out.
    """
    if include_retracted:
        return event_detail(session, id, include_retracted)
    stored = rendered.response(session, "event.detail", id)
    if stored is not None:
        return stored
    detail = event_detail(session, id)
    rendered.fill(session, "event.detail", [(id, detail)])
    return detail


@router.patch("/{id}", summary="Correct an event", responses=corrections.WRITE_PROBLEMS)
def update_event(id: str, update: EventUpdate, write: WriteDep) -> EventDetail:
    """Change curated fields of an event, checked as an ingest is; records a revision."""
    return write.correct(
        RecordKind.events, id, update, lambda retracted: event_detail(write.session, id, retracted)
    )


@router.post(
    "/{id}/retract",
    summary="Retract an event",
    responses=corrections.WRITE_PROBLEMS,
)
def retract_event(id: str, retraction: RetractionCreate, write: WriteDep) -> EventDetail:
    """Retract an event: it leaves the lists and answers 410 with the reason; its figures,
    statements and parts are not retracted with it."""
    return write.retract(
        RecordKind.events,
        id,
        retraction.reason,
        lambda retracted: event_detail(write.session, id, retracted),
    )


@router.get(
    "/{id}/history", summary="List an event's revisions", responses=problems.responses(404, 422)
)
def list_event_history(
    id: str,
    query: Annotated[HistoryQuery, Query()],
    session: SessionDep,
    request: Request,
    response: Response,
) -> RevisionPage:
    """List every revision of an event, oldest first: who, when, what changed and why."""
    return corrections.history(session, request, response, RecordKind.events, Event, id, query)
