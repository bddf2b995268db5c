"""Pages for people: `/`, the explorer, and `/sources/{id}`, a stored text with every cited
passage highlighted and linked to the facts it supports."""

import itertools
from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import quote

import jinja2
from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from sqlmodel import Session, col, select

from app import kinds
from app.comparisons import amount
from app.db import SessionDep, get_or_404, selectin
from app.models import Citation, Event, EventType, Figure, Source, Statement
from app.models.events import when
from app.models.sources import SourceText
from app.security import TEMPLATES

router = APIRouter(include_in_schema=False)

# Autoescaping on: every value from the database is text, never markup.
_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True
)
SOURCE = _ENVIRONMENT.get_template("source.html")

# The same bytes for every visit: the page holds no data, only the filters' fixed choices.
PAGE = (
    _ENVIRONMENT.get_template("explorer.html")
    .render(types=list(EventType), searched=kinds.SEARCHED)
    .encode()
)


@router.get("/", response_class=HTMLResponse)
def get_explorer() -> HTMLResponse:
    """Return the explorer page; its script and style sheets are served under `static/`."""
    return HTMLResponse(PAGE)


@dataclass
class Fact:
    """A live fact citing the source: what it says, and where the explorer shows it."""

    key: str  # "figures/war-2020-deaths", its record in the explorer
    kind: str  # "Figure"
    label: str


@dataclass
class Passage:
    """Consecutive characters cited by one or more overlapping citations."""

    number: int
    start: int
    end: int
    excerpt: str  # the cited words: from the text, else the first citation's `exact`
    anchors: list[tuple[int, str]] = field(default_factory=list)  # (offset, fact key)
    facts: list[Fact] = field(default_factory=list)
    current: bool = False


def _facts(session: Session, citations: list[Citation]) -> dict[tuple[str, str], Fact]:
    """Return the live facts among those `citations` support, by (kind, id)."""
    wanted: dict[str, set[str]] = {"events": set(), "figures": set(), "statements": set()}
    for citation in citations:
        if citation.event_id:
            wanted["events"].add(citation.event_id)
        elif citation.figure_id:
            wanted["figures"].add(citation.figure_id)
        elif citation.statement_id:
            wanted["statements"].add(citation.statement_id)
    facts: dict[tuple[str, str], Fact] = {}
    for event in session.exec(
        select(Event).where(col(Event.id).in_(wanted["events"]), col(Event.retracted_at).is_(None))
    ):
        date = when(event.start_date, event.end_date, event.date_precision)
        label = f"{event.title} ({date})" if date else event.title
        facts["events", event.id] = Fact(f"events/{event.id}", "Event", label)
    for figure in session.exec(
        select(Figure)
        .options(selectin(Figure.claimed_by_actor))
        .where(col(Figure.id).in_(wanted["figures"]), col(Figure.retracted_at).is_(None))
    ):
        label = f"{amount(figure)}: {figure.metric.replace('_', ' ')}"
        if figure.scope:
            label += f" ({figure.scope})"
        if figure.claimed_by_actor is not None:
            label += f", claimed by {figure.claimed_by_actor.name}"
        facts["figures", figure.id] = Fact(f"figures/{figure.id}", "Figure", label)
    for statement in session.exec(
        select(Statement)
        .options(selectin(Statement.speaker_actor))
        .where(col(Statement.id).in_(wanted["statements"]), col(Statement.retracted_at).is_(None))
    ):
        text = f"“{statement.text}”" if statement.kind == "direct_quote" else statement.text
        label = f"{statement.speaker_actor.name}: {text}"
        facts["statements", statement.id] = Fact(f"statements/{statement.id}", "Statement", label)
    return facts


def _key(citation: Citation) -> tuple[str, str]:
    if citation.event_id:
        return "events", citation.event_id
    if citation.figure_id:
        return "figures", citation.figure_id
    return "statements", citation.statement_id or ""


def passages(
    citations: list[Citation], facts: dict[tuple[str, str], Fact], current: str | None
) -> list[Passage]:
    """Return the passages the live facts' `citations` mark, in the text's order.

    Overlapping citations make one passage (a link cannot hold another); each fact gets an
    anchor where its first citation starts. A passage is `current` when it holds a citation of
    the fact `current` ("figures/war-2020-deaths").
    """
    found: list[Passage] = []
    anchored: set[str] = set()
    for citation in sorted(citations, key=lambda c: (c.start, c.end)):
        fact = facts.get(_key(citation))
        if fact is None:  # retracted
            continue
        if not found or citation.start >= found[-1].end:
            found.append(Passage(len(found) + 1, citation.start, citation.end, citation.exact))
        passage = found[-1]
        passage.end = max(passage.end, citation.end)
        if fact not in passage.facts:
            passage.facts.append(fact)
        if fact.key not in anchored:
            anchored.add(fact.key)
            passage.anchors.append((citation.start, fact.key))
        passage.current |= fact.key == current
    return found


Chunk = tuple[str, list[str]]
"""Cited text, and the facts whose first citation here starts with it."""


def _pieces(text: str, found: list[Passage]) -> list[tuple[str, Passage | None, list[Chunk]]]:
    """Return `text` cut into plain pieces (text, None, []) and passages ("", passage, its
    chunks), each chunk starting where a fact's anchor is."""
    pieces: list[tuple[str, Passage | None, list[Chunk]]] = []
    position = 0
    for passage in found:
        pieces.append((text[position : passage.start], None, []))
        cuts = sorted({passage.start, *(offset for offset, _ in passage.anchors), passage.end})
        chunks = [
            (text[a:b], [key for offset, key in passage.anchors if offset == a])
            for a, b in itertools.pairwise(cuts)
        ]
        pieces.append(("", passage, chunks))
        position = passage.end
    pieces.append((text[position:], None, []))
    return pieces


@router.get("/sources/{id}", response_class=HTMLResponse)
def get_source_view(
    id: str,
    session: SessionDep,
    fact: Annotated[
        str | None, Query(max_length=300, description="The fact to show as current.")
    ] = None,
) -> HTMLResponse:
    """Return a source's stored text with every passage a live fact cites highlighted and
    linked to those facts. Raises HTTPException 404 for no such source."""
    source = get_or_404(session, Source, id, selectin(Source.cite_rows))
    stored = session.get(SourceText, source.id)
    citations = list(session.exec(select(Citation).where(Citation.source_id == source.id)))
    facts = _facts(session, citations)
    found = passages(citations, facts, fact)
    relays = list(
        session.exec(select(Source).where(col(Source.id).in_(source.cites)).order_by(Source.id))
    )
    if stored is not None:
        for passage in found:
            passage.excerpt = stored.content[passage.start : passage.end]
    html = SOURCE.render(
        source=source,
        relays=relays,
        pieces=_pieces(stored.content, found) if stored else None,
        passages=found,
        quote=lambda value: quote(value, safe="/"),
    )
    return HTMLResponse(html)
