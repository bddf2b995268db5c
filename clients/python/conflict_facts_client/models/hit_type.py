from enum import StrEnum


class HitType(StrEnum):
    EVENT = "event"
    FIGURE = "figure"
    SOURCE = "source"
    STATEMENT = "statement"

    def __str__(self) -> str:
        return str(self.value)
