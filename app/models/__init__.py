"""Tables and public shapes, one model family per resource (SQLModel's tutorial layout).

In each module, `<Resource>Base` holds the curated fields, `<Resource>(table=True)` the stored
row, `<Resource>Public` what a list returns, `<Resource>Detail` what a detail view adds and
`<Resource>Create` what a bundle (the seed file) supplies.
"""

from sqlmodel import SQLModel

from app.models.actors import Actor, ActorBase, ActorCreate, ActorKind, ActorPublic
from app.models.api_keys import ApiKey, ApiKeyScope
from app.models.citations import Citation, CitationBase, CitationCreate, CitationPublic
from app.models.common import Country, Number, Slug, Text
from app.models.events import (
    DatePrecision,
    Event,
    EventActor,
    EventActorCreate,
    EventActorPublic,
    EventBase,
    EventCreate,
    EventDetail,
    EventPublic,
    EventRecord,
    EventRef,
    EventSpan,
    EventStatus,
    EventType,
    EventUpdate,
)
from app.models.figures import (
    Figure,
    FigureBase,
    FigureCreate,
    FigureDetail,
    FigurePublic,
    FigureUpdate,
    Qualifier,
    bounds,
)
from app.models.idempotency import IdempotentRequest
from app.models.places import Place, PlaceBase, PlaceCreate, PlaceKind, PlacePublic
from app.models.rendered import Rendered, RenderedWith
from app.models.revisions import (
    Retractable,
    Retraction,
    RetractionCreate,
    Revision,
    RevisionOp,
    RevisionOrigin,
    RevisionPublic,
)
from app.models.sources import (
    Source,
    SourceBase,
    SourceCite,
    SourceCreate,
    SourceDetail,
    SourceKind,
    SourcePublic,
    SourceText,
)
from app.models.statements import (
    Statement,
    StatementBase,
    StatementCreate,
    StatementDetail,
    StatementKind,
    StatementPublic,
    StatementUpdate,
)

# An event's detail view embeds figures and statements, whose modules import events.
EventDetail.model_rebuild()

__all__ = [
    "Actor",
    "ActorBase",
    "ActorCreate",
    "ActorKind",
    "ActorPublic",
    "ApiKey",
    "ApiKeyScope",
    "Citation",
    "CitationBase",
    "CitationCreate",
    "CitationPublic",
    "Country",
    "DatePrecision",
    "Event",
    "EventActor",
    "EventActorCreate",
    "EventActorPublic",
    "EventBase",
    "EventCreate",
    "EventDetail",
    "EventPublic",
    "EventRecord",
    "EventRef",
    "EventSpan",
    "EventStatus",
    "EventType",
    "EventUpdate",
    "Figure",
    "FigureBase",
    "FigureCreate",
    "FigureDetail",
    "FigurePublic",
    "FigureUpdate",
    "IdempotentRequest",
    "Number",
    "Place",
    "PlaceBase",
    "PlaceCreate",
    "PlaceKind",
    "PlacePublic",
    "Qualifier",
    "Rendered",
    "RenderedWith",
    "Retractable",
    "Retraction",
    "RetractionCreate",
    "Revision",
    "RevisionOp",
    "RevisionOrigin",
    "RevisionPublic",
    "SQLModel",
    "Slug",
    "Source",
    "SourceBase",
    "SourceCite",
    "SourceCreate",
    "SourceDetail",
    "SourceKind",
    "SourcePublic",
    "SourceText",
    "Statement",
    "StatementBase",
    "StatementCreate",
    "StatementDetail",
    "StatementKind",
    "StatementPublic",
    "StatementUpdate",
    "Text",
    "bounds",
]
