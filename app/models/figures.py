"""Figures: quantities with the source's own qualifier, and who claims them."""

from enum import StrEnum
from typing import Annotated

from pydantic import Strict, model_validator
from sqlalchemy import Index, String
from sqlmodel import Field, Relationship, SQLModel

from app.models.actors import Actor, ActorPublic
from app.models.citations import Citation, CitationCreate, CitationPublic, Citations
from app.models.common import Number, Reason, Slug, sortable, unset
from app.models.events import Event, EventRef
from app.models.revisions import Retractable, Retraction, retracted_index


class Qualifier(StrEnum):
    exact = "exact"
    approximately = "approximately"
    more_than = "more_than"
    at_least = "at_least"
    nearly = "nearly"
    less_than = "less_than"
    at_most = "at_most"


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


class Figure(FigureBase, Retractable, table=True):
    # List pages seek (sort column, id): the order app/pagination.py walks.
    # The vocabularies count units and qualifiers on indexes of their own (migration 0014).
    __table_args__ = (
        Index("ix_figure_value_id", "value", "id"),
        Index("ix_figure_unit", "unit"),
        Index("ix_figure_qualifier", "qualifier"),
        retracted_index("figure"),
    )

    id: str = Field(primary_key=True, sa_type=sortable())
    value: float = Field(index=True)
    citations: list[Citation] = Relationship(
        sa_relationship_kwargs={"order_by": "Citation.position", "cascade": "all, delete-orphan"}
    )
    event: Event | None = Relationship(back_populates="figures")
    claimed_by_actor: Actor | None = Relationship()


class FigurePublic(FigureBase):
    lower_bound: Number | None = Field(
        default=None, description="The least the source's words allow; null if unbounded."
    )
    upper_bound: Number | None = Field(
        default=None, description="The most the source's words allow; null if unbounded."
    )
    citations: list[CitationPublic]
    retraction: Retraction | None = Field(description="Set when the figure was retracted.")

    @model_validator(mode="after")
    def _bounds(self) -> "FigurePublic":
        # Derived from the qualifier on every read, so they can never disagree with it.
        self.lower_bound, self.upper_bound = bounds(self.qualifier, self.value)
        return self


class FigureDetail(FigurePublic):
    event: EventRef | None
    claimed_by_actor: ActorPublic | None


class FigureCreate(FigureBase):
    model_config = {"extra": "forbid"}

    id: Slug
    value: Annotated[Number, Strict()]  # a JSON number, as the schema says, not "6500"
    event_id: Slug | None = None
    claimed_by: Slug | None = None
    citations: list[CitationCreate] = Field(min_length=1)


class FigureUpdate(SQLModel):
    """A correction: the curated fields to change, and why. Checked as a bundle would be."""

    model_config = {"extra": "forbid"}

    # What a fact cannot be without may be left out but not set to null; the rest may be
    # cleared with null.
    metric: str = unset()
    value: Annotated[Number, Strict()] = unset()
    unit: str = unset()
    qualifier: Qualifier = unset()
    scope: str | None = None
    event_id: Slug | None = None
    claimed_by: Slug | None = None
    citations: Citations = unset()
    reason: Reason = Field(description="Why; kept in the history.")
