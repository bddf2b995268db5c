from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.problem_conflict import ProblemConflict
    from ..models.problem_error import ProblemError
    from ..models.retraction import Retraction


T = TypeVar("T", bound="Problem")


@_attrs_define
class Problem:
    """An RFC 9457 problem detail, served as `application/problem+json`.

    Attributes:
        title (str): Short summary of the problem type (the HTTP reason).
        status (int):
        detail (str): What went wrong for this request.
        instance (str): The path of the request that failed.
        type_ (str | Unset): URI identifying the problem type. Default: 'about:blank'.
        errors (list[ProblemError] | None | Unset): Every invalid input, when the request was malformed.
        retraction (None | Retraction | Unset): On a 410: why, when and by whom the record was retracted.
        conflicts (list[ProblemConflict] | None | Unset): On a 409 from an ingest: every corrected field the bundle
            would set back.
    """

    title: str
    status: int
    detail: str
    instance: str
    type_: str | Unset = "about:blank"
    errors: list[ProblemError] | None | Unset = UNSET
    retraction: None | Retraction | Unset = UNSET
    conflicts: list[ProblemConflict] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.retraction import Retraction  # noqa: PLC0415

        title = self.title

        status = self.status

        detail = self.detail

        instance = self.instance

        type_ = self.type_

        errors: list[dict[str, Any]] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, list):
            errors = []
            for errors_type_0_item_data in self.errors:
                errors_type_0_item = errors_type_0_item_data.to_dict()
                errors.append(errors_type_0_item)

        else:
            errors = self.errors

        retraction: dict[str, Any] | None | Unset
        if isinstance(self.retraction, Unset):
            retraction = UNSET
        elif isinstance(self.retraction, Retraction):
            retraction = self.retraction.to_dict()
        else:
            retraction = self.retraction

        conflicts: list[dict[str, Any]] | None | Unset
        if isinstance(self.conflicts, Unset):
            conflicts = UNSET
        elif isinstance(self.conflicts, list):
            conflicts = []
            for conflicts_type_0_item_data in self.conflicts:
                conflicts_type_0_item = conflicts_type_0_item_data.to_dict()
                conflicts.append(conflicts_type_0_item)

        else:
            conflicts = self.conflicts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
                "status": status,
                "detail": detail,
                "instance": instance,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if errors is not UNSET:
            field_dict["errors"] = errors
        if retraction is not UNSET:
            field_dict["retraction"] = retraction
        if conflicts is not UNSET:
            field_dict["conflicts"] = conflicts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.problem_conflict import ProblemConflict  # noqa: PLC0415
        from ..models.problem_error import ProblemError  # noqa: PLC0415
        from ..models.retraction import Retraction  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title")

        status = d.pop("status")

        detail = d.pop("detail")

        instance = d.pop("instance")

        type_ = d.pop("type", UNSET)

        def _parse_errors(data: object) -> list[ProblemError] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                errors_type_0 = []
                _errors_type_0 = data
                for errors_type_0_item_data in _errors_type_0:
                    errors_type_0_item = ProblemError.from_dict(errors_type_0_item_data)

                    errors_type_0.append(errors_type_0_item)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ProblemError] | None | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))

        def _parse_retraction(data: object) -> None | Retraction | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                retraction_type_0 = Retraction.from_dict(data)

                return retraction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Retraction | Unset, data)

        retraction = _parse_retraction(d.pop("retraction", UNSET))

        def _parse_conflicts(data: object) -> list[ProblemConflict] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                conflicts_type_0 = []
                _conflicts_type_0 = data
                for conflicts_type_0_item_data in _conflicts_type_0:
                    conflicts_type_0_item = ProblemConflict.from_dict(conflicts_type_0_item_data)

                    conflicts_type_0.append(conflicts_type_0_item)

                return conflicts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ProblemConflict] | None | Unset, data)

        conflicts = _parse_conflicts(d.pop("conflicts", UNSET))

        problem = cls(
            title=title,
            status=status,
            detail=detail,
            instance=instance,
            type_=type_,
            errors=errors,
            retraction=retraction,
            conflicts=conflicts,
        )

        problem.additional_properties = d
        return problem

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
