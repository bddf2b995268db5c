from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.actor_kind import ActorKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ActorCreate")


@_attrs_define
class ActorCreate:
    """
    Attributes:
        id (str):
        name (str):
        kind (ActorKind):
        title (None | str | Unset):
        country (None | str | Unset):
        aliases (list[str] | Unset):
    """

    id: str
    name: str
    kind: ActorKind
    title: None | str | Unset = UNSET
    country: None | str | Unset = UNSET
    aliases: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        kind = self.kind.value

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        aliases: list[str] | Unset = UNSET
        if not isinstance(self.aliases, Unset):
            aliases = self.aliases

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "name": name,
                "kind": kind,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if country is not UNSET:
            field_dict["country"] = country
        if aliases is not UNSET:
            field_dict["aliases"] = aliases

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        kind = ActorKind(d.pop("kind"))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        aliases = cast(list[str], d.pop("aliases", UNSET))

        actor_create = cls(
            id=id,
            name=name,
            kind=kind,
            title=title,
            country=country,
            aliases=aliases,
        )

        return actor_create
