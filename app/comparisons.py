"""Competing figures drawn: every live claim about one quantity of one event, as a chart.

The chart is laid out here, as plain numbers (percentages of the chart's width), for the
comparison card to render; the explorer's script lays out the same chart from
`/v1/figure-summary` by the same rules (app/static/explorer.js, `layout`).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from fastapi import HTTPException
from sqlmodel import Session, col, select

from app.db import get_or_404, selectin
from app.models import Event, Figure, Qualifier, Source
from app.models.figures import bounds

# The source's own hedge, in words: "more than 6,500", "nearly 4,000".
QUALIFIER_WORDS = {
    Qualifier.exact: "",
    Qualifier.approximately: "approximately ",
    Qualifier.more_than: "more than ",
    Qualifier.at_least: "at least ",
    Qualifier.nearly: "nearly ",
    Qualifier.less_than: "less than ",
    Qualifier.at_most: "at most ",
}

# Tick steps are 1, 2, 2.5 or 5 times a power of ten, and there are at most this many.
_TICKS = 5
_HEADROOM = 1.15  # the axis runs past the largest value, so an open end has room to show


def number(value: float) -> str:
    """Return `value` as a person writes it: 6500 → "6,500", 2.5 → "2.5"."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def amount(figure: Figure) -> str:
    """Return a figure as the source hedges it: "more than 6,500 people"."""
    return f"{QUALIFIER_WORDS[Qualifier(figure.qualifier)]}{number(figure.value)} {figure.unit}"


def span_words(lower: float | None, upper: float | None) -> str:
    """Return in words what a claim's bounds allow: "6,500 or more", "exactly 6"."""
    if lower is not None and lower == upper:
        return f"exactly {number(lower)}"
    if lower is not None:
        return f"{number(lower)} or more, no upper bound"
    if upper is not None:
        return f"up to {number(upper)}, no lower bound"
    return "no bound either way"


@dataclass
class Axis:
    """The value axis: from `low` to `high`, with a labelled tick every `step`."""

    low: float
    high: float
    step: float

    def x(self, value: float) -> float:
        """Return where `value` sits, in percent of the chart's width, to 0.01."""
        return round((value - self.low) / (self.high - self.low) * 100, 2)

    def ticks(self) -> list[tuple[float, str]]:
        """Return each tick as (x in percent, label)."""
        count = round((self.high - self.low) / self.step)
        values = [self.low + i * self.step for i in range(count + 1)]
        return [(self.x(value), number(round(value, 9))) for value in values]


def _nice_step(span: float) -> float:
    """Return the smallest 1, 2, 2.5 or 5 × 10^k that cuts `span` into at most _TICKS steps."""
    raw = span / _TICKS
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw)


def axis(values: Sequence[float]) -> Axis:
    """Return the axis for the stated `values`: from 0 (or below the least, if negative) to
    a round number past the largest."""
    least, most = min(0.0, *values), max(0.0, *values)
    span = (most - least) * _HEADROOM or 1.0
    step = _nice_step(span)
    low = math.floor(least / step) * step
    high = math.ceil((least + span) / step) * step
    return Axis(low=low, high=max(high, low + step), step=step)


@dataclass
class Claim:
    """One claim, as a row of the chart."""

    figure_id: str
    words: str  # "more than 6,500 people"
    scope: str | None
    who: str  # "claimed by Armenia, per Caucasus Ledger" or "stated by Press TV"
    span: str  # "6,500 or more, no upper bound"
    start: float  # where the range begins, in percent; 0 when open below
    end: float  # where it ends; 100 when open above
    at: float  # where the stated value is
    open_below: bool
    open_above: bool
    source_id: str | None  # of its first citation: where the passage is


@dataclass
class Comparison:
    """Every live claim about `metric` in `event`, by value, and the chart's axis."""

    event: Event
    metric: str
    claims: list[Claim]
    axis: Axis

    @property
    def label(self) -> str:
        return self.metric.replace("_", " ")


def compare(session: Session, event_id: str, metric: str) -> Comparison:
    """Return the live claims about `metric` in event `event_id` and their chart.

    Raises HTTPException 404 when there is no such event, or it holds no live figure of
    `metric`.
    """
    event = get_or_404(session, Event, event_id)
    figures = session.exec(
        select(Figure)
        .options(selectin(Figure.citations), selectin(Figure.claimed_by_actor))
        .where(
            Figure.metric == metric,
            Figure.event_id == event_id,
            col(Figure.retracted_at).is_(None),
        )
        .order_by(col(Figure.value), col(Figure.id))
    ).all()
    if not figures or event.retracted_at is not None:
        raise HTTPException(404, f"Event {event_id!r} has no live figure of {metric!r}.")
    first_sources = {f.citations[0].source_id for f in figures if f.citations}
    publishers = dict(
        session.exec(
            select(Source.id, Source.publisher).where(col(Source.id).in_(first_sources))
        ).all()
    )
    scale = axis([f.value for f in figures])
    claims = []
    for figure in figures:
        source_id = figure.citations[0].source_id if figure.citations else None
        publisher = publishers.get(source_id or "", "the source")
        actor = figure.claimed_by_actor
        who = f"claimed by {actor.name}, per {publisher}" if actor else f"stated by {publisher}"
        lower, upper = bounds(Qualifier(figure.qualifier), figure.value)
        claims.append(
            Claim(
                figure_id=figure.id,
                words=amount(figure),
                scope=figure.scope,
                who=who,
                span=span_words(lower, upper),
                start=0.0 if lower is None else scale.x(lower),
                end=100.0 if upper is None else scale.x(upper),
                at=scale.x(figure.value),
                open_below=lower is None,
                open_above=upper is None,
                source_id=source_id,
            )
        )
    return Comparison(event=event, metric=metric, claims=claims, axis=scale)
