from enum import StrEnum


class ListStatementsSort(StrEnum):
    ID = "id"
    SAID_ON = "said_on"
    VALUE_1 = "-said_on"
    VALUE_3 = "-id"

    def __str__(self) -> str:
        return str(self.value)
