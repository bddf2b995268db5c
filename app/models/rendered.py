"""Rendered: a record's JSON, the bytes the API answers, kept current on every write."""

from sqlalchemy import LargeBinary, String
from sqlmodel import Field, SQLModel

from app.models.common import sortable


class Rendered(SQLModel, table=True):
    """The body and ETag a detail GET answers with, so that a read is one primary-key lookup.

    A null body means the record does not answer 200 (it is gone, or may not be served as
    stored): its GET takes the full path. See app/rendered.py.
    """

    kind: str = Field(primary_key=True, sa_type=String(16))
    # Joined to the records' own ids, so compared under the same collation.
    id: str = Field(primary_key=True, sa_type=sortable())
    body: bytes | None = Field(default=None, sa_type=LargeBinary)
    etag: str | None = None
