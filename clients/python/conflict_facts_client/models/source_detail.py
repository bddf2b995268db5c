from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.source_kind import SourceKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="SourceDetail")


@_attrs_define
class SourceDetail:
    """
    Attributes:
        id (str):
        title (str):
        publisher (str):
        kind (SourceKind):
        text_sha256 (None | str): SHA-256 of the stored UTF-8 text.
        text_length (int | None): Length of the text in Unicode code points.
        cites (list[str]): Ids of the sources this one relays.
        cited_by (list[str]): Ids of the sources that relay this one.
        has_text (bool):
        published_on (datetime.date | None | Unset):
        url (None | str | Unset):
        language (None | str | Unset): BCP 47 language tag, e.g. `en`.
    """

    id: str
    title: str
    publisher: str
    kind: SourceKind
    text_sha256: None | str
    text_length: int | None
    cites: list[str]
    cited_by: list[str]
    has_text: bool
    published_on: datetime.date | None | Unset = UNSET
    url: None | str | Unset = UNSET
    language: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        publisher = self.publisher

        kind = self.kind.value

        text_sha256: None | str
        text_sha256 = self.text_sha256

        text_length: int | None
        text_length = self.text_length

        cites = self.cites

        cited_by = self.cited_by

        has_text = self.has_text

        published_on: None | str | Unset
        if isinstance(self.published_on, Unset):
            published_on = UNSET
        elif isinstance(self.published_on, datetime.date):
            published_on = self.published_on.isoformat()
        else:
            published_on = self.published_on

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "publisher": publisher,
                "kind": kind,
                "text_sha256": text_sha256,
                "text_length": text_length,
                "cites": cites,
                "cited_by": cited_by,
                "has_text": has_text,
            }
        )
        if published_on is not UNSET:
            field_dict["published_on"] = published_on
        if url is not UNSET:
            field_dict["url"] = url
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        publisher = d.pop("publisher")

        kind = SourceKind(d.pop("kind"))

        def _parse_text_sha256(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        text_sha256 = _parse_text_sha256(d.pop("text_sha256"))

        def _parse_text_length(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        text_length = _parse_text_length(d.pop("text_length"))

        cites = cast(list[str], d.pop("cites"))

        cited_by = cast(list[str], d.pop("cited_by"))

        has_text = d.pop("has_text")

        def _parse_published_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_on_type_0 = datetime.date.fromisoformat(data)

                return published_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        published_on = _parse_published_on(d.pop("published_on", UNSET))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        source_detail = cls(
            id=id,
            title=title,
            publisher=publisher,
            kind=kind,
            text_sha256=text_sha256,
            text_length=text_length,
            cites=cites,
            cited_by=cited_by,
            has_text=has_text,
            published_on=published_on,
            url=url,
            language=language,
        )

        source_detail.additional_properties = d
        return source_detail

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
