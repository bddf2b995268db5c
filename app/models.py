"""Tables and public shapes, one model family per resource (SQLModel's tutorial layout).

`<Resource>Base` holds the curated fields, `<Resource>(table=True)` the stored row,
`<Resource>Public` what a list returns, `<Resource>Detail` what a detail view adds and
`<Resource>Create` what a bundle (the seed file) supplies.
"""

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    PlainSerializer,
    StringConstraints,
    computed_field,
    model_validator,
)
from sqlalchemy import JSON, CheckConstraint, Column, MetaData, String, Text
from sqlmodel import Field, Relationship, SQLModel

# One naming convention so that every constraint has a predictable name that Alembic
# can alter on SQLite (batch mode) and PostgreSQL alike.
SQLModel.metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=100),
]


def _plain_number(value: float) -> int | float:
    """Return `value` as an int when it is integral, so 6500 is not served as 6500.0."""
    return int(value) if value.is_integer() else value


Number = Annotated[float, PlainSerializer(_plain_number, return_type=int | float)]


class SourceKind(StrEnum):
    news_article = "news_article"
    wire_report = "wire_report"
    official_statement = "official_statement"
    photo_caption = "photo_caption"
    report = "report"
    social_media_post = "social_media_post"


class ActorKind(StrEnum):
    person = "person"
    state = "state"
    government_body = "government_body"
    organization = "organization"
    armed_group = "armed_group"
    media = "media"


class PlaceKind(StrEnum):
    city = "city"
    region = "region"
    country = "country"
    site = "site"


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


class Qualifier(StrEnum):
    exact = "exact"
    approximately = "approximately"
    more_than = "more_than"
    at_least = "at_least"
    nearly = "nearly"
    less_than = "less_than"
    at_most = "at_most"


class StatementKind(StrEnum):
    direct_quote = "direct_quote"
    paraphrase = "paraphrase"


def bounds(qualifier: Qualifier, value: float) -> tuple[float | None, float | None]:
    """Return the (lower, upper) bounds that a source's hedge allows for `value`.

    "more than 6,500" allows anything above 6,500 and "nearly 4,000" anything up to 4,000;
    "approximately" allows both sides, so it sets no bound.
    """
    if qualifier is Qualifier.exact:
        return value, value
    if qualifier in (Qualifier.more_than, Qualifier.at_least):
        return value, None
    if qualifier in (Qualifier.nearly, Qualifier.less_than, Qualifier.at_most):
        return None, value
    return None, None


# --- citations --------------------------------------------------------------------------


class CitationBase(SQLModel):
    source_id: str = Field(foreign_key="source.id", index=True)


class Citation(CitationBase, table=True):
    """Where a fact is stated: `text[start:end] == exact` in the source's stored text."""

    __table_args__ = (
        CheckConstraint(
            "CASE WHEN event_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN figure_id IS NULL THEN 0 ELSE 1 END"
            " + CASE WHEN statement_id IS NULL THEN 0 ELSE 1 END = 1",
            name="one_fact",
        ),
        CheckConstraint('"start" >= 0 AND "end" > "start"', name="span"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: str | None = Field(default=None, foreign_key="event.id", index=True)
    figure_id: str | None = Field(default=None, foreign_key="figure.id", index=True)
    statement_id: str | None = Field(default=None, foreign_key="statement.id", index=True)
    position: int
    exact: str = Field(sa_type=Text)
    prefix: str = Field(sa_type=Text)
    suffix: str = Field(sa_type=Text)
    start: int
    end: int
    via: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class CitationPublic(CitationBase):
    """A W3C Web Annotation TextQuote + TextPosition selector into a stored source text."""

    exact: str = Field(description="The cited characters: `text[start:end]`.")
    prefix: str = Field(description="Up to 32 characters just before `exact`.")
    suffix: str = Field(description="Up to 32 characters just after `exact`.")
    start: int = Field(description="Offset of the first character, in Unicode code points.")
    end: int = Field(description="Offset just past the last character.")
    via: list[str] = Field(description="Ids of the sources the claim passed through.")


class CitationCreate(CitationBase):
    """A citation as curated: the quoted words, located in the text by the loader."""

    model_config = {"extra": "forbid"}

    source_id: Slug
    via: list[Slug] = []
    quote: str = Field(min_length=1)
    prefix: str | None = Field(
        default=None, description="Text just before the quote, to pick one of several matches."
    )


# --- sources ----------------------------------------------------------------------------


class SourceCite(SQLModel, table=True):
    """`source_id` relays `cited_id` (the Press TV article relays the AFP report)."""

    __tablename__ = "source_cite"

    source_id: str = Field(foreign_key="source.id", primary_key=True)
    cited_id: str = Field(foreign_key="source.id", primary_key=True)


class SourceBase(SQLModel):
    id: str
    title: str
    publisher: str
    kind: SourceKind = Field(sa_type=String(32))
    published_on: date | None = None
    url: str | None = None
    language: str | None = Field(default=None, description="BCP 47 language tag, e.g. `en`.")


class Source(SourceBase, table=True):
    id: str = Field(primary_key=True)
    text_sha256: str | None = None
    text_length: int | None = None
    cite_rows: list["SourceCite"] = Relationship(
        sa_relationship_kwargs={
            "primaryjoin": "Source.id == SourceCite.source_id",
            "order_by": "SourceCite.cited_id",
            "cascade": "all, delete-orphan",
        }
    )
    cited_by_rows: list["SourceCite"] = Relationship(
        sa_relationship_kwargs={
            "primaryjoin": "Source.id == SourceCite.cited_id",
            "order_by": "SourceCite.source_id",
            "viewonly": True,
        }
    )

    @property
    def cites(self) -> list[str]:
        return [row.cited_id for row in self.cite_rows]

    @property
    def cited_by(self) -> list[str]:
        return [row.source_id for row in self.cited_by_rows]


class SourceText(SQLModel, table=True):
    """A source's full text, byte-for-byte, kept apart so that lists never load it."""

    __tablename__ = "source_text"

    source_id: str = Field(foreign_key="source.id", primary_key=True)
    content: str = Field(sa_type=Text)


class SourcePublic(SourceBase):
    text_sha256: str | None = Field(description="SHA-256 of the stored UTF-8 text.")
    text_length: int | None = Field(description="Length of the text in Unicode code points.")
    cites: list[str] = Field(description="Ids of the sources this one relays.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def has_text(self) -> bool:
        return self.text_sha256 is not None


class SourceDetail(SourcePublic):
    cited_by: list[str] = Field(description="Ids of the sources that relay this one.")


class SourceCreate(SourceBase):
    model_config = {"extra": "forbid"}

    id: Slug
    cites: list[Slug] = []
    text: str | None = Field(default=None, description="The full text, stored as given.")


# --- actors -----------------------------------------------------------------------------


def _upper(value: str | None) -> str | None:
    return value.upper() if value else value


Country = Annotated[
    str | None,
    StringConstraints(pattern=r"^[A-Za-z]{2}$"),
    AfterValidator(_upper),
    Field(description="ISO 3166-1 alpha-2 code, or null."),
]


class ActorBase(SQLModel):
    id: str
    name: str = Field(max_length=300)
    kind: ActorKind = Field(sa_type=String(32))
    title: str | None = None
    country: Country = Field(default=None, sa_type=String(2), index=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Actor(ActorBase, table=True):
    id: str = Field(primary_key=True)


class ActorPublic(ActorBase):
    """An actor as served."""


class ActorCreate(ActorBase):
    model_config = {"extra": "forbid"}

    id: Slug


# --- places -----------------------------------------------------------------------------


class PlaceBase(SQLModel):
    id: str
    name: str = Field(max_length=300)
    kind: PlaceKind = Field(sa_type=String(32))
    country: Country = Field(default=None, sa_type=String(2), index=True)
    latitude: float | None = Field(default=None, ge=-90, le=90, description="WGS 84")
    longitude: float | None = Field(default=None, ge=-180, le=180, description="WGS 84")


class Place(PlaceBase, table=True):
    id: str = Field(primary_key=True)


class PlacePublic(PlaceBase):
    """A place as served."""


class PlaceCreate(PlaceBase):
    model_config = {"extra": "forbid"}

    id: Slug


# --- events -----------------------------------------------------------------------------


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


class Event(EventBase, table=True):
    id: str = Field(primary_key=True)
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


class EventActor(SQLModel, table=True):
    """An actor's role in an event (one actor may hold several roles)."""

    __tablename__ = "event_actor"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    actor_id: str = Field(foreign_key="actor.id", primary_key=True, index=True)
    role: str = Field(primary_key=True)
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


class EventCreate(EventBase):
    model_config = {"extra": "forbid"}

    id: Slug
    place_id: Slug | None = None
    parent_id: Slug | None = None
    actors: list[EventActorCreate] = []
    citations: list[CitationCreate] = Field(min_length=1)

    @model_validator(mode="after")
    def _dates_agree(self) -> "EventCreate":
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date is before start_date")
        if (self.start_date is None) != (self.date_precision is None):
            raise ValueError("start_date and date_precision are given together or not at all")
        return self


# --- figures ----------------------------------------------------------------------------


class FigureBase(SQLModel):
    id: str
    metric: str = Field(index=True, description="What is counted: deaths, missing_persons, …")
    value: Number
    unit: str
    qualifier: Qualifier = Field(sa_type=String(16))
    scope: str | None = None
    event_id: str | None = Field(default=None, foreign_key="event.id", index=True)
    claimed_by: str | None = Field(
        default=None,
        foreign_key="actor.id",
        index=True,
        description="The party making the claim; null when the source states it itself.",
    )


class Figure(FigureBase, table=True):
    id: str = Field(primary_key=True)
    value: float = Field(index=True)
    lower_bound: float | None = None
    upper_bound: float | None = None
    citations: list[Citation] = Relationship(
        sa_relationship_kwargs={"order_by": "Citation.position", "cascade": "all, delete-orphan"}
    )
    event: Event | None = Relationship(back_populates="figures")
    claimed_by_actor: Actor | None = Relationship()


class FigurePublic(FigureBase):
    lower_bound: Number | None = Field(description="The least the source's words allow.")
    upper_bound: Number | None = Field(description="The most the source's words allow.")
    citations: list[CitationPublic]


class FigureDetail(FigurePublic):
    event: EventRef | None
    claimed_by_actor: ActorPublic | None


class FigureCreate(FigureBase):
    model_config = {"extra": "forbid"}

    id: Slug
    event_id: Slug | None = None
    claimed_by: Slug | None = None
    citations: list[CitationCreate] = Field(min_length=1)


# --- statements -------------------------------------------------------------------------


class StatementBase(SQLModel):
    id: str
    speaker: str = Field(foreign_key="actor.id", index=True)
    kind: StatementKind = Field(sa_type=String(16))
    text: str = Field(
        sa_type=Text,
        description="For a direct quote, the quoted words exactly; else a neutral paraphrase.",
    )
    said_on: date | None = Field(default=None, index=True)
    event_id: str | None = Field(default=None, foreign_key="event.id", index=True)
    reported_by: str | None = Field(
        default=None, foreign_key="actor.id", description="The body that published it."
    )


class Statement(StatementBase, table=True):
    id: str = Field(primary_key=True)
    citations: list[Citation] = Relationship(
        sa_relationship_kwargs={"order_by": "Citation.position", "cascade": "all, delete-orphan"}
    )
    event: Event | None = Relationship(back_populates="statements")
    speaker_actor: Actor = Relationship(
        sa_relationship_kwargs={"foreign_keys": "Statement.speaker"}
    )
    reported_by_actor: Actor | None = Relationship(
        sa_relationship_kwargs={"foreign_keys": "Statement.reported_by"}
    )


class StatementPublic(StatementBase):
    citations: list[CitationPublic]


class StatementDetail(StatementPublic):
    event: EventRef | None
    speaker_actor: ActorPublic
    reported_by_actor: ActorPublic | None


class StatementCreate(StatementBase):
    model_config = {"extra": "forbid"}

    id: Slug
    speaker: Slug
    event_id: Slug | None = None
    reported_by: Slug | None = None
    citations: list[CitationCreate] = Field(min_length=1)


class EventDetail(EventPublic):
    figures: list[FigurePublic]
    statements: list[StatementPublic]


# --- bundles ----------------------------------------------------------------------------


class Bundle(SQLModel):
    """One source's text and the facts it supports: the format of the seed data file."""

    model_config = {"extra": "forbid"}

    sources: list[SourceCreate] = []
    actors: list[ActorCreate] = []
    places: list[PlaceCreate] = []
    events: list[EventCreate] = []
    figures: list[FigureCreate] = []
    statements: list[StatementCreate] = []
