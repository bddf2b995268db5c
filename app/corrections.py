"""Corrections to facts: PATCH, retract, and the history that records them.

A correction goes through the loader (app.bundles) as a one-record bundle, so it is checked
exactly as an ingest is: the same date rules, the same quote location, the same references.
Nothing is ever deleted: a retracted fact keeps its id and its history.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Header, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session, SQLModel, col, select

from app import bundles, caching, changes, problems
from app.auth import CuratorDep
from app.db import WritingSessionDep, get_or_404
from app.idempotency import Idempotency, IdempotencyDep
from app.models import (
    Event,
    EventUpdate,
    Figure,
    FigureUpdate,
    RecordKind,
    Retractable,
    Revision,
    RevisionOp,
    RevisionPublic,
    Statement,
    StatementUpdate,
)
from app.pagination import Page, decode_cursor, encode_cursor

Detail = TypeVar("Detail", bound=BaseModel)

WRITE_PROBLEMS = problems.responses(400, 401, 403, 404, 410, 412, 413, 422, 429)
"""The errors a correction or a retraction may answer; 400 is a body that is not even text
(not UTF-8), which FastAPI refuses before it can be read as JSON."""


FACTS: dict[RecordKind, type[Retractable]] = {
    RecordKind.events: Event,
    RecordKind.figures: Figure,
    RecordKind.statements: Statement,
}
"""The tables of the facts a curator corrects and retracts."""


class RevisionPage(Page[RevisionPublic]):
    """A page of revisions, oldest first."""


def ensure_live(kind: RecordKind, row: Retractable, include_retracted: bool = False) -> None:
    """Raise the 410 problem, with the retraction, for a retracted `row` (unless asked to
    include retracted records)."""
    retraction = row.retraction
    if retraction is not None and not include_retracted:
        record_id = getattr(row, "id")  # noqa: B009 - SQLModel types `id` per table
        name = kind.removesuffix("s").capitalize()
        detail = (
            f"{name} {record_id!r} was retracted: {retraction.reason} "
            "(`?include_retracted=true` shows it)."
        )
        raise problems.ProblemException(410, detail, retraction=retraction)


def check_if_match(if_match: str | None, current: BaseModel) -> None:
    """Raise the 412 problem when `If-Match` names no ETag of `current`, the representation a
    GET of the record answers now. No `If-Match` writes unconditionally; `*` matches any.

    ETags are compared strongly (RFC 9110 §13.1.1): a weak one never matches.
    """
    if if_match is None or if_match.strip() == "*":
        return
    tag = caching.representation_etag(current)
    if tag not in (candidate.strip() for candidate in if_match.split(",")):
        raise HTTPException(
            412, f"The record changed since you read it; its ETag is now {tag}. GET it again."
        )


def _curated(kind: RecordKind, row: SQLModel) -> dict[str, Any]:
    """Return the record `row` in the bundle format, each citation quoting its exact words."""
    record = changes.snapshot(kind, row)
    record["citations"] = [
        {"source_id": c["source_id"], "via": c["via"], "quote": c["exact"], "prefix": c["prefix"]}
        for c in record["citations"]
    ]
    for derived in ("retraction", "lower_bound", "upper_bound"):
        record.pop(derived, None)
    return record


def correct(
    session: Session,
    kind: RecordKind,
    row: SQLModel,
    update: EventUpdate | FigureUpdate | StatementUpdate,
    by: str,
    origin: str,
) -> None:
    """Apply the curated fields set in `update` to `row`, checked and recorded as an ingest.

    Raises the 422 problem listing every error, each with a JSON pointer into the request body.
    """
    fields = update.model_dump(mode="json", exclude_unset=True, exclude={"reason"})
    try:
        bundle = bundles.Bundle.model_validate({kind: [_curated(kind, row) | fields]})
    except ValidationError as exc:
        raise problems.invalid(
            [
                problems.ProblemError(
                    location="body",
                    name="".join(f"/{part}" for part in error["loc"][2:]),
                    detail=error["msg"],
                )
                for error in exc.errors()
            ]
        ) from exc
    try:
        bundles.load(session, bundle, origin, by=by, reason=update.reason)
    except bundles.BundleError as exc:
        here = f"/{kind}/0"
        raise problems.invalid(
            [
                problems.ProblemError(
                    location="body",
                    name=p.pointer.removeprefix(here),
                    detail=p.message,
                    record_id=p.fact_id,
                )
                for p in exc.problems
            ]
        ) from exc


def retract(session: Session, kind: RecordKind, row: Retractable, reason: str, by: str) -> None:
    """Retract the fact `row` for `reason`, recording the revision. It is kept, not deleted."""
    before, at = changes.snapshot(kind, row), changes.now()
    row.retracted_at, row.retraction_reason, row.retracted_by = at, reason, by
    record_id: str = getattr(row, "id")  # noqa: B009 - SQLModel types `id` per table
    last = changes.numbers(session, kind, [record_id]).get(record_id)
    changes.record(
        session, kind, row, before, last, by=by, reason=reason, op=RevisionOp.retract, at=at
    )


def write_answer(
    session: Session, response: Response, idempotency: Idempotency, detail: Callable[[], Detail]
) -> Detail:
    """Return the record's new `detail()` with its ETag in the response, after committing it
    with the answer remembered under the request's idempotency key."""
    session.flush()
    session.expire_all()  # the detail is read again, as this transaction now holds it
    current = detail()
    response.headers["ETag"] = caching.representation_etag(current)
    idempotency.remember(200, current, response)
    session.commit()
    return current


IfMatch = Annotated[
    str | None,
    Header(
        description="The ETag of the record as you last read it: the write is refused with 412 "
        "if the record changed since. Without it, the write is unconditional."
    ),
]


@dataclass
class Write:
    """A correction or a retraction under way: who makes it, in which transaction, under
    which idempotency key and on which condition (`If-Match`)."""

    curator: str
    session: Session
    idempotency: Idempotency
    response: Response
    if_match: str | None

    def correct(
        self,
        kind: RecordKind,
        id: str,
        update: EventUpdate | FigureUpdate | StatementUpdate,
        detail: Callable[[bool], Detail],
    ) -> Detail:
        """Apply `update` to the record `id` and return its new `detail(False)`, committed.

        Raises the 404, 410 (retracted), 412 (`If-Match`) and 422 problems.
        """
        row = self._current(kind, id, detail)
        correct(self.session, kind, row, update, self.curator, f"PATCH {id}")
        return write_answer(self.session, self.response, self.idempotency, lambda: detail(False))

    def retract(
        self, kind: RecordKind, id: str, reason: str, detail: Callable[[bool], Detail]
    ) -> Detail:
        """Retract the record `id` for `reason` and return its new `detail(True)`, committed.

        Raises the 404, 410 (already retracted) and 412 (`If-Match`) problems.
        """
        row = self._current(kind, id, detail)
        retract(self.session, kind, row, reason, self.curator)
        return write_answer(self.session, self.response, self.idempotency, lambda: detail(True))

    def _current(
        self, kind: RecordKind, id: str, detail: Callable[[bool], BaseModel]
    ) -> Retractable:
        """Return the live record `id` if `If-Match` matches it. Raises 404, 410 or 412."""
        row = get_or_404(self.session, FACTS[kind], id)
        ensure_live(kind, row)
        check_if_match(self.if_match, detail(False))
        return row


def writing(
    curator: CuratorDep,
    session: WritingSessionDep,
    idempotency: IdempotencyDep,
    response: Response,
    if_match: IfMatch = None,
) -> Write:
    """Return the write a correction or a retraction request makes."""
    return Write(curator, session, idempotency, response, if_match)


WriteDep = Annotated[Write, Depends(writing)]


def revisions(
    session: Session,
    request: Request,
    response: Response,
    *,
    after: str | None,
    limit: int,
    kind: RecordKind | None = None,
    record_id: str | None = None,
) -> tuple[list[RevisionPublic], str, bool]:
    """Return up to `limit` revisions after the cursor `after` in commit order (of one record,
    if `kind` and `record_id` are given), the cursor after the last one, and whether there
    are more. Sets the `Link: rel="next"` header when there are.
    """
    column: InstrumentedAttribute[Any] = getattr(Revision, "seq")  # noqa: B009 - typed as int
    seq = 0 if after is None else decode_cursor(after, "seq", column)[0]
    statement = select(Revision).where(col(Revision.seq) > seq)
    if kind is not None:
        statement = statement.where(Revision.kind == kind, Revision.record_id == record_id)
    rows = list(session.exec(statement.order_by(col(Revision.seq)).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = encode_cursor("seq", rows[-1].seq if rows else seq, "")
    if more:
        param = "since" if kind is None else "cursor"
        next_url = request.url.include_query_params(**{param: cursor})
        response.headers["Link"] = f'<{next_url}>; rel="next"'
    return [RevisionPublic.model_validate(row) for row in rows], cursor, more


class HistoryQuery(BaseModel):
    """Query parameters of a record's history; unknown parameters are rejected."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(25, ge=1, le=100, description="Revisions per page.")
    cursor: str | None = Field(
        None, max_length=2048, description="`next_cursor` of the previous page; opaque."
    )


def history(
    session: Session,
    request: Request,
    response: Response,
    kind: RecordKind,
    model: type[SQLModel],
    id: str,
    query: HistoryQuery,
) -> RevisionPage:
    """Return a page of the history of the `model` record `id`. Raises 404 if there is none."""
    get_or_404(session, model, id)
    data, cursor, more = revisions(
        session, request, response, after=query.cursor, limit=query.limit, kind=kind, record_id=id
    )
    return RevisionPage(data=data, next_cursor=cursor if more else None)


IncludeRetracted = Annotated[
    bool, Query(description="Also show retracted records, with their `retraction`.")
]
