"""Revisions: the append-only history of every record, which is also the change feed."""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator
from sqlalchemy import JSON, Column, DateTime, Index, String, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from app.models.common import Reason  # first, for the metadata's naming convention


def as_utc(value: datetime) -> datetime:
    """Return `value` in UTC; SQLite hands back naive datetimes, which are stored in UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UtcDateTime = Annotated[datetime, AfterValidator(as_utc)]
"""A moment, always served in UTC (`…Z`)."""


class RevisionOp(StrEnum):
    insert = "insert"
    update = "update"
    retract = "retract"


class RevisionOrigin(StrEnum):
    """What made a revision: an ingest (a bundle), a correction (PATCH) or a retraction."""

    ingest = "ingest"
    correction = "correction"
    retraction = "retraction"


class Retraction(SQLModel):
    """Why, when and by whom a fact was withdrawn."""

    reason: str
    at: UtcDateTime
    by: str = Field(description="The curator's key name, or `cli:<user>` for the command line.")


class Retractable(SQLModel):
    """The columns of a fact that can be retracted; a retracted fact is kept, never deleted."""

    retracted_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    retraction_reason: str | None = Field(default=None, sa_type=Text)
    retracted_by: str | None = None

    @property
    def retraction(self) -> Retraction | None:
        if self.retracted_at is None:
            return None
        return Retraction(
            reason=self.retraction_reason or "", at=self.retracted_at, by=self.retracted_by or ""
        )


def retracted_index(table: str) -> Index:
    """Return the partial index of the retracted ids of the fact table `table` (migration
    0008): search reads them to leave retracted facts out, and there are few."""
    where = text("retracted_at IS NOT NULL")
    return Index(f"ix_{table}_retracted", "id", sqlite_where=where, postgresql_where=where)


class RetractionCreate(SQLModel):
    """What a curator sends to retract a fact."""

    model_config = {"extra": "forbid"}

    reason: Reason = Field(description="Why; shown with the 410.")


class Revision(SQLModel, table=True):
    """One change to one record. `seq` is commit order across all records."""

    __table_args__ = (UniqueConstraint("kind", "record_id", "number"),)

    seq: int | None = Field(default=None, primary_key=True)
    kind: str = Field(sa_type=String(16), description="As in the record's URL (app.kinds).")
    record_id: str
    number: int
    op: RevisionOp = Field(sa_type=String(8))
    at: datetime = Field(sa_type=DateTime(timezone=True))
    by: str
    reason: str | None = Field(default=None, sa_type=Text)
    origin: RevisionOrigin | None = Field(default=None, sa_type=String(16))
    """What made it; an ingest never undoes what a later correction or retraction set."""
    changes: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    record: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))


class RevisionPublic(SQLModel):
    """A revision as served by the change feed and the history of a record."""

    seq: int = Field(description="Position in commit order across all records.")
    kind: str = Field(description="The kind of record, as in its URL: `/v1/{kind}/{id}`.")
    record_id: str
    number: int = Field(description="1 for the record's first revision, then 2, 3, …")
    op: RevisionOp
    at: UtcDateTime
    by: str = Field(description="The curator's key name, or `cli:<user>` for the command line.")
    reason: str | None
    changes: dict[str, Any] = Field(
        description="Each changed field of `record`: `[old, new]`; empty on insert."
    )
    record: dict[str, Any] = Field(
        description="The whole record after the change, as `/v1/{kind}` lists it, except that "
        "an event names its place and actors by id (`place_id`, `actors[].actor_id`)."
    )
