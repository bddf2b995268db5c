"""`/v1/dump`: every record, with its citations, as one file, so that nobody has to crawl."""

from collections.abc import Callable
from typing import Any, NamedTuple

from fastapi import APIRouter, Request, Response
from sqlalchemy import func
from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from app import kinds, problems, rendering
from app.bulk import BulkFiles, Output
from app.db import SessionDep
from app.exports import dumps
from app.models import SourceText
from app.pagination import CHUNK, Keyset
from app.rendering import RENDERED

router = APIRouter(prefix="/v1/dump", tags=["exports"])

NDJSON = "application/x-ndjson"


class Part(NamedTuple):
    """One kind of line: its `type`, the rows, the line of a row, rows per query."""

    type: str
    rows: SelectOfScalar[Any]
    line: Callable[[Any], bytes]
    size: int = CHUNK
    key: str = "id"


def _record(kind: kinds.Kind) -> Part:
    """Return the part of the records of `kind`: each one's detail, retracted parts and all,
    as stored (app.rendering)."""
    tables = [RENDERED.alias("everything"), RENDERED.alias("detail")]
    variants = [rendering.everything(kind), rendering.detail(kind)]
    id_column = getattr(kind.table, "id")  # noqa: B009 - SQLModel types `id` as a str
    rows: Any = select(kind.table).with_only_columns(
        id_column, func.coalesce(*(table.c.body for table in tables)).label("body")
    )
    for table, variant in zip(tables, variants, strict=True):
        rows = rows.outerjoin(table, (table.c.kind == variant) & (table.c.id == id_column))
    start = b'{"type":"%s","data":' % kind.singular.encode()
    return Part(kind.singular, rows, lambda row: start + row.body + b"}\n")


def _text(row: Any) -> bytes:
    return (
        dumps({"type": "source_text", "data": {"source_id": row.source_id, "text": row.content}})
        + "\n"
    ).encode()


PARTS = [part for kind in kinds.KINDS for part in [_record(kind)]]
# Texts can be long: one per query.
PARTS.insert(
    [part.type for part in PARTS].index(kinds.SOURCES.singular) + 1,
    Part("source_text", select(SourceText), _text, size=1, key="source_id"),
)
"""The kinds of lines, in the order the dump sends them: app.kinds' order."""


def write_dump(session: Session, out: Output) -> None:
    """Write every record to `out` as the dump's NDJSON lines, from `session`'s snapshot."""
    for part in PARTS:
        keyset = Keyset(part.rows, part.key)
        for rows in keyset.chunks(session, keyset.start(), part.size):
            out.write(b"".join(part.line(row) for row in rows))


@router.get(
    "",
    summary="Dump every record",
    response_class=Response,
    responses={
        200: {"content": {NDJSON: {"schema": {"type": "string"}}}},
        206: {"description": "The byte range asked for (`Range`)."},
        **problems.responses(416),
    },
)
def get_dump(request: Request, session: SessionDep) -> Response:
    """Send every record as NDJSON: one `{"type": …, "data": …}` line per record.

    `data` is what the record's detail endpoint returns (a `source_text` line holds the
    text that `/v1/sources/{id}/text` returns). Kinds come in the order actor, place,
    source, source_text, event, figure, statement, each by id. The file is built once per
    data version and sent with a strong ETag; `Range` resumes a download.
    """
    files: BulkFiles = request.app.state.bulk
    return files.response(request, session, "conflict-facts.ndjson", NDJSON, write_dump)
