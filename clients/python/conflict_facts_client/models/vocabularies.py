from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.term import Term


T = TypeVar("T", bound="Vocabularies")


@_attrs_define
class Vocabularies:
    """Every value in use for each vocabulary, the most used first.

    Attributes:
        event_types (list[Term]): Events' `type`.
        roles (list[Term]): Actors' roles in events (`actors[].role`).
        metrics (list[Term]): Figures' `metric`.
        units (list[Term]): Figures' `unit`.
        qualifiers (list[Term]): Figures' `qualifier`.
    """

    event_types: list[Term]
    roles: list[Term]
    metrics: list[Term]
    units: list[Term]
    qualifiers: list[Term]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_types = []
        for event_types_item_data in self.event_types:
            event_types_item = event_types_item_data.to_dict()
            event_types.append(event_types_item)

        roles = []
        for roles_item_data in self.roles:
            roles_item = roles_item_data.to_dict()
            roles.append(roles_item)

        metrics = []
        for metrics_item_data in self.metrics:
            metrics_item = metrics_item_data.to_dict()
            metrics.append(metrics_item)

        units = []
        for units_item_data in self.units:
            units_item = units_item_data.to_dict()
            units.append(units_item)

        qualifiers = []
        for qualifiers_item_data in self.qualifiers:
            qualifiers_item = qualifiers_item_data.to_dict()
            qualifiers.append(qualifiers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_types": event_types,
                "roles": roles,
                "metrics": metrics,
                "units": units,
                "qualifiers": qualifiers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.term import Term  # noqa: PLC0415

        d = dict(src_dict)
        event_types = []
        _event_types = d.pop("event_types")
        for event_types_item_data in _event_types:
            event_types_item = Term.from_dict(event_types_item_data)

            event_types.append(event_types_item)

        roles = []
        _roles = d.pop("roles")
        for roles_item_data in _roles:
            roles_item = Term.from_dict(roles_item_data)

            roles.append(roles_item)

        metrics = []
        _metrics = d.pop("metrics")
        for metrics_item_data in _metrics:
            metrics_item = Term.from_dict(metrics_item_data)

            metrics.append(metrics_item)

        units = []
        _units = d.pop("units")
        for units_item_data in _units:
            units_item = Term.from_dict(units_item_data)

            units.append(units_item)

        qualifiers = []
        _qualifiers = d.pop("qualifiers")
        for qualifiers_item_data in _qualifiers:
            qualifiers_item = Term.from_dict(qualifiers_item_data)

            qualifiers.append(qualifiers_item)

        vocabularies = cls(
            event_types=event_types,
            roles=roles,
            metrics=metrics,
            units=units,
            qualifiers=qualifiers,
        )

        vocabularies.additional_properties = d
        return vocabularies

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
