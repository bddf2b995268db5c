from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hit_type import HitType

T = TypeVar("T", bound="Hit")


@_attrs_define
class Hit:
    """A record matching the search.

    Attributes:
        type_ (HitType):
        id (str):
        title (str): The record's title; a statement's text, cut short.
        snippet (str): HTML: the text around the matches, escaped, each match in <mark>…</mark>.
        url (str): The record's own URL.
        score (float): Relevance, higher is better; comparable only within one search.
    """

    type_: HitType
    id: str
    title: str
    snippet: str
    url: str
    score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        id = self.id

        title = self.title

        snippet = self.snippet

        url = self.url

        score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "title": title,
                "snippet": snippet,
                "url": url,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = HitType(d.pop("type"))

        id = d.pop("id")

        title = d.pop("title")

        snippet = d.pop("snippet")

        url = d.pop("url")

        score = d.pop("score")

        hit = cls(
            type_=type_,
            id=id,
            title=title,
            snippet=snippet,
            url=url,
            score=score,
        )

        hit.additional_properties = d
        return hit

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
