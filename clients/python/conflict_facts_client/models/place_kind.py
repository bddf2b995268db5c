from enum import StrEnum


class PlaceKind(StrEnum):
    CITY = "city"
    COUNTRY = "country"
    REGION = "region"
    SITE = "site"

    def __str__(self) -> str:
        return str(self.value)
