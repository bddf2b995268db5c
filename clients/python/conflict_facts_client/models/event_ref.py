from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.date_precision import DatePrecision
from ..models.event_type import EventType

T = TypeVar("T", bound="EventRef")


@_attrs_define
class EventRef:
    """Just enough of an event to name it and link to it.

    Attributes:
        id (str):
        title (str):
        type_ (EventType):
        start_date (datetime.date | None):
        date_precision (DatePrecision | None):
    """

    id: str
    title: str
    type_: EventType
    start_date: datetime.date | None
    date_precision: DatePrecision | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        type_ = self.type_.value

        start_date: None | str
        if isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        date_precision: None | str
        if isinstance(self.date_precision, DatePrecision):
            date_precision = self.date_precision.value
        else:
            date_precision = self.date_precision

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "type": type_,
                "start_date": start_date,
                "date_precision": date_precision,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        type_ = EventType(d.pop("type"))

        def _parse_start_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        start_date = _parse_start_date(d.pop("start_date"))

        def _parse_date_precision(data: object) -> DatePrecision | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_precision_type_0 = DatePrecision(data)

                return date_precision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DatePrecision | None, data)

        date_precision = _parse_date_precision(d.pop("date_precision"))

        event_ref = cls(
            id=id,
            title=title,
            type_=type_,
            start_date=start_date,
            date_precision=date_precision,
        )

        event_ref.additional_properties = d
        return event_ref

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
