"""The timeline: events in date order, each with its figures and statements."""

from pydantic import model_validator
from sqlmodel import Field, SQLModel

from app.models.actors import ActorPublic
from app.models.events import EventPublic, when
from app.models.figures import FigurePublic
from app.models.statements import StatementPublic


class TimelineFigure(FigurePublic):
    claimed_by_actor: ActorPublic | None


class TimelineStatement(StatementPublic):
    speaker_actor: ActorPublic
    reported_by_actor: ActorPublic | None


class TimelineEvent(EventPublic):
    when: str | None = Field(
        default=None,
        description='The date as precise as it is known: "2022-07-16", "2022-04" (a month), '
        '"2022" (a year), "2022-07/2022-08" (a span), "2022-02-24/.." (still going on), '
        "or null when undated.",
    )
    figures: list[TimelineFigure]
    statements: list[TimelineStatement]

    @model_validator(mode="after")
    def _when(self) -> "TimelineEvent":
        # Derived on every read, so it always agrees with the dates and their precision.
        self.when = when(self.start_date, self.end_date, self.date_precision)
        return self


class TimelineGroup(SQLModel):
    period: str | None = Field(
        description='"2022-04" (group_by=month) or "2022" (group_by=year); an event dated only '
        'to its year counts under "2022" in either; null for undated events.'
    )
    count: int = Field(description="Events matching the filters that start in this period.")
