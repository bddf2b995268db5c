"""`/v1/search`: full-text search over events, figures, statements, actors, places and sources."""

import math
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from app import kinds, problems
from app.pagination import Page, PageQuery, PagerDep, encode_cursor, read_cursor
from app.search import SearchDep, SearchText

router = APIRouter(prefix="/v1/search", tags=["search"])

TYPES = [kind.singular for kind in kinds.SEARCHED]
"""The kinds of record search finds (app.kinds), as hits name them."""

CURSOR_SORT = "relevance"


def _searched(value: str) -> str:
    if value not in TYPES:
        expected = " or ".join([", ".join(map(repr, TYPES[:-1])), repr(TYPES[-1])])
        raise PydanticCustomError("literal_error", f"Input should be {expected}")
    return value


SearchType = Annotated[
    str, AfterValidator(_searched), WithJsonSchema({"type": "string", "enum": TYPES})
]
"""A kind of record search finds: `event`, …"""


def _position(key: Any) -> tuple[float, str]:
    """Return a search cursor's (score, type). Raises TypeError for any other key."""
    score, kind = key
    if type(score) not in (int, float) or not math.isfinite(score) or kind not in TYPES:
        raise TypeError(key)
    return float(score), kind


def _split_commas(values: Any) -> Any:
    """Return `type=event,figure&type=source` as ["event", "figure", "source"]."""
    if isinstance(values, list):
        return [part for value in values for part in str(value).split(",")]
    return values


class SearchQuery(PageQuery):
    q: SearchText = Field(
        description="Words to search for (at most 32, in 500 characters); a hit holds all of them."
    )
    type: Annotated[list[SearchType], BeforeValidator(_split_commas)] = Field(
        [], description="Only these kinds of record: comma-separated and/or repeated."
    )


class Hit(BaseModel):
    """A record matching the search."""

    type: SearchType
    id: str
    title: str = Field(description="The record's title; a statement's text, cut short.")
    snippet: str = Field(
        description="HTML: the text around the matches, escaped, each match in <mark>…</mark>."
    )
    url: str = Field(description="The record's own URL.")
    score: float = Field(
        description="Relevance, higher is better; comparable only within one search."
    )


class SearchPage(Page[Hit]):
    """A page of search hits, best first."""


@router.get("", summary="Search", responses=problems.responses(422, 429))
def search_records(
    query: Annotated[SearchQuery, Query()], search: SearchDep, pager: PagerDep
) -> SearchPage:
    """Search the titles and summaries of events, the metrics and scopes of figures, the texts
    of statements, the names, aliases, titles and countries of actors, the names and countries
    of places, and the titles and stored texts of sources, best match first.

    A hit holds every word of `q`, matched by stem and ignoring case; quotes, `*`, `NOT` and
    other punctuation are just characters. An actor's or place's names match with or without
    their accents. Events rank above the figures and statements about them, and those above
    the actors, places and sources. A `q` with no letter or digit, more than 32 different words
    or more than 500 characters is a 422.
    """
    after = None
    if query.cursor is not None:
        (score, kind), row_id = read_cursor(query.cursor, CURSOR_SORT, _position)
        after = (score, kind, row_id)
    found = search.hits(query.q, query.type or TYPES, after, query.limit + 1)
    next_cursor = None
    if len(found) > query.limit:
        found = found[: query.limit]
        last = found[-1]
        next_cursor = encode_cursor(CURSOR_SORT, [last.score, last.kind], last.id)
        pager.response.headers["Link"] = pager.next_link(next_cursor)
    # `url_for` tries every route in turn: once per kind, not once per hit.
    urls = {
        kind.singular: str(pager.request.url_for(kind.route, id="_")).removesuffix("_")
        for kind in kinds.SEARCHED
    }
    hits = [
        Hit(
            type=hit.kind,
            id=hit.id,
            title=hit.title,
            snippet=hit.snippet,
            url=urls[hit.kind] + hit.id,
            score=hit.score,
        )
        for hit in found
    ]
    return SearchPage(data=hits, next_cursor=next_cursor)
