"""Corrections to facts: PATCH, retract, and the history that records them.

A correction goes through the loader (app.bundles) as a one-record bundle, so it is checked
exactly as an ingest is: the same date rules, the same quote location, the same references.
Nothing is ever deleted: a retracted fact keeps its id and its history.
"""

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session, SQLModel, col, select

from app import bundles, changes, problems, rendering, serving
from app.auth import CuratorDep
from app.db import get_or_404
from app.idempotency import Idempotency, IdempotencyDep
from app.kinds import Kind
from app.models import (
    EventUpdate,
    FigureUpdate,
    Retractable,
    Revision,
    RevisionOp,
    RevisionOrigin,
    RevisionPublic,
    StatementUpdate,
)
from app.pagination import Page, decode_cursor, encode_cursor
from app.writes import Write, WriteDep

WRITE_PROBLEMS = problems.responses(400, 401, 403, 404, 410, 412, 413, 422, 429)
"""The errors a correction or a retraction may answer; 400 is a body that is not even text
(not UTF-8), which FastAPI refuses before it can be read as JSON."""


class RevisionPage(Page[RevisionPublic]):
    """A page of revisions, oldest first."""


def check_if_match(if_match: str | None, tag: str) -> None:
    """Raise the 412 problem when `If-Match` does not name `tag`, the ETag a GET of the record
    answers now. No `If-Match` writes unconditionally; `*` matches any.

    ETags are compared strongly (RFC 9110 §13.1.1): a weak one never matches.
    """
    if if_match is None or if_match.strip() == "*":
        return
    if tag not in (candidate.strip() for candidate in if_match.split(",")):
        raise HTTPException(
            412, f"The record changed since you read it; its ETag is now {tag}. GET it again."
        )


def _curated(kind: Kind, row: SQLModel) -> dict[str, Any]:
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
    write: Write,
    kind: Kind,
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
        bundle = bundles.Bundle.model_validate({kind.name: [_curated(kind, row) | fields]})
    except ValidationError as exc:
        raise problems.invalid(
            [
                problems.ProblemError(
                    location="body",
                    name=problems.pointer_of(error["loc"][2:], error),
                    detail=problems.detail_of(error),
                )
                for error in exc.errors()
            ]
        ) from exc
    try:
        bundles.load(
            write, bundle, origin, by=by, reason=update.reason, made_by=RevisionOrigin.correction
        )
    except bundles.BundleError as exc:
        here = f"/{kind.name}/0"
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


def retract(write: Write, kind: Kind, row: Retractable, reason: str, by: str) -> None:
    """Retract the fact `row` for `reason`, recording the revision. It is kept, not deleted."""
    record_id: str = getattr(row, "id")  # noqa: B009 - SQLModel types `id` per table
    write.changing(kind, [record_id])
    before, at = changes.snapshot(kind, row), changes.now()
    row.retracted_at, row.retraction_reason, row.retracted_by = at, reason, by
    last = changes.numbers(write.session, kind, [record_id]).get(record_id)
    changes.record(
        write.session,
        kind,
        row,
        before,
        last,
        by=by,
        reason=reason,
        op=RevisionOp.retract,
        at=at,
        origin=RevisionOrigin.retraction,
    )
    write.changed(kind, [record_id])


@dataclass
class Correction:
    """A correction or a retraction under way: who makes it, in which write, under which
    idempotency key and on which condition (`If-Match`)."""

    curator: str
    write: Write
    idempotency: Idempotency
    if_match: str | None

    def correct(
        self, kind: Kind, id: str, update: EventUpdate | FigureUpdate | StatementUpdate
    ) -> Response:
        """Apply `update` to the record `id` and answer its new detail, committed.

        Raises the 404, 410 (retracted), 412 (`If-Match`) and 422 problems.
        """
        row = self._current(kind, id)
        correct(self.write, kind, row, update, self.curator, f"PATCH {id}")
        return self._answer(rendering.detail(kind), id)

    def retract(self, kind: Kind, id: str, reason: str) -> Response:
        """Retract the record `id` for `reason` and answer its new detail (as
        `include_retracted=true` shows it), committed.

        Raises the 404, 410 (already retracted) and 412 (`If-Match`) problems.
        """
        row = self._current(kind, id)
        retract(self.write, kind, row, reason, self.curator)
        return self._answer(rendering.everything(kind), id)

    def _current(self, kind: Kind, id: str) -> Retractable:
        """Return the live record `id` if `If-Match` matches it. Raises 404, 410 or 412."""
        row = get_or_404(self.write.session, kind.table, id)
        assert isinstance(row, Retractable)  # noqa: S101 - only facts are corrected
        serving.ensure_live(kind, row)
        current = serving.stored(self.write.session.connection(), rendering.detail(kind), id)
        check_if_match(self.if_match, current[1] if current else "")
        return row

    def _answer(self, variant: str, id: str) -> Response:
        """Return the record's `variant` rendering with its ETag, after committing the write
        with the answer remembered under the request's idempotency key."""
        self.write.render()
        found = serving.stored(self.write.session.connection(), variant, id)
        assert found is not None  # noqa: S101 - the write just rendered it
        body, tag = found
        self.idempotency.remember(200, body, {"ETag": tag})
        self.write.commit()
        return Response(body, media_type=serving.JSON, headers={"ETag": tag})


IfMatch = Annotated[
    str | None,
    Header(
        description="The ETag of the record as you last read it: the write is refused with 412 "
        "if the record changed since. Without it, the write is unconditional."
    ),
]


def correction(
    curator: CuratorDep,
    write: WriteDep,
    idempotency: IdempotencyDep,
    if_match: IfMatch = None,
) -> Correction:
    """Return the correction or retraction a request makes."""
    return Correction(curator, write, idempotency, if_match)


CorrectionDep = Annotated[Correction, Depends(correction)]


def revisions(
    session: Session,
    request: Request,
    response: Response,
    *,
    after: str | None,
    limit: int,
    kind: Kind | None = None,
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
        statement = statement.where(Revision.kind == kind.name, Revision.record_id == record_id)
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
    kind: Kind,
    id: str,
    query: HistoryQuery,
) -> RevisionPage:
    """Return a page of the history of the `kind` record `id`. Raises 404 if there is none."""
    get_or_404(session, kind.table, id)
    data, cursor, more = revisions(
        session, request, response, after=query.cursor, limit=query.limit, kind=kind, record_id=id
    )
    return RevisionPage(data=data, next_cursor=cursor if more else None)


IncludeRetracted = Annotated[
    bool, Query(description="Also show retracted records, with their `retraction`.")
]
