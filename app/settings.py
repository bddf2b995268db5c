"""Configuration, read from the environment (and a `.env` file) once per app."""

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.logs import LogFormat


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite:///conflict-facts.db"
    """SQLAlchemy URL: the embedded SQLite file by default, `postgresql+psycopg://…` to scale."""

    query_timeout_ms: int = Field(1500, ge=1)
    """Time budget of one SQL statement; past it the request answers 503."""

    answer_cache_mib: int = Field(32, ge=0)
    """Memory per process for whole answers to plain reads, replayed while the data is
    unchanged (app.answers); 0 keeps none, as behind a caching proxy that does the same."""

    max_concurrency: int = Field(32, ge=1)
    """Requests in flight per process; more are answered 503 at once (the probes excepted)."""

    search_rate_limit: int = Field(60, ge=0)
    """Searches per client (IP address) per minute, counted in the database; more get 429.
    0 turns the limit off (for a deployment whose gateway limits rates)."""

    write_rate_limit: int = Field(60, ge=0)
    """Writes per curator key per minute, counted in the database; more get 429. 0: no limit."""

    log_format: LogFormat = "text"
    """How `conflict-facts serve` writes its log to stderr: `text` lines, or `json` lines."""
