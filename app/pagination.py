"""Keyset (cursor) pagination shared by every list endpoint.

A page is ordered by one sort column, nulls last in both directions, then by `id` as the
tie-breaker, so paging to the end returns every record exactly once even while other
records are added. The cursor is the (sort value, id) of the last row served, encoded as
URL-safe base64 JSON; it is opaque to clients and tied to the sort it was made for.

Exports and the dump walk the same order in chunks (`Keyset.chunks`), one keyset query each.
"""

import base64
import binascii
import functools
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    Float,
    Integer,
    SmallInteger,
    String,
    func,
    inspect,
    or_,
)
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import SelectOfScalar
from starlette.datastructures import URL

from app import caching, changes, exports, kinds, rendering
from app.bulk import BulkFiles, Output
from app.db import SessionDep
from app.exports import Format
from app.models import Retractable
from app.rendering import RENDERED

Row = TypeVar("Row", bound=SQLModel)
Item = TypeVar("Item", bound=BaseModel)
P = TypeVar("P", bound="Page[Any]")


TABULAR = {"type": "string", "enum": [f for f in Format if f is not Format.geojson]}
"""The formats of every list, as documented."""


class PageQuery(BaseModel):
    """Query parameters every paginated endpoint takes; unknown parameters are rejected."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(25, ge=1, le=100, description="Records per page.")
    cursor: str | None = Field(
        None, max_length=2048, description="`next_cursor` of the previous page; opaque."
    )


class ListQuery(PageQuery):
    """Query parameters every list endpoint takes: a page, in a sort order, in a format."""

    limit: int = Field(
        25,
        ge=1,
        le=100,
        description="Records per page. An export (csv, geojson, jsonld) without `limit` sends"
        " every matching record.",
    )
    sort: str = "id"
    # Documented without `geojson`, which only the lists of located records (GeoQuery) offer.
    format: Annotated[Format, WithJsonSchema(TABULAR)] | None = Field(
        None, description="`json`, `csv` or `jsonld`; wins over the `Accept` header."
    )


class GeoQuery(ListQuery):
    """Query parameters of a list whose records have a location, so also come as GeoJSON."""

    format: Format | None = Field(
        None, description="`json`, `csv`, `geojson` or `jsonld`; wins over the `Accept` header."
    )


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
    if isinstance(column_type, Integer) and type(key) is int and 0 <= key <= _largest(column_type):
        return key
    raise TypeError(key)


def _largest(column_type: Integer) -> int:
    """Return the largest value an integer column holds on both backends (PostgreSQL's
    `integer` is 32 bits; a larger key would fail as a query, not as a cursor)."""
    if isinstance(column_type, BigInteger):
        return 2**63 - 1
    return 2**15 - 1 if isinstance(column_type, SmallInteger) else 2**31 - 1


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


@dataclass(frozen=True)
class Below:
    """What a list's filters know of the rows whose sort value is below `value`: only those
    meeting `condition` can match. The keyset walks them apart, as a range of their own."""

    value: Any
    condition: ColumnElement[bool]


class Keyset(Generic[Row]):
    """`statement` ordered by `sort` (nulls last, then the primary key), resumable after a row.

    The order is walked in segments, one query each: the rows that have a sort value, by
    (value, primary key), then the rows without one, by primary key. Each segment is one range
    of a (column, id) index, so a page deep in the list costs what the first page costs; a
    single query ordered by `column IS NULL` first could not seek in any index. Given `below`,
    the rows with a sort value are walked in two ranges, either side of `below.value`, those
    below it only where `below.condition` holds (for an index of their own).
    """

    def __init__(
        self, statement: SelectOfScalar[Row], sort: str, below: Below | None = None
    ) -> None:
        model = statement.column_descriptions[0]["entity"]
        self.base = statement
        self.sort = sort
        self.below = below
        self.descending = sort.startswith("-")
        self.column = _column(model, sort.lstrip("-"))
        # The primary key breaks ties: `id`, or `source_id` for a source's text.
        self.id_column = _column(model, inspect(model).primary_key[0].key)
        self.nullable = self.column is not self.id_column and bool(self.column.expression.nullable)

    def key(self, row: Any) -> tuple[Any, Any]:
        """Return the (sort value, primary key) of `row`, a model instance or a row of
        columns that holds them."""
        return getattr(row, self.column.key), getattr(row, self.id_column.key)

    def _segment(self, valued: bool, *conditions: ColumnElement[bool]) -> SelectOfScalar[Row]:
        """Return the statement narrowed by `conditions`, ordered by (column, id) if `valued`,
        else by id."""
        columns = [self.id_column]
        if valued and self.column is not self.id_column:
            columns.insert(0, self.column)
        order = [column.desc() if self.descending else column for column in columns]
        if not conditions:
            return self.base.order_by(*order)
        statement = self.base.where(*conditions)
        # SQLite seeks on the first range it finds for an index: the keyset's comes before the
        # filters' own (such as `start_date <= :to`), else a deep page scans to its start.
        criteria = statement._where_criteria
        split = len(criteria) - len(conditions)
        statement._where_criteria = criteria[split:] + criteria[:split]
        return statement.order_by(*order)

    def _valued(self, key: Any, *bounds: ColumnElement[bool]) -> list[SelectOfScalar[Row]]:
        """Return the statements selecting, in turn, the rows with a sort value after the key
        `key` (None: from the first), `bounds` being the conditions that say so."""
        if self.below is None:
            if not bounds and self.nullable:
                bounds = (self.column.is_not(None),)
            return [self._segment(True, *bounds)]
        column, value, condition = self.column, self.below.value, self.below.condition
        # Either side of `value` is a range of its own (so both bounds of a side are given,
        # the keyset's first). Where the key lies on one side, every row of the other side
        # is either served already or after the key: that side needs no keyset bound.
        high, low = column >= value, column < value
        if self.descending:
            if key is not None and key < value:
                return [self._segment(True, *bounds, low, condition)]
            return [self._segment(True, *bounds, high), self._segment(True, low, condition)]
        if key is not None and key >= value:
            return [self._segment(True, *bounds, high)]
        return [self._segment(True, *bounds, low, condition), self._segment(True, high)]

    def start(self) -> list[SelectOfScalar[Row]]:
        """Return the statements selecting, in turn, every row from the first."""
        if not self.nullable:
            return self._valued(None)
        return [*self._valued(None), self._segment(False, self.column.is_(None))]

    def after(self, key: Any, row_id: Any) -> list[SelectOfScalar[Row]]:
        """Return the statements selecting, in turn, the rows after the one keyed (`key`,
        `row_id`)."""
        column, id_column = self.column, self.id_column
        later_id = id_column < row_id if self.descending else id_column > row_id
        if column is id_column:
            return self._valued(row_id, later_id)
        if key is None:
            # Already among the trailing nulls: only the id order is left.
            return [self._segment(False, column.is_(None), later_id)]
        # `column <= key` (or `>=`) alone is the range an index seeks; the rest breaks ties.
        if self.descending:
            within, later = column <= key, column < key
        else:
            within, later = column >= key, column > key
        segments = self._valued(key, within, or_(later, later_id))
        if self.nullable:
            segments.append(self._segment(False, column.is_(None)))
        return segments

    def resume(self, cursor: str | None) -> list[SelectOfScalar[Row]]:
        """Return the statements selecting, in turn, the rows after `cursor`, or all of them.

        Raises RequestValidationError (a 422) for a cursor this API did not issue for this sort.
        """
        if cursor is None:
            return self.start()
        return self.after(*decode_cursor(cursor, self.sort, self.column))

    def cursor(self, row: Any) -> str:
        """Return the cursor that resumes after `row`."""
        return encode_cursor(self.sort, *self.key(row))

    def take(self, session: Session, segments: Sequence[Any], count: int) -> list[Any]:
        """Return the first `count` rows that `segments` select, in turn: model instances, or
        rows of columns when the segments select columns."""
        rows: list[Any] = []
        for segment in segments:
            result = session.execute(segment.limit(count - len(rows)))
            many = len(segment.column_descriptions) > 1
            rows += result.all() if many else result.scalars().all()
            if len(rows) == count:
                break
        return rows

    def chunks(
        self,
        session: Session,
        start: list[SelectOfScalar[Row]],
        size: int,
        narrow: Callable[[list[Any]], list[Any]] = list,
    ) -> Iterator[list[Any]]:
        """Yield every row `start` selects, `size` at a time, one keyset query per chunk;
        `narrow` turns each query's segments into what they select (default: as they are)."""
        segments = narrow(start)
        while True:
            rows = self.take(session, segments, size)
            if rows:
                yield rows
            if len(rows) < size:
                return
            segments = narrow(self.after(*self.key(rows[-1])))
            # What was yielded is done with; do not keep it in the session's identity map.
            session.expunge_all()


CHUNK = 100
"""Rows fetched per query when an export streams a whole list."""


class Pager:
    """Serves the pages of list queries, and their exports, for one request (a dependency)."""

    def __init__(self, session: SessionDep, request: Request, response: Response) -> None:
        self.session = session
        self.request = request
        self.response = response

    def page(
        self, statement: SelectOfScalar[Row], query: ListQuery, below: Below | None = None
    ) -> Response:
        """Return one page of `statement`'s rows, ordered by `query.sort`, or their export.

        `query.sort` names a column of the selected model, with a leading `-` for descending.
        The format is `query.format`, else negotiated from `Accept` (see app.exports). A JSON
        page joins the rows' stored items (app.rendering); an export formats them. Without
        `limit`, a whole list in CSV or GeoJSON is a bulk file (app.bulk), and any other export
        holds up to MAX_EXPORT rows from `cursor` (or the start). Sets the RFC 8288
        `Link: <…>; rel="next"` header when there is a next page. `below` is what the filters
        know of the rows sorting low (see Keyset). Raises
        RequestValidationError (a 422) for a cursor this API did not issue for this sort or a
        format this list does not offer, HTTPException 406 for an unsatisfiable `Accept`.
        """
        kind = kinds.BY_TABLE[statement.column_descriptions[0]["entity"]]
        fmt = exports.negotiate(self.request, query.format, kind)
        if fmt is Format.json:
            return self.stored_page(statement, query, [rendering.item(kind)], below=below)
        keyset = Keyset(statement, query.sort, below)
        start = keyset.resume(query.cursor)
        headers = {"Vary": "Accept"}
        variants = [rendering.item(kind)]
        whole = "limit" not in query.model_fields_set and query.model_fields_set <= {"format"}
        if whole and fmt in exports.FILES:
            files: BulkFiles = self.request.app.state.bulk
            # Built in another process (app.bulk): what to write is named, not handed over.
            write = functools.partial(write_whole_list, kind.name, fmt.value, query.sort)
            name = exports.file_name(kind, fmt)
            return files.response(
                self.request, self.session, name, exports.media_type(fmt), write, headers
            )
        tag = caching.streamed_etag(
            self.request, changes.newest(self.session), exports.MEDIA_TYPES[fmt]
        )
        if unchanged := caching.not_modified(self.request, tag):
            return unchanged
        headers["ETag"] = tag
        limit = query.limit if "limit" in query.model_fields_set else exports.MAX_EXPORT
        segments = _with_items(keyset, start, variants)
        rows, next_cursor = _rows(self.session, keyset, segments, limit)
        if next_cursor is not None:
            headers["Link"] = self.next_link(next_cursor)
        return exports.response(self.request, fmt, kind, _records(rows), headers)

    def stored_page(
        self,
        statement: SelectOfScalar[Row],
        query: ListQuery,
        variants: list[str],
        extra: bytes = b"",
        below: Below | None = None,
    ) -> Response:
        """Return the JSON page of `statement`'s rows: for each, the first of its stored
        `variants` renderings it has, joined; then `extra` members of the page
        (`,"groups":…`), whatever `Accept` says. Sets the `Link` header as `page()` does.
        """
        content, next_cursor = stored_page(self.session, statement, query, variants, extra, below)
        headers = {"Vary": "Accept"}
        if next_cursor is not None:
            headers["Link"] = self.next_link(next_cursor)
        return Response(content, media_type="application/json", headers=headers)

    def next_link(self, next_cursor: str) -> str:
        """Return the RFC 8288 `Link` header value of the next page."""
        return next_link(self.request.url, next_cursor)


def next_link(url: URL, next_cursor: str) -> str:
    """Return the RFC 8288 `Link` header value of the page after `url`'s, at `next_cursor`."""
    return f'<{url.include_query_params(cursor=next_cursor)}>; rel="next"'


def stored_page(
    session: Session,
    statement: SelectOfScalar[Row],
    query: ListQuery,
    variants: list[str],
    extra: bytes = b"",
    below: Below | None = None,
) -> tuple[bytes, str | None]:
    """Return the JSON page of `statement`'s rows that `query` asks for, and the cursor of the
    next page (None on the last): for each row, the first of its stored `variants` renderings
    it has, joined; then `extra` members of the page (`,"groups":…`). `below` is what the
    filters know of the rows sorting low (see Keyset).

    Raises RequestValidationError (a 422) for a cursor this API did not issue for this sort.
    """
    keyset = Keyset(statement, query.sort, below)
    segments = _with_items(keyset, keyset.resume(query.cursor), variants)
    rows, next_cursor = _rows(session, keyset, segments, query.limit)
    content = b'{"data":[%s],"next_cursor":%s%s}' % (
        b",".join(_body(row) for row in rows),
        json.dumps(next_cursor).encode(),
        extra,
    )
    return content, next_cursor


def _rows(
    session: Session, keyset: Keyset[Row], start: Sequence[Any], limit: int
) -> tuple[list[Any], str | None]:
    """Return up to `limit` rows from `start`, and the cursor of the next page, if any."""
    rows = keyset.take(session, start, limit + 1)
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], keyset.cursor(rows[limit - 1])


def _with_items(keyset: Keyset[Row], segments: list[Any], variants: list[str]) -> list[Any]:
    """Return `segments` selecting only the keyset's columns and, as `body`, the first of the
    stored `variants` renderings each row has, instead of the rows."""
    columns = dict.fromkeys([keyset.column, keyset.id_column])  # once when sorted by id
    tables = [RENDERED.alias(f"rendered_{i}") for i in range(len(variants))]
    bodies = [table.c.body for table in tables]
    body = (bodies[0] if len(bodies) == 1 else func.coalesce(*bodies)).label("body")
    narrowed = []
    for segment in segments:
        segment = segment.with_only_columns(*columns, body)
        for table, variant in zip(tables, variants, strict=True):
            stored = (table.c.kind == variant) & (table.c.id == keyset.id_column)
            segment = segment.outerjoin(table, stored)
        narrowed.append(segment)
    return narrowed


def _body(row: Any) -> bytes:
    """Return the stored rendering of a row selected by `_with_items`."""
    if row.body is None:  # only for rows written behind the app's back
        raise RuntimeError(f"{row.id!r} has no stored rendering: run `conflict-facts render`")
    body: bytes = row.body
    return body


def _records(rows: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Yield each row's stored item as the JSON list serves it, for an export."""
    return (json.loads(_body(row)) for row in rows)


def whole_list(kind: "kinds.Kind") -> SelectOfScalar[Any]:
    """Return the statement of the whole list of `kind`, as its endpoint selects it without
    parameters: every record, retracted facts left out."""
    statement = select(kind.table)
    if issubclass(kind.table, Retractable):
        statement = statement.where(col(kind.table.retracted_at).is_(None))
    return statement


def write_whole_list(kind_name: str, fmt: str, sort: str, session: Session, out: Output) -> None:
    """Write the export in format `fmt` of the whole list of the kind `kind_name`, ordered by
    `sort`, to `out`: a bulk file. Takes names only, so that another process can run it."""
    kind = kinds.BY_NAME[kind_name]
    keyset = Keyset(whole_list(kind), sort)
    items = functools.partial(_with_items, keyset, variants=[rendering.item(kind)])
    records = (
        record
        for rows in keyset.chunks(session, keyset.start(), CHUNK, items)
        for record in _records(rows)
    )
    for text in exports.render_file(Format(fmt), kind, records):
        out.write(text.encode())


PagerDep = Annotated[Pager, Depends()]


def _column(model: type[SQLModel], name: str) -> InstrumentedAttribute[Any]:
    """Return the column attribute `name` of `model` (SQLModel types it as its value)."""
    attribute: InstrumentedAttribute[Any] = getattr(model, name)
    return attribute
