"""The free-text vocabularies curators choose from: what values are in use, and which new
value is close to one of them ("injuries" beside "injured")."""

import difflib
from collections import Counter
from typing import Any

from pydantic import BaseModel, Field
from sqlmodel import Session, col, func, select

from app.models import Event, EventActor, Figure

CLOSE = 0.75
"""How alike (difflib's ratio, 0 to 1) a new value and a stored one must be to warn."""


class Term(BaseModel):
    """A value in use, and how many live records use it."""

    value: str
    count: int


class Vocabularies(BaseModel):
    """Every value in use for each vocabulary, the most used first."""

    event_types: list[Term] = Field(description="Events' `type`.")
    roles: list[Term] = Field(description="Actors' roles in events (`actors[].role`).")
    metrics: list[Term] = Field(description="Figures' `metric`.")
    units: list[Term] = Field(description="Figures' `unit`.")
    qualifiers: list[Term] = Field(description="Figures' `qualifier`.")


def _terms(session: Session, column: Any, retracted: Any) -> list[Term]:
    """Return the values of `column` in use by live records, with counts, the most used first:
    the counts of every row less those of the rows `retracted` selects."""
    # The counts of every row read an index alone (migration 0014), and the retracted rows
    # are few, looked up by key from a list of their ids. Counting only the live rows looked
    # each row up instead (10-17 s at a million events).
    counts = Counter(dict(session.exec(select(column, func.count()).group_by(column)).all()))
    gone = select(column, func.count()).where(retracted).group_by(column)
    counts.subtract(dict(session.exec(gone).all()))
    terms = [Term(value=str(value), count=count) for value, count in counts.items() if count > 0]
    return sorted(terms, key=lambda term: (-term.count, term.value))


def in_use(session: Session) -> Vocabularies:
    """Return the vocabularies in use by live (not retracted) records."""
    retracted_events = select(Event.id).where(col(Event.retracted_at).is_not(None))
    retracted_figures = select(Figure.id).where(col(Figure.retracted_at).is_not(None))
    retracted_event = col(Event.id).in_(retracted_events)
    retracted_figure = col(Figure.id).in_(retracted_figures)
    return Vocabularies(
        event_types=_terms(session, col(Event.type), retracted_event),
        roles=_terms(session, col(EventActor.role), col(EventActor.event_id).in_(retracted_events)),
        metrics=_terms(session, col(Figure.metric), retracted_figure),
        units=_terms(session, col(Figure.unit), retracted_figure),
        qualifiers=_terms(session, col(Figure.qualifier), retracted_figure),
    )


def close_to(value: str, terms: list[Term]) -> Term | None:
    """Return the term closest to the new `value` among `terms`, if one is close; None when
    `value` is one of them or none is close."""
    values = {term.value: term for term in terms}
    if value in values:
        return None
    match = difflib.get_close_matches(value, list(values), n=1, cutoff=CLOSE)
    return values[match[0]] if match else None
