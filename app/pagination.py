"""Keyset (cursor) pagination shared by every list endpoint.

A page is ordered by one sort column, nulls last in both directions, then by `id` as the
tie-breaker, so paging to the end returns every record exactly once even while other
records are added. The cursor is the (sort value, id) of the last row served, encoded as
URL-safe base64 JSON; it is opaque to clients and tied to the sort it was made for.
"""

import base64
import binascii
import json
import math
import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import ColumnElement, Date, Float, String, and_, or_
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import SQLModel
from sqlmodel.sql.expression import SelectOfScalar

from app.db import SessionDep

Row = TypeVar("Row", bound=SQLModel)
Item = TypeVar("Item", bound=BaseModel)
P = TypeVar("P", bound="Page[Any]")


class PageQuery(BaseModel):
    """Query parameters every paginated endpoint takes; unknown parameters are rejected."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(25, ge=1, le=100, description="Records per page.")
    cursor: str | None = Field(
        None, max_length=2048, description="`next_cursor` of the previous page; opaque."
    )


class ListQuery(PageQuery):
    """Query parameters every list endpoint takes: a page, in a sort order."""

    sort: str = "id"


def _iso_date(value: Any) -> Any:
    # Without this, pydantic would also take `0` (a Unix time) or `2022-07-16T00:00`.
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PydanticCustomError("date_format", "Expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
"""A date written exactly as YYYY-MM-DD."""


def ordered(low: str, high: str, message: str) -> Any:
    """Return a validator for field `high` rejecting, with `message`, a value below `low`.

    `low` must be declared before `high`: pydantic validates fields in order, and only the
    ones already validated are in `info.data`.
    """

    def check(cls: Any, value: Any, info: ValidationInfo) -> Any:
        start = info.data.get(low)
        if value is not None and start is not None and value < start:
            raise PydanticCustomError("range", message)
        return value

    return field_validator(high)(classmethod(check))


class Page(BaseModel, Generic[Item]):
    """One page of a list, and the cursor for the next page (null on the last page)."""

    data: list[Item]
    next_cursor: str | None = Field(description="Pass as `cursor` to get the next page.")


def _invalid_cursor(message: str) -> RequestValidationError:
    return RequestValidationError(
        [{"type": "value_error", "loc": ("query", "cursor"), "msg": message, "input": None}]
    )


def encode_cursor(sort: str, key: Any, row_id: str) -> str:
    """Return the opaque cursor that resumes `sort` after the row (`key`, `row_id`)."""
    if isinstance(key, date):
        key = key.isoformat()
    # Unescaped UTF-8 keeps cursors short for names in any script.
    raw = json.dumps([sort, key, row_id], ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a sort key")


def _storable(text: str) -> None:
    """Raise ValueError for text no database column can hold: a NUL or a lone surrogate."""
    if "\x00" in text:
        raise ValueError("NUL character")
    text.encode()  # UnicodeEncodeError, a ValueError, for a lone surrogate


def _sort_key(key: Any, column: InstrumentedAttribute[Any]) -> Any:
    """Return `key` as a value of `column`'s type. Raises ValueError or TypeError otherwise."""
    # SQLModel's own string type decorates VARCHAR: judge by what is stored.
    column_type = getattr(column.type, "impl_instance", column.type)
    if key is None and column.expression.nullable:
        return None
    if isinstance(column_type, Date) and isinstance(key, str):
        return date.fromisoformat(key)
    if isinstance(column_type, Float) and type(key) in (int, float):
        value = float(key)  # OverflowError for ints beyond any float
        if math.isfinite(value):
            return value
    if isinstance(column_type, String) and isinstance(key, str):
        return key
    raise TypeError(key)


def read_cursor(cursor: str, sort: str, convert: Callable[[Any], Any]) -> tuple[Any, str]:
    """Return the (key, id) that a cursor made for `sort` resumes after, the key `convert`ed.

    `convert` raises ValueError or TypeError for a key that `sort` never has. Raises
    RequestValidationError (a 422) when the cursor is not one this API issued, or was made
    for another sort order.
    """
    try:
        raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
        cursor_sort, key, row_id = json.loads(raw, parse_constant=_reject_constant)
        if not isinstance(cursor_sort, str) or not isinstance(row_id, str):
            raise TypeError(cursor_sort, row_id)
        _storable(row_id)
        if isinstance(key, str):
            _storable(key)
        if cursor_sort != sort:
            message = f"This cursor was made for sort={cursor_sort!r}, not {sort!r}."
            raise _invalid_cursor(message)
        return convert(key), row_id
    except (binascii.Error, ValueError, TypeError, OverflowError) as exc:
        raise _invalid_cursor("Not a cursor this API issued.") from exc


def decode_cursor(cursor: str, sort: str, column: InstrumentedAttribute[Any]) -> tuple[Any, str]:
    """Return the (key, id) that a cursor made for `sort` on `column` resumes after.

    Raises RequestValidationError (a 422) when the cursor is not one this API issued, or was
    made for another sort order.
    """
    return read_cursor(cursor, sort, lambda key: _sort_key(key, column))


class Pager:
    """Serves pages of list queries for one request (a FastAPI dependency)."""

    def __init__(self, session: SessionDep, request: Request, response: Response) -> None:
        self.session = session
        self.request = request
        self.response = response

    def page(self, statement: SelectOfScalar[Row], query: ListQuery, page: type[P]) -> P:
        """Return one `page` of `statement`'s rows, ordered by `query.sort`.

        `query.sort` names a column of the selected model, with a leading `-` for descending.
        Sets the RFC 8288 `Link: <…>; rel="next"` header when there is a next page. Raises
        RequestValidationError (a 422) for a cursor this API did not issue for this sort.
        """
        model = statement.column_descriptions[0]["entity"]
        descending = query.sort.startswith("-")
        column, id_column = _column(model, query.sort.lstrip("-")), _column(model, "id")
        order: list[Any]
        if descending:
            order = [column.is_(None), column.desc(), id_column.desc()]
        else:
            order = [column.is_(None), column, id_column]
        statement = statement.order_by(*order)

        if query.cursor is not None:
            key, row_id = decode_cursor(query.cursor, query.sort, column)
            statement = statement.where(_after(column, id_column, key, row_id, descending))

        rows = list(self.session.exec(statement.limit(query.limit + 1)).all())
        next_cursor = None
        if len(rows) > query.limit:
            rows = rows[: query.limit]
            last = rows[-1]
            next_cursor = encode_cursor(
                query.sort, getattr(last, column.key), getattr(last, id_column.key)
            )
            self.link_next(next_cursor)
        return page.model_validate({"data": rows, "next_cursor": next_cursor})

    def link_next(self, cursor: str) -> None:
        """Set the RFC 8288 `Link: <…>; rel="next"` header: this request with `cursor` set."""
        next_url = self.request.url.include_query_params(cursor=cursor)
        self.response.headers["Link"] = f'<{next_url}>; rel="next"'


PagerDep = Annotated[Pager, Depends()]


def _column(model: type[SQLModel], name: str) -> InstrumentedAttribute[Any]:
    """Return the column attribute `name` of `model` (SQLModel types it as its value)."""
    attribute: InstrumentedAttribute[Any] = getattr(model, name)
    return attribute


def _after(
    column: InstrumentedAttribute[Any],
    id_column: InstrumentedAttribute[Any],
    key: Any,
    row_id: str,
    descending: bool,
) -> ColumnElement[bool]:
    """Return the condition selecting rows that come after (`key`, `row_id`), nulls last."""
    if key is None:
        # Already among the trailing nulls: only the id order is left.
        return and_(column.is_(None), id_column < row_id if descending else id_column > row_id)
    beyond = column < key if descending else column > key
    tie = and_(column == key, id_column < row_id if descending else id_column > row_id)
    return or_(beyond, tie, column.is_(None))
