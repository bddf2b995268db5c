from enum import StrEnum


class EventStatus(StrEnum):
    OCCURRED = "occurred"
    ONGOING = "ongoing"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
