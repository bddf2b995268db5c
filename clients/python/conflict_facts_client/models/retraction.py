from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Retraction")


@_attrs_define
class Retraction:
    """Why, when and by whom a fact was withdrawn.

    Attributes:
        reason (str):
        at (datetime.datetime):
        by (str): The curator's key name, or `cli:<user>` for the command line.
    """

    reason: str
    at: datetime.datetime
    by: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        at = self.at.isoformat()

        by = self.by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
                "at": at,
                "by": by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        by = d.pop("by")

        retraction = cls(
            reason=reason,
            at=at,
            by=by,
        )

        retraction.additional_properties = d
        return retraction

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
