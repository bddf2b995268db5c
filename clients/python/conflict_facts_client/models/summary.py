from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.summary_changes import SummaryChanges


T = TypeVar("T", bound="Summary")


@_attrs_define
class Summary:
    """What loading a bundle did (or, in a dry run, would do). Records are named `kind/id`.

    Attributes:
        dry_run (bool | Unset):  Default: False.
        inserted (list[str] | Unset): Records that are new, as `kind/id`.
        updated (list[str] | Unset): Records that changed, as `kind/id`.
        unchanged (int | Unset): How many records were already as the bundle says. Default: 0.
        changes (SummaryChanges | Unset): For each updated record (`kind/id`), each changed field as `[old, new]`.
        warnings (list[str] | Unset): New values close to ones in use (`/v1/vocabularies`), as `pointer (id): …`; the
            bundle is written all the same.
        overridden (list[str] | Unset): Updated records whose corrections the bundle overrode (`override=true`), as
            `kind/id`; their history says so.
    """

    dry_run: bool | Unset = False
    inserted: list[str] | Unset = UNSET
    updated: list[str] | Unset = UNSET
    unchanged: int | Unset = 0
    changes: SummaryChanges | Unset = UNSET
    warnings: list[str] | Unset = UNSET
    overridden: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dry_run = self.dry_run

        inserted: list[str] | Unset = UNSET
        if not isinstance(self.inserted, Unset):
            inserted = self.inserted

        updated: list[str] | Unset = UNSET
        if not isinstance(self.updated, Unset):
            updated = self.updated

        unchanged = self.unchanged

        changes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.changes, Unset):
            changes = self.changes.to_dict()

        warnings: list[str] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = self.warnings

        overridden: list[str] | Unset = UNSET
        if not isinstance(self.overridden, Unset):
            overridden = self.overridden

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if inserted is not UNSET:
            field_dict["inserted"] = inserted
        if updated is not UNSET:
            field_dict["updated"] = updated
        if unchanged is not UNSET:
            field_dict["unchanged"] = unchanged
        if changes is not UNSET:
            field_dict["changes"] = changes
        if warnings is not UNSET:
            field_dict["warnings"] = warnings
        if overridden is not UNSET:
            field_dict["overridden"] = overridden

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.summary_changes import SummaryChanges  # noqa: PLC0415

        d = dict(src_dict)
        dry_run = d.pop("dry_run", UNSET)

        inserted = cast(list[str], d.pop("inserted", UNSET))

        updated = cast(list[str], d.pop("updated", UNSET))

        unchanged = d.pop("unchanged", UNSET)

        _changes = d.pop("changes", UNSET)
        changes: SummaryChanges | Unset
        if isinstance(_changes, Unset):
            changes = UNSET
        else:
            changes = SummaryChanges.from_dict(_changes)

        warnings = cast(list[str], d.pop("warnings", UNSET))

        overridden = cast(list[str], d.pop("overridden", UNSET))

        summary = cls(
            dry_run=dry_run,
            inserted=inserted,
            updated=updated,
            unchanged=unchanged,
            changes=changes,
            warnings=warnings,
            overridden=overridden,
        )

        summary.additional_properties = d
        return summary

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
