"""Contains all the data models used in inputs/outputs"""

from .actor_create import ActorCreate
from .actor_kind import ActorKind
from .actor_page import ActorPage
from .actor_public import ActorPublic
from .bundle import Bundle
from .change_page import ChangePage
from .citation_create import CitationCreate
from .citation_public import CitationPublic
from .date_precision import DatePrecision
from .event_actor_create import EventActorCreate
from .event_actor_public import EventActorPublic
from .event_create import EventCreate
from .event_detail import EventDetail
from .event_page import EventPage
from .event_public import EventPublic
from .event_ref import EventRef
from .event_status import EventStatus
from .event_type import EventType
from .event_update import EventUpdate
from .figure_claim import FigureClaim
from .figure_create import FigureCreate
from .figure_detail import FigureDetail
from .figure_page import FigurePage
from .figure_public import FigurePublic
from .figure_summary import FigureSummary
from .figure_update import FigureUpdate
from .format_ import Format
from .get_bundle_schema_response_getbundleschema import GetBundleSchemaResponseGetbundleschema
from .get_card_kind import GetCardKind
from .health import Health
from .hit import Hit
from .hit_type import HitType
from .list_actors_format_type_0 import ListActorsFormatType0
from .list_actors_sort import ListActorsSort
from .list_events_sort import ListEventsSort
from .list_figures_format_type_0 import ListFiguresFormatType0
from .list_figures_sort import ListFiguresSort
from .list_places_sort import ListPlacesSort
from .list_sources_format_type_0 import ListSourcesFormatType0
from .list_sources_sort import ListSourcesSort
from .list_statements_format_type_0 import ListStatementsFormatType0
from .list_statements_sort import ListStatementsSort
from .list_timeline_group_by_type_0 import ListTimelineGroupByType0
from .list_timeline_sort import ListTimelineSort
from .o_embed import OEmbed
from .place_create import PlaceCreate
from .place_kind import PlaceKind
from .place_page import PlacePage
from .place_public import PlacePublic
from .problem import Problem
from .problem_conflict import ProblemConflict
from .problem_conflict_changed_in import ProblemConflictChangedIn
from .problem_error import ProblemError
from .problem_error_location import ProblemErrorLocation
from .qualifier import Qualifier
from .range_ import Range
from .readiness import Readiness
from .retraction import Retraction
from .retraction_create import RetractionCreate
from .revision_op import RevisionOp
from .revision_page import RevisionPage
from .revision_public import RevisionPublic
from .revision_public_changes import RevisionPublicChanges
from .revision_public_record import RevisionPublicRecord
from .search_page import SearchPage
from .search_records_type_item import SearchRecordsTypeItem
from .source_create import SourceCreate
from .source_detail import SourceDetail
from .source_kind import SourceKind
from .source_page import SourcePage
from .source_public import SourcePublic
from .statement_create import StatementCreate
from .statement_detail import StatementDetail
from .statement_kind import StatementKind
from .statement_page import StatementPage
from .statement_public import StatementPublic
from .statement_update import StatementUpdate
from .summary import Summary
from .summary_changes import SummaryChanges
from .summary_changes_additional_property import SummaryChangesAdditionalProperty
from .term import Term
from .timeline_event import TimelineEvent
from .timeline_figure import TimelineFigure
from .timeline_group import TimelineGroup
from .timeline_page import TimelinePage
from .timeline_statement import TimelineStatement
from .vocabularies import Vocabularies

__all__ = (
    "ActorCreate",
    "ActorKind",
    "ActorPage",
    "ActorPublic",
    "Bundle",
    "ChangePage",
    "CitationCreate",
    "CitationPublic",
    "DatePrecision",
    "EventActorCreate",
    "EventActorPublic",
    "EventCreate",
    "EventDetail",
    "EventPage",
    "EventPublic",
    "EventRef",
    "EventStatus",
    "EventType",
    "EventUpdate",
    "FigureClaim",
    "FigureCreate",
    "FigureDetail",
    "FigurePage",
    "FigurePublic",
    "FigureSummary",
    "FigureUpdate",
    "Format",
    "GetBundleSchemaResponseGetbundleschema",
    "GetCardKind",
    "Health",
    "Hit",
    "HitType",
    "ListActorsFormatType0",
    "ListActorsSort",
    "ListEventsSort",
    "ListFiguresFormatType0",
    "ListFiguresSort",
    "ListPlacesSort",
    "ListSourcesFormatType0",
    "ListSourcesSort",
    "ListStatementsFormatType0",
    "ListStatementsSort",
    "ListTimelineGroupByType0",
    "ListTimelineSort",
    "OEmbed",
    "PlaceCreate",
    "PlaceKind",
    "PlacePage",
    "PlacePublic",
    "Problem",
    "ProblemConflict",
    "ProblemConflictChangedIn",
    "ProblemError",
    "ProblemErrorLocation",
    "Qualifier",
    "Range",
    "Readiness",
    "Retraction",
    "RetractionCreate",
    "RevisionOp",
    "RevisionPage",
    "RevisionPublic",
    "RevisionPublicChanges",
    "RevisionPublicRecord",
    "SearchPage",
    "SearchRecordsTypeItem",
    "SourceCreate",
    "SourceDetail",
    "SourceKind",
    "SourcePage",
    "SourcePublic",
    "StatementCreate",
    "StatementDetail",
    "StatementKind",
    "StatementPage",
    "StatementPublic",
    "StatementUpdate",
    "Summary",
    "SummaryChanges",
    "SummaryChangesAdditionalProperty",
    "Term",
    "TimelineEvent",
    "TimelineFigure",
    "TimelineGroup",
    "TimelinePage",
    "TimelineStatement",
    "Vocabularies",
)
