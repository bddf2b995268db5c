from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.revision_op import RevisionOp

if TYPE_CHECKING:
    from ..models.revision_public_changes import RevisionPublicChanges
    from ..models.revision_public_record import RevisionPublicRecord


T = TypeVar("T", bound="RevisionPublic")


@_attrs_define
class RevisionPublic:
    """A revision as served by the change feed and the history of a record.

    Attributes:
        seq (int): Position in commit order across all records.
        kind (str): The kind of record, as in its URL: `/v1/{kind}/{id}`.
        record_id (str):
        number (int): 1 for the record's first revision, then 2, 3, …
        op (RevisionOp):
        at (datetime.datetime):
        by (str): The curator's key name, or `cli:<user>` for the command line.
        reason (None | str):
        changes (RevisionPublicChanges): Each changed field of `record`: `[old, new]`; empty on insert.
        record (RevisionPublicRecord): The whole record after the change, as `/v1/{kind}` lists it, except that an event
            names its place and actors by id (`place_id`, `actors[].actor_id`).
    """

    seq: int
    kind: str
    record_id: str
    number: int
    op: RevisionOp
    at: datetime.datetime
    by: str
    reason: None | str
    changes: RevisionPublicChanges
    record: RevisionPublicRecord
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        seq = self.seq

        kind = self.kind

        record_id = self.record_id

        number = self.number

        op = self.op.value

        at = self.at.isoformat()

        by = self.by

        reason: None | str
        reason = self.reason

        changes = self.changes.to_dict()

        record = self.record.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "seq": seq,
                "kind": kind,
                "record_id": record_id,
                "number": number,
                "op": op,
                "at": at,
                "by": by,
                "reason": reason,
                "changes": changes,
                "record": record,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.revision_public_changes import RevisionPublicChanges  # noqa: PLC0415
        from ..models.revision_public_record import RevisionPublicRecord  # noqa: PLC0415

        d = dict(src_dict)
        seq = d.pop("seq")

        kind = d.pop("kind")

        record_id = d.pop("record_id")

        number = d.pop("number")

        op = RevisionOp(d.pop("op"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        by = d.pop("by")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        changes = RevisionPublicChanges.from_dict(d.pop("changes"))

        record = RevisionPublicRecord.from_dict(d.pop("record"))

        revision_public = cls(
            seq=seq,
            kind=kind,
            record_id=record_id,
            number=number,
            op=op,
            at=at,
            by=by,
            reason=reason,
            changes=changes,
            record=record,
        )

        revision_public.additional_properties = d
        return revision_public

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
