from enum import StrEnum


class ActorKind(StrEnum):
    ARMED_GROUP = "armed_group"
    GOVERNMENT_BODY = "government_body"
    MEDIA = "media"
    ORGANIZATION = "organization"
    PERSON = "person"
    STATE = "state"

    def __str__(self) -> str:
        return str(self.value)
