from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.date_precision import DatePrecision
from ..models.event_status import EventStatus
from ..models.event_type import EventType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.citation_public import CitationPublic
    from ..models.event_actor_public import EventActorPublic
    from ..models.place_public import PlacePublic
    from ..models.retraction import Retraction


T = TypeVar("T", bound="EventPublic")


@_attrs_define
class EventPublic:
    """
    Attributes:
        id (str):
        title (str): Neutral wording; a party's own words stay in quotes.
        summary (str):
        type_ (EventType):
        status (EventStatus):
        place (None | PlacePublic):
        actors (list[EventActorPublic]):
        citations (list[CitationPublic]):
        retraction (None | Retraction): Set when the event was retracted.
        start_date (datetime.date | None | Unset):
        end_date (datetime.date | None | Unset): Last day the event covers; null while it goes on.
        date_precision (DatePrecision | None | Unset):
        date_note (None | str | Unset): How the date was derived when the text does not state it.
        parent_id (None | str | Unset):
    """

    id: str
    title: str
    summary: str
    type_: EventType
    status: EventStatus
    place: None | PlacePublic
    actors: list[EventActorPublic]
    citations: list[CitationPublic]
    retraction: None | Retraction
    start_date: datetime.date | None | Unset = UNSET
    end_date: datetime.date | None | Unset = UNSET
    date_precision: DatePrecision | None | Unset = UNSET
    date_note: None | str | Unset = UNSET
    parent_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.place_public import PlacePublic  # noqa: PLC0415
        from ..models.retraction import Retraction  # noqa: PLC0415

        id = self.id

        title = self.title

        summary = self.summary

        type_ = self.type_.value

        status = self.status.value

        place: dict[str, Any] | None
        if isinstance(self.place, PlacePublic):
            place = self.place.to_dict()
        else:
            place = self.place

        actors = []
        for actors_item_data in self.actors:
            actors_item = actors_item_data.to_dict()
            actors.append(actors_item)

        citations = []
        for citations_item_data in self.citations:
            citations_item = citations_item_data.to_dict()
            citations.append(citations_item)

        retraction: dict[str, Any] | None
        if isinstance(self.retraction, Retraction):
            retraction = self.retraction.to_dict()
        else:
            retraction = self.retraction

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        date_precision: None | str | Unset
        if isinstance(self.date_precision, Unset):
            date_precision = UNSET
        elif isinstance(self.date_precision, DatePrecision):
            date_precision = self.date_precision.value
        else:
            date_precision = self.date_precision

        date_note: None | str | Unset
        if isinstance(self.date_note, Unset):
            date_note = UNSET
        else:
            date_note = self.date_note

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "summary": summary,
                "type": type_,
                "status": status,
                "place": place,
                "actors": actors,
                "citations": citations,
                "retraction": retraction,
            }
        )
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if date_precision is not UNSET:
            field_dict["date_precision"] = date_precision
        if date_note is not UNSET:
            field_dict["date_note"] = date_note
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation_public import CitationPublic  # noqa: PLC0415
        from ..models.event_actor_public import EventActorPublic  # noqa: PLC0415
        from ..models.place_public import PlacePublic  # noqa: PLC0415
        from ..models.retraction import Retraction  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        summary = d.pop("summary")

        type_ = EventType(d.pop("type"))

        status = EventStatus(d.pop("status"))

        def _parse_place(data: object) -> None | PlacePublic:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                place_type_0 = PlacePublic.from_dict(data)

                return place_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlacePublic, data)

        place = _parse_place(d.pop("place"))

        actors = []
        _actors = d.pop("actors")
        for actors_item_data in _actors:
            actors_item = EventActorPublic.from_dict(actors_item_data)

            actors.append(actors_item)

        citations = []
        _citations = d.pop("citations")
        for citations_item_data in _citations:
            citations_item = CitationPublic.from_dict(citations_item_data)

            citations.append(citations_item)

        def _parse_retraction(data: object) -> None | Retraction:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                retraction_type_0 = Retraction.from_dict(data)

                return retraction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Retraction, data)

        retraction = _parse_retraction(d.pop("retraction"))

        def _parse_start_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        start_date = _parse_start_date(d.pop("start_date", UNSET))

        def _parse_end_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        end_date = _parse_end_date(d.pop("end_date", UNSET))

        def _parse_date_precision(data: object) -> DatePrecision | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_precision_type_0 = DatePrecision(data)

                return date_precision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DatePrecision | None | Unset, data)

        date_precision = _parse_date_precision(d.pop("date_precision", UNSET))

        def _parse_date_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        date_note = _parse_date_note(d.pop("date_note", UNSET))

        def _parse_parent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        event_public = cls(
            id=id,
            title=title,
            summary=summary,
            type_=type_,
            status=status,
            place=place,
            actors=actors,
            citations=citations,
            retraction=retraction,
            start_date=start_date,
            end_date=end_date,
            date_precision=date_precision,
            date_note=date_note,
            parent_id=parent_id,
        )

        event_public.additional_properties = d
        return event_public

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
