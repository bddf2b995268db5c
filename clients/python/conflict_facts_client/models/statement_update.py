from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.statement_kind import StatementKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.citation_create import CitationCreate


T = TypeVar("T", bound="StatementUpdate")


@_attrs_define
class StatementUpdate:
    """A correction: the curated fields to change, and why. Checked as a bundle would be.

    Attributes:
        reason (str): Why; kept in the history.
        speaker (str | Unset):
        kind (StatementKind | Unset):
        text (str | Unset):
        said_on (datetime.date | None | Unset):
        event_id (None | str | Unset):
        reported_by (None | str | Unset):
        citations (list[CitationCreate] | Unset):
    """

    reason: str
    speaker: str | Unset = UNSET
    kind: StatementKind | Unset = UNSET
    text: str | Unset = UNSET
    said_on: datetime.date | None | Unset = UNSET
    event_id: None | str | Unset = UNSET
    reported_by: None | str | Unset = UNSET
    citations: list[CitationCreate] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        speaker = self.speaker

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        text = self.text

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

        citations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.citations, Unset):
            citations = []
            for citations_item_data in self.citations:
                citations_item = citations_item_data.to_dict()
                citations.append(citations_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )
        if speaker is not UNSET:
            field_dict["speaker"] = speaker
        if kind is not UNSET:
            field_dict["kind"] = kind
        if text is not UNSET:
            field_dict["text"] = text
        if said_on is not UNSET:
            field_dict["said_on"] = said_on
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if reported_by is not UNSET:
            field_dict["reported_by"] = reported_by
        if citations is not UNSET:
            field_dict["citations"] = citations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation_create import CitationCreate  # noqa: PLC0415

        d = dict(src_dict)
        reason = d.pop("reason")

        speaker = d.pop("speaker", UNSET)

        _kind = d.pop("kind", UNSET)
        kind: StatementKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = StatementKind(_kind)

        text = d.pop("text", UNSET)

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

        _citations = d.pop("citations", UNSET)
        citations: list[CitationCreate] | Unset = UNSET
        if _citations is not UNSET:
            citations = []
            for citations_item_data in _citations:
                citations_item = CitationCreate.from_dict(citations_item_data)

                citations.append(citations_item)

        statement_update = cls(
            reason=reason,
            speaker=speaker,
            kind=kind,
            text=text,
            said_on=said_on,
            event_id=event_id,
            reported_by=reported_by,
            citations=citations,
        )

        return statement_update
