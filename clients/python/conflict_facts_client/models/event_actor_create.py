from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="EventActorCreate")


@_attrs_define
class EventActorCreate:
    """
    Attributes:
        actor_id (str):
        role (str):
    """

    actor_id: str
    role: str

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        role = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "actor_id": actor_id,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        role = d.pop("role")

        event_actor_create = cls(
            actor_id=actor_id,
            role=role,
        )

        return event_actor_create
