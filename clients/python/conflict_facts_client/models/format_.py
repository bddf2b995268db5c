from enum import StrEnum


class Format(StrEnum):
    CSV = "csv"
    GEOJSON = "geojson"
    JSON = "json"
    JSONLD = "jsonld"

    def __str__(self) -> str:
        return str(self.value)
