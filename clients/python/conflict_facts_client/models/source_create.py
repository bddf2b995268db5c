from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.source_kind import SourceKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="SourceCreate")


@_attrs_define
class SourceCreate:
    """
    Attributes:
        id (str):
        title (str):
        publisher (str):
        kind (SourceKind):
        published_on (datetime.date | None | Unset):
        url (None | str | Unset):
        language (None | str | Unset): BCP 47 language tag, e.g. `en`.
        cites (list[str] | Unset):
        text (None | str | Unset): The full text, stored as given.
    """

    id: str
    title: str
    publisher: str
    kind: SourceKind
    published_on: datetime.date | None | Unset = UNSET
    url: None | str | Unset = UNSET
    language: None | str | Unset = UNSET
    cites: list[str] | Unset = UNSET
    text: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        publisher = self.publisher

        kind = self.kind.value

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

        cites: list[str] | Unset = UNSET
        if not isinstance(self.cites, Unset):
            cites = self.cites

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "title": title,
                "publisher": publisher,
                "kind": kind,
            }
        )
        if published_on is not UNSET:
            field_dict["published_on"] = published_on
        if url is not UNSET:
            field_dict["url"] = url
        if language is not UNSET:
            field_dict["language"] = language
        if cites is not UNSET:
            field_dict["cites"] = cites
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        publisher = d.pop("publisher")

        kind = SourceKind(d.pop("kind"))

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

        cites = cast(list[str], d.pop("cites", UNSET))

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        source_create = cls(
            id=id,
            title=title,
            publisher=publisher,
            kind=kind,
            published_on=published_on,
            url=url,
            language=language,
            cites=cites,
            text=text,
        )

        return source_create
