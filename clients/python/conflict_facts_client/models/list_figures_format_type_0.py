from enum import StrEnum


class ListFiguresFormatType0(StrEnum):
    CSV = "csv"
    JSON = "json"
    JSONLD = "jsonld"

    def __str__(self) -> str:
        return str(self.value)
