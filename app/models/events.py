"""Events: what happened, when (with its precision), where, and who took part."""

import calendar
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, NoReturn, Optional

from pydantic import field_validator, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import Index, String, text
from sqlmodel import Field, Relationship, SQLModel

from app.models.actors import Actor, ActorPublic
from app.models.citations import Citation, CitationCreate, CitationPublic, Citations
from app.models.common import Reason, Slug, iso_date, sortable, unset
from app.models.places import Place, PlacePublic
from app.models.revisions import Retractable, Retraction, retracted_index

if TYPE_CHECKING:
    from app.models.figures import Figure, FigurePublic
    from app.models.statements import Statement, StatementPublic


class EventType(StrEnum):
    diplomatic_meeting = "diplomatic_meeting"
    armed_conflict = "armed_conflict"
    ceasefire_agreement = "ceasefire_agreement"
    deployment = "deployment"
    military_operation = "military_operation"
    mediation = "mediation"
    accusation = "accusation"
    attack = "attack"
    protest = "protest"


class DatePrecision(StrEnum):
    day = "day"
    month = "month"
    year = "year"


class EventStatus(StrEnum):
    occurred = "occurred"
    ongoing = "ongoing"
    scheduled = "scheduled"


# How many characters of an ISO date each precision keeps: 2022-07-16, 2022-07, 2022.
_PERIOD_LENGTH = {DatePrecision.day: 10, DatePrecision.month: 7, DatePrecision.year: 4}


def when(start: date | None, end: date | None, precision: DatePrecision | None) -> str | None:
    """Return an event's date as precise as it is known, in ISO 8601 (EDTF for open ends).

    "2022-07-16" (a day), "2022-04" (a month, not its 1st), "2022" (a year), "2022-07/2022-08"
    (a span), "2022-02-24/.." (still going on), or None for an undated event.
    """
    if start is None or precision is None:
        return None
    length = _PERIOD_LENGTH[precision]
    first = start.isoformat()[:length]
    last = end.isoformat()[:length] if end is not None else ".."
    return first if first == last else f"{first}/{last}"


class EventBase(SQLModel):
    id: str
    title: str = Field(description="Neutral wording; a party's own words stay in quotes.")
    summary: str
    type: EventType = Field(sa_type=String(32), index=True)
    start_date: date | None = Field(default=None, index=True)
    end_date: date | None = Field(
        default=None, description="Last day the event covers; null while it goes on."
    )
    date_precision: DatePrecision | None = Field(default=None, sa_type=String(8))
    date_note: str | None = Field(
        default=None, description="How the date was derived when the text does not state it."
    )
    status: EventStatus = Field(sa_type=String(16), index=True)
    parent_id: str | None = Field(default=None, foreign_key="event.id", index=True)


class Event(EventBase, Retractable, table=True):
    # List pages seek (sort column, id): the order app/pagination.py walks. A date window
    # (`from`/`to`) walks the start dates from `from` less the longest span (EventSpan), and
    # the ongoing events before that on their own index (led by the end date, all null, so
    # that SQLite prefers it to the end date's); the columns the window and the place filters
    # check ride along, so that the walk reads the index alone (migration 0013).
    __table_args__ = (
        Index("ix_event_start_date_id", "start_date", "id", "end_date", "place_id", "retracted_at"),
        Index("ix_event_end_date_id", "end_date", "id"),
        Index(
            "ix_event_ongoing_start_date_id",
            "end_date",
            "start_date",
            "id",
            "place_id",
            "retracted_at",
            sqlite_where=text("end_date IS NULL"),
            postgresql_where=text("end_date IS NULL"),
        ),
        retracted_index("event"),
    )

    id: str = Field(primary_key=True, sa_type=sortable())
    place_id: str | None = Field(default=None, foreign_key="place.id", index=True)
    place: Place | None = Relationship()
    actors: list["EventActor"] = Relationship(
        sa_relationship_kwargs={"order_by": "EventActor.position", "cascade": "all, delete-orphan"}
    )
    citations: list[Citation] = Relationship(
        sa_relationship_kwargs={"order_by": "Citation.position", "cascade": "all, delete-orphan"}
    )
    figures: list["Figure"] = Relationship(
        back_populates="event", sa_relationship_kwargs={"order_by": "Figure.id"}
    )
    statements: list["Statement"] = Relationship(
        back_populates="event", sa_relationship_kwargs={"order_by": "Statement.id"}
    )
    parent: Optional["Event"] = Relationship(
        back_populates="parts", sa_relationship_kwargs={"remote_side": "Event.id"}
    )
    parts: list["Event"] = Relationship(
        back_populates="parent", sa_relationship_kwargs={"order_by": "Event.id"}
    )


class EventSpan(SQLModel, table=True):
    """The longest span, in days, of any event with an end date (one row, migration 0013).

    A date window (`from`) then need not look at events starting more than that long before
    it, but for the ongoing ones. It is kept by the write that renders the events
    (app.rendering): it grows with a longer span at once, and is measured exactly again by
    `render_all`; a longer value than the longest span only costs a longer walk.
    """

    __tablename__ = "event_span"

    longest_days: int = Field(primary_key=True)


class EventActor(SQLModel, table=True):
    """An actor's role in an event (one actor may hold several roles)."""

    __tablename__ = "event_actor"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    actor_id: str = Field(foreign_key="actor.id", primary_key=True, index=True)
    # Indexed for the vocabularies' counts (migration 0014).
    role: str = Field(primary_key=True, index=True)
    position: int
    actor: Actor = Relationship()


class EventActorPublic(SQLModel):
    role: str = Field(description="participant, host, broker, mediator, …")
    actor: ActorPublic


class EventActorCreate(SQLModel):
    model_config = {"extra": "forbid"}

    actor_id: Slug
    role: str = Field(min_length=1)


class EventRef(SQLModel):
    """Just enough of an event to name it and link to it."""

    id: str
    title: str
    type: EventType
    start_date: date | None
    date_precision: DatePrecision | None


class EventPublic(EventBase):
    place: PlacePublic | None
    actors: list[EventActorPublic]
    citations: list[CitationPublic]
    retraction: Retraction | None = Field(description="Set when the event was retracted.")


class EventRecord(EventBase):
    """An event as the change feed carries it: its place and actors named by id."""

    place_id: str | None
    actors: list[EventActorCreate]
    citations: list[CitationPublic]
    retraction: Retraction | None


class EventCreate(EventBase):
    model_config = {"extra": "forbid"}

    id: Slug
    place_id: Slug | None = None
    parent_id: Slug | None = None
    actors: list[EventActorCreate] = []
    citations: list[CitationCreate] = Field(min_length=1)

    @model_validator(mode="after")
    def _dates_agree(self) -> "EventCreate":
        start, end, precision = self.start_date, self.end_date, self.date_precision
        if (start is None) != (precision is None):
            field = "date_precision" if precision is None else "start_date"
            _refuse(field, "start_date and date_precision are given together or not at all")
        if start is None:
            if end is not None:
                _refuse("end_date", f"end_date {end} is given without a start_date")
            return self
        if end is None and self.status is EventStatus.occurred:
            _refuse("end_date", "an event that occurred needs an end_date (null means ongoing)")
        if end is not None and end < start:
            _refuse("end_date", f"end_date {end} is before start_date {start}")
        # A month- or year-precision span covers whole months or years.
        if precision is not DatePrecision.day and start.day != 1:
            _refuse("start_date", f"a {precision} precision span starts on the 1st, not {start}")
        if precision is DatePrecision.year and start.month != 1:
            _refuse("start_date", f"a year precision span starts on 1 January, not {start}")
        if end is not None and precision is not DatePrecision.day:
            # By the calendar, not by adding a day: 9999-12-31 has no next day.
            last_day = end.day == calendar.monthrange(end.year, end.month)[1]
            if not last_day or (precision is DatePrecision.year and end.month != 12):
                _refuse(
                    "end_date",
                    f"a {precision} precision span ends on the last day of a {precision}, "
                    f"not {end}",
                )
        return self

    _iso_dates = field_validator("start_date", "end_date", mode="before")(iso_date)


def _refuse(field: str, message: str) -> NoReturn:
    """Raise the validation error `message` about the event's `field` (its `ctx` names it, so
    that the error points at the field rather than the event)."""
    raise PydanticCustomError("event_dates", message, {"field": field})


class EventUpdate(SQLModel):
    """A correction: the curated fields to change, and why. Checked as a bundle would be."""

    model_config = {"extra": "forbid"}

    # What a fact cannot be without may be left out but not set to null; the rest may be
    # cleared with null.
    title: str = unset()
    summary: str = unset()
    type: EventType = unset()
    start_date: date | None = None
    end_date: date | None = None
    date_precision: DatePrecision | None = None
    date_note: str | None = None
    status: EventStatus = unset()
    parent_id: Slug | None = None
    place_id: Slug | None = None
    actors: list[EventActorCreate] = unset()
    citations: Citations = unset()
    reason: Reason = Field(description="Why; kept in the history.")

    _iso_dates = field_validator("start_date", "end_date", mode="before")(iso_date)


class EventDetail(EventPublic):
    parts: list[EventRef] = Field(description="Events that are part of this one.")
    figures: list["FigurePublic"]
    statements: list["StatementPublic"]
