from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.actor_public import ActorPublic


T = TypeVar("T", bound="EventActorPublic")


@_attrs_define
class EventActorPublic:
    """
    Attributes:
        role (str): participant, host, broker, mediator, …
        actor (ActorPublic): An actor as served.
    """

    role: str
    actor: ActorPublic
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        role = self.role

        actor = self.actor.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "role": role,
                "actor": actor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor_public import ActorPublic  # noqa: PLC0415

        d = dict(src_dict)
        role = d.pop("role")

        actor = ActorPublic.from_dict(d.pop("actor"))

        event_actor_public = cls(
            role=role,
            actor=actor,
        )

        event_actor_public.additional_properties = d
        return event_actor_public

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
