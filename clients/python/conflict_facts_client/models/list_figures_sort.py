from enum import StrEnum


class ListFiguresSort(StrEnum):
    ID = "id"
    VALUE = "value"
    VALUE_1 = "-value"
    VALUE_3 = "-id"

    def __str__(self) -> str:
        return str(self.value)
