"""Citations: where exactly a source text states a fact."""

from typing import Annotated

import pydantic
from sqlalchemy import JSON, CheckConstraint, Column, Text
from sqlmodel import Field, SQLModel

from app.models.common import Slug


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


Citations = Annotated[list[CitationCreate], pydantic.Field(min_length=1)]
"""A fact's citations as curated: at least one."""
