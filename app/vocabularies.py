"""The free-text vocabularies curators choose from: what values are in use, and which new
value is close to one of them ("injuries" beside "injured")."""

import difflib
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


def _terms(session: Session, column: Any, table: Any, live: Any) -> list[Term]:
    """Return the values of `column` in the rows of `table` that hold `live`, with counts."""
    statement = select(column, func.count()).select_from(table)
    if live is not None:
        statement = statement.where(live)
    rows = session.exec(statement.group_by(column)).all()
    terms = [Term(value=str(value), count=count) for value, count in rows]
    return sorted(terms, key=lambda term: (-term.count, term.value))


def in_use(session: Session) -> Vocabularies:
    """Return the vocabularies in use by live (not retracted) records."""
    live_event = col(Event.retracted_at).is_(None)
    live_figure = col(Figure.retracted_at).is_(None)
    roles = (
        select(EventActor.role, func.count())
        .join(Event, col(Event.id) == col(EventActor.event_id))
        .where(live_event)
        .group_by(col(EventActor.role))
    )
    return Vocabularies(
        event_types=_terms(session, col(Event.type), Event, live_event),
        roles=sorted(
            (Term(value=v, count=n) for v, n in session.exec(roles).all()),
            key=lambda term: (-term.count, term.value),
        ),
        metrics=_terms(session, col(Figure.metric), Figure, live_figure),
        units=_terms(session, col(Figure.unit), Figure, live_figure),
        qualifiers=_terms(session, col(Figure.qualifier), Figure, live_figure),
    )


def close_to(value: str, terms: list[Term]) -> Term | None:
    """Return the term closest to the new `value` among `terms`, if one is close; None when
    `value` is one of them or none is close."""
    values = {term.value: term for term in terms}
    if value in values:
        return None
    match = difflib.get_close_matches(value, list(values), n=1, cutoff=CLOSE)
    return values[match[0]] if match else None
