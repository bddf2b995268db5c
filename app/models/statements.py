"""Statements: who said what, and who reported it."""

from datetime import date
from enum import StrEnum

from pydantic import field_validator
from sqlalchemy import Index, String, Text
from sqlmodel import Field, Relationship, SQLModel

from app.models.actors import Actor, ActorPublic
from app.models.citations import Citation, CitationCreate, CitationPublic, Citations
from app.models.common import Reason, Slug, iso_date, sortable, unset
from app.models.events import Event, EventRef
from app.models.revisions import Retractable, Retraction, retracted_index


class StatementKind(StrEnum):
    direct_quote = "direct_quote"
    paraphrase = "paraphrase"


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


class Statement(StatementBase, Retractable, table=True):
    # List pages seek (sort column, id): the order app/pagination.py walks.
    __table_args__ = (
        Index("ix_statement_said_on_id", "said_on", "id"),
        retracted_index("statement"),
    )

    id: str = Field(primary_key=True, sa_type=sortable())
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
    retraction: Retraction | None = Field(description="Set when the statement was retracted.")


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

    _iso_dates = field_validator("said_on", mode="before")(iso_date)


class StatementUpdate(SQLModel):
    """A correction: the curated fields to change, and why. Checked as a bundle would be."""

    model_config = {"extra": "forbid"}

    # What a fact cannot be without may be left out but not set to null; the rest may be
    # cleared with null.
    speaker: Slug = unset()
    kind: StatementKind = unset()
    text: str = unset()
    said_on: date | None = None
    event_id: Slug | None = None
    reported_by: Slug | None = None
    citations: Citations = unset()
    reason: Reason = Field(description="Why; kept in the history.")

    _iso_dates = field_validator("said_on", mode="before")(iso_date)
