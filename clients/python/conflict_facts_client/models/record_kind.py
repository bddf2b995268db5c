from enum import StrEnum


class RecordKind(StrEnum):
    ACTORS = "actors"
    EVENTS = "events"
    FIGURES = "figures"
    PLACES = "places"
    SOURCES = "sources"
    STATEMENTS = "statements"

    def __str__(self) -> str:
        return str(self.value)
