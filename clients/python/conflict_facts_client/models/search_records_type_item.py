from enum import StrEnum


class SearchRecordsTypeItem(StrEnum):
    ACTOR = "actor"
    EVENT = "event"
    FIGURE = "figure"
    PLACE = "place"
    SOURCE = "source"
    STATEMENT = "statement"

    def __str__(self) -> str:
        return str(self.value)
