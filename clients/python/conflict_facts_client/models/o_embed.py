from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OEmbed")


@_attrs_define
class OEmbed:
    """An oEmbed 1.0 `rich` response: an `<iframe>` of the fact's card.

    Attributes:
        html (str): An `<iframe>` of the card, every attribute escaped.
        width (int): Width of the iframe in pixels, at most `maxwidth`.
        height (int): Height of the iframe in pixels, at most `maxheight`.
        title (str): What the card states, in a line.
        provider_url (str): The explorer of this service.
        version (Literal['1.0'] | Unset):  Default: '1.0'.
        type_ (Literal['rich'] | Unset):  Default: 'rich'.
        provider_name (Literal['conflict-facts'] | Unset):  Default: 'conflict-facts'.
    """

    html: str
    width: int
    height: int
    title: str
    provider_url: str
    version: Literal["1.0"] | Unset = "1.0"
    type_: Literal["rich"] | Unset = "rich"
    provider_name: Literal["conflict-facts"] | Unset = "conflict-facts"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        html = self.html

        width = self.width

        height = self.height

        title = self.title

        provider_url = self.provider_url

        version = self.version

        type_ = self.type_

        provider_name = self.provider_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "html": html,
                "width": width,
                "height": height,
                "title": title,
                "provider_url": provider_url,
            }
        )
        if version is not UNSET:
            field_dict["version"] = version
        if type_ is not UNSET:
            field_dict["type"] = type_
        if provider_name is not UNSET:
            field_dict["provider_name"] = provider_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        html = d.pop("html")

        width = d.pop("width")

        height = d.pop("height")

        title = d.pop("title")

        provider_url = d.pop("provider_url")

        version = cast(Literal["1.0"] | Unset, d.pop("version", UNSET))
        if version != "1.0" and not isinstance(version, Unset):
            raise ValueError(f"version must match const '1.0', got '{version}'")

        type_ = cast(Literal["rich"] | Unset, d.pop("type", UNSET))
        if type_ != "rich" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'rich', got '{type_}'")

        provider_name = cast(Literal["conflict-facts"] | Unset, d.pop("provider_name", UNSET))
        if provider_name != "conflict-facts" and not isinstance(provider_name, Unset):
            raise ValueError(f"provider_name must match const 'conflict-facts', got '{provider_name}'")

        o_embed = cls(
            html=html,
            width=width,
            height=height,
            title=title,
            provider_url=provider_url,
            version=version,
            type_=type_,
            provider_name=provider_name,
        )

        o_embed.additional_properties = d
        return o_embed

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
