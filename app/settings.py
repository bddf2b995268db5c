"""Configuration, read from the environment (and a `.env` file) once per app."""

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite:///conflict-facts.db"
    """SQLAlchemy URL: the embedded SQLite file by default, `postgresql+psycopg://…` to scale."""
