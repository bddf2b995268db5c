from enum import StrEnum


class StatementKind(StrEnum):
    DIRECT_QUOTE = "direct_quote"
    PARAPHRASE = "paraphrase"

    def __str__(self) -> str:
        return str(self.value)
