"""Serving: every GET of a record or a page of records answers stored renderings
(app.rendering); nothing is rendered, and nothing written, to answer a read.

A detail is one primary-key read of its stored bytes and ETag; a page of a list is one keyset
query joined to its records' stored items (app.pagination).
"""

from fastapi import HTTPException, Response
from sqlalchemy import Connection, bindparam, select
from sqlmodel import Session

from app import problems, rendering
from app.db import get_or_404
from app.kinds import Kind
from app.models import Retractable
from app.rendering import RENDERED

JSON = "application/json"

STORED = select(RENDERED.c.body, RENDERED.c.etag).where(
    RENDERED.c.kind == bindparam("kind"), RENDERED.c.id == bindparam("id")
)
"""The one query of a stored rendering, built once: building it per request costs more than
running it."""


def stored(connection: Connection, variant: str, id: str) -> tuple[bytes, str] | None:
    """Return the body and ETag of the `variant` rendering (`event.detail`) of record `id`."""
    row = connection.execute(STORED, {"kind": variant, "id": id}).first()
    return None if row is None else (row.body, row.etag)


def ensure_live(kind: Kind, row: Retractable, include_retracted: bool = False) -> None:
    """Raise the 410 problem, with the retraction, for a retracted `row` (unless asked to
    include retracted records)."""
    retraction = row.retraction
    if retraction is not None and not include_retracted:
        record_id = getattr(row, "id")  # noqa: B009 - SQLModel types `id` per table
        detail = (
            f"{kind.singular.capitalize()} {record_id!r} was retracted: {retraction.reason} "
            "(`?include_retracted=true` shows it)."
        )
        raise problems.ProblemException(410, detail, retraction=retraction)


def detail(session: Session, kind: Kind, id: str, include_retracted: bool = False) -> Response:
    """Return the stored answer to `GET /v1/{kind}/{id}`, with its ETag.

    Raises HTTPException 404 when there is no such record, and the 410 problem for a
    retracted fact unless `include_retracted`.
    """
    connection = session.connection()
    variants = [rendering.detail(kind)]
    if include_retracted and kind.fact:
        variants.insert(0, rendering.everything(kind))
    for variant in variants:
        found = None if "\x00" in id else stored(connection, variant, id)
        if found is not None:
            return Response(found[0], media_type=JSON, headers={"ETag": found[1]})
    row = get_or_404(session, kind.table, id)
    if isinstance(row, Retractable):
        ensure_live(kind, row)
    detail = f"{kind.singular} {id!r} has no stored rendering: run `conflict-facts render`."
    raise HTTPException(500, detail)
