from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CitationCreate")


@_attrs_define
class CitationCreate:
    """A citation as curated: the quoted words, located in the text by the loader.

    Attributes:
        source_id (str):
        quote (str):
        via (list[str] | Unset):
        prefix (None | str | Unset): Text just before the quote, to pick one of several matches.
    """

    source_id: str
    quote: str
    via: list[str] | Unset = UNSET
    prefix: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        source_id = self.source_id

        quote = self.quote

        via: list[str] | Unset = UNSET
        if not isinstance(self.via, Unset):
            via = self.via

        prefix: None | str | Unset
        if isinstance(self.prefix, Unset):
            prefix = UNSET
        else:
            prefix = self.prefix

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source_id": source_id,
                "quote": quote,
            }
        )
        if via is not UNSET:
            field_dict["via"] = via
        if prefix is not UNSET:
            field_dict["prefix"] = prefix

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source_id = d.pop("source_id")

        quote = d.pop("quote")

        via = cast(list[str], d.pop("via", UNSET))

        def _parse_prefix(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prefix = _parse_prefix(d.pop("prefix", UNSET))

        citation_create = cls(
            source_id=source_id,
            quote=quote,
            via=via,
            prefix=prefix,
        )

        return citation_create
