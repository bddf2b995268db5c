"""`/v1/sources`: what the facts are cited from, and the stored texts."""

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Response
from pydantic import Field
from sqlmodel import col, select

from app import exports, kinds, problems, serving
from app.db import SessionDep, get_or_404
from app.models import Source, SourceDetail, SourceKind, SourcePublic, SourceText, Text
from app.pagination import ListQuery, Page, PagerDep
from app.search import SearchDep, SearchText

router = APIRouter(prefix="/v1/sources", tags=["sources"])


class SourceQuery(ListQuery):
    q: SearchText | None = Field(
        None, description="Sources holding every one of these words, as `/v1/search` finds them."
    )
    sort: Literal["published_on", "-published_on", "id", "-id"] = Field(
        "id", description="`-` for descending. Undated sources come last."
    )
    kind: list[SourceKind] = Field([], description="Any of these kinds (repeatable).")
    publisher: Text | None = Field(None, max_length=200, description="Exact publisher name.")


class SourcePage(Page[SourcePublic]):
    """A page of sources."""


@router.get(
    "",
    summary="List sources",
    response_model=SourcePage,
    responses={**problems.responses(422, 429), **exports.responses(kinds.SOURCES.export)},
)
def list_sources(
    query: Annotated[SourceQuery, Query()], search: SearchDep, pager: PagerDep
) -> Response:
    """List sources: what they are, whether their text is stored, and what they relay."""
    statement = select(Source)
    if query.q:
        statement = statement.where(col(Source.id).in_(search.ids(kinds.SOURCES, query.q)))
    if query.kind:
        statement = statement.where(col(Source.kind).in_(query.kind))
    if query.publisher:
        statement = statement.where(Source.publisher == query.publisher)
    return pager.page(statement, query)


@router.get(
    "/{id}",
    summary="Get a source",
    response_model=SourceDetail,
    responses=problems.responses(404),
)
def get_source(id: str, session: SessionDep) -> Response:
    """Get one source with the sources it relays and the sources relaying it."""
    return serving.detail(session, kinds.SOURCES, id)


@router.get(
    "/{id}/text",
    summary="Get a source's text",
    response_class=Response,
    responses={
        200: {"content": {"text/plain; charset=utf-8": {"schema": {"type": "string"}}}},
        **problems.responses(404),
    },
)
def get_source_text(id: str, session: SessionDep) -> Response:
    """Get the stored text, byte-for-byte; citation offsets count its Unicode code points."""
    source = get_or_404(session, Source, id)
    text = session.get(SourceText, source.id)
    if text is None:
        raise HTTPException(404, f"Source {id!r} has no stored text.")
    return Response(text.content.encode(), media_type="text/plain; charset=utf-8")
