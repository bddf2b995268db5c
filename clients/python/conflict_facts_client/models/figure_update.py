from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.qualifier import Qualifier
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.citation_create import CitationCreate


T = TypeVar("T", bound="FigureUpdate")


@_attrs_define
class FigureUpdate:
    """A correction: the curated fields to change, and why. Checked as a bundle would be.

    Attributes:
        reason (str): Why; kept in the history.
        metric (str | Unset):
        value (float | Unset):
        unit (str | Unset):
        qualifier (Qualifier | Unset):
        scope (None | str | Unset):
        event_id (None | str | Unset):
        claimed_by (None | str | Unset):
        citations (list[CitationCreate] | Unset):
    """

    reason: str
    metric: str | Unset = UNSET
    value: float | Unset = UNSET
    unit: str | Unset = UNSET
    qualifier: Qualifier | Unset = UNSET
    scope: None | str | Unset = UNSET
    event_id: None | str | Unset = UNSET
    claimed_by: None | str | Unset = UNSET
    citations: list[CitationCreate] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        metric = self.metric

        value = self.value

        unit = self.unit

        qualifier: str | Unset = UNSET
        if not isinstance(self.qualifier, Unset):
            qualifier = self.qualifier.value

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
        if metric is not UNSET:
            field_dict["metric"] = metric
        if value is not UNSET:
            field_dict["value"] = value
        if unit is not UNSET:
            field_dict["unit"] = unit
        if qualifier is not UNSET:
            field_dict["qualifier"] = qualifier
        if scope is not UNSET:
            field_dict["scope"] = scope
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if claimed_by is not UNSET:
            field_dict["claimed_by"] = claimed_by
        if citations is not UNSET:
            field_dict["citations"] = citations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation_create import CitationCreate  # noqa: PLC0415

        d = dict(src_dict)
        reason = d.pop("reason")

        metric = d.pop("metric", UNSET)

        value = d.pop("value", UNSET)

        unit = d.pop("unit", UNSET)

        _qualifier = d.pop("qualifier", UNSET)
        qualifier: Qualifier | Unset
        if isinstance(_qualifier, Unset):
            qualifier = UNSET
        else:
            qualifier = Qualifier(_qualifier)

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

        _citations = d.pop("citations", UNSET)
        citations: list[CitationCreate] | Unset = UNSET
        if _citations is not UNSET:
            citations = []
            for citations_item_data in _citations:
                citations_item = CitationCreate.from_dict(citations_item_data)

                citations.append(citations_item)

        figure_update = cls(
            reason=reason,
            metric=metric,
            value=value,
            unit=unit,
            qualifier=qualifier,
            scope=scope,
            event_id=event_id,
            claimed_by=claimed_by,
            citations=citations,
        )

        return figure_update
