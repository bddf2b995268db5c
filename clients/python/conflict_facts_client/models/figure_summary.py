from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.figure_claim import FigureClaim
    from ..models.range_ import Range


T = TypeVar("T", bound="FigureSummary")


@_attrs_define
class FigureSummary:
    """Every live claim about one quantity of one event, side by side, and what they span.

    Attributes:
        metric (str):
        event_id (str):
        claims (list[FigureClaim]): By value, then id.
        values (Range):
        range_ (Range):
    """

    metric: str
    event_id: str
    claims: list[FigureClaim]
    values: Range
    range_: Range
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metric = self.metric

        event_id = self.event_id

        claims = []
        for claims_item_data in self.claims:
            claims_item = claims_item_data.to_dict()
            claims.append(claims_item)

        values = self.values.to_dict()

        range_ = self.range_.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metric": metric,
                "event_id": event_id,
                "claims": claims,
                "values": values,
                "range": range_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.figure_claim import FigureClaim  # noqa: PLC0415
        from ..models.range_ import Range  # noqa: PLC0415

        d = dict(src_dict)
        metric = d.pop("metric")

        event_id = d.pop("event_id")

        claims = []
        _claims = d.pop("claims")
        for claims_item_data in _claims:
            claims_item = FigureClaim.from_dict(claims_item_data)

            claims.append(claims_item)

        values = Range.from_dict(d.pop("values"))

        range_ = Range.from_dict(d.pop("range"))

        figure_summary = cls(
            metric=metric,
            event_id=event_id,
            claims=claims,
            values=values,
            range_=range_,
        )

        figure_summary.additional_properties = d
        return figure_summary

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
