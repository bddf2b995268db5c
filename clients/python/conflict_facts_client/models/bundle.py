from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.actor_create import ActorCreate
    from ..models.event_create import EventCreate
    from ..models.figure_create import FigureCreate
    from ..models.place_create import PlaceCreate
    from ..models.source_create import SourceCreate
    from ..models.statement_create import StatementCreate


T = TypeVar("T", bound="Bundle")


@_attrs_define
class Bundle:
    """Sources with their texts, and the facts they support: the format of the seed files.

    Every list is optional. A source's `text` is the full text, stored byte-for-byte, which
    citations quote; in a YAML file, `text_file` names a file beside it instead.

        Attributes:
            sources (list[SourceCreate] | Unset):
            actors (list[ActorCreate] | Unset):
            places (list[PlaceCreate] | Unset):
            events (list[EventCreate] | Unset):
            figures (list[FigureCreate] | Unset):
            statements (list[StatementCreate] | Unset):
    """

    sources: list[SourceCreate] | Unset = UNSET
    actors: list[ActorCreate] | Unset = UNSET
    places: list[PlaceCreate] | Unset = UNSET
    events: list[EventCreate] | Unset = UNSET
    figures: list[FigureCreate] | Unset = UNSET
    statements: list[StatementCreate] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        sources: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sources, Unset):
            sources = []
            for sources_item_data in self.sources:
                sources_item = sources_item_data.to_dict()
                sources.append(sources_item)

        actors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.actors, Unset):
            actors = []
            for actors_item_data in self.actors:
                actors_item = actors_item_data.to_dict()
                actors.append(actors_item)

        places: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.places, Unset):
            places = []
            for places_item_data in self.places:
                places_item = places_item_data.to_dict()
                places.append(places_item)

        events: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.to_dict()
                events.append(events_item)

        figures: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.figures, Unset):
            figures = []
            for figures_item_data in self.figures:
                figures_item = figures_item_data.to_dict()
                figures.append(figures_item)

        statements: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.statements, Unset):
            statements = []
            for statements_item_data in self.statements:
                statements_item = statements_item_data.to_dict()
                statements.append(statements_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if sources is not UNSET:
            field_dict["sources"] = sources
        if actors is not UNSET:
            field_dict["actors"] = actors
        if places is not UNSET:
            field_dict["places"] = places
        if events is not UNSET:
            field_dict["events"] = events
        if figures is not UNSET:
            field_dict["figures"] = figures
        if statements is not UNSET:
            field_dict["statements"] = statements

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor_create import ActorCreate  # noqa: PLC0415
        from ..models.event_create import EventCreate  # noqa: PLC0415
        from ..models.figure_create import FigureCreate  # noqa: PLC0415
        from ..models.place_create import PlaceCreate  # noqa: PLC0415
        from ..models.source_create import SourceCreate  # noqa: PLC0415
        from ..models.statement_create import StatementCreate  # noqa: PLC0415

        d = dict(src_dict)
        _sources = d.pop("sources", UNSET)
        sources: list[SourceCreate] | Unset = UNSET
        if _sources is not UNSET:
            sources = []
            for sources_item_data in _sources:
                sources_item = SourceCreate.from_dict(sources_item_data)

                sources.append(sources_item)

        _actors = d.pop("actors", UNSET)
        actors: list[ActorCreate] | Unset = UNSET
        if _actors is not UNSET:
            actors = []
            for actors_item_data in _actors:
                actors_item = ActorCreate.from_dict(actors_item_data)

                actors.append(actors_item)

        _places = d.pop("places", UNSET)
        places: list[PlaceCreate] | Unset = UNSET
        if _places is not UNSET:
            places = []
            for places_item_data in _places:
                places_item = PlaceCreate.from_dict(places_item_data)

                places.append(places_item)

        _events = d.pop("events", UNSET)
        events: list[EventCreate] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = EventCreate.from_dict(events_item_data)

                events.append(events_item)

        _figures = d.pop("figures", UNSET)
        figures: list[FigureCreate] | Unset = UNSET
        if _figures is not UNSET:
            figures = []
            for figures_item_data in _figures:
                figures_item = FigureCreate.from_dict(figures_item_data)

                figures.append(figures_item)

        _statements = d.pop("statements", UNSET)
        statements: list[StatementCreate] | Unset = UNSET
        if _statements is not UNSET:
            statements = []
            for statements_item_data in _statements:
                statements_item = StatementCreate.from_dict(statements_item_data)

                statements.append(statements_item)

        bundle = cls(
            sources=sources,
            actors=actors,
            places=places,
            events=events,
            figures=figures,
            statements=statements,
        )

        return bundle
