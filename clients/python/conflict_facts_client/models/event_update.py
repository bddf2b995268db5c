from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.date_precision import DatePrecision
from ..models.event_status import EventStatus
from ..models.event_type import EventType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.citation_create import CitationCreate
    from ..models.event_actor_create import EventActorCreate


T = TypeVar("T", bound="EventUpdate")


@_attrs_define
class EventUpdate:
    """A correction: the curated fields to change, and why. Checked as a bundle would be.

    Attributes:
        reason (str): Why; kept in the history.
        title (str | Unset):
        summary (str | Unset):
        type_ (EventType | Unset):
        start_date (datetime.date | None | Unset):
        end_date (datetime.date | None | Unset):
        date_precision (DatePrecision | None | Unset):
        date_note (None | str | Unset):
        status (EventStatus | Unset):
        parent_id (None | str | Unset):
        place_id (None | str | Unset):
        actors (list[EventActorCreate] | Unset):
        citations (list[CitationCreate] | Unset):
    """

    reason: str
    title: str | Unset = UNSET
    summary: str | Unset = UNSET
    type_: EventType | Unset = UNSET
    start_date: datetime.date | None | Unset = UNSET
    end_date: datetime.date | None | Unset = UNSET
    date_precision: DatePrecision | None | Unset = UNSET
    date_note: None | str | Unset = UNSET
    status: EventStatus | Unset = UNSET
    parent_id: None | str | Unset = UNSET
    place_id: None | str | Unset = UNSET
    actors: list[EventActorCreate] | Unset = UNSET
    citations: list[CitationCreate] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        title = self.title

        summary = self.summary

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

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

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        else:
            parent_id = self.parent_id

        place_id: None | str | Unset
        if isinstance(self.place_id, Unset):
            place_id = UNSET
        else:
            place_id = self.place_id

        actors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.actors, Unset):
            actors = []
            for actors_item_data in self.actors:
                actors_item = actors_item_data.to_dict()
                actors.append(actors_item)

        citations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.citations, Unset):
            citations = []
            for citations_item_data in self.citations:
                citations_item = citations_item_data.to_dict()
                citations.append(citations_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if summary is not UNSET:
            field_dict["summary"] = summary
        if type_ is not UNSET:
            field_dict["type"] = type_
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if date_precision is not UNSET:
            field_dict["date_precision"] = date_precision
        if date_note is not UNSET:
            field_dict["date_note"] = date_note
        if status is not UNSET:
            field_dict["status"] = status
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if place_id is not UNSET:
            field_dict["place_id"] = place_id
        if actors is not UNSET:
            field_dict["actors"] = actors
        if citations is not UNSET:
            field_dict["citations"] = citations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation_create import CitationCreate  # noqa: PLC0415
        from ..models.event_actor_create import EventActorCreate  # noqa: PLC0415

        d = dict(src_dict)
        reason = d.pop("reason")

        title = d.pop("title", UNSET)

        summary = d.pop("summary", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: EventType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = EventType(_type_)

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

        _status = d.pop("status", UNSET)
        status: EventStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = EventStatus(_status)

        def _parse_parent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        def _parse_place_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        place_id = _parse_place_id(d.pop("place_id", UNSET))

        _actors = d.pop("actors", UNSET)
        actors: list[EventActorCreate] | Unset = UNSET
        if _actors is not UNSET:
            actors = []
            for actors_item_data in _actors:
                actors_item = EventActorCreate.from_dict(actors_item_data)

                actors.append(actors_item)

        _citations = d.pop("citations", UNSET)
        citations: list[CitationCreate] | Unset = UNSET
        if _citations is not UNSET:
            citations = []
            for citations_item_data in _citations:
                citations_item = CitationCreate.from_dict(citations_item_data)

                citations.append(citations_item)

        event_update = cls(
            reason=reason,
            title=title,
            summary=summary,
            type_=type_,
            start_date=start_date,
            end_date=end_date,
            date_precision=date_precision,
            date_note=date_note,
            status=status,
            parent_id=parent_id,
            place_id=place_id,
            actors=actors,
            citations=citations,
        )

        return event_update
