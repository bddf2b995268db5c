from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.statement_kind import StatementKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.actor_public import ActorPublic
    from ..models.citation_public import CitationPublic
    from ..models.event_ref import EventRef
    from ..models.retraction import Retraction


T = TypeVar("T", bound="StatementDetail")


@_attrs_define
class StatementDetail:
    """
    Attributes:
        id (str):
        speaker (str):
        kind (StatementKind):
        text (str): For a direct quote, the quoted words exactly; else a neutral paraphrase.
        citations (list[CitationPublic]):
        retraction (None | Retraction): Set when the statement was retracted.
        event (EventRef | None):
        speaker_actor (ActorPublic): An actor as served.
        reported_by_actor (ActorPublic | None):
        said_on (datetime.date | None | Unset):
        event_id (None | str | Unset):
        reported_by (None | str | Unset): The body that published it.
    """

    id: str
    speaker: str
    kind: StatementKind
    text: str
    citations: list[CitationPublic]
    retraction: None | Retraction
    event: EventRef | None
    speaker_actor: ActorPublic
    reported_by_actor: ActorPublic | None
    said_on: datetime.date | None | Unset = UNSET
    event_id: None | str | Unset = UNSET
    reported_by: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.actor_public import ActorPublic  # noqa: PLC0415
        from ..models.event_ref import EventRef  # noqa: PLC0415
        from ..models.retraction import Retraction  # noqa: PLC0415

        id = self.id

        speaker = self.speaker

        kind = self.kind.value

        text = self.text

        citations = []
        for citations_item_data in self.citations:
            citations_item = citations_item_data.to_dict()
            citations.append(citations_item)

        retraction: dict[str, Any] | None
        if isinstance(self.retraction, Retraction):
            retraction = self.retraction.to_dict()
        else:
            retraction = self.retraction

        event: dict[str, Any] | None
        if isinstance(self.event, EventRef):
            event = self.event.to_dict()
        else:
            event = self.event

        speaker_actor = self.speaker_actor.to_dict()

        reported_by_actor: dict[str, Any] | None
        if isinstance(self.reported_by_actor, ActorPublic):
            reported_by_actor = self.reported_by_actor.to_dict()
        else:
            reported_by_actor = self.reported_by_actor

        said_on: None | str | Unset
        if isinstance(self.said_on, Unset):
            said_on = UNSET
        elif isinstance(self.said_on, datetime.date):
            said_on = self.said_on.isoformat()
        else:
            said_on = self.said_on

        event_id: None | str | Unset
        if isinstance(self.event_id, Unset):
            event_id = UNSET
        else:
            event_id = self.event_id

        reported_by: None | str | Unset
        if isinstance(self.reported_by, Unset):
            reported_by = UNSET
        else:
            reported_by = self.reported_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "speaker": speaker,
                "kind": kind,
                "text": text,
                "citations": citations,
                "retraction": retraction,
                "event": event,
                "speaker_actor": speaker_actor,
                "reported_by_actor": reported_by_actor,
            }
        )
        if said_on is not UNSET:
            field_dict["said_on"] = said_on
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if reported_by is not UNSET:
            field_dict["reported_by"] = reported_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor_public import ActorPublic  # noqa: PLC0415
        from ..models.citation_public import CitationPublic  # noqa: PLC0415
        from ..models.event_ref import EventRef  # noqa: PLC0415
        from ..models.retraction import Retraction  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        speaker = d.pop("speaker")

        kind = StatementKind(d.pop("kind"))

        text = d.pop("text")

        citations = []
        _citations = d.pop("citations")
        for citations_item_data in _citations:
            citations_item = CitationPublic.from_dict(citations_item_data)

            citations.append(citations_item)

        def _parse_retraction(data: object) -> None | Retraction:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                retraction_type_0 = Retraction.from_dict(data)

                return retraction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Retraction, data)

        retraction = _parse_retraction(d.pop("retraction"))

        def _parse_event(data: object) -> EventRef | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                event_type_0 = EventRef.from_dict(data)

                return event_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EventRef | None, data)

        event = _parse_event(d.pop("event"))

        speaker_actor = ActorPublic.from_dict(d.pop("speaker_actor"))

        def _parse_reported_by_actor(data: object) -> ActorPublic | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reported_by_actor_type_0 = ActorPublic.from_dict(data)

                return reported_by_actor_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActorPublic | None, data)

        reported_by_actor = _parse_reported_by_actor(d.pop("reported_by_actor"))

        def _parse_said_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                said_on_type_0 = datetime.date.fromisoformat(data)

                return said_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        said_on = _parse_said_on(d.pop("said_on", UNSET))

        def _parse_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_id = _parse_event_id(d.pop("event_id", UNSET))

        def _parse_reported_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reported_by = _parse_reported_by(d.pop("reported_by", UNSET))

        statement_detail = cls(
            id=id,
            speaker=speaker,
            kind=kind,
            text=text,
            citations=citations,
            retraction=retraction,
            event=event,
            speaker_actor=speaker_actor,
            reported_by_actor=reported_by_actor,
            said_on=said_on,
            event_id=event_id,
            reported_by=reported_by,
        )

        statement_detail.additional_properties = d
        return statement_detail

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
