"""`/v1/dump`: every record, with its citations, as one stream, so that nobody has to crawl."""

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from app import caching, changes
from app.db import SessionDep
from app.exports import dumps
from app.models import (
    Actor,
    ActorPublic,
    Event,
    EventDetail,
    Figure,
    FigureDetail,
    Place,
    PlacePublic,
    Source,
    SourceDetail,
    SourceText,
    Statement,
    StatementDetail,
)
from app.pagination import CHUNK, Keyset
from app.routers import events, figures, sources, statements

router = APIRouter(prefix="/v1/dump", tags=["exports"])

NDJSON = "application/x-ndjson"


class Part(NamedTuple):
    """One kind of line: its `type`, the rows, what `data` holds, and rows per query."""

    type: str
    rows: SelectOfScalar[Any]
    data: Callable[[Any], dict[str, Any]]
    size: int = CHUNK
    key: str = "id"


def _as(model: type[BaseModel]) -> Callable[[Any], dict[str, Any]]:
    return lambda row: model.model_validate(row).model_dump(mode="json")


def _text(row: SourceText) -> dict[str, Any]:
    return {"source_id": row.source_id, "text": row.content}


PARTS = [
    # Referenced kinds first, so that a mirror can insert the lines in order.
    Part("actor", select(Actor), _as(ActorPublic)),
    Part("place", select(Place), _as(PlacePublic)),
    Part("source", select(Source).options(*sources.DETAIL), _as(SourceDetail)),
    # Texts can be long: one per query.
    Part("source_text", select(SourceText), _text, size=1, key="source_id"),
    Part("event", select(Event).options(*events.DETAIL), _as(EventDetail)),
    Part("figure", select(Figure).options(*figures.DETAIL), _as(FigureDetail)),
    Part("statement", select(Statement).options(*statements.DETAIL), _as(StatementDetail)),
]
"""The kinds of lines, in the order the dump sends them."""


def _lines(engine: Engine) -> Iterator[str]:
    # Its own session: the response is streamed after the request's session may be closed.
    with Session(engine) as session:
        for part in PARTS:
            keyset = Keyset(part.rows, part.key)
            for rows in keyset.chunks(session, keyset.start(), part.size):
                yield "".join(
                    dumps({"type": part.type, "data": part.data(row)}) + "\n" for row in rows
                )


@router.get(
    "",
    summary="Dump every record",
    response_class=StreamingResponse,
    responses={200: {"content": {NDJSON: {"schema": {"type": "string"}}}}},
)
def get_dump(request: Request, session: SessionDep) -> Response:
    """Stream every record as NDJSON: one `{"type": …, "data": …}` line per record.

    `data` is what the record's detail endpoint returns (a `source_text` line holds the
    text that `/v1/sources/{id}/text` returns). Kinds come in the order actor, place,
    source, source_text, event, figure, statement, each by id.
    """
    tag = caching.streamed_etag(request, changes.newest(session), NDJSON)
    if unchanged := caching.not_modified(request, tag):
        return unchanged
    return StreamingResponse(
        _lines(request.app.state.engine),
        media_type=NDJSON,
        headers={
            "Content-Disposition": 'attachment; filename="conflict-facts.ndjson"',
            "ETag": tag,
        },
    )
