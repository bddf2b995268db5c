"""`/v1/events`: what happened, when, where and who took part."""

from datetime import timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import Field
from sqlalchemy import ColumnElement
from sqlmodel import Session, col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from app import corrections, exports, kinds, problems, rendering, serving
from app.corrections import CorrectionDep, HistoryQuery, IncludeRetracted, RevisionPage
from app.db import SessionDep
from app.models import (
    Country,
    Event,
    EventActor,
    EventDetail,
    EventPublic,
    EventStatus,
    EventType,
    EventUpdate,
    Place,
    RetractionCreate,
    Slug,
)
from app.models.common import IsoDate
from app.pagination import Below, GeoQuery, Page, PagerDep, ordered
from app.search import Search, SearchDep, SearchText, search_for

router = APIRouter(prefix="/v1/events", tags=["events"])


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
        conditions.append(col(Event.id).in_(search.ids(kinds.EVENTS, query.q)))
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


def window(session: Session, query: EventQuery) -> Below | None:
    """Return what `from` says of the events starting long before it, for a list by start
    date: an event with an end date overlaps the window only if it starts at most the longest
    span of any event before `from`; earlier, only the ongoing ones can. None if there is no
    `from`, another sort, or no longest span stored."""
    if query.from_ is None or query.sort.lstrip("-") != "start_date":
        return None
    longest = rendering.longest_span(session.connection())
    if longest is None:
        return None
    try:
        earliest = query.from_ - timedelta(days=longest)
    except OverflowError:  # before year 1: every event starts later
        return None
    return Below(earliest, col(Event.end_date).is_(None))


def selection(
    session: Session, query: EventQuery, search: Search
) -> tuple[SelectOfScalar[Event], Below | None]:
    """Return the statement of the events `query` asks for, and what its date window says of
    the events starting long before it (`window`)."""
    return select(Event).where(*matching(query, search)), window(session, query)


LIST = serving.StoredList(
    kinds.EVENTS, EventQuery, lambda session, query: selection(session, query, search_for(session))
)
"""The list as the lean path answers it (app.serving): the same query, selection and pages."""


@router.get(
    "",
    summary="List events",
    response_model=EventPage,
    responses={**problems.responses(422, 429), **exports.responses(kinds.EVENTS.export)},
)
def list_events(
    query: Annotated[EventQuery, Query()], search: SearchDep, pager: PagerDep
) -> Response:
    """List events with their place, actors and citations, by date.

    `from`/`to` select by overlap with the event's whole span, so an event dated
    "April 2022" (month precision) matches `from=2022-04-15`.
    """
    statement, below = selection(pager.session, query, search)
    return pager.page(statement, query, below)


@router.get(
    "/{id}",
    summary="Get an event",
    response_model=EventDetail,
    responses=problems.responses(404, 410, 422),
)
def get_event(
    id: str, session: SessionDep, include_retracted: IncludeRetracted = False
) -> Response:
    """Get one event with its place, actors, parts, citations, figures and statements.

    A retracted event answers 410 with the reason, unless `include_retracted=true`; so do
    its retracted parts, figures and statements, which are left out.
    """
    return serving.detail(session, kinds.EVENTS, id, include_retracted)


@router.patch(
    "/{id}",
    summary="Correct an event",
    response_model=EventDetail,
    responses=corrections.WRITE_PROBLEMS,
)
def update_event(id: str, update: EventUpdate, correction: CorrectionDep) -> Response:
    """Change curated fields of an event, checked as an ingest is; records a revision."""
    return correction.correct(kinds.EVENTS, id, update)


@router.post(
    "/{id}/retract",
    summary="Retract an event",
    response_model=EventDetail,
    responses=corrections.WRITE_PROBLEMS,
)
def retract_event(id: str, retraction: RetractionCreate, correction: CorrectionDep) -> Response:
    """Retract an event: it leaves the lists and answers 410 with the reason; its figures,
    statements and parts are not retracted with it."""
    return correction.retract(kinds.EVENTS, id, retraction.reason)


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
    return corrections.history(session, request, response, kinds.EVENTS, id, query)
