from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Range")


@_attrs_define
class Range:
    """
    Attributes:
        low (float | int | None): The least any claim allows: the smallest lower bound; null when some claim sets none
            ("nearly 4,000", "approximately 300").
        high (float | int | None): The most any claim allows: the largest upper bound; null when some claim sets none
            ("more than 6,500").
    """

    low: float | int | None
    high: float | int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        low: float | int | None
        low = self.low

        high: float | int | None
        high = self.high

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "low": low,
                "high": high,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_low(data: object) -> float | int | None:
            if data is None:
                return data
            return cast(float | int | None, data)

        low = _parse_low(d.pop("low"))

        def _parse_high(data: object) -> float | int | None:
            if data is None:
                return data
            return cast(float | int | None, data)

        high = _parse_high(d.pop("high"))

        range_ = cls(
            low=low,
            high=high,
        )

        range_.additional_properties = d
        return range_

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
