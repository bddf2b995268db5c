"""The kinds of record, in one registry: what routes, rendering, search, exports, embeds, the
change feed and the loader know about each.

A kind is named as in its URL (`/v1/events/{id}`); its singular names one record (`event`,
the `type` of a search hit or a dump line). The registry's order is the order records are
written in and dumped in: a kind comes after the kinds it refers to.
"""

from dataclasses import dataclass, field

from pydantic import BaseModel
from sqlalchemy.orm.interfaces import ORMOption
from sqlmodel import SQLModel

from app import exports
from app.db import selectin
from app.models import (
    Actor,
    ActorPublic,
    Event,
    EventDetail,
    EventPublic,
    EventRecord,
    Figure,
    FigureDetail,
    FigurePublic,
    Place,
    PlacePublic,
    Source,
    SourceDetail,
    SourcePublic,
    Statement,
    StatementDetail,
    StatementPublic,
)


@dataclass(frozen=True, eq=False)
class Kind:
    """One kind of record."""

    name: str
    """As in its URLs, `/v1/{name}/{id}`, and in revisions."""
    singular: str
    """One record: a search hit's and a dump line's `type`, and the CSV file's name."""
    table: type[SQLModel]
    item: type[BaseModel]
    """What a list serves of each record."""
    detail: type[BaseModel]
    """What `GET /v1/{name}/{id}` serves."""
    record: type[BaseModel]
    """What a revision holds of the record (its item, but an event names its place and
    actors by id)."""
    export: exports.Export
    loads: tuple[ORMOption, ...] = field(default=())
    """What the ORM loads with a row to take its revision `record`."""
    fact: bool = False
    """A fact (event, figure, statement): corrected with PATCH, retracted rather than
    deleted (410), and shown in embeddable cards."""
    search_weight: float | None = None
    """Found by `/v1/search` (and, for facts and sources, by `q` on their lists), with this
    weight on its relevance; None: not searched."""

    @property
    def route(self) -> str:
        """The name of the operation serving one record, for `url_for`."""
        return f"get_{self.singular}"

    def __repr__(self) -> str:
        return f"Kind({self.name})"


# Found by name (migration 0012); `q` on their own lists looks names up instead (app.models.common).
ACTORS = Kind(
    "actors",
    "actor",
    Actor,
    ActorPublic,
    ActorPublic,
    ActorPublic,
    exports.ACTOR,
    search_weight=1.0,
)
PLACES = Kind(
    "places",
    "place",
    Place,
    PlacePublic,
    PlacePublic,
    PlacePublic,
    exports.PLACE,
    search_weight=1.0,
)
SOURCES = Kind(
    "sources",
    "source",
    Source,
    SourcePublic,
    SourceDetail,
    SourcePublic,
    exports.SOURCE,
    loads=(selectin(Source.cite_rows),),
    search_weight=1.0,
)
EVENTS = Kind(
    "events",
    "event",
    Event,
    EventPublic,
    EventDetail,
    EventRecord,
    exports.EVENT,
    loads=(selectin(Event.actors), selectin(Event.citations)),
    fact=True,
    # Events are what the other facts are about.
    search_weight=2.0,
)
FIGURES = Kind(
    "figures",
    "figure",
    Figure,
    FigurePublic,
    FigureDetail,
    FigurePublic,
    exports.FIGURE,
    loads=(selectin(Figure.citations),),
    fact=True,
    search_weight=1.25,
)
STATEMENTS = Kind(
    "statements",
    "statement",
    Statement,
    StatementPublic,
    StatementDetail,
    StatementPublic,
    exports.STATEMENT,
    loads=(selectin(Statement.citations),),
    fact=True,
    search_weight=1.25,
)

KINDS: tuple[Kind, ...] = (ACTORS, PLACES, SOURCES, EVENTS, FIGURES, STATEMENTS)
"""Every kind, each after the kinds its records refer to."""

BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
BY_TABLE: dict[type[SQLModel], Kind] = {kind.table: kind for kind in KINDS}

FACTS: tuple[Kind, ...] = tuple(kind for kind in KINDS if kind.fact)
SEARCHED: tuple[Kind, ...] = tuple(
    sorted(
        (kind for kind in KINDS if kind.search_weight), key=lambda kind: -(kind.search_weight or 0)
    )
)
"""The kinds search finds, the heaviest first."""
