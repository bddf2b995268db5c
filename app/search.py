"""Full-text search over events, figures, statements, actors, places and sources, whatever the
database.

Migration 0002 keeps one `search_document` row (kind, id, title, body) per record (0012 adds
actors and places), in sync through triggers, and indexes it: an FTS5 table on SQLite, a
generated `tsvector` column with a GIN index on PostgreSQL. `Search` is the one interface the
routers use; `SearchDep` gives the implementation for the request's database.

User input never reaches a query language: `terms` splits it into words, which SQLite gets as
quoted FTS5 strings and PostgreSQL through `plainto_tsquery`, so quotes, `*`, `NOT` or
parentheses are just characters. A record matches when it holds every word (stemmed:
"talks" finds "talk").
"""

import html
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Protocol

from fastapi import Depends
from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError
from sqlalchemy import (
    ColumnElement,
    Float,
    and_,
    case,
    cast,
    column,
    func,
    literal,
    literal_column,
    or_,
    tuple_,
    union_all,
)
from sqlalchemy import select as sa_select
from sqlalchemy import table as sa_table
from sqlalchemy.sql import Select
from sqlmodel import Session, col

from app import changes, kinds, limits
from app.db import SessionDep
from app.kinds import Kind
from app.models.common import no_nul

MAX_LENGTH = 500
"""The longest `q` searched for; longer ones are a 422."""

# A title word counts 2.5 times a body word: PostgreSQL's default weights for A and B
# (1.0 and 0.4), which the SQLite ranking copies.
TITLE_WEIGHT = 2.5

SNIPPET_WORDS = 24
TITLE_LENGTH = 120
"""A statement's title is its text, cut to this many characters."""

# Markers around the matches in the database's snippet, so that the text can be HTML-escaped
# before they become <mark> tags. Random for each process and never shown, so no stored text
# can hold one: a text's own characters (U+E000, say) stay text, never a forged <mark>.
_START = f"\ue000{secrets.token_hex(8)}\ue001"
_STOP = f"\ue001{secrets.token_hex(8)}\ue000"

Position = tuple[float, str, str]
"""Where a page of hits ends: (score, kind's singular, id) of its last hit."""

document = sa_table(
    "search_document",
    column("docid"),
    column("kind"),
    column("id"),
    column("title"),
    column("body"),
    column("document"),
)


MAX_WORDS = 32
"""The most different words a `q` may hold: a hit holds all of them, and each one costs."""


_POSSESSIVE = re.compile(r"(?<=\w)['’]s?$", re.IGNORECASE)
"""A possessive ending: "Armenia's", "Armenia’s", "soldiers'"."""


def terms(q: str) -> list[str]:
    """Return the words to search for: the whitespace-separated parts of `q` that hold a
    letter or digit, each once (in any case), without a possessive ending."""
    words: dict[str, str] = {}
    for part in q.split():
        # "Armenia's" finds what "Armenia" finds: SQLite's tokenizer would make it the phrase
        # "armenia s", which no text holds unless it says "Armenia's" (PostgreSQL's drops "s").
        part = _POSSESSIVE.sub("", part)
        if any(char.isalnum() for char in part):
            words.setdefault(part.casefold(), part)
    return list(words.values())


def _searchable(value: str) -> str:
    words = terms(value)
    if not words:
        raise PydanticCustomError("search_words", "Must contain a letter or digit to search for")
    if len(words) > MAX_WORDS:
        raise PydanticCustomError("search_words", f"Must hold at most {MAX_WORDS} different words")
    return value


SearchText = Annotated[
    str,
    StringConstraints(max_length=MAX_LENGTH),
    AfterValidator(no_nul),
    AfterValidator(_searchable),
]
"""A `q` parameter: at most 500 characters, and 1 to 32 different words."""


@dataclass(frozen=True)
class Found:
    """One record matching a search, best first."""

    kind: str
    """The record's kind, by its singular (`event`)."""
    id: str
    title: str
    snippet: str
    """HTML: the text around the matches, escaped, each match in <mark>…</mark>."""
    score: float
    """Relevance, higher is better; comparable only within one search on one database."""


def snippet_html(snippet: str) -> str:
    """Return a database snippet HTML-escaped, its marked matches wrapped in <mark>…</mark>."""
    escaped = html.escape(re.sub(r"\s*\n\s*", " ", snippet.strip()))
    marked = re.sub(f"{_START}(.*?){_STOP}", r"<mark>\1</mark>", escaped, flags=re.S)
    # A marker the snippet's end cut off from its pair is dropped, never left unbalanced.
    return marked.replace(_START, "").replace(_STOP, "")


class Search(Protocol):
    """Full-text search on one database."""

    def ids(self, kind: Kind, q: str) -> Select[Any]:
        """Return the query of the ids of the `kind` records matching `q`."""
        ...

    def hits(self, q: str, types: Sequence[str], after: Position | None, limit: int) -> list[Found]:
        """Return up to `limit` records of `types` (kinds' singulars) matching `q`, best
        first, after `after`."""
        ...


def _weighted(relevance: ColumnElement[Any]) -> ColumnElement[float]:
    # A record's relevance is multiplied by its kind's weight (app.kinds).
    weight = case(*((document.c.kind == k.singular, k.search_weight) for k in kinds.SEARCHED))
    return cast(relevance, Float) * weight


def _live() -> ColumnElement[bool]:
    """Return the condition leaving retracted facts out of the hits (sources are never
    retracted)."""
    # The retracted (kind, id) pairs are read once per search from partial indexes (migration
    # 0008), and are few: far cheaper than looking up the fact behind each of thousands of
    # matches. Ids are never null, so NOT IN means NOT EXISTS.
    retracted = union_all(
        *(
            sa_select(literal(kind.singular), _column(kind, "id")).where(
                _column(kind, "retracted_at").is_not(None)
            )
            for kind in kinds.SEARCHED
            if kind.fact
        )
    )
    return tuple_(document.c.kind, document.c.id).not_in(retracted)


def _column(kind: Kind, name: str) -> Any:
    """Return the column `name` of `kind`'s table (SQLModel types columns as their values)."""
    return col(getattr(kind.table, name))


def _title(title: Any, body: Any) -> str:
    """Return a hit's title: its own, or else its body (a statement's text), cut short."""
    if title:
        return str(title)
    text = " ".join(str(body).split())
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1].rstrip() + "…"


def _found(rows: Iterable[Any]) -> list[Found]:
    """Return the hits for result rows of kind, id, title, body (its start), snippet, score."""
    return [
        Found(row.kind, row.id, _title(row.title, row.body), snippet_html(row.snippet), row.score)
        for row in rows
    ]


def _page(ranked: Select[Any], after: Position | None, limit: int) -> Select[Any]:
    """Return `ranked` (with kind, id and score columns) ordered, from `after`, `limit` rows."""
    rows = ranked.subquery()
    page = sa_select(rows).order_by(rows.c.score.desc(), rows.c.kind, rows.c.id).limit(limit)
    if after is not None:
        score, kind, row_id = after
        same_score = and_(
            rows.c.score == score,
            or_(rows.c.kind > kind, and_(rows.c.kind == kind, rows.c.id > row_id)),
        )
        page = page.where(or_(rows.c.score < score, same_score))
    return page


# Ranking a search exactly scores every match (bm25 or ts_rank_cd): tens of milliseconds for a
# common word in a large database, however small the page. The data is read far more often
# than it is written, so each process remembers its latest answers, keyed by the data's
# version as read from the database at the start of each search: any write moves it, so an
# answer is never served once the data has changed since, whichever process wrote.
ANSWERS_KEPT = 256
"""Answers each process remembers, the least recently used forgotten first: a few MB."""

_answers: OrderedDict[Hashable, tuple[Found, ...]] = OrderedDict()
_answers_lock = threading.Lock()


def _remembered(
    session: Session,
    q: str,
    types: Sequence[str],
    after: Position | None,
    limit: int,
    search: Callable[[str, Sequence[str], Position | None, int], list[Found]],
) -> list[Found]:
    """Return `search(q, types, after, limit)`, remembered for the data's current version."""
    # The version is read first: the search then sees that data or newer, never older.
    version = (session.get_bind().engine.url, changes.newest(session))
    key = (version, tuple(terms(q)), tuple(sorted(set(types))), after, limit)
    with _answers_lock:
        found = _answers.get(key)
        if found is not None:
            _answers.move_to_end(key)
            return list(found)
    answer = search(q, types, after, limit)
    # `synth` fills an empty database without writing revisions: an empty answer from a
    # database without any is not kept, since it may be about to be filled.
    if answer or version[1] is not None:
        with _answers_lock:
            _answers[key] = tuple(answer)
            if len(_answers) > ANSWERS_KEPT:
                _answers.popitem(last=False)
    return answer


class SqliteSearch:
    """Search through the FTS5 table `search_fts`, ranked by bm25."""

    fts: ColumnElement[Any] = literal_column("search_fts")
    rowid: ColumnElement[Any] = literal_column("search_fts.rowid")

    def __init__(self, session: Session) -> None:
        self.session = session

    def _matching(self, q: str, *columns: Any) -> Select[Any]:
        # Each word as an FTS5 string: "" escapes a quote, and nothing inside is an operator.
        match = " ".join('"' + term.replace('"', '""') + '"' for term in terms(q))
        return (
            sa_select(*columns)
            .select_from(sa_table("search_fts"))
            .join(document, document.c.docid == self.rowid)
            .where(self.fts.op("MATCH")(match))
        )

    def ids(self, kind: Kind, q: str) -> Select[Any]:
        # The matches drive the query: each is joined to its document by key, in time bound by
        # their number. Given `kind = ?` as an indexed condition, SQLite would walk every
        # document of the kind instead and probe the full-text index once for each: seconds
        # for any word at 100,000 events. `+` (SQLite's own) keeps the index out of the plan.
        kind_column: ColumnElement[str] = literal_column(f"+{document.name}.kind")
        return self._matching(q, document.c.id).where(kind_column == kind.singular)

    def hits(self, q: str, types: Sequence[str], after: Position | None, limit: int) -> list[Found]:
        return _remembered(self.session, q, types, after, limit, self._hits)

    def _hits(
        self, q: str, types: Sequence[str], after: Position | None, limit: int
    ) -> list[Found]:
        # bm25 is lower for better matches.
        relevance = -func.bm25(self.fts, TITLE_WEIGHT, 1.0)
        ranked = self._matching(
            q, document.c.docid, document.c.kind, document.c.id, _weighted(relevance).label("score")
        ).where(document.c.kind.in_(types), _live())
        page = self.session.execute(_page(ranked, after, limit)).all()
        if not page:
            return []
        # Snippets only for the page: snippet() reads a match's whole text, and a common word
        # matches tens of thousands of records. The same MATCH gives the same snippets.
        details = {
            row.docid: row
            for row in self.session.execute(
                self._matching(
                    q,
                    document.c.docid,
                    document.c.title,
                    func.substr(document.c.body, 1, TITLE_LENGTH + 1).label("body"),
                    func.snippet(self.fts, -1, _START, _STOP, "…", SNIPPET_WORDS).label("snippet"),
                ).where(self.rowid.in_([row.docid for row in page]))
            )
        }
        found = []
        for row in page:
            detail = details[row.docid]
            title, snippet = _title(detail.title, detail.body), snippet_html(detail.snippet)
            found.append(Found(row.kind, row.id, title, snippet, row.score))
        return found


class PostgresSearch:
    """Search through the generated tsvector `search_document.document`, ranked by
    ts_rank_cd."""

    config: ColumnElement[Any] = literal_column("'search_english'::regconfig")

    def __init__(self, session: Session) -> None:
        self.session = session

    def _query(self, q: str) -> ColumnElement[Any]:
        return func.plainto_tsquery(self.config, " ".join(terms(q)))

    def ids(self, kind: Kind, q: str) -> Select[Any]:
        return sa_select(document.c.id).where(
            document.c.kind == kind.singular, document.c.document.op("@@")(self._query(q))
        )

    def hits(self, q: str, types: Sequence[str], after: Position | None, limit: int) -> list[Found]:
        return _remembered(self.session, q, types, after, limit, self._hits)

    def _hits(
        self, q: str, types: Sequence[str], after: Position | None, limit: int
    ) -> list[Found]:
        query = self._query(q)
        ranked = sa_select(
            document.c.kind,
            document.c.id,
            document.c.title,
            document.c.body,
            _weighted(func.ts_rank_cd(document.c.document, query)).label("score"),
        ).where(document.c.document.op("@@")(query), document.c.kind.in_(types), _live())
        # Headlines only for the page: ts_headline reads the whole text.
        page = _page(ranked, after, limit).subquery()
        options = (
            f'StartSel="{_START}", StopSel="{_STOP}", MaxWords={SNIPPET_WORDS},'
            f' MinWords={SNIPPET_WORDS // 3}, MaxFragments=1, FragmentDelimiter="…"'
        )
        text = page.c.title.concat("\n").concat(page.c.body)
        headline = func.ts_headline(self.config, text, query, options)
        return _found(
            self.session.execute(
                sa_select(
                    page.c.kind,
                    page.c.id,
                    page.c.title,
                    func.substr(page.c.body, 1, TITLE_LENGTH + 1).label("body"),
                    headline.label("snippet"),
                    page.c.score,
                ).order_by(page.c.score.desc(), page.c.kind, page.c.id)
            )
        )


def get_search(session: SessionDep, _rate: Annotated[None, Depends(limits.SEARCHES)]) -> Search:
    """Return the search for the session's database, once the client's searches (requests
    with a `q`) are counted against its rate limit (HTTPException 429 beyond it)."""
    return search_for(session)


def search_for(session: Session) -> Search:
    """Return the search for the session's database (counted against no rate limit)."""
    if session.get_bind().dialect.name == "postgresql":
        return PostgresSearch(session)
    return SqliteSearch(session)


SearchDep = Annotated[Search, Depends(get_search)]
