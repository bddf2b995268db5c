from enum import StrEnum


class ListActorsFormatType0(StrEnum):
    CSV = "csv"
    JSON = "json"
    JSONLD = "jsonld"

    def __str__(self) -> str:
        return str(self.value)
