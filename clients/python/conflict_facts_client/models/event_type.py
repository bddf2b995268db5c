from enum import StrEnum


class EventType(StrEnum):
    ACCUSATION = "accusation"
    ARMED_CONFLICT = "armed_conflict"
    ATTACK = "attack"
    CEASEFIRE_AGREEMENT = "ceasefire_agreement"
    DEPLOYMENT = "deployment"
    DIPLOMATIC_MEETING = "diplomatic_meeting"
    MEDIATION = "mediation"
    MILITARY_OPERATION = "military_operation"
    PROTEST = "protest"

    def __str__(self) -> str:
        return str(self.value)
