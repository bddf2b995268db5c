from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.qualifier import Qualifier
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.actor_public import ActorPublic
    from ..models.citation_public import CitationPublic
    from ..models.retraction import Retraction


T = TypeVar("T", bound="TimelineFigure")


@_attrs_define
class TimelineFigure:
    """
    Attributes:
        id (str):
        metric (str): What is counted: deaths, missing_persons, …
        value (float | int):
        unit (str):
        qualifier (Qualifier):
        citations (list[CitationPublic]):
        retraction (None | Retraction): Set when the figure was retracted.
        claimed_by_actor (ActorPublic | None):
        scope (None | str | Unset):
        event_id (None | str | Unset):
        claimed_by (None | str | Unset): The party making the claim; null when the source states it itself.
        lower_bound (float | int | None | Unset): The least the source's words allow; null if unbounded.
        upper_bound (float | int | None | Unset): The most the source's words allow; null if unbounded.
    """

    id: str
    metric: str
    value: float | int
    unit: str
    qualifier: Qualifier
    citations: list[CitationPublic]
    retraction: None | Retraction
    claimed_by_actor: ActorPublic | None
    scope: None | str | Unset = UNSET
    event_id: None | str | Unset = UNSET
    claimed_by: None | str | Unset = UNSET
    lower_bound: float | int | None | Unset = UNSET
    upper_bound: float | int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.actor_public import ActorPublic  # noqa: PLC0415
        from ..models.retraction import Retraction  # noqa: PLC0415

        id = self.id

        metric = self.metric

        value: float | int
        value = self.value

        unit = self.unit

        qualifier = self.qualifier.value

        citations = []
        for citations_item_data in self.citations:
            citations_item = citations_item_data.to_dict()
            citations.append(citations_item)

        retraction: dict[str, Any] | None
        if isinstance(self.retraction, Retraction):
            retraction = self.retraction.to_dict()
        else:
            retraction = self.retraction

        claimed_by_actor: dict[str, Any] | None
        if isinstance(self.claimed_by_actor, ActorPublic):
            claimed_by_actor = self.claimed_by_actor.to_dict()
        else:
            claimed_by_actor = self.claimed_by_actor

        scope: None | str | Unset
        if isinstance(self.scope, Unset):
            scope = UNSET
        else:
            scope = self.scope

        event_id: None | str | Unset
        if isinstance(self.event_id, Unset):
            event_id = UNSET
        else:
            event_id = self.event_id

        claimed_by: None | str | Unset
        if isinstance(self.claimed_by, Unset):
            claimed_by = UNSET
        else:
            claimed_by = self.claimed_by

        lower_bound: float | int | None | Unset
        if isinstance(self.lower_bound, Unset):
            lower_bound = UNSET
        else:
            lower_bound = self.lower_bound

        upper_bound: float | int | None | Unset
        if isinstance(self.upper_bound, Unset):
            upper_bound = UNSET
        else:
            upper_bound = self.upper_bound

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "metric": metric,
                "value": value,
                "unit": unit,
                "qualifier": qualifier,
                "citations": citations,
                "retraction": retraction,
                "claimed_by_actor": claimed_by_actor,
            }
        )
        if scope is not UNSET:
            field_dict["scope"] = scope
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if claimed_by is not UNSET:
            field_dict["claimed_by"] = claimed_by
        if lower_bound is not UNSET:
            field_dict["lower_bound"] = lower_bound
        if upper_bound is not UNSET:
            field_dict["upper_bound"] = upper_bound

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor_public import ActorPublic  # noqa: PLC0415
        from ..models.citation_public import CitationPublic  # noqa: PLC0415
        from ..models.retraction import Retraction  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        metric = d.pop("metric")

        def _parse_value(data: object) -> float | int:
            return cast(float | int, data)

        value = _parse_value(d.pop("value"))

        unit = d.pop("unit")

        qualifier = Qualifier(d.pop("qualifier"))

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

        def _parse_claimed_by_actor(data: object) -> ActorPublic | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                claimed_by_actor_type_0 = ActorPublic.from_dict(data)

                return claimed_by_actor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActorPublic | None, data)

        claimed_by_actor = _parse_claimed_by_actor(d.pop("claimed_by_actor"))

        def _parse_scope(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        scope = _parse_scope(d.pop("scope", UNSET))

        def _parse_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_id = _parse_event_id(d.pop("event_id", UNSET))

        def _parse_claimed_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        claimed_by = _parse_claimed_by(d.pop("claimed_by", UNSET))

        def _parse_lower_bound(data: object) -> float | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | int | None | Unset, data)

        lower_bound = _parse_lower_bound(d.pop("lower_bound", UNSET))

        def _parse_upper_bound(data: object) -> float | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | int | None | Unset, data)

        upper_bound = _parse_upper_bound(d.pop("upper_bound", UNSET))

        timeline_figure = cls(
            id=id,
            metric=metric,
            value=value,
            unit=unit,
            qualifier=qualifier,
            citations=citations,
            retraction=retraction,
            claimed_by_actor=claimed_by_actor,
            scope=scope,
            event_id=event_id,
            claimed_by=claimed_by,
            lower_bound=lower_bound,
            upper_bound=upper_bound,
        )

        timeline_figure.additional_properties = d
        return timeline_figure

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
