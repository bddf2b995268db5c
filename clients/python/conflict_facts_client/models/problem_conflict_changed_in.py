from enum import StrEnum


class ProblemConflictChangedIn(StrEnum):
    CORRECTION = "correction"
    RETRACTION = "retraction"

    def __str__(self) -> str:
        return str(self.value)
