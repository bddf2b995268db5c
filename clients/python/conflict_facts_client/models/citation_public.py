from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CitationPublic")


@_attrs_define
class CitationPublic:
    """A W3C Web Annotation TextQuote + TextPosition selector into a stored source text.

    Attributes:
        source_id (str):
        exact (str): The cited characters: `text[start:end]`.
        prefix (str): Up to 32 characters just before `exact`.
        suffix (str): Up to 32 characters just after `exact`.
        start (int): Offset of the first character, in Unicode code points.
        end (int): Offset just past the last character.
        via (list[str]): Ids of the sources the claim passed through.
    """

    source_id: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    via: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_id = self.source_id

        exact = self.exact

        prefix = self.prefix

        suffix = self.suffix

        start = self.start

        end = self.end

        via = self.via

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source_id": source_id,
                "exact": exact,
                "prefix": prefix,
                "suffix": suffix,
                "start": start,
                "end": end,
                "via": via,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source_id = d.pop("source_id")

        exact = d.pop("exact")

        prefix = d.pop("prefix")

        suffix = d.pop("suffix")

        start = d.pop("start")

        end = d.pop("end")

        via = cast(list[str], d.pop("via"))

        citation_public = cls(
            source_id=source_id,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            start=start,
            end=end,
            via=via,
        )

        citation_public.additional_properties = d
        return citation_public

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
