"""Keyset (cursor) pagination shared by every list endpoint.

A page is ordered by one sort column, nulls last in both directions, then by `id` as the
tie-breaker, so paging to the end returns every record exactly once even while other
records are added. The cursor is the (sort value, id) of the last row served, encoded as
URL-safe base64 JSON; it is opaque to clients and tied to the sort it was made for.
"""

import base64
import binascii
import json
from datetime import date
from typing import Any, Generic, Self, TypeVar

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session, SQLModel
from sqlmodel.sql.expression import SelectOfScalar

Row = TypeVar("Row", bound=SQLModel)
Item = TypeVar("Item", bound=BaseModel)


class ListQuery(BaseModel):
    """Query parameters every list endpoint takes; unknown parameters are rejected."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(25, ge=1, le=100, description="Records per page.")
    cursor: str | None = Field(
        None, max_length=512, description="`next_cursor` of the previous page; opaque."
    )
    sort: str = "id"


class DateRange(BaseModel):
    """`from`/`to` query parameters, which must not be reversed."""

    from_: date | None = Field(None, alias="from")
    to: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.from_ is not None and self.to is not None and self.from_ > self.to:
            raise ValueError("`from` is after `to`")
        return self


class Page(BaseModel, Generic[Item]):
    """One page of a list, and the cursor for the next page (null on the last page)."""

    data: list[Item]
    next_cursor: str | None = Field(description="Pass as `cursor` to get the next page.")

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        """Name `Page[EventPublic]` `EventPage` in the OpenAPI document."""
        return f"{params[0].__name__.removesuffix('Public')}Page"


def _invalid_cursor(message: str) -> RequestValidationError:
    return RequestValidationError(
        [{"type": "value_error", "loc": ("query", "cursor"), "msg": message, "input": None}]
    )


def encode_cursor(sort: str, key: Any, row_id: str) -> str:
    """Return the opaque cursor that resumes `sort` after the row (`key`, `row_id`)."""
    if isinstance(key, date):
        key = key.isoformat()
    raw = json.dumps([sort, key, row_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str, key_type: type) -> tuple[Any, str]:
    """Return the (key, id) a cursor resumes after.

    Raises RequestValidationError (a 422) when the cursor is malformed or was made for
    another sort order.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, key, row_id = json.loads(raw)
        if key is not None and key_type is date:
            key = date.fromisoformat(key)
        elif key is not None and not isinstance(key, key_type | int):
            raise TypeError(key)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise _invalid_cursor("Not a cursor this API issued.") from exc
    if cursor_sort != sort or not isinstance(row_id, str):
        raise _invalid_cursor(f"This cursor was made for sort={cursor_sort!r}, not {sort!r}.")
    return key, row_id


def paginate(
    session: Session,
    statement: SelectOfScalar[Row],
    *,
    query: ListQuery,
    model: type[Row],
    request: Request,
    response: Response,
) -> tuple[list[Row], str | None]:
    """Return one page of `statement` ordered by `query.sort`, and the next page's cursor.

    `query.sort` names a column of `model`, with a leading `-` for descending. Sets the RFC 8288
    `Link: <…>; rel="next"` header on `response` when there is a next page.
    """
    descending = query.sort.startswith("-")
    column, id_column = _column(model, query.sort.lstrip("-")), _column(model, "id")
    order: list[Any]
    if descending:
        order = [column.is_(None), column.desc(), id_column.desc()]
    else:
        order = [column.is_(None), column, id_column]
    statement = statement.order_by(*order)

    if query.cursor is not None:
        key, row_id = decode_cursor(query.cursor, query.sort, column.type.python_type)
        statement = statement.where(_after(column, id_column, key, row_id, descending))

    rows = list(session.exec(statement.limit(query.limit + 1)).all())
    if len(rows) <= query.limit:
        return rows, None
    rows = rows[: query.limit]
    last = rows[-1]
    next_cursor = encode_cursor(query.sort, getattr(last, column.key), getattr(last, id_column.key))
    next_url = request.url.include_query_params(cursor=next_cursor)
    response.headers["Link"] = f'<{next_url}>; rel="next"'
    return rows, next_cursor


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
