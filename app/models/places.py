"""Places, with WGS 84 coordinates."""

from enum import StrEnum

from pydantic import StrictFloat
from sqlalchemy import Index, String, Text
from sqlmodel import Field, SQLModel

from app.models.common import Country, Slug, sortable


class PlaceKind(StrEnum):
    city = "city"
    region = "region"
    country = "country"
    site = "site"


class PlaceBase(SQLModel):
    id: str
    name: str = Field(max_length=300, sa_type=sortable(300))
    kind: PlaceKind = Field(sa_type=String(32))
    country: Country = Field(default=None, sa_type=String(2), index=True)
    latitude: float | None = Field(default=None, ge=-90, le=90, description="WGS 84")
    longitude: float | None = Field(default=None, ge=-180, le=180, description="WGS 84")


class Place(PlaceBase, table=True):
    # List pages seek (sort column, id): the order app/pagination.py walks.
    __table_args__ = (Index("ix_place_name_id", "name", "id"),)

    id: str = Field(primary_key=True, sa_type=sortable())
    folded: str = Field(
        default="",
        sa_type=Text,
        sa_column_kwargs={"server_default": ""},
        description="The name as `q` compares it (app.models.common.folded_names).",
    )


class PlacePublic(PlaceBase):
    """A place as served."""


class PlaceCreate(PlaceBase):
    model_config = {"extra": "forbid"}

    id: Slug
    # Strict: a JSON number, as the schema says, not `true` or "12.5".
    latitude: StrictFloat | None = Field(default=None, ge=-90, le=90, description="WGS 84")
    longitude: StrictFloat | None = Field(default=None, ge=-180, le=180, description="WGS 84")
