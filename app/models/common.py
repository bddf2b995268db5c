"""What every model module shares: the constraint naming convention and common field types."""

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BeforeValidator,
    PlainSerializer,
    StringConstraints,
)
from pydantic_core import PydanticCustomError
from sqlalchemy import MetaData, String
from sqlmodel import Field, SQLModel

# One naming convention so that every constraint has a predictable name that Alembic
# can alter on SQLite (batch mode) and PostgreSQL alike.
SQLModel.metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def sortable(length: int | None = None) -> String:
    """Return the type of a text column that lists sort by: ordered by code point everywhere.

    SQLite compares text byte by byte, which for UTF-8 is code point order. PostgreSQL would
    follow the database's locale ("a" before "B" under en-US), so there the column gets the
    "C" collation: the order, and so every cursor, is the same on both backends.
    """
    return String(length).with_variant(String(length, collation="C"), "postgresql")


Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=100),
]


def _plain_number(value: float) -> int | float:
    """Return `value` as an int when it is integral, so 6500 is not served as 6500.0."""
    return int(value) if value.is_integer() else value


Number = Annotated[
    float, AllowInfNan(False), PlainSerializer(_plain_number, return_type=int | float)
]


def no_nul(value: str) -> str:
    """Return `value`; raise a validation error if it holds a NUL character."""
    if "\x00" in value:
        raise PydanticCustomError("nul", "Must not contain a NUL character")
    return value


Text = Annotated[str, AfterValidator(no_nul)]
"""A string a database can store: no NUL character (PostgreSQL refuses them)."""


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "Must not be empty or only whitespace")
    return value


Reason = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2000),
    AfterValidator(no_nul),
    AfterValidator(_not_blank),
]
"""Why a record was corrected or retracted, kept in its history: 1 to 2,000 characters, not
all whitespace."""


def _upper(value: str | None) -> str | None:
    return value.upper() if value else value


Country = Annotated[
    str | None,
    StringConstraints(pattern=r"^[A-Za-z]{2}$"),
    AfterValidator(_upper),
    Field(description="ISO 3166-1 alpha-2 code, or null."),
]


def _without_default(schema: dict[str, Any]) -> None:
    schema.pop("default")


def unset() -> Any:
    """Return the default of an Update model's field that may be left out but never set to
    null, as `title: str = unset()`: None stands for "not given" (pydantic does not validate
    defaults, and an update only applies the fields it was given), and the published JSON
    Schema shows neither null nor that default. A null sent is refused like any wrong type.
    """
    return Field(default=None, schema_extra={"json_schema_extra": _without_default})


def iso_date(value: Any) -> Any:
    """Return `value` if it is a date written exactly as YYYY-MM-DD, a date object (as a YAML
    bundle holds) or None (left to the field's type); raise a validation error otherwise."""
    # Without this, pydantic would also take `0` (a Unix time) or `2022-07-16T00:00`.
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PydanticCustomError("date_format", "Expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(iso_date)]
"""A date written exactly as YYYY-MM-DD."""


# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)


def fold(text: str) -> str:
    """Return `text` as name lookups compare it: case-folded, without accents ("Şuşa" and
    "shusha" differ, "Şuşa" and "susa" do not)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(_UNDECOMPOSED)


def folded_names(name: str, aliases: Sequence[str] = ()) -> str:
    """Return the stored lookup column of a record named `name` (and `aliases`): each name
    folded, one per line, so that a substring match never spans two names."""
    return "\n".join(fold(n) for n in (name, *aliases))


NameQuery = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(no_nul)]
"""A `q` that looks a name up: part of a name or alias, in any case, with or without accents."""


def name_pattern(q: str) -> str:
    """Return the LIKE pattern (escaped with `\\`) that finds the folded `q` inside a folded
    names column (folded_names)."""
    escaped = fold(q.strip()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
