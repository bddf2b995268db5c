from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.problem_conflict_changed_in import ProblemConflictChangedIn

T = TypeVar("T", bound="ProblemConflict")


@_attrs_define
class ProblemConflict:
    """A field a bundle would set back: a curator corrected it (or retracted the fact) after
    an ingest last set it.

        Attributes:
            name (str): JSON pointer to the field in the bundle.
            record_id (str):
            field (str):
            stored (Any): The value stored now, as the correction left it.
            bundle (Any): The value the bundle would set.
            changed_by (str): Who made the correction or retraction.
            changed_at (datetime.datetime):
            changed_in (ProblemConflictChangedIn):
            reason (None | str): The reason the curator gave.
    """

    name: str
    record_id: str
    field: str
    stored: Any
    bundle: Any
    changed_by: str
    changed_at: datetime.datetime
    changed_in: ProblemConflictChangedIn
    reason: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        record_id = self.record_id

        field = self.field

        stored = self.stored

        bundle = self.bundle

        changed_by = self.changed_by

        changed_at = self.changed_at.isoformat()

        changed_in = self.changed_in.value

        reason: None | str
        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "record_id": record_id,
                "field": field,
                "stored": stored,
                "bundle": bundle,
                "changed_by": changed_by,
                "changed_at": changed_at,
                "changed_in": changed_in,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        record_id = d.pop("record_id")

        field = d.pop("field")

        stored = d.pop("stored")

        bundle = d.pop("bundle")

        changed_by = d.pop("changed_by")

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        changed_in = ProblemConflictChangedIn(d.pop("changed_in"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        problem_conflict = cls(
            name=name,
            record_id=record_id,
            field=field,
            stored=stored,
            bundle=bundle,
            changed_by=changed_by,
            changed_at=changed_at,
            changed_in=changed_in,
            reason=reason,
        )

        problem_conflict.additional_properties = d
        return problem_conflict

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
