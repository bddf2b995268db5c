from enum import StrEnum


class GetCardKind(StrEnum):
    EVENTS = "events"
    FIGURES = "figures"
    STATEMENTS = "statements"

    def __str__(self) -> str:
        return str(self.value)
