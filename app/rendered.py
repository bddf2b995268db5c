"""Pre-rendered JSON: a record's detail and list item, stored as the bytes the API answers.

The data is read far more than written, so the work of a detail view or a list page (loading
records with everything they embed, validating, serialising, hashing for the ETag) is done
once per write instead of once per read. Every ORM write keeps the stored bytes current by
itself: a flush notes which records' JSON the written rows appear in (an event's embeds its
place, actors, citations, parts, figures and statements, so writing any of those touches it),
and the commit re-renders exactly those, in the same transaction. A reader therefore sees the
rendered bytes and the rows they were rendered from change together, on every worker.

Rows written without the ORM (a bulk load, a database from before this table) have no
rendered bytes yet: their first GET takes the full path and stores what it answered, and
`conflict-facts render` renders all of them at once.
"""

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any

from fastapi import Response
from pydantic import BaseModel
from sqlalchemy import Connection, bindparam, delete, event, insert, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session, SQLModel, col

from app import caching
from app.models import (
    Actor,
    Citation,
    Event,
    EventActor,
    Figure,
    Place,
    Rendered,
    Statement,
)

TABLE = Rendered.__table__  # type: ignore[attr-defined]
BATCH = 500
"""Records loaded per query when re-rendering."""

Loader = Callable[[Session, Collection[str]], Iterable[tuple[str, BaseModel | None]]]


@dataclass(frozen=True)
class Kind:
    """A pre-rendered representation of a kind of record (its detail, or its list item)."""

    name: str
    model: type[SQLModel]
    load: Loader
    """Returns (id, detail) for those of the ids that exist; a None detail is not served
    as stored (its GET takes the full path)."""


KINDS: dict[str, Kind] = {}


def register(name: str, model: type[SQLModel], load: Loader) -> None:
    """Pre-render `model` rows as `load` returns them, under the kind `name`.

    Only events so far: `_affected_events` knows what an event's JSON embeds.
    """
    KINDS[name] = Kind(name, model, load)


def body(detail: BaseModel) -> bytes:
    """Return the JSON bytes FastAPI answers for `detail` (pydantic's own serialiser)."""
    return detail.__pydantic_serializer__.to_json(detail)


STORED = select(TABLE.c.body, TABLE.c.etag).where(
    TABLE.c.kind == bindparam("kind"), TABLE.c.id == bindparam("id")
)
"""The one query of a stored answer, built once: building it per request costs more than
running it."""


def response(session: Session, kind: str, id: str) -> Response | None:
    """Return the stored answer to the GET of record `id`, with its ETag, or None if there
    is none to serve (the caller takes the full path)."""
    row = session.connection().execute(STORED, {"kind": kind, "id": id}).first()
    if row is None or row.body is None:
        return None
    return Response(row.body, media_type="application/json", headers={"ETag": row.etag})


def with_bodies(statement: Any, kind: str, *columns: Any) -> Any:
    """Return `statement` selecting only `columns` and the stored `kind` rendering (`body`,
    null when there is none) of each row, instead of loading the rows."""
    id_column = statement.column_descriptions[0]["entity"].id
    stored = (TABLE.c.kind == kind) & (TABLE.c.id == id_column)
    return statement.with_only_columns(*columns, TABLE.c.body).outerjoin(TABLE, stored)


def fill(session: Session, kind: str, records: Iterable[tuple[str, BaseModel]]) -> None:
    """Store each (id, record) of `records` as the rendered `kind` of that id, unless one is
    stored already.

    Called after the full path served records that had none. It never overwrites: a write
    that committed meanwhile stored newer bytes, which must win. On a database this process
    may not write to (read-only, or locked past the busy timeout), they stay unstored.
    """
    values = []
    for id, record in records:
        data = body(record)
        values.append({"kind": kind, "id": id, "body": data, "etag": caching.etag(data)})
    if not values:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    # On the request's own connection: a second one per request could exhaust the pool.
    try:
        session.execute(dialect.insert(TABLE).on_conflict_do_nothing(), values)
        session.commit()
    except OperationalError:
        session.rollback()


def render(connection: Connection, kind: Kind, ids: Collection[str]) -> int:
    """Re-render the details of records `ids` of `kind` through `connection`, in its
    transaction; return how many were rendered. Records that no longer exist keep a null body."""
    rows = []
    ordered = sorted(ids)
    # A session of its own on the writer's connection: it sees the transaction's writes,
    # and no object a caller has loaded (with collections that may be stale) is reused.
    with Session(bind=connection) as session:
        for start in range(0, len(ordered), BATCH):
            batch = ordered[start : start + BATCH]
            details = dict(kind.load(session, batch))
            for id in batch:
                detail = details.get(id)
                data = None if detail is None else body(detail)
                etag = None if data is None else caching.etag(data)
                rows.append({"kind": kind.name, "id": id, "body": data, "etag": etag})
            session.expunge_all()
    # Replace, never skip: a reader filling the same record from older rows stores nothing.
    for start in range(0, len(rows), BATCH):
        batch_ids = [row["id"] for row in rows[start : start + BATCH]]
        connection.execute(
            delete(TABLE).where(TABLE.c.kind == kind.name, TABLE.c.id.in_(batch_ids))
        )
        connection.execute(insert(TABLE), rows[start : start + BATCH])
    return sum(row["body"] is not None for row in rows)


def render_all(session: Session) -> int:
    """Re-render every record of every kind in `session`'s transaction; return the count."""
    count = 0
    for kind in KINDS.values():
        id_column = col(getattr(kind.model, "id"))  # noqa: B009 - SQLModel types `id` as a str
        ids = list(session.execute(select(id_column)).scalars())
        count += render(session.connection(), kind, ids)
    return count


# --- keeping them current -----------------------------------------------------------------

TOUCHED = "rendered.touched"
"""Key in `Session.info` of the (table, id) pairs written since the last commit."""


def _values(row: Any, *names: str) -> Iterator[Any]:
    """Yield the values, old and new, that attributes `names` of `row` had in this flush."""
    state = inspect(row)
    for name in names:
        history = state.attrs[name].history
        yield from (v for v in chain(history.added, history.unchanged, history.deleted) if v)


def _touches(row: Any) -> Iterator[tuple[str, str]]:
    """Yield (table, id) pairs whose details embed `row`, written in this flush."""
    if isinstance(row, Event):
        yield from (("event", id) for id in _values(row, "id", "parent_id"))
    elif isinstance(row, EventActor | Figure | Statement):
        yield from (("event", id) for id in _values(row, "event_id"))
    elif isinstance(row, Citation):
        yield from (("event", id) for id in _values(row, "event_id"))
        yield from (("figure", id) for id in _values(row, "figure_id"))
        yield from (("statement", id) for id in _values(row, "statement_id"))
    elif isinstance(row, Place):
        yield from (("place", id) for id in _values(row, "id"))
    elif isinstance(row, Actor):
        yield from (("actor", id) for id in _values(row, "id"))


@event.listens_for(OrmSession, "after_flush")
def _note(session: OrmSession, _context: Any) -> None:
    # After the flush, so that new rows have their foreign keys; the history still holds
    # what each attribute was before.
    touched = session.info.setdefault(TOUCHED, set())
    for row in chain(session.new, session.dirty, session.deleted):
        touched.update(_touches(row))


def _affected_events(connection: Connection, touched: set[tuple[str, str]]) -> set[str]:
    """Return the ids of the events whose details embed any of the `touched` rows."""
    by_table: dict[str, list[str]] = {}
    for table, id in touched:
        by_table.setdefault(table, []).append(id)
    events = set(by_table.pop("event", []))
    queries = {
        "figure": select(col(Figure.event_id)).where(
            col(Figure.id).in_(by_table.get("figure", []))
        ),
        "statement": select(col(Statement.event_id)).where(
            col(Statement.id).in_(by_table.get("statement", []))
        ),
        "place": select(col(Event.id)).where(col(Event.place_id).in_(by_table.get("place", []))),
        "actor": select(col(EventActor.event_id)).where(
            col(EventActor.actor_id).in_(by_table.get("actor", []))
        ),
    }
    for table, query in queries.items():
        if by_table.get(table):
            events.update(id for id in connection.execute(query).scalars() if id is not None)
    return events


@event.listens_for(OrmSession, "before_commit")
def _refresh(session: OrmSession) -> None:
    session.flush()  # what is still pending is part of this commit too
    touched = session.info.pop(TOUCHED, None)
    if not touched:
        return
    connection = session.connection()
    events = _affected_events(connection, touched)
    for kind in KINDS.values():
        render(connection, kind, events)


@event.listens_for(OrmSession, "after_transaction_end")
def _forget(session: OrmSession, transaction: SessionTransaction) -> None:
    # A rolled back transaction wrote nothing to render; a committed one rendered it all.
    if transaction.parent is None:
        session.info.pop(TOUCHED, None)
