"""Actors: people, states, government bodies, organisations, armed groups and media."""

from enum import StrEnum

from sqlalchemy import JSON, Column, Index, String, Text
from sqlmodel import Field, SQLModel

from app.models.common import Country, Slug, sortable


class ActorKind(StrEnum):
    person = "person"
    state = "state"
    government_body = "government_body"
    organization = "organization"
    armed_group = "armed_group"
    media = "media"


class ActorBase(SQLModel):
    id: str
    name: str = Field(max_length=300, sa_type=sortable(300))
    kind: ActorKind = Field(sa_type=String(32))
    title: str | None = None
    country: Country = Field(default=None, sa_type=String(2), index=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Actor(ActorBase, table=True):
    # List pages seek (sort column, id): the order app/pagination.py walks.
    __table_args__ = (Index("ix_actor_name_id", "name", "id"),)

    id: str = Field(primary_key=True, sa_type=sortable())
    folded: str = Field(
        default="",
        sa_type=Text,
        sa_column_kwargs={"server_default": ""},
        description="The name and aliases as `q` compares them (app.models.common.folded_names).",
    )


class ActorPublic(ActorBase):
    """An actor as served."""


class ActorCreate(ActorBase):
    model_config = {"extra": "forbid"}

    id: Slug
