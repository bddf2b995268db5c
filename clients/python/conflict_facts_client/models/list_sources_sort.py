from enum import StrEnum


class ListSourcesSort(StrEnum):
    ID = "id"
    PUBLISHED_ON = "published_on"
    VALUE_1 = "-published_on"
    VALUE_3 = "-id"

    def __str__(self) -> str:
        return str(self.value)
