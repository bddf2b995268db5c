from enum import StrEnum


class RevisionOp(StrEnum):
    INSERT = "insert"
    RETRACT = "retract"
    UPDATE = "update"

    def __str__(self) -> str:
        return str(self.value)
