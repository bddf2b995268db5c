"""`/v1/timeline`: events in date order, their precision kept, with their figures and statements."""

from collections import Counter
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import Field, TypeAdapter, field_validator
from pydantic_core import PydanticCustomError
from sqlmodel import Session, col, func, select

from app import problems, rendering
from app.db import SessionDep
from app.exports import Format
from app.models import DatePrecision, Event
from app.models.timeline import TimelineEvent, TimelineGroup
from app.pagination import Page, PagerDep
from app.routers.events import EventQuery, matching, window
from app.search import Search, SearchDep

router = APIRouter(prefix="/v1/timeline", tags=["timeline"])


class TimelineQuery(EventQuery):
    sort: Literal["start_date", "-start_date"] = Field(
        "start_date", description="`-start_date` for newest first. Undated events come last."
    )
    group_by: Literal["month", "year"] | None = Field(
        None, description="Also count the matching events per month or year, in `groups`."
    )
    format: Literal[Format.json] | None = Field(
        None, description="Only `json`: the timeline is not exported (`/v1/events` is)."
    )

    @field_validator("format", mode="before")
    @classmethod
    def _json_only(cls, value: Any) -> Any:
        if value is not None and value != Format.json:
            raise PydanticCustomError(
                "format", "The timeline is JSON only; /v1/events exports the events"
            )
        return value


class TimelinePage(Page[TimelineEvent]):
    """A page of the timeline, and the counts per period when asked for."""

    groups: list[TimelineGroup] | None = Field(
        default=None,
        description="With `group_by`: every period in which a matching event starts (over all "
        "pages, in the order of `sort`, undated last), else null.",
    )


# Characters of an ISO date naming a period: 2022-04 for a month, 2022 for a year.
_PERIOD_LENGTH = {"month": 7, "year": 4}


def period(start: date | None, precision: str | None, group_by: str) -> str | None:
    """Return the period of `group_by` in which an event starting on `start` counts.

    An event known only to its year counts under the year even when grouping by month,
    rather than under a January it may not belong to.
    """
    if start is None:
        return None
    length = _PERIOD_LENGTH[group_by]
    if precision == DatePrecision.year:
        length = 4
    return start.isoformat()[:length]


GROUPS = TypeAdapter(list[TimelineGroup] | None)


@router.get(
    "",
    summary="Get the timeline",
    response_model=TimelinePage,
    responses=problems.responses(422, 429),
)
def list_timeline(
    query: Annotated[TimelineQuery, Query()],
    pager: PagerDep,
    session: SessionDep,
    search: SearchDep,
) -> Response:
    """List events by date, with a `when` that keeps their precision, and their figures
    and statements with citations; filters as on `/v1/events`.

    An event "in April 2022" shows as `"when": "2022-04"`, not as April 1st. Undated events
    come last. `group_by=month|year` adds `groups`, the count of matching events per period.
    """
    counted = groups(session, search, query, query.group_by) if query.group_by else None
    variants = [rendering.timeline()]
    if query.include_retracted:  # the events are filtered already; their facts are not
        variants.insert(0, rendering.timeline(True))
    statement = select(Event).where(*matching(query, search))
    extra = b',"groups":' + GROUPS.dump_json(counted)
    return pager.stored_page(statement, query, variants, extra, window(session, query))


def groups(
    session: Session, search: Search, query: TimelineQuery, group_by: str
) -> list[TimelineGroup]:
    """Return how many events matching `query` start in each period of `group_by`."""
    # Counted per distinct start date in the database, folded into periods here: the same
    # SQL on SQLite and PostgreSQL, and one row per day however many events there are.
    rows = session.exec(
        select(col(Event.start_date), col(Event.date_precision), func.count())
        .where(*matching(query, search))
        .group_by(col(Event.start_date), col(Event.date_precision))
    ).all()
    counts: Counter[str | None] = Counter()
    for start, precision, count in rows:
        counts[period(start, precision, group_by)] += count
    dated = sorted((key for key in counts if key is not None), reverse=query.sort[0] == "-")
    keys: list[str | None] = [*dated, *([None] if None in counts else [])]
    return [TimelineGroup(period=key, count=counts[key]) for key in keys]
