"""Rendered: the exact JSON bytes of a record's detail, kept up to date on every write."""

from sqlalchemy import LargeBinary, String
from sqlmodel import Field, SQLModel


class Rendered(SQLModel, table=True):
    """The body and ETag a detail GET answers with, so that a read is one primary-key lookup.

    A null body means the record does not answer 200 (it is gone, or may not be served as
    stored): its GET takes the full path. See app/rendered.py.
    """

    kind: str = Field(primary_key=True, sa_type=String(16))
    id: str = Field(primary_key=True)
    body: bytes | None = Field(default=None, sa_type=LargeBinary)
    etag: str | None = None
