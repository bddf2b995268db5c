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

    max_concurrency: int = Field(32, ge=1)
    """Requests in flight per process; more are answered 503 at once (the probes excepted)."""

    search_rate_limit: int = Field(60, ge=0)
    """Searches per client (IP address) per minute; more get 429. 0 turns the limit off (for a
    deployment whose gateway limits rates)."""

    write_rate_limit: int = Field(60, ge=0)
    """Writes per curator key per minute; more get 429. 0: no limit."""

    rate_limit_storage: str = "memory://"
    """Where rate limits count: `memory://`, in each process, or `redis://host:port/db`, one
    count shared by every process using that Redis (`pip install '.[redis]'`)."""

    trusted_proxies: str = ""
    """Addresses or networks (comma-separated, e.g. `10.0.0.5,10.1.0.0/16`) of the reverse
    proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` name the client; empty (the
    default) trusts nobody's, so that no client can choose the address it is limited by."""

    head_timeout: float = Field(10, gt=0)
    """Seconds a connection has to send a request's line and headers (`conflict-facts serve`);
    then 408 and closed."""

    body_timeout: float = Field(10, gt=0)
    """Seconds a request body may take, plus one per 64 KiB it holds; then 408."""

    send_timeout: float = Field(30, gt=0)
    """Seconds a client may leave its answer unread before its connection is dropped
    (`conflict-facts serve`)."""

    bulk_dir: str = ""
    """Directory of the bulk files (`/v1/dump`, whole-list exports), which every worker of a
    deployment shares so that each file is built once per data version; empty (the default):
    beside the SQLite database file (`<file>-bulk`), or for PostgreSQL a directory named after
    the database URL in the system's temporary directory."""

    log_format: LogFormat = "text"
    """How `conflict-facts serve` writes its log to stderr: `text` lines, or `json` lines."""
