"""Sources: articles, reports, statements and captions, and their stored texts."""

from datetime import date
from enum import StrEnum

from pydantic import computed_field, field_validator
from sqlalchemy import Index, String, Text
from sqlmodel import Field, Relationship, SQLModel

from app.models.common import Slug, iso_date, sortable


class SourceKind(StrEnum):
    news_article = "news_article"
    wire_report = "wire_report"
    official_statement = "official_statement"
    photo_caption = "photo_caption"
    report = "report"
    social_media_post = "social_media_post"


class SourceCite(SQLModel, table=True):
    """`source_id` relays `cited_id` (the Press TV article relays the AFP report)."""

    __tablename__ = "source_cite"

    source_id: str = Field(foreign_key="source.id", primary_key=True, sa_type=sortable())
    cited_id: str = Field(foreign_key="source.id", primary_key=True, sa_type=sortable())


class SourceBase(SQLModel):
    id: str
    title: str
    publisher: str
    kind: SourceKind = Field(sa_type=String(32))
    published_on: date | None = None
    url: str | None = None
    language: str | None = Field(default=None, description="BCP 47 language tag, e.g. `en`.")


class Source(SourceBase, table=True):
    # List pages seek (sort column, id): the order app/pagination.py walks.
    __table_args__ = (Index("ix_source_published_on_id", "published_on", "id"),)

    id: str = Field(primary_key=True, sa_type=sortable())
    text_sha256: str | None = None
    text_length: int | None = None
    cite_rows: list["SourceCite"] = Relationship(
        sa_relationship_kwargs={
            "primaryjoin": "Source.id == SourceCite.source_id",
            "order_by": "SourceCite.cited_id",
            "cascade": "all, delete-orphan",
        }
    )
    cited_by_rows: list["SourceCite"] = Relationship(
        sa_relationship_kwargs={
            "primaryjoin": "Source.id == SourceCite.cited_id",
            "order_by": "SourceCite.source_id",
            "viewonly": True,
        }
    )

    @property
    def cites(self) -> list[str]:
        return [row.cited_id for row in self.cite_rows]

    @property
    def cited_by(self) -> list[str]:
        return [row.source_id for row in self.cited_by_rows]


class SourceText(SQLModel, table=True):
    """A source's full text, byte-for-byte, kept apart so that lists never load it."""

    __tablename__ = "source_text"

    source_id: str = Field(foreign_key="source.id", primary_key=True)
    content: str = Field(sa_type=Text)


class SourcePublic(SourceBase):
    text_sha256: str | None = Field(description="SHA-256 of the stored UTF-8 text.")
    text_length: int | None = Field(description="Length of the text in Unicode code points.")
    cites: list[str] = Field(description="Ids of the sources this one relays.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def has_text(self) -> bool:
        return self.text_sha256 is not None


class SourceDetail(SourcePublic):
    cited_by: list[str] = Field(description="Ids of the sources that relay this one.")


class SourceCreate(SourceBase):
    model_config = {"extra": "forbid"}

    id: Slug
    cites: list[Slug] = []
    text: str | None = Field(default=None, description="The full text, stored as given.")

    _iso_dates = field_validator("published_on", mode="before")(iso_date)
