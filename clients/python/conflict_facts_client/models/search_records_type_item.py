from enum import StrEnum


class SearchRecordsTypeItem(StrEnum):
    EVENT = "event"
    FIGURE = "figure"
    SOURCE = "source"
    STATEMENT = "statement"

    def __str__(self) -> str:
        return str(self.value)
