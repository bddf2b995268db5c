"""`/embed/{kind}/{id}` cards of one fact for other sites' iframes, and their oEmbed provider."""

import re
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import quote, unquote, urlencode, urlsplit

import jinja2
from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from sqlmodel import Session, col, func, select

from app import comparisons, kinds, problems, serving
from app.db import SessionDep, get_or_404, selectin
from app.models import Citation, Event, Figure, Source, Statement
from app.models.embeds import OEmbed
from app.models.events import when
from app.security import CARD_STYLE, TEMPLATES

router = APIRouter(tags=["embeds"])

# Autoescaping on: every value from the database is text, never markup.
TEMPLATES_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True
)
TEMPLATE = TEMPLATES_ENV.get_template("card.html")
COMPARISON = TEMPLATES_ENV.get_template("comparison.html")

CARDS = {kind.name: kind for kind in kinds.FACTS}
"""The kinds of record with cards: the facts."""
WIDTH, HEIGHT = 480, 320  # what a fact's card is laid out for; it scrolls when squeezed
# A comparison card grows with its claims: its heading, axis and footer, then a row per
# claim, whose words wrap to more lines in a narrow frame.
COMPARISON_HEIGHT, CLAIM_HEIGHT, NARROW, NARROW_CLAIM_HEIGHT = 200, 100, 400, 130


@dataclass
class Card:
    """What a card shows of one fact, as plain text (the template escapes all of it)."""

    kind: str
    title: str
    headline: str
    claim: str
    when: str | None = None
    details: list[str] = field(default_factory=list)
    evidence: Citation | None = None
    source: str = ""
    more: str = ""
    explorer_url: str = ""
    api_url: str = ""
    card_url: str = ""
    oembed_url: str = ""
    compare_url: str = ""
    compare_label: str = ""


def base_url(request: Request) -> str:
    """Return this service's absolute URL ending in `/`, with the prefix it is mounted under."""
    return f"{request.url.scheme}://{request.url.netloc}{request.scope.get('root_path', '')}/"


def _links(card: Card, base: str, path: str) -> None:
    """Set the URLs of the card showing `path` ("figures/…", "compare/…"): itself, its oEmbed,
    and the explorer's record of it (`#path`)."""
    card.explorer_url = f"{base}#{path}"
    card.card_url = f"{base}embed/{path}"
    card.oembed_url = f"{base}oembed?" + urlencode({"url": card.card_url, "format": "json"})


def load_card(session: Session, request: Request, kind: str, id: str) -> Card:
    """Return the card of fact `id` of `kind`. Raises HTTPException 404 for no such fact, and
    410 for a retracted one."""
    card_kind = CARDS.get(kind)
    if card_kind is None:
        names = list(CARDS)
        raise HTTPException(404, f"No card kind {kind!r}: {', '.join(names[:-1])} or {names[-1]}.")
    model: Any = card_kind.table
    fact = get_or_404(session, model, id, selectin(model.citations))
    serving.ensure_live(card_kind, fact)
    card = _describe(kind, fact)
    if fact.citations:
        card.evidence = first = fact.citations[0]
        ids = {first.source_id, *first.via}
        sources = {s.id: s for s in session.exec(select(Source).where(col(Source.id).in_(ids)))}
        origin = sources[first.source_id]
        card.source = f"Source: {origin.publisher}, “{origin.title}”"
        if first.via:
            card.source += ", citing " + ", ".join(sources[v].publisher for v in first.via)
        if len(fact.citations) > 1:
            card.more = f"{len(fact.citations) - 1} more citation(s) in the source"
    base = base_url(request)
    path = f"{kind}/{quote(id, safe='')}"
    _links(card, base, path)
    card.api_url = f"{base}v1/{path}"
    if kind == "figures" and fact.event_id is not None:
        rivals = session.exec(
            select(func.count())
            .select_from(Figure)
            .where(
                Figure.event_id == fact.event_id,
                Figure.metric == fact.metric,
                col(Figure.retracted_at).is_(None),
            )
        ).one()
        if rivals > 1:
            card.compare_url = f"{base}embed/{_compare_path(fact.event_id, fact.metric)}"
            card.compare_label = f"Compare the {rivals} claims of {fact.metric.replace('_', ' ')}"
    return card


def _compare_path(event: str, metric: str) -> str:
    return f"compare/{quote(event, safe='')}/{quote(metric, safe='')}"


def load_comparison(
    session: Session, request: Request, event: str, metric: str
) -> tuple[Card, comparisons.Comparison, dict[str, str]]:
    """Return the comparison card of `metric` in `event`, its chart, and each claim's link to
    its passage in the source view. Raises HTTPException 404 for no such event or metric."""
    comparison = comparisons.compare(session, event, metric)
    base = base_url(request)
    count = len(comparison.claims)
    title = f"{comparison.label.capitalize()}: {count} claim{'s' if count > 1 else ''}"
    card = Card(
        kind="Competing figures",
        title=f"{title} — {comparison.event.title}",
        headline=title,
        claim="",
        when=when(
            comparison.event.start_date,
            comparison.event.end_date,
            comparison.event.date_precision,
        ),
    )
    path = _compare_path(event, metric)
    _links(card, base, path)
    card.api_url = f"{base}v1/figure-summary?" + urlencode({"metric": metric, "event": event})
    links = {
        claim.figure_id: (
            f"{base}sources/{quote(claim.source_id, safe='')}?"
            + urlencode({"fact": f"figures/{claim.figure_id}"})
            + f"#figures/{quote(claim.figure_id, safe='')}"
            if claim.source_id
            else f"{base}#figures/{quote(claim.figure_id, safe='')}"
        )
        for claim in comparison.claims
    }
    return card, comparison, links


def _describe(kind: str, fact: Any) -> Card:
    if kind == "events":
        event: Event = fact
        details = [event.summary]
        if event.place is not None:
            details.insert(0, f"Place: {event.place.name}")
        if event.actors:
            roles = ", ".join(f"{role.actor.name} ({role.role})" for role in event.actors)
            details.append(f"Actors: {roles}")
        return Card(
            kind="Event",
            title=event.title,
            headline=event.title,
            when=when(event.start_date, event.end_date, event.date_precision),
            details=details,
            claim="As reported in the source below.",
        )
    if kind == "figures":
        figure: Figure = fact
        metric = figure.metric.replace("_", " ")
        headline = comparisons.amount(figure)
        details = [f"Counted: {metric}" + (f" ({figure.scope})" if figure.scope else "")]
        if figure.event is not None:
            details.append(f"Event: {figure.event.title}")
        claimant = figure.claimed_by_actor
        return Card(
            kind="Figure",
            title=f"{headline}: {metric}",
            headline=headline,
            details=details,
            claim=f"Claimed by {claimant.name}." if claimant else "Stated by the source itself.",
        )
    statement: Statement = fact
    speaker = statement.speaker_actor
    quoted = statement.kind == "direct_quote"
    headline = f"“{statement.text}”" if quoted else statement.text
    claim = f"{'Said by' if quoted else 'Paraphrasing'} {speaker.name}"
    if speaker.title:
        claim += f", {speaker.title}"
    if statement.reported_by_actor is not None:
        claim += f"; reported by {statement.reported_by_actor.name}"
    details = [f"Event: {statement.event.title}"] if statement.event is not None else []
    return Card(
        kind="Statement" if quoted else "Statement (paraphrase)",
        title=f"{speaker.name}: {statement.text}",
        headline=headline,
        when=statement.said_on.isoformat() if statement.said_on else None,
        details=details,
        claim=claim + ".",
    )


KindParam = Annotated[
    str,
    Path(description="What the fact is.", json_schema_extra={"enum": list(CARDS)}),
]


@router.get(
    "/embed/{kind}/{id}",
    summary="Get an embeddable card",
    response_class=Response,
    responses={
        200: {"content": {"text/html; charset=utf-8": {"schema": {"type": "string"}}}},
        **problems.responses(404, 410),
    },
)
def get_card(kind: KindParam, id: str, request: Request, session: SessionDep) -> HTMLResponse:
    """Get a self-contained HTML card of one fact for an `<iframe>` on any site: the fact,
    its qualifier, who claims it, the quoted evidence and a link back; no script."""
    card = load_card(session, request, kind, id)
    # The style sheet is the app's own file, inlined as is (escaping would change its hash).
    style = Markup(CARD_STYLE)  # noqa: S704
    return HTMLResponse(TEMPLATE.render(card=card, style=style))


@router.get(
    "/embed/compare/{event}/{metric:path}", response_class=HTMLResponse, include_in_schema=False
)
def get_comparison_card(
    event: str, metric: str, request: Request, session: SessionDep
) -> HTMLResponse:
    """Return a self-contained HTML card charting every live claim about `metric` in `event`,
    each linked to its passage in the source; no script. 404 for no such event or metric."""
    card, comparison, links = load_comparison(session, request, event, metric)
    style = Markup(CARD_STYLE)  # noqa: S704
    html = COMPARISON.render(card=card, comparison=comparison, links=links, style=style)
    return HTMLResponse(html)


_FACTS = "|".join(CARDS)
_CARD_PATH = re.compile(rf"embed/({_FACTS})/([^/]+)|embed/(compare)/([^/]+/[^/]+)")
_RECORD = re.compile(rf"({_FACTS})/([^/]+)|(compare)/([^/]+/[^/]+)")


def resolve(request: Request, url: str) -> tuple[str, str]:
    """Return the (kind, id) that `url` shows: a card, or an explorer record (`/#figures/…`).
    A comparison's kind is `compare` and its id `{event}/{metric}`, each part still
    percent-encoded.

    Raises HTTPException 404 for any other URL, including any outside this service: it is
    only ever parsed, never fetched.
    """
    base = base_url(request)
    if url.startswith(base):
        rest = urlsplit(url[len(base) :])
        card, record = _CARD_PATH.fullmatch(rest.path), _RECORD.fullmatch(rest.fragment)
        match = card if card and not rest.fragment else record if not rest.path else None
        if match and not rest.query:
            kind, id = match[1] or match[3], match[2] or match[4]
            return kind, id if kind == "compare" else unquote(id)
    raise HTTPException(404, f"{url!r} is not a card or a record of this service ({base}).")


@router.get(
    "/oembed",
    summary="Get the oEmbed of a card",
    responses=problems.responses(404, 410, 422, 501),
)
def get_oembed(
    request: Request,
    session: SessionDep,
    url: Annotated[
        str,
        Query(
            max_length=2048,
            description="Absolute URL of a card (`…/embed/figures/war-2020-deaths`, or a "
            "comparison `…/embed/compare/{event}/{metric}`) or an explorer record "
            "(`…/#figures/war-2020-deaths`, `…/#compare/{event}/{metric}`) of this service.",
        ),
    ],
    format: Annotated[str, Query(max_length=16, description="Only `json` is served.")] = "json",
    maxwidth: Annotated[int | None, Query(ge=1, description="Widest the iframe may be.")] = None,
    maxheight: Annotated[int | None, Query(ge=1, description="Tallest it may be.")] = None,
) -> OEmbed:
    """Get an oEmbed 1.0 `rich` response whose `html` is an `<iframe>` of the fact's card, or
    of the chart of an event's competing figures (as tall as its claims need).

    404 for a URL that is not a card or record of this service, 501 for a `format` other
    than `json` (as the oEmbed spec says).
    """
    if format != "json":
        raise HTTPException(501, f"format={format!r} is not served; use format=json.")
    kind, id = resolve(request, url)
    if kind == "compare":
        event, metric = (unquote(part) for part in id.split("/"))
        card, comparison, _ = load_comparison(session, request, event, metric)
        width = min(WIDTH, maxwidth or WIDTH)
        row = CLAIM_HEIGHT if width >= NARROW else NARROW_CLAIM_HEIGHT
        tallest = COMPARISON_HEIGHT + row * len(comparison.claims)
    else:
        card, tallest = load_card(session, request, kind, id), HEIGHT
    width, height = min(WIDTH, maxwidth or WIDTH), min(tallest, maxheight or tallest)
    html = Markup(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
        'referrerpolicy="no-referrer" sandbox="allow-popups allow-popups-to-escape-sandbox">'
        "</iframe>"
    ).format(card.card_url, width, height, card.title)
    return OEmbed(
        html=str(html),
        width=width,
        height=height,
        title=card.title,
        provider_url=base_url(request),
    )
