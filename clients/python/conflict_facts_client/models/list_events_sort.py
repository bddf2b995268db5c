from enum import StrEnum


class ListEventsSort(StrEnum):
    END_DATE = "end_date"
    ID = "id"
    START_DATE = "start_date"
    VALUE_1 = "-start_date"
    VALUE_3 = "-end_date"
    VALUE_5 = "-id"

    def __str__(self) -> str:
        return str(self.value)
