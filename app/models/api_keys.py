"""Curator API keys: only a hash of each token is stored."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, String
from sqlmodel import Field, SQLModel

import app.models.common  # noqa: F401 - first, for the metadata's naming convention


class ApiKeyScope(StrEnum):
    read = "read"
    write = "write"


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, description="Who the writes are attributed to; never reused.")
    scope: ApiKeyScope = Field(sa_type=String(8))
    prefix: str = Field(index=True, description="The token's first characters, to find its row.")
    hash: str = Field(sa_type=String(64), description="SHA-256 of the whole token, hex.")
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    revoked_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
