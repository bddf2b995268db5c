"""Rendered: each record's JSON, the bytes the API answers, made when the record is written."""

from sqlalchemy import LargeBinary, String
from sqlmodel import Field, SQLModel

from app.models.common import sortable


class Rendered(SQLModel, table=True):
    """One rendering of one record (a list item, a detail, a timeline entry…) and its ETag
    (see app/rendering.py). A detail GET is one primary-key read."""

    kind: str = Field(primary_key=True, sa_type=String(32), description="`event.detail`, …")
    # Joined to the records' own ids, so compared under the same collation.
    id: str = Field(primary_key=True, sa_type=sortable())
    body: bytes = Field(sa_type=LargeBinary)
    etag: str


class RenderedWith(SQLModel, table=True):
    """The fingerprint of the code that made the renderings the database holds (one row)."""

    __tablename__ = "rendered_with"

    fingerprint: str = Field(primary_key=True, sa_type=String(32))
