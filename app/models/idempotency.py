"""Remembered answers to write requests that carried an `Idempotency-Key`."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, String, Text
from sqlmodel import Field, SQLModel

import app.models.common  # noqa: F401 - first, for the metadata's naming convention


class IdempotentRequest(SQLModel, table=True):
    """A write that succeeded under a key, stored in the write's own transaction."""

    __tablename__ = "idempotency_key"

    curator: str = Field(primary_key=True, description="The name of the key that wrote.")
    key: str = Field(primary_key=True, sa_type=String(255))
    fingerprint: str = Field(
        sa_type=String(64), description="SHA-256 of method, path, query and body, hex."
    )
    status: int
    body: str = Field(sa_type=Text, description="The answer's JSON, as sent.")
    headers: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(sa_type=DateTime(timezone=True), index=True)
