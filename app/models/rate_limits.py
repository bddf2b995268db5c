"""Rate-limit counters: one row per limited client, counting its current fixed window."""

from sqlmodel import Field, SQLModel


class RateLimit(SQLModel, table=True):
    __tablename__ = "rate_limit"

    bucket: str = Field(primary_key=True, description="What is limited, for whom: `search:<ip>`.")
    window_start: int = Field(description="Unix time at which the counted window began.")
    count: int = Field(description="Requests counted in that window.")
