from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.qualifier import Qualifier
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.citation_create import CitationCreate


T = TypeVar("T", bound="FigureCreate")


@_attrs_define
class FigureCreate:
    """
    Attributes:
        id (str):
        metric (str): What is counted: deaths, missing_persons, …
        value (float):
        unit (str):
        qualifier (Qualifier):
        citations (list[CitationCreate]):
        scope (None | str | Unset):
        event_id (None | str | Unset):
        claimed_by (None | str | Unset):
    """

    id: str
    metric: str
    value: float
    unit: str
    qualifier: Qualifier
    citations: list[CitationCreate]
    scope: None | str | Unset = UNSET
    event_id: None | str | Unset = UNSET
    claimed_by: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        metric = self.metric

        value = self.value

        unit = self.unit

        qualifier = self.qualifier.value

        citations = []
        for citations_item_data in self.citations:
            citations_item = citations_item_data.to_dict()
            citations.append(citations_item)

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "metric": metric,
                "value": value,
                "unit": unit,
                "qualifier": qualifier,
                "citations": citations,
            }
        )
        if scope is not UNSET:
            field_dict["scope"] = scope
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if claimed_by is not UNSET:
            field_dict["claimed_by"] = claimed_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation_create import CitationCreate  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        metric = d.pop("metric")

        value = d.pop("value")

        unit = d.pop("unit")

        qualifier = Qualifier(d.pop("qualifier"))

        citations = []
        _citations = d.pop("citations")
        for citations_item_data in _citations:
            citations_item = CitationCreate.from_dict(citations_item_data)

            citations.append(citations_item)

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

        figure_create = cls(
            id=id,
            metric=metric,
            value=value,
            unit=unit,
            qualifier=qualifier,
            citations=citations,
            scope=scope,
            event_id=event_id,
            claimed_by=claimed_by,
        )

        return figure_create
