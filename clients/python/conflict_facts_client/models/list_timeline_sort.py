from enum import StrEnum


class ListTimelineSort(StrEnum):
    START_DATE = "start_date"
    VALUE_1 = "-start_date"

    def __str__(self) -> str:
        return str(self.value)
